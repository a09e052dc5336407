import { vi } from 'vitest';
import { configureApiClient } from '@/lib/api';

export interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Reply = { status: number; body?: unknown };
type Handler = (call: Call) => Reply | undefined;

/**
 * Replace fetch at the client boundary: each route answers by method and path;
 * anything unrouted answers 404 so a missing mock fails loudly.
 */
export function mockApi(routes: Record<string, Reply | Handler>) {
  configureApiClient('http://localhost');
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    const text = await input.text();
    const call: Call = {
      method: input.method,
      path: url.pathname + url.search,
      headers: input.headers,
      body: text ? JSON.parse(text) : undefined,
    };
    calls.push(call);
    const route = routes[`${call.method} ${url.pathname}`] ?? routes[`${call.method} ${call.path}`];
    const reply = typeof route === 'function' ? route(call) : route;
    const { status, body } = reply ?? {
      status: 404,
      body: { error: 'not_found', detail: `No mock for ${call.method} ${call.path}` },
    };
    return new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock };
}
