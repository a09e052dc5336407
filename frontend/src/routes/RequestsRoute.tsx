import { SwapInbox } from '@/features/swaps';
import { RequestsInbox } from '@/features/time-off';
import { useMe } from '@/lib/session';

export function RequestsRoute() {
  const me = useMe().data;
  if (!me) return null;
  return (
    <>
      <RequestsInbox locationIds={me.role === 'admin' ? null : me.location_ids} />
      <div style={{ marginTop: 24 }}>
        <SwapInbox />
      </div>
      <div style={{ marginTop: 24 }}>
        <SwapInbox state="pending" />
      </div>
    </>
  );
}
