import { describe, expect, it } from 'vitest';
import { formatYuan, yuanToFen } from '../../src/domain/money.js';
import { findUnit, parseUnit } from '../../src/domain/unit.js';
import { formatIso, isoWeekOf, parseDuration, parseIso } from '../../src/domain/time.js';

describe('time is Shanghai time whatever the machine’s zone', () => {
  it('runs under a foreign TZ in this suite', () => {
    expect(process.env.TZ).toBe('America/New_York');
  });

  it('formats and parses with +08:00', () => {
    const ms = parseIso('2026-11-26T09:00:00+08:00');
    expect(ms).toBe(Date.UTC(2026, 10, 26, 1, 0, 0));
    expect(formatIso(ms)).toBe('2026-11-26T09:00:00+08:00');
    expect(parseIso('2026-11-26T09:00:00')).toBe(ms); // no offset: Shanghai wall clock
    expect(formatIso(Date.UTC(2026, 11, 31, 16, 30))).toBe('2027-01-01T00:30:00+08:00');
    expect(() => parseIso('tomorrow')).toThrow(/not a valid ISO time/);
  });

  it('numbers ISO weeks in Shanghai, across year ends', () => {
    expect(isoWeekOf(parseIso('2026-11-26T11:00:00+08:00'))).toEqual({ year: 2026, week: 48 });
    // Monday, still Sunday in UTC
    expect(isoWeekOf(parseIso('2026-11-30T00:30:00+08:00'))).toEqual({ year: 2026, week: 49 });
    expect(isoWeekOf(parseIso('2027-01-01T12:00:00+08:00'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf(parseIso('2025-12-29T09:00:00+08:00'))).toEqual({ year: 2026, week: 1 });
  });

  it('reads durations', () => {
    expect(parseDuration('90m')).toBe(5_400_000);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(() => parseDuration('2 weeks')).toThrow(/not a duration/);
  });
});

describe('Shanghai time stays right with exceljs loaded (it adds plugins to the shared dayjs)', () => {
  it('keeps business deadlines, month ends and weeks', async () => {
    await import('exceljs');
    const { ServiceLevels } = await import('../../src/ledger/service-levels.js');
    const { parseChineseTime } = await import('../../src/nlu/times.js');
    const levels = ServiceLevels.load();
    const from = parseIso('2026-11-28T17:00:00+08:00');
    expect(formatIso(levels.deadline('repair', 'first_response', from))).toBe('2026-11-30T10:00:00+08:00');
    expect(formatIso(parseChineseTime('月底', parseIso('2026-11-26T09:00:00+08:00'))!.at)).toBe(
      '2026-11-30T09:00:00+08:00',
    );
    expect(isoWeekOf(parseIso('2026-11-26T11:00:00+08:00'))).toEqual({ year: 2026, week: 48 });
  });
});

describe('money is integer fen', () => {
  it('converts yuan text exactly', () => {
    expect(yuanToFen('268.50')).toBe(26850);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('19.99')).toBe(1999);
    for (const bad of ['-5', '1e9', '五百', '1.234', '', '12,00']) expect(yuanToFen(bad), bad).toBeUndefined();
    expect(formatYuan(26850)).toBe('268.50');
    expect(formatYuan(7)).toBe('0.07');
  });
});

describe('units', () => {
  it('reads the canonical form and the way residents write it', () => {
    expect(parseUnit('3-2-1201')?.id).toBe('3-2-1201');
    expect(parseUnit('3栋2单元1201')?.id).toBe('3-2-1201');
    expect(parseUnit('3号楼 02单元 1201室')?.id).toBe('3-2-1201');
    expect(parseUnit('3-2')).toBeUndefined();
    expect(parseUnit('三栋二单元')).toBeUndefined();
  });

  it('reads every common form as the same canonical unit, a room with leading zeros included', () => {
    const forms: Array<[string, string]> = [
      ['1栋1单元301', '1-1-301'],
      ['1号楼1单元301室', '1-1-301'],
      ['1-1-301', '1-1-301'],
      ['1幢1单元301', '1-1-301'],
      ['1栋1单元0301', '1-1-301'],
      ['1-1-0301', '1-1-301'],
      ['1 - 1 - 301', '1-1-301'],
      ['1－1－301', '1-1-301'],
      ['一栋一单元502', '1-1-502'],
      ['五栋三单元八零三', '5-3-803'],
      ['十二栋二单元一二零一', '12-2-1201'],
      ['5#3-803', '5-3-803'],
      ['5栋3门803', '5-3-803'],
      ['1栋1单元301号', '1-1-301'],
      ['a座2单元1201', 'A-2-1201'],
      ['01栋01单元0301室', '1-1-301'],
    ];
    for (const [text, id] of forms) expect(parseUnit(text)?.id, text).toBe(id);
    expect(parseUnit('1-1-0301')).toEqual({ id: '1-1-301', building: '1', entrance: '1', room: '301' });
  });

  it('reads no unit in dates, phone numbers or a room of zeros', () => {
    for (const text of ['2026-12-05', '138-0000-1201', '1-1-000', '3-5点', '1-1-301-2'])
      expect(parseUnit(text), text).toBeUndefined();
  });

  it('reads a floor as a floor: never the room, and with a door after it the room is floor and door', () => {
    // 4栋1单元6楼: the building and entrance are known, the room is still to be asked.
    expect(findUnit('楼道里一股臭鸡蛋味 4栋1单元6楼')).toMatchObject({ building: '4', entrance: '1' });
    expect(findUnit('4栋1单元6楼')?.unit).toBeUndefined();
    expect(findUnit('5栋3单元12楼走廊冒烟')?.unit).toBeUndefined();
    expect(findUnit('二号楼一单元十一楼零一 卫生间漏水')?.unit?.id).toBe('2-1-1101');
    expect(findUnit('5栋3单元12楼2号')?.unit?.id).toBe('5-3-1202');
    // 楼上 after a room is upstairs, not a floor.
    expect(findUnit('9栋3单元1001 楼上空调滴水')?.unit?.id).toBe('9-3-1001');
  });

  it('puts together a room said apart from its building and entrance', () => {
    expect(findUnit('我家1201 3栋2单元的 水管漏了')).toMatchObject({
      unit: { id: '3-2-1201' },
      said: '我家1201 3栋2单元',
    });
    expect(findUnit('我住1201，3号楼2单元')?.unit?.id).toBe('3-2-1201');
    // The problem between them stays the message's.
    expect(findUnit('3号楼2单元 厨房漏水 1201室')).toMatchObject({ unit: { id: '3-2-1201' }, said: '3号楼2单元' });
    // A phone number or a date is no room.
    expect(findUnit('3栋2单元 电话13800001201')?.unit).toBeUndefined();
    expect(findUnit('3栋2单元 12月3号来')?.unit).toBeUndefined();
  });
});
