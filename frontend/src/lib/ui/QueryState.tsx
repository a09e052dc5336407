import { Body1, Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { toApiError } from '../errors';

interface Props {
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  empty: ReactNode;
  loadingLabel?: string;
  onRetry?: () => void;
  children: ReactNode;
}

/** Loading, failed and empty states shown the same way on every screen. */
export function QueryState({
  isPending,
  error,
  isEmpty,
  empty,
  loadingLabel,
  onRetry,
  children,
}: Props) {
  if (isPending) return <Spinner label={loadingLabel ?? 'Loading…'} style={{ margin: 32 }} />;
  if (error) {
    return (
      <MessageBar intent="error">
        <MessageBarBody>
          {toApiError(error).detail}{' '}
          {onRetry && (
            <Button size="small" onClick={onRetry}>
              Try again
            </Button>
          )}
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (isEmpty) {
    return (
      <Body1 as="p" block>
        {empty}
      </Body1>
    );
  }
  return <>{children}</>;
}
