export { SchedulePage } from './components/SchedulePage';
