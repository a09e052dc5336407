import { z } from 'zod';
import type { OwnContact, OwnContactUpdate } from '@/client/types.gen';
import { blankToNull } from '@/lib/forms';

const E164 = /^\+[1-9]\d{6,14}$/;

export const contactSchema = z.object({
  email: z.string().refine((v) => v.trim() === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()), {
    message: 'Write an email address, like sam@example.com.',
  }),
  phone: z.string().refine((v) => v.trim() === '' || E164.test(v.trim()), {
    message: 'Write the number with + and the country code, digits only: +447700900123.',
  }),
  teams_webhook_url: z.string().refine((v) => v.trim() === '' || v.trim().startsWith('https://'), {
    message: 'The Teams webhook address starts with https://.',
  }),
  remove_teams: z.boolean(),
});

export type ContactValues = z.infer<typeof contactSchema>;
export const CONTACT_FIELDS = ['email', 'phone', 'teams_webhook_url'] as const;

export function toContactForm(c: OwnContact): ContactValues {
  return { email: c.email ?? '', phone: c.phone ?? '', teams_webhook_url: '', remove_teams: false };
}

/** Only what changed is sent; the webhook is write-only (typed anew, or removed). */
export function toContactBody(v: ContactValues, c: OwnContact): OwnContactUpdate {
  const body: OwnContactUpdate = {};
  const email = blankToNull(v.email);
  const phone = blankToNull(v.phone);
  if (email !== (c.email ?? null)) body.email = email;
  if (phone !== (c.phone ?? null)) body.phone = phone;
  const hook = blankToNull(v.teams_webhook_url);
  if (hook !== null) body.teams_webhook_url = hook;
  else if (v.remove_teams && c.teams_webhook_set) body.teams_webhook_url = null;
  return body;
}
