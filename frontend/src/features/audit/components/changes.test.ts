import { describe, expect, it } from 'vitest';
import { describeChanges } from './changes';

describe('describeChanges', () => {
  it('lists only the fields that changed, skipping the timestamp bump', () => {
    expect(
      describeChanges(
        { name: 'North', time_zone: 'Europe/London', updated_at: '1' },
        { name: 'North ward', time_zone: 'Europe/London', updated_at: '2' },
      ),
    ).toEqual(['name: North → North ward']);
  });

  it('says created and deleted in a word', () => {
    expect(describeChanges(null, { name: 'x' })).toEqual(['created']);
    expect(describeChanges({ name: 'x' }, null)).toEqual(['deleted']);
  });

  it('shows missing values as a dash and shortens long ones', () => {
    const long = 'x'.repeat(100);
    const [line] = describeChanges({ notes: null }, { notes: long });
    expect(line?.startsWith('notes: — → xxx')).toBe(true);
    expect(line?.endsWith('…')).toBe(true);
  });
});
