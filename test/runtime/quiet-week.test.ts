import { describe, expect, it } from 'vitest';
import { inZone, parseIso } from '../../src/domain/time.js';
import { bookRepair, createTestApp, fileComplaint } from '../fakes/test-app.js';

const HOUR = 3_600_000;
const STAFF = new Set(['wx_zhaomin', 'wx_sunqiang', 'wx_zhoujie', 'wx_wugang', 'wx_zhengjl']);
/** The default quiet hours: 21:00–08:30 and 12:00–14:00, Shanghai time. */
const inQuietHours = (at: number) => {
  const t = inZone(at);
  const minutes = t.hour() * 60 + t.minute();
  return minutes >= 21 * 60 || minutes < 8 * 60 + 30 || (minutes >= 12 * 60 && minutes < 14 * 60);
};
const atWork = (at: number) => {
  const t = inZone(at);
  const minutes = t.hour() * 60 + t.minute();
  return t.day() !== 0 && minutes >= 8 * 60 + 30 && minutes < 17 * 60 + 30;
};
const day = (at: number) => inZone(at).format('YYYY-MM-DD');

describe('a week of nights', () => {
  it('says nothing unprompted to residents in quiet hours, nudges staff only at work, and writes a note per complaint per day at most', async () => {
    const app = createTestApp({ now: '2026-11-30T19:30:00+08:00' }); // Monday evening
    const quiet = await fileComplaint(app, 'wx_lina', '我要投诉，楼上装修太吵了');
    const dirty = await fileComplaint(app, 'wx_lina', '投诉一下，楼道里的垃圾好几天没人清理，臭得很');
    const parking = await fileComplaint(app, 'wx_wangfang', '我要投诉，有人天天占我的车位');
    await app.advanceTo(parseIso('2026-11-30T20:40:00+08:00'));
    await app.say('wx_chenjing', '你好'); // then silence: the idle close falls at 22:40
    await app.say('wx_zhangwei', '物业费我明天晚上十点过来交'); // a promise that falls due in quiet hours
    expect(app.store.commitments.all().filter((c) => c.kind === 'payment')).toHaveLength(1);
    const start = app.clock.now();
    app.transport.clear();
    const end = start + 7 * 24 * HOUR;
    for (let t = start; t < end; t += HOUR / 2) await app.advanceTo(t);

    const unprompted = app.transport.sent.filter((m) => !STAFF.has(m.to));
    expect(unprompted.length).toBeGreaterThan(0);
    expect(
      unprompted.filter((m) => inQuietHours(m.at)).map((m) => `${inZone(m.at).format('ddd HH:mm')} ${m.to}: ${m.text}`),
    ).toEqual([]);
    // The chat that went quiet at night closed without a word.
    expect(app.transport.to('wx_chenjing')).toEqual([]);
    expect(app.store.conversations.get('wx_chenjing')?.status).toBe('closed');
    // The missed payment is followed up once, in the morning.
    expect(
      app.transport.sent.filter((m) => m.to === 'wx_zhangwei').map((m) => inZone(m.at).format('MM-DD HH:mm')),
    ).toContain('12-02 08:30');

    // Nobody on staff did anything all week: at most one note per complaint per day, two in all, then the ladder.
    const notes = unprompted.filter((m) => /跟进处理中|仍在抓紧处理/.test(m.text));
    for (const ticket of [quiet, dirty, parking]) {
      const mine = notes.filter((m) => m.text.includes(ticket));
      expect(mine.length, ticket).toBe(2);
      expect(new Set(mine.map((m) => day(m.at))).size, ticket).toBe(mine.length);
    }
    // The same resident's two complaints share one message, and the second note is worded differently.
    const lina = notes.filter((m) => m.to === 'wx_lina');
    expect(lina).toHaveLength(2);
    expect(lina.every((m) => m.text.includes(quiet) && m.text.includes(dirty))).toBe(true);
    expect(lina[0]!.text).not.toBe(lina[1]!.text);

    // Nudges and escalations about ordinary matters reach staff only while the office is open.
    const toStaff = app.transport.sent.filter((m) => STAFF.has(m.to));
    expect(toStaff.length).toBeGreaterThan(0);
    expect(
      toStaff.filter((m) => !atWork(m.at)).map((m) => `${inZone(m.at).format('ddd HH:mm')} ${m.to}: ${m.text}`),
    ).toEqual([]);
  });

  it('an emergency still reaches the on-call staff at night, and its ladder does not wait for the morning', async () => {
    const app = createTestApp({ now: '2026-12-01T02:10:00+08:00' });
    await app.say('wx_zhangwei', '家里水管爆了，水漫出来了');
    expect(app.transport.sent.filter((m) => STAFF.has(m.to) && m.at === app.clock.now()).length).toBeGreaterThan(0);
    app.transport.clear();
    await app.advanceTo(app.clock.now() + HOUR);
    // The 15-minute first response was not kept: the owner's rung hears of it at once, at night.
    expect(app.transport.sent.filter((m) => STAFF.has(m.to) && !atWork(m.at)).length).toBeGreaterThan(0);
  });

  it('a booked visit is still reminded the evening before, outside quiet hours', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await bookRepair(app, 'wx_zhangwei', '厨房灯坏了，后天上午来修');
    await app.advanceTo(parseIso('2026-12-02T08:00:00+08:00'));
    const reminders = app.transport.sent.filter((m) => m.to === 'wx_zhangwei' && /温馨提醒/.test(m.text));
    expect(reminders.map((m) => inZone(m.at).format('MM-DD HH:mm'))).toEqual(['12-01 19:00']);
  });
});
