import { Button, MessageBar, MessageBarActions, MessageBarBody } from '@fluentui/react-components';
import type { Verdict } from '../hooks/useAssignFlow';

/** The last successful assignment, with any soft warnings the rule engine raised. */
export function AssignOutcome({
  verdict,
  onDismiss,
}: {
  verdict: Extract<Verdict, { kind: 'assigned' }>;
  onDismiss: () => void;
}) {
  const { attempt, warnings } = verdict;
  return (
    <MessageBar intent={warnings.length > 0 ? 'warning' : 'success'} role="status">
      <MessageBarBody>
        {attempt.personName} assigned to {attempt.shiftLabel}.
        {warnings.length > 0 && (
          <ul style={{ margin: '4px 0 0' }}>
            {warnings.map((w) => (
              <li key={`${w.rule}:${w.message}`}>{w.message}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={onDismiss}>
          Dismiss
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
