export { SwapInbox } from './components/SwapInbox';
