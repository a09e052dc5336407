import { z } from 'zod';
import type { EmploymentType, Person, PersonCreate } from '@/client/types.gen';
import { blankToNull } from '@/lib/forms';

export const EMPLOYMENT_TYPES: { value: EmploymentType; label: string }[] = [
  { value: 'full_time', label: 'Full-time' },
  { value: 'part_time', label: 'Part-time' },
  { value: 'casual', label: 'Casual' },
  { value: 'volunteer', label: 'Volunteer' },
];

const hours = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (/^\d+(\.\d{1,2})?$/.test(v) && Number(v) <= 168), {
      message: `${what} must be a number of hours from 0 to 168.`,
    });

export const personSchema = z
  .object({
    display_name: z.string().trim().min(1, 'Enter the name colleagues know them by.').max(200),
    email: z.union([z.literal(''), z.string().trim().email('Enter a valid email address.')]),
    phone: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\+[1-9]\d{6,14}$/.test(v.replace(/[\s-]/g, '')), {
        message: 'Write the phone number with its country code, e.g. +44 7700 900123.',
      }),
    employment_type: z.enum(['full_time', 'part_time', 'casual', 'volunteer']),
    hourly_rate: z
      .string()
      .trim()
      .refine((v) => v === '' || /^\d+(\.\d{1,2})?$/.test(v), {
        message: 'Enter the hourly rate as an amount such as 15.50.',
      }),
    contracted_hours_per_week: hours('Contracted hours'),
    max_hours_per_week: hours('Maximum hours'),
    home_location_id: z.string(),
    skill_ids: z.array(z.string()),
    is_active: z.boolean(),
  })
  .refine(
    (v) =>
      v.contracted_hours_per_week === '' ||
      v.max_hours_per_week === '' ||
      Number(v.max_hours_per_week) >= Number(v.contracted_hours_per_week),
    { path: ['max_hours_per_week'], message: 'Maximum hours cannot be below contracted hours.' },
  );

export type PersonValues = z.infer<typeof personSchema>;

export const PERSON_FIELDS = [
  'display_name',
  'email',
  'phone',
  'employment_type',
  'hourly_rate',
  'contracted_hours_per_week',
  'max_hours_per_week',
  'home_location_id',
  'skill_ids',
  'is_active',
] as const;

export function toValues(person: Person | null): PersonValues {
  return {
    display_name: person?.display_name ?? '',
    email: person?.email ?? '',
    phone: person?.phone ?? '',
    employment_type: person?.employment_type ?? 'part_time',
    hourly_rate: person?.hourly_rate == null ? '' : String(person.hourly_rate),
    contracted_hours_per_week:
      person?.contracted_hours_per_week == null ? '' : String(person.contracted_hours_per_week),
    max_hours_per_week: person?.max_hours_per_week == null ? '' : String(person.max_hours_per_week),
    home_location_id: person?.home_location_id ?? '',
    skill_ids: person?.skills.map((s) => s.skill_id) ?? [],
    is_active: person?.is_active ?? true,
  };
}

/** The API body; contact and pay fields the caller may not see are left out, not blanked. */
export function toBody(
  values: PersonValues,
  person: Person | null,
): PersonCreate & { is_active?: boolean } {
  const body: PersonCreate & { is_active?: boolean } = {
    display_name: values.display_name.trim(),
    employment_type: values.employment_type,
    contracted_hours_per_week: blankToNull(values.contracted_hours_per_week),
    max_hours_per_week: blankToNull(values.max_hours_per_week),
    home_location_id: blankToNull(values.home_location_id),
    skills: values.skill_ids.map((skill_id) => ({ skill_id })),
  };
  if (!person || person.contact_visible) {
    body.email = blankToNull(values.email);
    body.phone = blankToNull(values.phone.replace(/[\s-]/g, ''));
  }
  if (!person || person.pay_visible) body.hourly_rate = blankToNull(values.hourly_rate);
  if (person) body.is_active = values.is_active;
  return body;
}
