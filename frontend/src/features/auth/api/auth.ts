import { useMutation, useQueryClient } from '@tanstack/react-query';
import { loginMutation, logoutMutation, meQueryKey } from '@/client/@tanstack/react-query.gen';
import { rememberCsrfToken } from '@/lib/api';

/** Sign in; the session cookie is set by the server, "me" is primed from the answer. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    ...loginMutation(),
    onSuccess: (data) => {
      rememberCsrfToken(data.csrf_token);
      queryClient.setQueryData(meQueryKey(), data.me);
    },
  });
}

/** Sign out on the server, then forget everything cached for this user. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    ...logoutMutation(),
    onSettled: () => {
      rememberCsrfToken(null);
      queryClient.clear();
    },
  });
}
