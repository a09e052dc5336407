import { afterEach, describe, expect, it } from 'vitest';
import { createQueryClient } from '@/lib/queryClient';
import { mockApi } from '@/test/api';
import { prefetchForAddress } from './prefetch';

const ME = { status: 200, body: { id: 'u1', role: 'coordinator', location_ids: ['loc1'] } };
const routes = {
  'GET /api/v1/me': ME,
  'GET /api/v1/locations': { status: 200, body: [] },
  'GET /api/v1/skills': { status: 200, body: [] },
  'GET /api/v1/schedule': { status: 200, body: {} },
};
const paths = (calls: { path: string }[]) => calls.map((c) => c.path.split('?')[0]).sort();

afterEach(() => {
  // biome-ignore lint/suspicious/noDocumentCookie: jsdom has no Cookie Store; the app reads document.cookie
  document.cookie = 'shiftwise_csrf=; max-age=0; path=/';
});

describe('prefetch at app start', () => {
  it('asks for the session, the locations, the skills and the grid at once', async () => {
    // biome-ignore lint/suspicious/noDocumentCookie: as above, the cookie set at sign-in
    document.cookie = 'shiftwise_csrf=t; path=/';
    const { calls, fetchMock } = mockApi(routes);
    prefetchForAddress(createQueryClient(), {
      pathname: '/schedule',
      search: '?location=loc1&week=2026-03-02',
    });
    // All four are on their way before any of them has answered.
    await expect.poll(() => fetchMock.mock.calls.length).toBe(4);
    expect(paths(calls)).toEqual([
      '/api/v1/locations',
      '/api/v1/me',
      '/api/v1/schedule',
      '/api/v1/skills',
    ]);
    expect(calls.find((c) => c.path.startsWith('/api/v1/schedule'))?.path).toContain(
      'location_id=loc1',
    );
  });

  it('asks only who is signed in when this browser has no session', async () => {
    const { calls, fetchMock } = mockApi(routes);
    prefetchForAddress(createQueryClient(), { pathname: '/schedule', search: '?location=loc1' });
    await expect.poll(() => fetchMock.mock.calls.length).toBe(1);
    expect(paths(calls)).toEqual(['/api/v1/me']);
  });
});
