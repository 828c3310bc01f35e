import { describe, expect, it } from 'vitest';
import { ServiceLevels } from '../../src/ledger/service-levels.js';
import { parseChineseTime } from '../../src/nlu/times.js';
import { formatIso, parseIso } from '../../src/domain/time.js';

const levels = ServiceLevels.load();
const due = (category: string, target: 'first_response' | 'reply' | 'resolution', from: string) =>
  formatIso(levels.deadline(category, target, parseIso(from)));

describe('service levels: deadlines come from data/service-levels.yaml', () => {
  it('counts business hours only, across evenings, Sundays and holidays', () => {
    // Thursday 09:00 + 2h = 11:00 the same day.
    expect(due('repair', 'first_response', '2026-11-26T09:00:00+08:00')).toBe('2026-11-26T11:00:00+08:00');
    // Thursday 16:30 + 2h: one hour today, one tomorrow from 08:30.
    expect(due('repair', 'first_response', '2026-11-26T16:30:00+08:00')).toBe('2026-11-27T09:30:00+08:00');
    // Received at night: the clock starts when the office opens.
    expect(due('repair', 'first_response', '2026-11-26T22:00:00+08:00')).toBe('2026-11-27T10:30:00+08:00');
    // Saturday 17:00 + 2h: half an hour on Saturday, Sunday is closed, the rest Monday from 08:30.
    expect(due('repair', 'first_response', '2026-11-28T17:00:00+08:00')).toBe('2026-11-30T10:00:00+08:00');
    // New Year's Day 2027 is a Friday and a holiday: 31 Dec 17:00 + 2h → Saturday 2 Jan 10:00.
    expect(due('repair', 'first_response', '2026-12-31T17:00:00+08:00')).toBe('2027-01-02T10:00:00+08:00');
  });

  it('counts a day on a business clock as a working day, and on a calendar clock as 24 hours', () => {
    // Thursday 10:00 + 2 working days (repair resolution 2d): Saturday 10:00, not five days later.
    expect(due('repair', 'resolution', '2026-11-26T10:00:00+08:00')).toBe('2026-11-28T10:00:00+08:00');
    // Friday 16:00 + 3 working days (complaint resolution 3d): Saturday open, Sunday closed → Tuesday 16:00.
    expect(due('complaint', 'resolution', '2026-11-27T16:00:00+08:00')).toBe('2026-12-01T16:00:00+08:00');
    expect(due('safety_complaint', 'resolution', '2026-11-29T03:00:00+08:00')).toBe('2026-11-30T03:00:00+08:00');
  });

  it('runs urgent categories round the clock', () => {
    expect(due('urgent_repair', 'first_response', '2026-11-28T23:50:00+08:00')).toBe('2026-11-29T00:05:00+08:00');
    expect(due('safety_complaint', 'reply', '2026-11-29T03:00:00+08:00')).toBe('2026-11-29T05:00:00+08:00');
  });

  it('refuses an unknown category and a broken file', () => {
    expect(() => levels.deadline('plumbing', 'reply', 0)).toThrow(/no service level for category plumbing/);
    expect(
      () =>
        new ServiceLevels({
          business_hours: { open: '18:00', close: '09:00', weekdays: [1] },
          warn_before: '30m',
          escalate_after: '2h',
          update_every: '4h',
          categories: {},
        }),
    ).toThrow(/close before they open/);
    expect(
      () =>
        new ServiceLevels({
          business_hours: { open: '08:30', close: '17:30', weekdays: [1] },
          warn_before: 'soon',
          escalate_after: '2h',
          update_every: '4h',
          categories: {},
        }),
    ).toThrow(/not a duration/);
  });
});

describe('Chinese times for staff commands (chrono-node zh.hans, patched for the zone)', () => {
  const now = parseIso('2026-11-26T09:00:00+08:00'); // Thursday; the suite runs under TZ=America/New_York
  const read = (text: string) => {
    const parsed = parseChineseTime(text, now);
    return parsed && { at: formatIso(parsed.at), hasTime: parsed.hasTime };
  };

  it('reads relative days in Shanghai, not in the machine’s zone', () => {
    expect(read('明天下午3点')).toEqual({ at: '2026-11-27T15:00:00+08:00', hasTime: true });
    expect(read('后天上午10点')).toEqual({ at: '2026-11-28T10:00:00+08:00', hasTime: true });
    expect(read('11月28日14:00')).toEqual({ at: '2026-11-28T14:00:00+08:00', hasTime: true });
  });

  it('says when there is no hour, or no time at all', () => {
    expect(read('明天')?.hasTime).toBe(false);
    expect(read('随便')).toBeUndefined();
  });
});
