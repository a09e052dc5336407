import { useMutation, useQuery } from '@tanstack/react-query';
import {
  acceptScheduleRunMutation,
  cancelScheduleRunMutation,
  createScheduleRunMutation,
  discardScheduleRunMutation,
  getScheduleRunOptions,
} from '@/client/@tanstack/react-query.gen';
import type { ScheduleRunState } from '@/client/types.gen';
import { useInvalidateSchedule } from './schedule';

export const RUNNING: readonly ScheduleRunState[] = ['queued', 'running'];

export function useStartRun() {
  return useMutation(createScheduleRunMutation());
}

/** One run, polled every second while the solver works. */
export function useRun(runId: string | null) {
  return useQuery({
    ...getScheduleRunOptions({ path: { run_id: runId ?? '' } }),
    enabled: runId !== null,
    refetchInterval: (query) =>
      !query.state.data || RUNNING.includes(query.state.data.state) ? 1000 : false,
  });
}

export function useAcceptRun() {
  return useMutation({ ...acceptScheduleRunMutation(), onSuccess: useInvalidateSchedule() });
}

export function useDiscardRun() {
  return useMutation(discardScheduleRunMutation());
}

export function useCancelRun() {
  return useMutation(cancelScheduleRunMutation());
}
