import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AcceptResult } from '@/client/types.gen';
import { RUNNING, useRun } from '../api/runs';
import type { ProposalOverlay } from './weekModel';

/**
 * The auto-scheduler run shown with the grid (its id in the URL, so a reload keeps it), and
 * its proposal narrowed to the location shown, to lay over the grid as a preview.
 */
export function useAutoSchedule(locationId: string | null) {
  const [params, setParams] = useSearchParams();
  const runId = params.get('run');
  const run = useRun(runId);
  const [accepted, setAccepted] = useState<AcceptResult | null>(null);
  const setRun = (id: string | null) =>
    setParams((p) => {
      if (id) p.set('run', id);
      else p.delete('run');
      return p;
    });
  const proposal = run.data?.state === 'succeeded' ? run.data.proposal : null;
  const overlay = useMemo<ProposalOverlay | null>(() => {
    if (!proposal || !locationId) return null;
    const here = <T extends { location_id: string }>(items: readonly T[]) =>
      items.filter((i) => i.location_id === locationId);
    return {
      add: here(proposal.add),
      remove: here(proposal.remove),
      openSeats: here(proposal.open_seats),
    };
  }, [proposal, locationId]);
  const counts = {
    add: overlay?.add.length ?? 0,
    remove: overlay?.remove.length ?? 0,
    open: overlay?.openSeats.reduce((n, s) => n + s.count, 0) ?? 0,
    dropped: proposal?.dropped.filter((d) => d.assignment.location_id === locationId).length ?? 0,
  };
  return {
    run: run.data ?? null,
    runError: run.error,
    active: run.data ? RUNNING.includes(run.data.state) : runId !== null,
    overlay,
    counts,
    accepted,
    refetch: () => void run.refetch(),
    started: (id: string) => {
      setAccepted(null);
      setRun(id);
    },
    done: (result: AcceptResult | null) => {
      setAccepted(result);
      setRun(null);
    },
    dismissAccepted: () => setAccepted(null),
  };
}
