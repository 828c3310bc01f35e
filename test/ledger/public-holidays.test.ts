import { describe, expect, it } from 'vitest';
import { ServiceLevels } from '../../src/ledger/service-levels.js';
import { formatIso, parseIso } from '../../src/domain/time.js';
import { checkConfiguration } from '../../src/check/configuration.js';
import { Store } from '../../src/store/store.js';
import { readYaml } from '../../src/domain/data-file.js';
import { dataPath } from '../../src/domain/data-path.js';

const levels = ServiceLevels.load();
const hour = 3_600_000;
const after = (from: string, ms: number, l = levels) => formatIso(l.addBusinessTime(parseIso(from), ms));

describe('business time from China’s public holidays (the chinese-days package)', () => {
  it('the whole of National Day 2026 is closed, though the office lists none of it', () => {
    // Half an hour on 30 September, the rest after the seven days off.
    expect(after('2026-09-30T17:00:00+08:00', hour)).toBe('2026-10-08T09:00:00+08:00');
    expect(levels.isBusinessTime(parseIso('2026-10-05T10:00:00+08:00'))).toBe(false); // a Monday
  });

  it('a Sunday worked in lieu (调休, 20 September 2026) is a working day; an ordinary Sunday is not', () => {
    expect(after('2026-09-19T17:00:00+08:00', hour)).toBe('2026-09-20T09:00:00+08:00');
    expect(after('2026-09-12T17:00:00+08:00', hour)).toBe('2026-09-14T09:00:00+08:00');
  });

  it('the office’s own calendar comes first: its holidays closed, its workdays open', () => {
    const raw = readYaml(dataPath('service-levels.yaml')) as Record<string, unknown>;
    const own = new ServiceLevels({ ...raw, holidays: ['2026-09-21'], workdays: ['2026-10-03'] });
    expect(own.isBusinessTime(parseIso('2026-09-21T10:00:00+08:00'))).toBe(false);
    expect(own.isBusinessTime(parseIso('2026-10-03T10:00:00+08:00'))).toBe(true);
  });

  it('wuye check warns when this year or the next is not covered by the package nor listed by hand', () => {
    const store = Store.open(':memory:');
    const warnings = (now: string) =>
      checkConfiguration(store, ':memory:', undefined, parseIso(now)).filter((p) =>
        p.message.includes('public holidays'),
      );
    expect(warnings('2026-11-26T09:00:00+08:00')).toEqual([]); // 2026 known, 2027 started by hand
    const later = warnings('2027-11-26T09:00:00+08:00');
    expect(later.map((p) => p.severity)).toEqual(['warning']);
    expect(later[0]!.message).toContain('2028');
    store.close();
  });
});
