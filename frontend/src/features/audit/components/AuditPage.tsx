import {
  Button,
  Field,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { useState } from 'react';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { type AuditFilter, useAuditEntries, useUserEmails } from '../api/audit';
import { describeChanges } from './changes';

const EMPTY: AuditFilter = { recordType: '', action: '', fromDate: '', toDate: '' };
const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The organisation's append-only trail: who changed what, when, and why. */
export function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>(EMPTY);
  const [page, setPage] = useState(0);
  const entries = useAuditEntries(filter, page);
  const users = useUserEmails();
  const rows = entries.data?.items ?? [];
  const set = (key: keyof AuditFilter) => (_: unknown, d: { value: string }) => {
    setFilter((f) => ({ ...f, [key]: d.value }));
    setPage(0);
  };

  return (
    <section>
      <PageHeader title="Audit trail" />
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <Field label="Record type">
          <Input placeholder="e.g. people" value={filter.recordType} onChange={set('recordType')} />
        </Field>
        <Field label="Action">
          <Input placeholder="e.g. person.updated" value={filter.action} onChange={set('action')} />
        </Field>
        <Field label="From">
          <Input type="date" value={filter.fromDate} onChange={set('fromDate')} />
        </Field>
        <Field label="To">
          <Input type="date" value={filter.toDate} onChange={set('toDate')} />
        </Field>
      </div>
      <QueryState
        isPending={entries.isPending}
        error={entries.error}
        isEmpty={rows.length === 0}
        empty="No changes match these filters."
        onRetry={() => void entries.refetch()}
      >
        <Table aria-label="Audit entries" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell style={{ width: 170 }}>When</TableHeaderCell>
              <TableHeaderCell>Who</TableHeaderCell>
              <TableHeaderCell>Action</TableHeaderCell>
              <TableHeaderCell>Changes</TableHeaderCell>
              <TableHeaderCell>Reason</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{when.format(new Date(e.created_at))}</TableCell>
                <TableCell>
                  {e.actor_user_id ? (users.data?.get(e.actor_user_id) ?? 'A user') : 'System'}
                </TableCell>
                <TableCell>{e.action}</TableCell>
                <TableCell>
                  {describeChanges(e.before, e.after).map((line) => (
                    <div key={line}>{line}</div>
                  ))}
                </TableCell>
                <TableCell>{e.reason ?? ''}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <div style={{ display: 'flex', gap: 8, marginTop: 12 }}>
          <Button disabled={page === 0} onClick={() => setPage(page - 1)}>
            Newer
          </Button>
          <Button disabled={entries.data?.next_offset == null} onClick={() => setPage(page + 1)}>
            Older
          </Button>
        </div>
      </QueryState>
    </section>
  );
}
