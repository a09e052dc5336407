export { type PlanningContext, SchedulePage } from './components/SchedulePage';
export type { ShiftView } from './hooks/weekModel';
