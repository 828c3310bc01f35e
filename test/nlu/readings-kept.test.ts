import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { parseIso } from '../../src/domain/time.js';
import type { StaffName } from '../../src/store/community-repo.js';

const nlu = Understander.load();
const MORNING = parseIso('2026-11-26T09:00:00+08:00');
const AFTERNOON = parseIso('2026-11-26T16:00:00+08:00');

describe('readings kept for texts said again', () => {
  it('a text that names a time is read at each message’s own clock, however often it is said', () => {
    expect(nlu.understand('3点能来吗', MORNING).slots.time).toBe('2026-11-26T15:00:00+08:00');
    expect(nlu.understand('3点能来吗', AFTERNOON).slots.time).toBe('2026-11-27T15:00:00+08:00');
    expect(nlu.understand('明天上午来修', MORNING).slots.time).toBe('2026-11-27T09:00:00+08:00');
    expect(nlu.understand('明天上午来修', MORNING + 86_400_000).slots.time).toBe('2026-11-28T09:00:00+08:00');
  });

  it('a name read against the staff of the moment: once the roster changes, against the new one', () => {
    const before: readonly StaffName[] = [{ name: '赵敏', role: 'service' }];
    const after: readonly StaffName[] = [...before, { name: '钱芳', role: 'service' }];
    const praise = '客服钱芳态度特别好，表扬一下';
    expect(nlu.understand(praise, MORNING, () => before).slots.staff).toBeUndefined();
    expect(nlu.understand(praise, MORNING, () => before).slots.staff).toBeUndefined();
    expect(nlu.understand(praise, MORNING, () => after).slots.staff).toBe('钱芳');
  });

  it('what one caller does to its reading is not seen by the next', () => {
    const first = nlu.understand('物业电话多少', MORNING);
    first.intent = 'repair';
    first.slots.category = 'electric';
    const second = nlu.understand('物业电话多少', MORNING);
    expect(second.intent).not.toBe('repair');
    expect(second.slots.category).toBeUndefined();
  });
});
