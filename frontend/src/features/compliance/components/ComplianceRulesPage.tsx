import { Caption1, Field, Input, Select, Tab, TabList } from '@fluentui/react-components';
import { useState } from 'react';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { type Scope, useLocationChoices, usePeopleSearch, useRuleLayer } from '../api/compliance';
import { RulesForm } from './RulesForm';

/** Compliance rules: the organisation's, then a location's and a person's overrides. */
export function ComplianceRulesPage() {
  const [kind, setKind] = useState<Scope['kind']>('organisation');
  const [locationId, setLocationId] = useState('');
  const [personId, setPersonId] = useState('');
  const [q, setQ] = useState('');
  const locations = useLocationChoices();
  const people = usePeopleSearch(q);
  const scope: Scope | null =
    kind === 'organisation'
      ? { kind }
      : kind === 'location'
        ? locationId
          ? { kind, id: locationId }
          : null
        : personId
          ? { kind, id: personId }
          : null;
  const layer = useRuleLayer(scope ?? { kind: 'organisation' });
  const name =
    kind === 'organisation'
      ? 'the organisation'
      : kind === 'location'
        ? (locations.data?.find((l) => l.id === locationId)?.name ?? 'the location')
        : (people.data?.items.find((p) => p.id === personId)?.display_name ?? 'the person');

  return (
    <section>
      <PageHeader title="Compliance rules" />
      <Caption1 as="p">
        Each rule applies from the organisation’s settings, unless a location or a person sets it
        differently. A person’s rules build on their home location’s.
      </Caption1>
      <TabList
        selectedValue={kind}
        onTabSelect={(_, d) => setKind(d.value as Scope['kind'])}
        aria-label="Whose rules"
      >
        <Tab value="organisation">Organisation</Tab>
        <Tab value="location">A location</Tab>
        <Tab value="person">A person</Tab>
      </TabList>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', margin: '12px 0' }}>
        {kind === 'location' && (
          <Field label="Location">
            <Select value={locationId} onChange={(_, d) => setLocationId(d.value)}>
              <option value="">Choose a location</option>
              {(locations.data ?? [])
                .filter((l) => !l.archived_at)
                .map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.name}
                  </option>
                ))}
            </Select>
          </Field>
        )}
        {kind === 'person' && (
          <>
            <Field label="Find a person">
              <Input value={q} onChange={(_, d) => setQ(d.value)} placeholder="Name" />
            </Field>
            <Field label="Person">
              <Select value={personId} onChange={(_, d) => setPersonId(d.value)}>
                <option value="">{people.isPending ? 'Loading people…' : 'Choose a person'}</option>
                {(people.data?.items ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.display_name}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        )}
      </div>
      {scope === null ? (
        <Caption1 as="p">
          Choose {kind === 'location' ? 'a location' : 'a person'} to see and change their rules.
        </Caption1>
      ) : (
        <QueryState
          isPending={layer.isPending}
          error={layer.error}
          isEmpty={!layer.data}
          empty="No rules to show."
          loadingLabel="Loading the rules…"
          onRetry={() => void layer.refetch()}
        >
          {layer.data && (
            <RulesForm
              key={`${kind}:${scope.kind === 'organisation' ? '' : scope.id}:${layer.data.updated_at ?? ''}`}
              scope={scope}
              layer={layer.data}
              name={name}
            />
          )}
        </QueryState>
      )}
    </section>
  );
}
