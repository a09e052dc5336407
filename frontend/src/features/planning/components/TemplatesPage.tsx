import {
  Button,
  Caption1,
  Dropdown,
  Option,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { AddRegular, ArchiveRegular, CalendarAddRegular, EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Template } from '@/client/types.gen';
import { toApiError } from '@/lib/errors';
import { localDate, zoneDiffers, zoneName } from '@/lib/time';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import {
  useArchiveTemplate,
  usePlanningLocations,
  useSkillChoices,
  useTemplates,
} from '../api/planning';
import { GenerateDialog } from './GenerateDialog';
import { describeRule } from './recurrence';
import { TemplateForm } from './TemplateForm';

type Open =
  | { kind: 'edit'; template: Template | null }
  | { kind: 'generate'; template: Template }
  | null;

/** Recurring shift patterns of one location: create, edit, generate shifts, archive. */
export function TemplatesPage({ locationIds }: { locationIds: readonly string[] | null }) {
  const locations = usePlanningLocations(locationIds);
  const [chosen, setChosen] = useState<string | null>(null);
  const location = locations.data?.find((l) => l.id === chosen) ?? locations.data?.[0] ?? null;
  const templates = useTemplates(location?.id ?? null);
  const skills = useSkillChoices();
  const archive = useArchiveTemplate();
  const [open, setOpen] = useState<Open>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const rows = templates.data?.items ?? [];
  const zone = location?.time_zone ?? 'UTC';
  const skillName = (id: string | null) =>
    (id && skills.data?.find((s) => s.id === id)?.name) || 'Any skill';

  const doArchive = (t: Template) =>
    archive.mutate(
      { path: { template_id: t.id } },
      { onError: (e) => setRowError({ id: t.id, message: toApiError(e).detail }) },
    );

  return (
    <section>
      <PageHeader
        title="Shift patterns"
        actions={
          <>
            <Dropdown
              aria-label="Location"
              value={location?.name ?? ''}
              selectedOptions={location ? [location.id] : []}
              onOptionSelect={(_, d) => setChosen(d.optionValue ?? null)}
            >
              {(locations.data ?? []).map((l) => (
                <Option key={l.id} value={l.id}>
                  {l.name}
                </Option>
              ))}
            </Dropdown>
            {location && (
              <Button
                appearance="primary"
                icon={<AddRegular />}
                onClick={() => setOpen({ kind: 'edit', template: null })}
              >
                New pattern
              </Button>
            )}
          </>
        }
      />
      {location && zoneDiffers(zone) && (
        <Caption1 as="p">
          Times are local to {location.name}: {zoneName(zone)}.
        </Caption1>
      )}
      <QueryState
        isPending={locations.isPending || (location !== null && templates.isPending)}
        error={locations.error ?? templates.error}
        isEmpty={location === null || rows.length === 0}
        empty={
          location === null
            ? 'You have no locations to plan yet.'
            : `No shift patterns at ${location.name} yet. A pattern repeats a shift daily or on chosen weekdays.`
        }
        onRetry={() => void templates.refetch()}
      >
        <Table aria-label="Shift patterns">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Repeats</TableHeaderCell>
              <TableHeaderCell>Time</TableHeaderCell>
              <TableHeaderCell>Skill</TableHeaderCell>
              <TableHeaderCell>Dates</TableHeaderCell>
              <TableHeaderCell style={{ width: 130 }}>Actions</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((t) => (
              <TableRow key={t.id}>
                <TableCell>{t.name}</TableCell>
                <TableCell>{describeRule(t.rrule)}</TableCell>
                <TableCell>
                  {t.start_time.slice(0, 5)}–{t.end_time.slice(0, 5)} · {t.headcount} needed
                </TableCell>
                <TableCell>{skillName(t.skill_id)}</TableCell>
                <TableCell>
                  From {t.starts_on_date}
                  {t.until_date ? ` until ${t.until_date}` : ''}
                  {rowError?.id === t.id && (
                    <Caption1
                      as="p"
                      role="alert"
                      style={{ color: 'var(--colorPaletteRedForeground1)' }}
                    >
                      {rowError.message}
                    </Caption1>
                  )}
                </TableCell>
                <TableCell>
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<EditRegular />}
                    aria-label={`Edit ${t.name}`}
                    onClick={() => setOpen({ kind: 'edit', template: t })}
                  />
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<CalendarAddRegular />}
                    aria-label={`Generate shifts from ${t.name}`}
                    onClick={() => setOpen({ kind: 'generate', template: t })}
                  />
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<ArchiveRegular />}
                    aria-label={`Archive ${t.name}`}
                    onClick={() => doArchive(t)}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </QueryState>
      {open?.kind === 'edit' && location && (
        <TemplateForm location={location} template={open.template} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'generate' && (
        <GenerateDialog
          template={open.template}
          today={localDate(new Date(), zone)}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
