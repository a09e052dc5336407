import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import { Navigate, useLocation } from 'react-router';
import { toApiError } from '@/lib/errors';
import { useMe } from '@/lib/session';
import { AppShell } from './AppShell';

/** The signed-in part of the app: no session → sign-in page, never a blank screen. */
export function RequireSession() {
  const me = useMe();
  const location = useLocation();

  if (me.isPending) return <Spinner label="Loading…" style={{ marginTop: 80 }} />;
  if (me.isError) {
    const error = toApiError(me.error);
    if (error.error === 'unauthenticated') {
      const next = encodeURIComponent(location.pathname + location.search);
      return <Navigate to={`/sign-in?next=${next}`} replace />;
    }
    return (
      <MessageBar intent="error" style={{ margin: 24 }}>
        <MessageBarBody>
          {error.detail}{' '}
          <Button size="small" onClick={() => void me.refetch()}>
            Try again
          </Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <AppShell me={me.data} />;
}
