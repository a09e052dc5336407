import type { QueryClient } from '@tanstack/react-query';
import { listLocationsOptions, listSkillsOptions } from '@/client/@tanstack/react-query.gen';
import { earlyPeriod, rememberedLocation } from './api/period';
import { scheduleGridOptions } from './api/schedule';

/**
 * Ask for everything the week grid shows at once, at app start, in parallel with the session
 * check: the locations, the skills and (when the address or the last visit names the location)
 * the grid itself. Kept apart from the feature's index so that importing it from the app's
 * start does not pull the grid's components into the first chunk.
 */
export function prefetchSchedule(queryClient: QueryClient, search: string): void {
  void queryClient.prefetchQuery(listLocationsOptions());
  void queryClient.prefetchQuery(listSkillsOptions());
  const period = earlyPeriod(new URLSearchParams(search), rememberedLocation());
  if (period) void queryClient.prefetchQuery(scheduleGridOptions(period));
}
