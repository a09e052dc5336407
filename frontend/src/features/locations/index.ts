export { LocationsPage } from './components/LocationsPage';
