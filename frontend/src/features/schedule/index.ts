export { type PlanningContext, SchedulePage } from './components/SchedulePage';
