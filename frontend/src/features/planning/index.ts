export { PlanningActions } from './components/PlanningActions';
export { ShiftEditor } from './components/ShiftEditor';
export { TemplatesPage } from './components/TemplatesPage';
