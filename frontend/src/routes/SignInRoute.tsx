import {
  Card,
  MessageBar,
  MessageBarBody,
  makeStyles,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '@/features/auth';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    display: 'grid',
    placeItems: 'center',
    padding: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  card: {
    width: 'min(400px, 100%)',
    padding: tokens.spacingHorizontalXXL,
    display: 'grid',
    gap: '16px',
  },
});

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function SignInRoute() {
  const styles = useStyles();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const expired = params.get('expired') === '1';

  return (
    <div className={styles.page}>
      <Card className={styles.card}>
        <Title2 as="h1">Sign in to Shiftwise</Title2>
        {expired && (
          <MessageBar intent="warning">
            <MessageBarBody>Your session has ended. Sign in again to continue.</MessageBarBody>
          </MessageBar>
        )}
        <SignInForm onSignedIn={() => navigate(safeNext(params.get('next')), { replace: true })} />
      </Card>
    </div>
  );
}
