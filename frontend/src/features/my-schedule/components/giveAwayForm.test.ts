import { describe, expect, it } from 'vitest';
import { giveAwaySchema, toRequestBody } from './giveAwayForm';

const blank = { counterpart_person_id: '', counterpart_assignment_id: '', note: '' };

describe('giveAwayForm', () => {
  it('needs a colleague for an offer but not for a drop', () => {
    const offer = giveAwaySchema.safeParse({ ...blank, kind: 'offer' });
    expect(offer.success).toBe(false);
    expect(offer.error?.issues[0]?.path).toEqual(['counterpart_person_id']);
    expect(giveAwaySchema.safeParse({ ...blank, kind: 'drop' }).success).toBe(true);
  });

  it('needs the colleague’s shift for a swap', () => {
    const swap = giveAwaySchema.safeParse({ ...blank, kind: 'swap', counterpart_person_id: 'p2' });
    expect(swap.error?.issues.map((i) => i.path)).toEqual([['counterpart_assignment_id']]);
  });

  it('sends no colleague with a drop and a blank note as null', () => {
    expect(
      toRequestBody('a1', { ...blank, kind: 'drop', counterpart_person_id: 'p2', note: ' ' }),
    ).toEqual({
      kind: 'drop',
      assignment_id: 'a1',
      counterpart_person_id: null,
      counterpart_assignment_id: null,
      note: null,
    });
  });

  it('sends both assignments with a swap', () => {
    expect(
      toRequestBody('a1', {
        ...blank,
        kind: 'swap',
        counterpart_person_id: 'p2',
        counterpart_assignment_id: 'a9',
      }),
    ).toMatchObject({ kind: 'swap', counterpart_person_id: 'p2', counterpart_assignment_id: 'a9' });
  });
});
