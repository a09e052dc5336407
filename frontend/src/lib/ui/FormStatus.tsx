import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { ReactNode } from 'react';

/** A form's outcome above its fields: the success note once saved, else the error that
 * names no field (field errors sit beside their field). */
export function FormStatus({ saved, error }: { saved?: ReactNode; error?: string | null }) {
  return (
    <>
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>{saved}</MessageBarBody>
        </MessageBar>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}
