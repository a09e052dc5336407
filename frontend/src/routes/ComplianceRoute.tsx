import { ComplianceRulesPage } from '@/features/compliance';

export function ComplianceRoute() {
  return <ComplianceRulesPage />;
}
