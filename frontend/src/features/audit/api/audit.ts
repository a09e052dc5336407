import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listAuditEntriesOptions, listUsersOptions } from '@/client/@tanstack/react-query.gen';

export const PAGE_SIZE = 50;

export interface AuditFilter {
  recordType: string;
  action: string;
  fromDate: string;
  toDate: string;
}

/** Local dates become the viewer's midnights; "to" includes its whole day. */
function instant(date: string, endOfDay: boolean): string | null {
  if (!date) return null;
  const d = new Date(`${date}T00:00:00`);
  if (endOfDay) d.setDate(d.getDate() + 1);
  return d.toISOString();
}

export function useAuditEntries(filter: AuditFilter, page: number) {
  return useQuery({
    ...listAuditEntriesOptions({
      query: {
        record_type: filter.recordType.trim() || null,
        action: filter.action.trim() || null,
        from: instant(filter.fromDate, false),
        to: instant(filter.toDate, true),
        limit: PAGE_SIZE,
        offset: page * PAGE_SIZE,
      },
    }),
    placeholderData: keepPreviousData,
  });
}

export function useUserEmails() {
  return useQuery({
    ...listUsersOptions({ query: { limit: 500 } }),
    select: (page) => new Map(page.items.map((u) => [u.id, u.email])),
  });
}
