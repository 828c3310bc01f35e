import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { parseIso } from '../../src/runtime/time.js';

const nlu = Understander.load();
const NOW = parseIso('2026-11-26T09:00:00+08:00'); // a Thursday; the suite runs under TZ=America/New_York
const slots = (text: string, now = NOW) => nlu.understand(text, now, () => [{ name: '孙强', role: 'technician' }, { name: '赵敏', role: 'service' }]).slots;

describe('times residents write (chrono-node zh.hans, patched)', () => {
  const cases: Array<[string, string, string?]> = [
    ['明儿下午三点能来不', '2026-11-27T15:00:00+08:00'],
    ['后天上午', '2026-11-28T09:00:00+08:00'],
    ['这周末', '2026-11-28T09:00:00+08:00'],
    ['下周末', '2026-12-05T09:00:00+08:00'],
    ['月底前', '2026-11-30T09:00:00+08:00'],
    ['下个月五号', '2026-12-05T09:00:00+08:00'],
    ['下个月15号下午', '2026-12-15T14:00:00+08:00'],
    ['下午两点到四点', '2026-11-26T14:00:00+08:00', '2026-11-26T16:00:00+08:00'],
    ['中午', '2026-11-26T12:00:00+08:00'],
    ['傍晚', '2026-11-26T18:00:00+08:00'],
    ['明天晚上', '2026-11-27T19:00:00+08:00'],
    ['明早', '2026-11-27T09:00:00+08:00'],
    ['礼拜六下午', '2026-11-28T14:00:00+08:00'],
    ['1小时后', '2026-11-26T10:00:00+08:00'],
    ['半小时以后', '2026-11-26T09:30:00+08:00'],
    ['3点', '2026-11-26T15:00:00+08:00'],
  ];
  for (const [text, start, end] of cases) {
    it(`${text} → ${start}${end ? ` to ${end}` : ''}`, () => {
      const s = slots(text);
      expect(s.time).toBe(start);
      if (end) expect(s.timeEnd).toBe(end);
    });
  }

  it('moves a bare time already past today to tomorrow, but keeps one said with 今天', () => {
    const evening = parseIso('2026-11-26T20:00:00+08:00');
    expect(slots('下午3点', evening).time).toBe('2026-11-27T15:00:00+08:00');
    expect(slots('今天下午3点', evening).time).toBe('2026-11-26T15:00:00+08:00');
  });

  it('marks a day said without an hour', () => {
    expect(slots('明天')).toMatchObject({ time: '2026-11-27T09:00:00+08:00', timeWithoutHour: true });
  });
});

describe('other slots', () => {
  it('reads units in the ways residents write them', () => {
    expect(slots('3-2-1201').unit).toBe('3-2-1201');
    expect(slots('我是3栋2单元1201的').unit).toBe('3-2-1201');
    expect(slots('3号楼2单元1201室漏水').unit).toBe('3-2-1201');
    expect(slots('3幢1201')).toMatchObject({ building: '3', room: '1201' });
    expect(slots('3幢1201').unit).toBeUndefined();
  });

  it('reads a phone, its last four digits, a ticket number and an amount', () => {
    expect(slots('我电话13800001201')).toMatchObject({ phone: '13800001201', phoneLast4: '1201' });
    expect(slots('手机尾号6688')).toMatchObject({ phoneLast4: '6688' });
    expect(slots('r1024到哪了').ticket).toBe('R1024');
    expect(slots('交了268.50元').amount).toBe('268.50');
    expect(slots('给了300块').amount).toBe('300');
  });

  it('reads the repair category and urgency', () => {
    expect(slots('热水器坏了').category).toBe('家电');
    expect(slots('水龙头一直滴水').category).toBe('水');
    expect(slots('楼道的灯坏了').category).toBe('公共设施');
    expect(slots('闻到燃气味').category).toBe('燃气');
    expect(slots('闻到燃气味').urgent).toBe(true);
    expect(slots('电梯困人了').urgent).toBe(true);
    expect(slots('楼上往下漏水').urgent).toBe(true);
    expect(slots('墙皮掉了').urgent).toBeUndefined();
  });

  it('finds a staff member named in praise', () => {
    expect(slots('孙强师傅修得好').staff).toBe('孙强');
  });
});

describe('answers inside a flow', () => {
  it('reads confirm, deny and correct', () => {
    expect(nlu.answer('好的')).toBe('yes');
    expect(nlu.answer('对')).toBe('yes');
    expect(nlu.answer('不对')).toBe('no');
    expect(nlu.answer('不行')).toBe('no');
    expect(nlu.answer('改一下时间')).toBe('correct');
  });
});
