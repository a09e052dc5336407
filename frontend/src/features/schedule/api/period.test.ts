import { describe, expect, it } from 'vitest';
import { adjacentPeriods, earlyPeriod, rememberedLocation, rememberLocation } from './period';

const params = (search: string) => new URLSearchParams(search);
// Monday 2 March 2026, 23:30 in UTC: already Tuesday in Auckland, still Monday in New York.
const NOW = new Date('2026-03-02T23:30:00Z');

describe('the grid period known before the locations list', () => {
  it('comes from the address when it names the location and the week', () => {
    expect(earlyPeriod(params('location=a&week=2026-03-04&days=14'), null, NOW)).toEqual({
      locationId: 'a',
      startDate: '2026-03-02',
      days: 14,
    });
  });

  it('takes the remembered location, and this week in its zone', () => {
    const remembered = { id: 'b', zone: 'Pacific/Auckland' };
    expect(earlyPeriod(params(''), remembered, new Date('2026-03-08T12:00:00Z'))).toEqual({
      locationId: 'b',
      startDate: '2026-03-09',
      days: 7,
    });
    expect(earlyPeriod(params(''), { id: 'b', zone: 'America/New_York' }, NOW)).toEqual({
      locationId: 'b',
      startDate: '2026-03-02',
      days: 7,
    });
  });

  it('is unknown without a location, or without a week for a location of unknown zone', () => {
    expect(earlyPeriod(params('week=2026-03-02'), null, NOW)).toBeNull();
    expect(earlyPeriod(params('location=c'), { id: 'b', zone: 'UTC' }, NOW)).toBeNull();
  });

  it('remembers the location across visits and ignores a damaged entry', () => {
    rememberLocation({ id: 'b', zone: 'Europe/London' });
    expect(rememberedLocation()).toEqual({ id: 'b', zone: 'Europe/London' });
    localStorage.setItem('shiftwise.schedule.location', '{not json');
    expect(rememberedLocation()).toBeNull();
  });
});

describe('the periods next to the shown one', () => {
  it('are a week before and after, whatever the length, across a month end', () => {
    expect(adjacentPeriods({ locationId: 'a', startDate: '2026-03-02', days: 7 })).toEqual({
      previous: { locationId: 'a', startDate: '2026-02-23', days: 7 },
      next: { locationId: 'a', startDate: '2026-03-09', days: 7 },
    });
    expect(adjacentPeriods({ locationId: 'a', startDate: '2026-12-28', days: 14 })).toEqual({
      previous: { locationId: 'a', startDate: '2026-12-21', days: 14 },
      next: { locationId: 'a', startDate: '2027-01-04', days: 14 },
    });
  });
});
