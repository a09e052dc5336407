export { SkillsPage } from './components/SkillsPage';
