import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dataPath } from '../../src/data-path.js';
import { formatIso, parseIso } from '../../src/runtime/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK, START, type TestApp } from '../fakes/test-app.js';

// Ready within two working days: Thursday 09:00 + 18 business hours (8.5 on Thursday, 9 on Friday).
const CARD_DUE = '2026-11-28T09:00:00+08:00';
const STRANGER = 'wx_newcomer';
const OFFICE_HOURS = (parse(readFileSync(dataPath('faq.zh-CN.yaml'), 'utf8')) as { entries: Array<{ id: string; answer: string }> }).entries.find((e) => e.id === 'office_hours')!.answer;

const fees = (...lines: string[]) => [p('fees.header'), ...lines].join('\n');
const ACCESS_NEW = p('fees.line', { name: '门禁卡（新办）', fee: '20.00', documents: '身份证、房产证或租赁合同' });
const PARKING_MONTH = p('fees.line_with_deposit', { name: '停车月卡', fee: '300.00', deposit: '50.00', documents: '身份证、行驶证、房产证或租赁合同' });
const PARKING_YEAR = p('fees.line_with_deposit', { name: '停车年卡', fee: '3000.00', deposit: '50.00', documents: '身份证、行驶证、房产证或租赁合同' });

async function talk(app: TestApp, who: string, lines: string[]): Promise<string[]> {
  const before = app.transport.to(who).length;
  for (const line of lines) await app.say(who, line);
  return app.transport.to(who).slice(before);
}

describe('card business (门禁卡、停车卡、会员卡)', () => {
  it('a newcomer: fee and documents first, then name, unit and phone one at a time, repeated back, ticket K1 with its promise', async () => {
    const app = createTestApp();
    const said = await talk(app, STRANGER, ['我要办张门禁卡', '我叫李明', '5栋3单元803', '13900001111', '对']);
    const form = { card: 'access', business: 'new', name: '李明', unit: '5-3-803', phone: '13900001111' };
    expect(said).toEqual([
      p('reception.greeting'),
      fees(ACCESS_NEW),
      p('card.ask_name'),
      p('card.ask_unit'),
      p('card.ask_phone'),
      p('card.repeat_back', form),
      p('card.applied', { ticket: 'K1' }, { due: CARD_DUE }),
    ]);
    expect(app.store.tickets.byNumber('K1')).toMatchObject({ type: 'card', status: 'new', topic: 'access:new' });
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'card_service', status: 'open', dueAt: parseIso(CARD_DUE) }]);
    // The desk sees the form, with the phone masked.
    expect(app.transport.to(SERVICE_DESK)).toEqual([expect.stringMatching(/K1.*门禁卡新办：李明，5-3-803，电话\*{7}1111/)]);
  });

  it('a parking card for a bound resident: nothing known is asked again, the plate is, and a correction is repeated back', async () => {
    const app = createTestApp();
    const said = await talk(app, RESIDENT, ['我想办停车月卡', '浙a 12345', '车牌错了，是浙A54321', '对']);
    const form = { card: 'parking', business: 'new', name: '张伟', unit: '3-2-1201', phone: '13800001201' };
    expect(said).toEqual([
      p('reception.greeting'),
      fees(PARKING_MONTH, PARKING_YEAR),
      p('card.ask_plate'),
      p('card.repeat_back_plate', { ...form, plate: '浙A12345' }),
      p('card.repeat_back_plate', { ...form, plate: '浙A54321' }),
      p('card.applied', { ticket: 'K1' }, { due: CARD_DUE }),
    ]);
    expect(app.store.tickets.byNumber('K1')!.summary).toContain('浙A54321');
  });

  it.each([
    ['a replacement access card', '门禁卡丢了，要补办', 'card.repeat_back', { card: 'access', business: 'replacement' }, p('fees.line', { name: '门禁卡（补办）', fee: '30.00', documents: '身份证' })],
    ['a membership renewal', '会员卡到期了想续期', 'card.repeat_back', { card: 'membership', business: 'renewal' }, p('fees.line', { name: '会员卡（办理或续期）', fee: '0.00', documents: '身份证' })],
    ['a parking card cancelled', '我要注销停车卡，车牌浙B11111', 'card.repeat_back_plate', { card: 'parking', business: 'cancellation', plate: '浙B11111' }, p('fees.line', { name: '停车卡（注销，退还押金）', fee: '0.00', documents: '身份证、原停车卡、押金收据' })],
    ['a plate added to a parking card', '停车卡加个车牌 沪C88888', 'card.repeat_back_plate', { card: 'parking', business: 'add_plate', plate: '沪C88888' }, p('fees.line', { name: '停车卡增加车牌', fee: '0.00', documents: '身份证、新车辆行驶证' })],
  ])('%s: its own fee line, then straight to the repeat-back for a bound resident', async (_, first, repeatKey, form, feeLine) => {
    const app = createTestApp();
    const said = await talk(app, RESIDENT, [first, '对的']);
    expect(said).toEqual([
      p('reception.greeting'),
      fees(feeLine),
      p(repeatKey, { name: '张伟', unit: '3-2-1201', phone: '13800001201', plate: '', ...form }),
      p('card.applied', { ticket: 'K1' }, { due: CARD_DUE }),
    ]);
  });

  it('asks which card and which business when not said, and says so when a card has no such business', async () => {
    const app = createTestApp();
    expect(await talk(app, 'wx_lina', ['办卡', '会员卡'])).toEqual([
      p('reception.greeting'),
      p('card.ask_card'),
      fees(p('fees.line', { name: '会员卡（办理或续期）', fee: '0.00', documents: '身份证' })),
      p('card.repeat_back', { card: 'membership', business: 'new', name: '李娜', unit: '3-2-1202', phone: '13800001202' }),
    ]);
    const said = await talk(app, RESIDENT, ['门禁卡', '续期', '补办']);
    expect(said).toEqual([
      p('reception.greeting'),
      p('card.ask_business'),
      p('card.not_offered', { card: 'access', business: 'renewal' }),
      p('card.ask_business'),
      fees(p('fees.line', { name: '门禁卡（补办）', fee: '30.00', documents: '身份证' })),
      p('card.repeat_back', { card: 'access', business: 'replacement', name: '张伟', unit: '3-2-1201', phone: '13800001201' }),
    ]);
  });

  it('an answer that is not what was asked is asked for again', async () => {
    const app = createTestApp();
    const said = await talk(app, STRANGER, ['补办门禁卡', '王小明', '不知道', '5栋3单元803', '12345']);
    expect(said.slice(-4)).toEqual([p('card.ask_unit'), p('card.ask_unit_again'), p('card.ask_phone'), p('card.ask_phone_again')]);
  });

  it('#完成 tells the resident it is ready and where to collect it; #交费 sends the receipt, once', async () => {
    const app = createTestApp();
    await talk(app, RESIDENT, ['补办门禁卡', '对']);
    await app.say(SERVICE_DESK, '#接单 K1');
    await app.say(SERVICE_DESK, '#完成 K1');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('card.ready', { ticket: 'K1', what: '门禁卡补办' }));
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'card_service', status: 'kept' }]);
    await app.say(SERVICE_DESK, '#交费 K1 30');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('card.receipt', { ticket: 'K1', what: '门禁卡补办', amount: '30.00' }));
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.reply.card_paid', { ticket: 'K1', amount: '30.00' }));
    expect(app.store.tickets.byNumber('K1')!.status).toBe('closed');
    await app.say(SERVICE_DESK, '#交费 K1 30');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.already_paid', { ticket: 'K1' }));
    expect(app.transport.to(RESIDENT).filter((m) => m.includes('缴费凭证'))).toHaveLength(1);
  });

  it('取消 ends the form with a confirmation and files nothing', async () => {
    const app = createTestApp();
    const said = await talk(app, STRANGER, ['办停车卡', '算了，不办了']);
    expect(said.at(-1)).toBe(p('card.cancelled'));
    expect(app.store.tickets.allOpen()).toEqual([]);
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
  });

  it('a question in the middle is answered, then the form goes on where it was', async () => {
    const app = createTestApp();
    const said = await talk(app, RESIDENT, ['办停车月卡', '对了，物业办公室几点下班？', '浙A12345']);
    expect(said[2]).toBe(p('card.ask_plate'));
    expect(said[3]).toBe([p('faq.header'), p('faq.answer', { text: OFFICE_HOURS })].join('\n'));
    expect(said[4]).toBe(p('reception.resume', { flow: 'card' }));
    expect(said[5]).toBe(p('card.ask_plate'));
    expect(said[6]).toContain('浙A12345');
  });

  it('left idle, the form is closed politely and nothing is filed', async () => {
    const app = createTestApp();
    await talk(app, STRANGER, ['办门禁卡', '李明']);
    await app.advanceTo(parseIso(START) + 2 * 3600_000 + 1000);
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('reception.farewell_idle'));
    expect(app.store.tickets.allOpen()).toEqual([]);
    expect(formatIso(app.clock.now())).toMatch(/T11:00:01/);
  });
});
