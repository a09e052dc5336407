import { SkillsPage } from '@/features/skills';
import { hasRole, useMe } from '@/lib/session';

export function SkillsRoute() {
  const me = useMe().data;
  return <SkillsPage canEdit={hasRole(me, 'admin')} />;
}
