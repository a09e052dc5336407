import {
  Badge,
  Button,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { AddRegular, EditRegular, SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Person } from '@/client/types.gen';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { useLocationChoices, usePeople } from '../api/people';
import { PersonForm } from './PersonForm';
import { EMPLOYMENT_TYPES } from './personSchema';

type Editing = { person: Person | null } | null;

function hours(p: Person): string {
  const c = p.contracted_hours_per_week;
  const m = p.max_hours_per_week;
  if (c == null && m == null) return '';
  return `${c == null ? '—' : Number(c)} h${m == null ? '' : ` (max ${Number(m)})`}`;
}

export function PeoplePage({ canEdit }: { canEdit: boolean }) {
  const [q, setQ] = useState('');
  const [page, setPage] = useState(0);
  const people = usePeople(q, page);
  const locations = useLocationChoices();
  const [editing, setEditing] = useState<Editing>(null);
  const rows = people.data?.items ?? [];
  const locationName = new Map((locations.data ?? []).map((l) => [l.id, l.name]));

  return (
    <section>
      <PageHeader
        title="People"
        actions={
          <>
            <Input
              aria-label="Search by name"
              placeholder="Search by name"
              contentBefore={<SearchRegular />}
              value={q}
              onChange={(_, d) => {
                setQ(d.value);
                setPage(0);
              }}
            />
            {canEdit && (
              <Button
                appearance="primary"
                icon={<AddRegular />}
                onClick={() => setEditing({ person: null })}
              >
                New person
              </Button>
            )}
          </>
        }
      />
      <QueryState
        isPending={people.isPending}
        error={people.error}
        isEmpty={rows.length === 0}
        empty={q ? `Nobody’s name contains “${q}”.` : 'No people yet. Add the staff you schedule.'}
        onRetry={() => void people.refetch()}
      >
        <Table aria-label="People">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Employment</TableHeaderCell>
              <TableHeaderCell>Hours a week</TableHeaderCell>
              <TableHeaderCell>Home location</TableHeaderCell>
              <TableHeaderCell>Skills</TableHeaderCell>
              {canEdit && <TableHeaderCell style={{ width: 80 }}>Actions</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((p) => (
              <TableRow key={p.id}>
                <TableCell>
                  {p.display_name} {!p.is_active && <Badge appearance="outline">Inactive</Badge>}
                </TableCell>
                <TableCell>
                  {EMPLOYMENT_TYPES.find((t) => t.value === p.employment_type)?.label}
                </TableCell>
                <TableCell>{hours(p)}</TableCell>
                <TableCell>
                  {p.home_location_id ? locationName.get(p.home_location_id) : ''}
                </TableCell>
                <TableCell>{p.skills.map((s) => s.name).join(', ')}</TableCell>
                {canEdit && (
                  <TableCell>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<EditRegular />}
                      aria-label={`Edit ${p.display_name}`}
                      onClick={() => setEditing({ person: p })}
                    />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Button disabled={people.data?.next_offset == null} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </div>
      </QueryState>
      {editing && <PersonForm person={editing.person} onClose={() => setEditing(null)} />}
    </section>
  );
}
