import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
} from '@fluentui/react-components';
import { useState } from 'react';
import { toApiError } from '@/lib/errors';
import { useCalendarFeed, useResetCalendarToken } from '../api/requests';

/** The private link that puts my shifts in my own calendar app. */
export function CalendarFeedSection() {
  const feed = useCalendarFeed(true);
  const reset = useResetCalendarToken();
  const [note, setNote] = useState<string | null>(null);
  const missing = feed.error && toApiError(feed.error).error === 'calendar_feed_not_created';
  const failure = (feed.error && !missing ? feed.error : null) ?? reset.error;

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setNote('Link copied.');
    } catch {
      setNote('Copying is not allowed here: select the link and copy it yourself.');
    }
  };

  return (
    <section aria-labelledby="calendar-feed-title">
      <Subtitle2 as="h2" block id="calendar-feed-title">
        Calendar feed
      </Subtitle2>
      {failure && (
        <MessageBar intent="error">
          <MessageBarBody>{toApiError(failure).detail}</MessageBarBody>
        </MessageBar>
      )}
      {feed.isPending ? (
        <Spinner size="tiny" label="Loading your calendar link…" />
      ) : feed.data ? (
        <div style={{ display: 'grid', gap: 8 }}>
          <Field label="Your private calendar link" hint="Anyone with this link sees your shifts.">
            <Input
              readOnly
              style={{ width: '100%' }}
              value={feed.data.url}
              onFocus={(e) => e.currentTarget.select()}
            />
          </Field>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button appearance="primary" onClick={() => feed.data && void copy(feed.data.url)}>
              Copy link
            </Button>
            <Button as="a" href={feed.data.webcal_url}>
              Open in calendar app
            </Button>
            <Button disabled={reset.isPending} onClick={() => reset.mutate({})}>
              Replace link
            </Button>
          </div>
          <Caption1>Replacing the link stops the old one working.</Caption1>
          {note && <Caption1 aria-live="polite">{note}</Caption1>}
        </div>
      ) : (
        missing && (
          <div>
            <Body1 as="p">Follow your shifts in your own calendar app with a private link.</Body1>
            <Button disabled={reset.isPending} onClick={() => reset.mutate({})}>
              Create my calendar link
            </Button>
          </div>
        )
      )}
    </section>
  );
}
