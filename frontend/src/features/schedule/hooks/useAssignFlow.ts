import { useState } from 'react';
import type { Violation } from '@/client/types.gen';
import { type ApiError, toApiError } from '@/lib/errors';
import { type AssignInput, useAssign } from '../api/schedule';

export interface Attempt {
  shiftId: string;
  personId: string;
  personName: string;
  shiftLabel: string;
}

export type Verdict =
  | { kind: 'refused'; attempt: Attempt; error: ApiError; afterOverride: boolean }
  | { kind: 'assigned'; attempt: Attempt; warnings: Violation[] }
  | null;

/**
 * One assignment attempt and the rule engine's verdict: refused with reasons (409),
 * assigned with warnings, or assigned cleanly. An override re-sends with a written reason.
 */
export function useAssignFlow() {
  const assign = useAssign();
  const [verdict, setVerdict] = useState<Verdict>(null);

  const run = async (attempt: Attempt, overrideReason?: string) => {
    const input: AssignInput = { shiftId: attempt.shiftId, personId: attempt.personId };
    if (overrideReason) input.overrideReason = overrideReason;
    try {
      const created = await assign.mutateAsync(input);
      setVerdict({ kind: 'assigned', attempt, warnings: created.warnings ?? [] });
    } catch (thrown) {
      setVerdict({
        kind: 'refused',
        attempt,
        error: toApiError(thrown),
        afterOverride: overrideReason !== undefined,
      });
    }
  };

  return {
    verdict,
    pending: assign.isPending,
    assign: (attempt: Attempt) => run(attempt),
    override: (attempt: Attempt, reason: string) => run(attempt, reason),
    dismiss: () => setVerdict(null),
  };
}
