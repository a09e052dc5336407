export { ShiftEditor } from './components/lazyDialogs';
export { PlanningActions } from './components/PlanningActions';
export { TemplatesPage } from './components/TemplatesPage';
