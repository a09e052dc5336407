export { PeoplePage } from './components/PeoplePage';
