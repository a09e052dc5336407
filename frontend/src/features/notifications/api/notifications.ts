import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import {
  getOwnContactOptions,
  getOwnContactQueryKey,
  getPreferencesOptions,
  getPreferencesQueryKey,
  listNotificationsOptions,
  putPreferencesMutation,
  readAllMutation,
  readOneMutation,
  unreadCountOptions,
  unreadCountQueryKey,
  updateOwnContactMutation,
} from '@/client/@tanstack/react-query.gen';
import type { UnreadCount } from '@/client/types.gen';

const INBOX = new Set(['listNotifications', 'unreadCount']);

function useInvalidateInbox() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => INBOX.has((q.queryKey[0] as { _id?: string } | undefined)?._id ?? ''),
    });
}

export function useUnreadCount(enabled: boolean) {
  return useQuery({ ...unreadCountOptions(), enabled, staleTime: 60_000 });
}

export function useInbox(enabled: boolean) {
  return useQuery({ ...listNotificationsOptions({ query: { limit: 20 } }), enabled });
}

export function useReadOne() {
  return useMutation({ ...readOneMutation(), onSuccess: useInvalidateInbox() });
}

export function useReadAll() {
  return useMutation({ ...readAllMutation(), onSuccess: useInvalidateInbox() });
}

/**
 * Live inbox: the server's event stream sets the unread count and announces new rows.
 * EventSource reconnects by itself (the server ends each stream after a while).
 */
export function useInboxStream(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream', { withCredentials: true });
    source.addEventListener('unread_count', (e) => {
      const count = JSON.parse((e as MessageEvent<string>).data) as UnreadCount;
      queryClient.setQueryData(unreadCountQueryKey(), count);
    });
    source.addEventListener('notification', () => {
      void queryClient.invalidateQueries({
        predicate: (q) =>
          (q.queryKey[0] as { _id?: string } | undefined)?._id === 'listNotifications',
      });
    });
    return () => source.close();
  }, [enabled, queryClient]);
}

export function usePreferences() {
  return useQuery(getPreferencesOptions());
}

export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    ...putPreferencesMutation(),
    onSuccess: (prefs) => queryClient.setQueryData(getPreferencesQueryKey(), prefs),
  });
}

/** My own contact details (people only: a login without a profile has none to set). */
export function useOwnContact(enabled: boolean) {
  return useQuery({ ...getOwnContactOptions(), enabled });
}

export function useSaveOwnContact() {
  const queryClient = useQueryClient();
  return useMutation({
    ...updateOwnContactMutation(),
    onSuccess: (contact) => queryClient.setQueryData(getOwnContactQueryKey(), contact),
  });
}
