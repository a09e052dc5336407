import { TemplatesPage } from '@/features/planning';
import { useMe } from '@/lib/session';

export function TemplatesRoute() {
  const me = useMe().data;
  if (!me) return null;
  return <TemplatesPage locationIds={me.role === 'admin' ? null : me.location_ids} />;
}
