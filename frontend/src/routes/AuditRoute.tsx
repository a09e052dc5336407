import { AuditPage } from '@/features/audit';

export function AuditRoute() {
  return <AuditPage />;
}
