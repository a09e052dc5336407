import {
  Body1,
  Button,
  Caption1,
  CounterBadge,
  makeStyles,
  Popover,
  PopoverSurface,
  PopoverTrigger,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { AlertRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { QueryState } from '@/lib/ui/QueryState';
import {
  useInbox,
  useInboxStream,
  useReadAll,
  useReadOne,
  useUnreadCount,
} from '../api/notifications';
import { topicText } from './topics';

const useStyles = makeStyles({
  wrap: { position: 'relative', display: 'inline-flex' },
  badge: { position: 'absolute', top: '-2px', right: '-4px', pointerEvents: 'none' },
  surface: { width: 'min(360px, calc(100vw - 24px))', display: 'grid', gap: '8px' },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  list: { listStyle: 'none', margin: 0, padding: 0, maxHeight: '60vh', overflowY: 'auto' },
  item: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    padding: '8px',
    border: 'none',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    background: 'none',
    font: 'inherit',
    color: 'inherit',
    cursor: 'pointer',
  },
  unread: { backgroundColor: tokens.colorBrandBackground2 },
});

const when = (iso: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );

/** The bell: unread count kept live by the server's stream, the latest messages on open. */
export function NotificationBell() {
  const styles = useStyles();
  const [open, setOpen] = useState(false);
  useInboxStream(true);
  const count = useUnreadCount(true).data?.unread ?? 0;
  const inbox = useInbox(open);
  const readOne = useReadOne();
  const readAll = useReadAll();
  const items = inbox.data?.items ?? [];
  return (
    <span className={styles.wrap}>
      <Popover open={open} onOpenChange={(_, d) => setOpen(d.open)} positioning="below-end">
        <PopoverTrigger disableButtonEnhancement>
          <Button
            appearance="subtle"
            icon={<AlertRegular />}
            aria-label={count > 0 ? `Notifications, ${count} unread` : 'Notifications'}
          />
        </PopoverTrigger>
        <PopoverSurface className={styles.surface} aria-label="Notifications">
          <div className={styles.head}>
            <Subtitle2 as="h2">Notifications</Subtitle2>
            <Button
              size="small"
              disabled={count === 0 || readAll.isPending}
              onClick={() => readAll.mutate({})}
            >
              Mark all read
            </Button>
          </div>
          <QueryState
            isPending={inbox.isPending}
            error={inbox.error}
            isEmpty={items.length === 0}
            empty="Nothing yet: changes to your shifts and requests appear here."
            loadingLabel="Loading notifications…"
            onRetry={() => void inbox.refetch()}
          >
            <ul className={styles.list} aria-label="Latest notifications">
              {items.map((n) => (
                <li key={n.id}>
                  <button
                    type="button"
                    className={`${styles.item} ${n.read_at ? '' : styles.unread}`}
                    aria-label={`${n.read_at ? '' : 'Unread: '}${topicText(n)}, ${when(n.created_at)}`}
                    onClick={() =>
                      !n.read_at && readOne.mutate({ path: { notification_id: n.id } })
                    }
                  >
                    <Body1 block>{topicText(n)}</Body1>
                    <Caption1>{when(n.created_at)}</Caption1>
                  </button>
                </li>
              ))}
            </ul>
          </QueryState>
        </PopoverSurface>
      </Popover>
      {count > 0 && (
        <CounterBadge className={styles.badge} count={count} size="small" aria-hidden />
      )}
    </span>
  );
}
