import { z } from 'zod';
import type { ShiftRequestCreate } from '@/client/types.gen';
import { blankToNull } from '@/lib/forms';

export const giveAwaySchema = z
  .object({
    kind: z.enum(['drop', 'offer']),
    counterpart_person_id: z.string(),
    note: z.string().max(1000, 'Keep the note under 1000 characters.'),
  })
  .refine((v) => v.kind !== 'offer' || v.counterpart_person_id !== '', {
    path: ['counterpart_person_id'],
    message: 'Choose the colleague to offer the shift to.',
  });

export type GiveAwayValues = z.infer<typeof giveAwaySchema>;
export const GIVE_AWAY_FIELDS = ['kind', 'counterpart_person_id', 'note'] as const;

export function toRequestBody(assignmentId: string, v: GiveAwayValues): ShiftRequestCreate {
  return {
    kind: v.kind,
    assignment_id: assignmentId,
    counterpart_person_id: v.kind === 'offer' ? v.counterpart_person_id : null,
    note: blankToNull(v.note),
  };
}
