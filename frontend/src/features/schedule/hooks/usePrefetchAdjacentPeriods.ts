import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { adjacentPeriods, type Period } from '../api/period';
import { scheduleGridOptions } from '../api/schedule';

/**
 * Once the shown period's grid has arrived, ask for the grids the WeekPicker's previous and
 * next arrows lead to. The server takes ~200 ms to build a week nobody has asked for yet, and
 * coordinators move week by week: a prefetched grid is already in the client cache when they
 * move, so the move is instant. Waiting for `loaded` keeps these asks from competing with the
 * grid the coordinator is waiting for; nothing is asked when that grid failed. Prefetched grids
 * keep the default staleTime, so moving back and forth asks nothing more for 30 s.
 *
 * @param period the period shown, or null while its location is not known
 * @param loaded whether that period's grid has loaded successfully
 */
export function usePrefetchAdjacentPeriods(period: Period | null, loaded: boolean): void {
  const queryClient = useQueryClient();
  const locationId = period?.locationId ?? null;
  const startDate = period?.startDate ?? null;
  const days = period?.days ?? null;
  useEffect(() => {
    if (!loaded || locationId === null || startDate === null || days === null) return;
    const { previous, next } = adjacentPeriods({ locationId, startDate, days });
    void queryClient.prefetchQuery(scheduleGridOptions(previous));
    void queryClient.prefetchQuery(scheduleGridOptions(next));
  }, [queryClient, loaded, locationId, startDate, days]);
}
