import { client } from '@/client/client.gen';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_COOKIE = 'shiftwise_csrf';

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remember the token returned by sign-in, for when the cookie cannot be read. */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

function readCookie(name: string): string | null {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/**
 * Whether this browser was signed in (the CSRF cookie, readable by scripts, is set at sign-in
 * and removed at sign-out). Only a hint: the session may have ended since, which the first
 * request's 401 says.
 */
export function hasSessionHint(): boolean {
  return readCookie(CSRF_COOKIE) !== null;
}

/** Called when any request other than sign-in answers 401: the session has ended. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function isSignIn(url: string): boolean {
  return new URL(url, window.location.origin).pathname === '/api/v1/auth/login';
}

let configured = false;

/** Cookies travel with every request; unsafe methods carry the CSRF header. */
export function configureApiClient(baseUrl = ''): void {
  client.setConfig({ baseUrl, credentials: 'include' });
  if (configured) return;
  configured = true;
  client.interceptors.request.use((request) => {
    if (UNSAFE.has(request.method.toUpperCase())) {
      const token = readCookie(CSRF_COOKIE) ?? csrfToken;
      if (token) request.headers.set('X-CSRF-Token', token);
    }
    return request;
  });
  client.interceptors.response.use((response, request) => {
    if (response.status === 401 && !isSignIn(request.url)) onUnauthenticated?.();
    return response;
  });
}
