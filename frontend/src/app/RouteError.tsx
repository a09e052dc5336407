import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { useRouteError } from 'react-router';

/**
 * A screen that failed to load or render. The usual cause is a page chunk missing after a new
 * release was deployed, which a reload fixes; never a blank page.
 */
export function RouteError() {
  const error = useRouteError();
  const chunk = error instanceof TypeError && /import|module/i.test(error.message);
  return (
    <MessageBar intent="error" style={{ margin: 24 }}>
      <MessageBarBody>
        {chunk
          ? 'This screen could not be loaded; the app may have been updated.'
          : 'Something went wrong showing this screen.'}{' '}
        <Button size="small" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </MessageBarBody>
    </MessageBar>
  );
}
