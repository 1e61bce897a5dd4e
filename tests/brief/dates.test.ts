import { describe, expect, it } from 'vitest';
import { dayMonthYear, localToday } from '../../engine/text/dates.js';

describe('localToday', () => {
  it('is the calendar day where the user is, not in UTC', () => {
    // Constructed in local time: late evening and just after midnight stay on their own local day whatever the zone.
    expect(localToday(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
    expect(localToday(new Date(2026, 11, 31, 0, 1))).toBe('2026-12-31');
  });

  it('pads month and day to two digits', () => {
    expect(localToday(new Date(2027, 2, 9, 12))).toBe('2027-03-09');
  });
});

describe('dayMonthYear', () => {
  it('writes an ISO date, or the day of an ISO date-time, as Vietnamese documents do', () => {
    expect(dayMonthYear('2026-01-31')).toBe('31/01/2026');
    expect(dayMonthYear('2026-12-08T01:56:27.000Z')).toBe('08/12/2026');
  });
});
