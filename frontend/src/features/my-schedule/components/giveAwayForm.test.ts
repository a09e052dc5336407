import { describe, expect, it } from 'vitest';
import { giveAwaySchema, toRequestBody } from './giveAwayForm';

describe('giveAwayForm', () => {
  it('needs a colleague for an offer but not for a drop', () => {
    const offer = giveAwaySchema.safeParse({ kind: 'offer', counterpart_person_id: '', note: '' });
    expect(offer.success).toBe(false);
    expect(offer.error?.issues[0]?.path).toEqual(['counterpart_person_id']);
    const drop = giveAwaySchema.safeParse({ kind: 'drop', counterpart_person_id: '', note: '' });
    expect(drop.success).toBe(true);
  });

  it('sends no colleague with a drop and a blank note as null', () => {
    expect(toRequestBody('a1', { kind: 'drop', counterpart_person_id: 'p2', note: ' ' })).toEqual({
      kind: 'drop',
      assignment_id: 'a1',
      counterpart_person_id: null,
      note: null,
    });
  });
});
