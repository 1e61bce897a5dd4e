import { describe, expect, it } from 'vitest';
import { localToday } from '../../engine/text/localToday.js';

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
