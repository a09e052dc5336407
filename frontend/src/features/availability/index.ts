export { AvailabilityPage } from './components/AvailabilityPage';
