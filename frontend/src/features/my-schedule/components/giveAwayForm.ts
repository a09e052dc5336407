import { z } from 'zod';
import type { ShiftRequestCreate } from '@/client/types.gen';
import { blankToNull } from '@/lib/forms';

export const giveAwaySchema = z
  .object({
    kind: z.enum(['drop', 'offer', 'swap']),
    counterpart_person_id: z.string(),
    counterpart_assignment_id: z.string(),
    note: z.string().max(1000, 'Keep the note under 1000 characters.'),
  })
  .refine((v) => v.kind === 'drop' || v.counterpart_person_id !== '', {
    path: ['counterpart_person_id'],
    message: 'Choose the colleague.',
  })
  .refine((v) => v.kind !== 'swap' || v.counterpart_assignment_id !== '', {
    path: ['counterpart_assignment_id'],
    message: 'Choose the colleague’s shift you would take in return.',
  });

export type GiveAwayValues = z.infer<typeof giveAwaySchema>;
export const GIVE_AWAY_FIELDS = [
  'kind',
  'counterpart_person_id',
  'counterpart_assignment_id',
  'note',
] as const;

export function toRequestBody(assignmentId: string, v: GiveAwayValues): ShiftRequestCreate {
  return {
    kind: v.kind,
    assignment_id: assignmentId,
    counterpart_person_id: v.kind === 'drop' ? null : v.counterpart_person_id,
    counterpart_assignment_id: v.kind === 'swap' ? v.counterpart_assignment_id : null,
    note: blankToNull(v.note),
  };
}
