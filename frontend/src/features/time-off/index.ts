export { RequestsInbox } from './components/RequestsInbox';
export { TimeOffPage } from './components/TimeOffPage';
