import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { Verdict } from '../hooks/useAssignFlow';

interface Props {
  verdict: Extract<Verdict, { kind: 'refused' }>;
  pending: boolean;
  onOverride: (reason: string) => void;
  onClose: () => void;
}

/** Why an assignment was refused, in words, with an override that needs a written reason. */
export function VerdictDialog({ verdict, pending, onOverride, onClose }: Props) {
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { attempt, error } = verdict;
  const ruleBreach = error.error === 'rule_violation' && error.violations.length > 0;
  const reasonMissing = reason.trim().length === 0;

  return (
    <Dialog open onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface aria-describedby="verdict-reasons">
        <DialogBody>
          <DialogTitle>
            {attempt.personName} was not assigned to {attempt.shiftLabel}
          </DialogTitle>
          <DialogContent id="verdict-reasons" style={{ display: 'grid', gap: 12 }}>
            {verdict.afterOverride && (
              <MessageBar intent="error">
                <MessageBarBody>
                  The override was not accepted: at least one of these rules cannot be overridden.
                </MessageBarBody>
              </MessageBar>
            )}
            {ruleBreach ? (
              <>
                <p style={{ margin: 0 }}>The assignment breaks these rules:</p>
                <ul aria-label="Rule violations" style={{ margin: 0 }}>
                  {error.violations.map((v) => (
                    <li key={`${v.rule}:${v.message}`}>{v.message}</li>
                  ))}
                </ul>
                <Field
                  label="Reason for overriding"
                  hint="Some rules (such as an expired skill) may be overridden; the reason is kept in the audit trail."
                  validationMessage={
                    touched && reasonMissing
                      ? 'Write why this assignment should go ahead.'
                      : undefined
                  }
                >
                  <Textarea
                    value={reason}
                    onChange={(_, d) => setReason(d.value)}
                    onBlur={() => setTouched(true)}
                  />
                </Field>
              </>
            ) : (
              <p style={{ margin: 0 }}>{error.detail}</p>
            )}
          </DialogContent>
          <DialogActions>
            <Button appearance={ruleBreach ? 'secondary' : 'primary'} onClick={onClose}>
              {ruleBreach ? 'Cancel' : 'Close'}
            </Button>
            {ruleBreach && (
              <Button
                appearance="primary"
                disabled={pending}
                icon={pending ? <Spinner size="tiny" /> : undefined}
                onClick={() => {
                  setTouched(true);
                  if (!reasonMissing) onOverride(reason.trim());
                }}
              >
                Override and assign
              </Button>
            )}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
