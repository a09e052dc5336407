import type { Channel, InboxNotification, MessageKind } from '@/client/types.gen';

const TOPICS: Record<string, string> = {
  'assignment.created': 'You were assigned a shift',
  'assignment.cancelled': 'An assignment of yours was cancelled',
  'assignment.released': 'You are off a shift for your time off',
  'shift.cancelled': 'A shift of yours was cancelled',
  'shift.changed': 'A shift of yours changed',
  'schedule.published': 'Your schedule was published',
  'shift_request.received': 'A colleague asked you to take a shift',
  'shift_request.accepted': 'Your shift request was accepted; it waits for approval',
  'shift_request.approved': 'Your shift request was approved',
  'shift_request.denied': 'Your shift request was denied',
  'shift_request.expired': 'A shift request expired',
  'shift_request.cancelled': 'A shift request was withdrawn',
  'shift_request.drop_available': 'A colleague dropped a shift you could take',
  'shift_request.waiting': 'A shift request waits for your approval',
  'request.waiting': 'A request waits for your approval',
  'time_off.decided': 'Your time-off request was decided',
  'shift.open': 'A shift has open seats',
  'shift.claimed': 'An open seat was claimed',
  'shift.reminder': 'Reminder: you have a shift soon',
  'shift.unfilled': 'A shift is still unfilled',
  'open_shift.available': 'An open shift you could take',
};

export function topicText(n: InboxNotification): string {
  const base = TOPICS[n.topic] ?? n.topic.replaceAll('_', ' ').replace('.', ': ');
  const state = n.payload.state;
  return n.topic === 'time_off.decided' && typeof state === 'string'
    ? `Your time-off request was ${state}`
    : base;
}

export const KINDS: readonly { kind: MessageKind; label: string }[] = [
  { kind: 'assigned', label: 'I am assigned a shift' },
  { kind: 'changed', label: 'A shift of mine changes' },
  { kind: 'cancelled', label: 'A shift of mine is cancelled' },
  { kind: 'published', label: 'My schedule is published' },
  { kind: 'reminder', label: 'Reminders before my shifts' },
  { kind: 'open_shift', label: 'Open shifts I could take' },
  { kind: 'request_received', label: 'A colleague asks me to take a shift' },
  { kind: 'request_decided', label: 'My swap, offer or drop is decided' },
  { kind: 'time_off_decided', label: 'My time off is decided' },
  { kind: 'unfilled_shift', label: 'Shifts I plan are unfilled (coordinators)' },
  { kind: 'request_waiting', label: 'Requests wait for my approval (coordinators)' },
];

export const CHANNELS: readonly { channel: Channel; label: string }[] = [
  { channel: 'in_app', label: 'In the app' },
  { channel: 'email', label: 'Email' },
  { channel: 'sms', label: 'Text message' },
  { channel: 'teams', label: 'Teams' },
];
