import {
  Badge,
  Button,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import { AddRegular, EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Location } from '@/client/types.gen';
import { PageHeader } from '@/lib/ui/PageHeader';
import { QueryState } from '@/lib/ui/QueryState';
import { useLocations } from '../api/locations';
import { LocationForm } from './LocationForm';

type Editing = { location: Location | null } | null;

export function LocationsPage({ canEdit }: { canEdit: boolean }) {
  const [showArchived, setShowArchived] = useState(false);
  const locations = useLocations(showArchived);
  const [editing, setEditing] = useState<Editing>(null);
  const rows = locations.data ?? [];

  return (
    <section>
      <PageHeader
        title="Locations"
        actions={
          <>
            <Switch
              label="Show archived"
              checked={showArchived}
              onChange={(_, d) => setShowArchived(d.checked)}
            />
            {canEdit && (
              <Button
                appearance="primary"
                icon={<AddRegular />}
                onClick={() => setEditing({ location: null })}
              >
                New location
              </Button>
            )}
          </>
        }
      />
      <QueryState
        isPending={locations.isPending}
        error={locations.error}
        isEmpty={rows.length === 0}
        empty="No locations yet. A location is a place where shifts are worked, with its own time zone."
        onRetry={() => void locations.refetch()}
      >
        <Table aria-label="Locations">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Address</TableHeaderCell>
              <TableHeaderCell>Time zone</TableHeaderCell>
              {canEdit && <TableHeaderCell style={{ width: 80 }}>Actions</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((location) => (
              <TableRow key={location.id}>
                <TableCell>
                  {location.name}{' '}
                  {location.archived_at && <Badge appearance="outline">Archived</Badge>}
                </TableCell>
                <TableCell>{location.address ?? ''}</TableCell>
                <TableCell>{location.time_zone}</TableCell>
                {canEdit && (
                  <TableCell>
                    <Button
                      size="small"
                      appearance="subtle"
                      icon={<EditRegular />}
                      aria-label={`Edit ${location.name}`}
                      onClick={() => setEditing({ location })}
                    />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </QueryState>
      {editing && <LocationForm location={editing.location} onClose={() => setEditing(null)} />}
    </section>
  );
}
