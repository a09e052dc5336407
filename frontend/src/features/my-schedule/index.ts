export { MySchedulePage } from './components/MySchedulePage';
