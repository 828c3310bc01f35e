import { describe, expect, it } from 'vitest';
import { parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

// A part of a day (上午) names no hour: the promise is kept by that day's closing time, not broken at 09:00.
const SAT_CLOSE = '2026-11-28T17:30:00+08:00';

describe('agreeing a time to pay (请其约定来交费的时间)', () => {
  it('"周六上午来交" becomes the resident’s promise, reminded the evening before, kept by the payment', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '周六上午来交');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.payment_agreed', {}, { due: SAT_CLOSE }));
    const [promise] = app.store.commitments.all();
    expect(promise).toMatchObject({
      kind: 'payment',
      party: 'resident',
      status: 'open',
      unitId: '3-2-1201',
      dueAt: parseIso(SAT_CLOSE),
    });
    await app.advanceTo(parseIso('2026-11-27T19:00:00+08:00'));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('arrears.payment_reminder', {}, { due: SAT_CLOSE }, '2026-11-27T19:00:00+08:00'),
    );
    await app.say(SERVICE_DESK, '#交费 3-2-1201 841.60');
    expect(app.store.commitments.byId(promise!.id)?.status).toBe('kept');
  });

  it('a new date said while one is agreed replaces it: the first is renegotiated, never reminded nor broken', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '周六上午来交');
    await app.say(RESIDENT, '周六交不了了 改成下周三吧');
    const WED_CLOSE = '2026-12-02T17:30:00+08:00';
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.payment_moved', {}, { due: WED_CLOSE }));
    expect(app.store.commitments.all()).toMatchObject([
      { kind: 'payment', status: 'renegotiated', dueAt: parseIso(SAT_CLOSE) },
      { kind: 'payment', status: 'open', dueAt: parseIso(WED_CLOSE) },
    ]);
    const told = app.transport.to(RESIDENT).length;
    await app.advanceTo(parseIso('2026-11-30T09:00:00+08:00'));
    // Saturday's reminder and its missed follow-up never come (only the idle close does); the desk is not told.
    expect(app.transport.to(RESIDENT).slice(told).join('\n')).not.toContain('缴费');
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
  });

  it('when it passes unpaid: one polite follow-up, the desk calls, and nothing more from the bot', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '周六上午来交');
    await app.advanceTo(parseIso(SAT_CLOSE));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.payment_missed', {}, { due: SAT_CLOSE }, SAT_CLOSE));
    // Closing time has passed: the desk hears of it when next at work (Sunday is a day off).
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
    await app.advanceTo(parseIso('2026-11-30T09:00:00+08:00'));
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('3-2-1201');
    // Read on Monday, the day it was due is said as a date, not as "today".
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      p('arrears.staff_payment_missed', { unit: '3-2-1201' }, { due: SAT_CLOSE }, '2026-11-30T08:30:00+08:00'),
    );
    const count = app.transport.to(RESIDENT).length;
    await app.advanceTo(parseIso(SAT_CLOSE) + 7 * 86_400_000);
    expect(app.transport.to(RESIDENT)).toHaveLength(count);
    expect(app.transport.to('wx_wugang')).toEqual([]); // a resident's promise does not climb the office's ladder
  });

  it('a day without an hour ("下周一去前台交", "月底之前肯定交") is a promise kept by that day\'s closing time', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我下周一去前台交');
    const MON_CLOSE = '2026-11-30T17:30:00+08:00';
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.payment_agreed', {}, { due: MON_CLOSE }));
    expect(app.store.commitments.all()).toMatchObject([
      { kind: 'payment', party: 'resident', status: 'open', dueAt: parseIso(MON_CLOSE) },
    ]);
    await app.say('wx_wangfang', '这个月手头紧 月底之前肯定交');
    expect(app.store.commitments.all().at(-1)).toMatchObject({
      kind: 'payment',
      party: 'resident',
      unitId: '1-1-502',
      dueAt: parseIso('2026-11-30T17:30:00+08:00'),
    });
  });

  it('paying mentioned in passing, in a complaint or a repair, is no promise to pay', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '投诉你们前台 今天上午我去交停车费 她一直低头玩手机 爱答不理的');
    await app.say('wx_lina', '可能没提交上吧 那重新报 阳台灯不亮了 明天下午2点到4点来');
    expect(app.store.commitments.all().filter((c) => c.kind === 'payment')).toEqual([]);
    expect(app.transport.to('wx_lina').join('\n')).not.toContain(p('arrears.nothing_to_pay'));
  });

  it('a household with nothing owed, or a time already past, is told so', async () => {
    const app = createTestApp();
    await app.say('wx_chenjing', '周六上午来交');
    expect(app.transport.to('wx_chenjing').at(-1)).toBe(p('arrears.nothing_to_pay'));
    await app.say(RESIDENT, '今天早上8点来交');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.pay_date_past'));
    expect(app.store.commitments.all()).toEqual([]);
  });
});
