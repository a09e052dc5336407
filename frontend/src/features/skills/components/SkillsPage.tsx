import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { AddRegular, EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Skill } from '@/client/types.gen';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { useSkills } from '../api/skills';
import { SkillForm } from './SkillForm';

type Editing = { skill: Skill | null } | null;

export function SkillsPage({ canEdit }: { canEdit: boolean }) {
  const skills = useSkills();
  const [editing, setEditing] = useState<Editing>(null);
  const rows = skills.data ?? [];

  return (
    <section>
      <PageHeader
        title="Skills"
        actions={
          canEdit && (
            <Button
              appearance="primary"
              icon={<AddRegular />}
              onClick={() => setEditing({ skill: null })}
            >
              New skill
            </Button>
          )
        }
      />
      <QueryState
        isPending={skills.isPending}
        error={skills.error}
        isEmpty={rows.length === 0}
        empty="No skills yet. Skills such as “Registered nurse” or “Forklift” say who may work a shift."
        onRetry={() => void skills.refetch()}
      >
        <Table aria-label="Skills">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Description</TableHeaderCell>
              {canEdit && <TableHeaderCell style={{ width: 80 }}>Actions</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((skill) => (
              <TableRow key={skill.id}>
                <TableCell>{skill.name}</TableCell>
                <TableCell>{skill.description ?? ''}</TableCell>
                {canEdit && (
                  <TableCell>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<EditRegular />}
                      aria-label={`Edit ${skill.name}`}
                      onClick={() => setEditing({ skill })}
                    />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </QueryState>
      {editing && <SkillForm skill={editing.skill} onClose={() => setEditing(null)} />}
    </section>
  );
}
