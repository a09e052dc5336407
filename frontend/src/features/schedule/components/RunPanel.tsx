import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { AcceptResult, ScheduleRun } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { RUNNING, useAcceptRun, useCancelRun, useDiscardRun } from '../api/runs';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function num(value: number | null | undefined, digits = 0): string {
  return value == null ? '—' : value.toLocaleString(undefined, { maximumFractionDigits: digits });
}

/** Objective, bound, gap and time: how far the solver has got. */
export function progressText(run: ScheduleRun): string {
  const p = run.progress;
  const gap = p.gap == null ? '—' : `${(p.gap * 100).toFixed(1)}%`;
  return `Objective ${num(p.objective)} · bound ${num(p.bound)} · gap ${gap} · ${num(
    p.elapsed_s,
    1,
  )} of ${run.time_limit_s} s`;
}

interface Props {
  run: ScheduleRun;
  /** The proposal's changes at the location shown. */
  counts: { add: number; remove: number; open: number; dropped: number };
  onDone: (result: AcceptResult | null) => void;
  onChanged: () => void;
}

/** A run in progress (with cancel), or its proposal to accept or discard. */
export function RunPanel({ run, counts, onDone, onChanged }: Props) {
  const accept = useAcceptRun();
  const discard = useDiscardRun();
  const cancel = useCancelRun();
  const [error, setError] = useState<string | null>(null);
  const path = { path: { run_id: run.id } };
  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (thrown) {
      const e = toApiError(thrown);
      setError([e.detail, ...e.violations.map((v) => v.message)].join(' '));
      onChanged();
    }
  };
  const busy = accept.isPending || discard.isPending || cancel.isPending;

  if (RUNNING.includes(run.state)) {
    const elapsed = run.progress.elapsed_s ?? 0;
    return (
      <MessageBar intent="info" layout="multiline" aria-live="polite">
        <MessageBarBody>
          <MessageBarTitle>
            {run.state === 'queued' ? 'Waiting for the solver…' : 'The auto-scheduler is working…'}
          </MessageBarTitle>
          <Body1 block>{progressText(run)}</Body1>
          <ProgressBar
            aria-label="Time used"
            value={Math.min(1, elapsed / Math.max(1, run.time_limit_s))}
          />
          {error && <Caption1 block>{error}</Caption1>}
        </MessageBarBody>
        <MessageBarActions>
          <Button
            disabled={busy || run.cancel_requested}
            onClick={() =>
              void act(async () => {
                await cancel.mutateAsync(path);
                onChanged();
              })
            }
          >
            {run.cancel_requested ? 'Cancelling…' : 'Cancel run'}
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }

  if (run.state === 'succeeded' && run.proposal) {
    const warnings = run.proposal.warnings;
    return (
      <section aria-label="Auto-scheduler proposal">
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Proposal: nothing has changed yet</MessageBarTitle>
            <Body1 block>
              {plural(counts.add, 'assignment')} to add
              {counts.remove > 0 ? `, ${counts.remove} to remove` : ''};{' '}
              {plural(counts.open, 'seat')} would stay open
              {counts.dropped > 0 ? `; ${counts.dropped} refused by the rules and left out` : ''}.
              Proposed assignments are dashed in the grid; removals are struck through.
            </Body1>
            <Caption1 block>{progressText(run)}</Caption1>
            {warnings.length > 0 && (
              <ul aria-label="Warnings on the proposal" style={{ margin: '4px 0 0' }}>
                {warnings.slice(0, 5).map((w) => (
                  <li key={`${w.rule}:${w.message}`}>{w.message}</li>
                ))}
                {warnings.length > 5 && <li>and {warnings.length - 5} more warnings</li>}
              </ul>
            )}
            {error && (
              <Body1 block role="alert">
                {error}
              </Body1>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              disabled={busy}
              icon={accept.isPending ? <Spinner size="tiny" /> : undefined}
              onClick={() => void act(async () => onDone(await accept.mutateAsync(path)))}
            >
              Accept proposal
            </Button>
            <Button
              disabled={busy}
              onClick={() =>
                void act(async () => {
                  await discard.mutateAsync(path);
                  onDone(null);
                })
              }
            >
              Discard
            </Button>
          </MessageBarActions>
        </MessageBar>
      </section>
    );
  }

  const words: Record<string, string> = {
    failed: 'The auto-scheduler failed.',
    cancelled: 'The run was cancelled; nothing changed.',
    accepted: 'This proposal was accepted.',
    discarded: 'This proposal was discarded.',
    succeeded: 'The run found no proposal.',
  };
  return (
    <MessageBar intent={run.state === 'failed' ? 'error' : 'info'}>
      <MessageBarBody>
        {words[run.state]} {run.message}
      </MessageBarBody>
      <MessageBarActions>
        <Button onClick={() => onDone(null)}>Close</Button>
      </MessageBarActions>
    </MessageBar>
  );
}
