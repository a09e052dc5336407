export { ComplianceRulesPage } from './components/ComplianceRulesPage';
