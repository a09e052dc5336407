import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
} from '@fluentui/react-components';
import type { FormEventHandler, ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  submitLabel: string;
  pending: boolean;
  formError: string | null;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  children: ReactNode;
  /** Further actions, placed before Cancel (e.g. a destructive "Cancel shift"). */
  extraActions?: ReactNode;
}

/** A modal form: fields, a form-level error above them, cancel and submit. */
export function FormDialog(props: Props) {
  const {
    open,
    title,
    submitLabel,
    pending,
    formError,
    onSubmit,
    onClose,
    children,
    extraActions,
  } = props;
  return (
    <Dialog open={open} onOpenChange={(_, data) => !data.open && onClose()}>
      <DialogSurface>
        <form onSubmit={onSubmit} noValidate>
          <DialogBody>
            <DialogTitle>{title}</DialogTitle>
            <DialogContent style={{ display: 'grid', gap: 12 }}>
              {formError && (
                <MessageBar intent="error">
                  <MessageBarBody>{formError}</MessageBarBody>
                </MessageBar>
              )}
              {children}
            </DialogContent>
            <DialogActions>
              {extraActions}
              <Button appearance="secondary" onClick={onClose} disabled={pending}>
                Cancel
              </Button>
              <Button
                appearance="primary"
                type="submit"
                disabled={pending}
                icon={pending ? <Spinner size="tiny" /> : undefined}
              >
                {submitLabel}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
