import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dataPath } from '../../src/domain/data-path.js';
import { formatIso, parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK, START, type TestApp } from '../fakes/test-app.js';

// Ready within two working days: Thursday 09:00 + 18 business hours (8.5 on Thursday, 9 on Friday).
const CARD_DUE = '2026-11-28T09:00:00+08:00';
const STRANGER = 'wx_newcomer';
const OFFICE_HOURS = (
  parse(readFileSync(dataPath('faq.zh-CN.yaml'), 'utf8')) as { entries: Array<{ id: string; answer: string }> }
).entries.find((e) => e.id === 'office_hours')!.answer;

const fees = (...lines: string[]) => [p('fees.header'), ...lines].join('\n');
const ACCESS_NEW = p('fees.card_line_no_deposit', {
  name: '门禁卡（新办）',
  fee: '20.00',
  documents: '身份证、房产证或租赁合同',
});
const ACCESS_REPLACEMENT = p('fees.card_line_no_deposit', {
  name: '门禁卡（补办）',
  fee: '30.00',
  documents: '身份证',
});
const REFUND = '注销停车卡时凭押金收据退还';
const PARKING_MONTH = p('fees.card_line_refund', {
  name: '停车月卡',
  fee: '300.00',
  deposit: '50.00',
  refund: REFUND,
  documents: '身份证、行驶证、房产证或租赁合同',
});
const PARKING_YEAR = p('fees.card_line_refund', {
  name: '停车年卡',
  fee: '3000.00',
  deposit: '50.00',
  refund: REFUND,
  documents: '身份证、行驶证、房产证或租赁合同',
});
const MEMBERSHIP = p('fees.card_line_free', { name: '会员卡（办理或续期）', documents: '身份证' });
const ZHANG = { name: '张伟', unit: '3-2-1201', phone: '13800001201' };

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
    expect(app.store.commitments.all()).toMatchObject([
      { kind: 'card_service', status: 'open', dueAt: parseIso(CARD_DUE) },
    ]);
    // The desk sees the form, with the phone masked.
    expect(app.transport.to(SERVICE_DESK)).toEqual([
      expect.stringMatching(/K1.*门禁卡新办：李明，5-3-803，电话\*{7}1111/),
    ]);
  });

  it("a parking card for a bound resident: the household's name, unit and phone filled in, the plate asked, a correction repeated back", async () => {
    const app = createTestApp();
    const said = await talk(app, RESIDENT, ['我想办停车月卡', '浙a 12345', '车牌错了，是浙A54321', '对']);
    const form = { card: 'parking', business: 'new', ...ZHANG };
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
    [
      'a replacement access card',
      '门禁卡丢了，要补办',
      'card.repeat_back',
      { card: 'access', business: 'replacement' },
      ACCESS_REPLACEMENT,
    ],
    [
      'a membership renewal',
      '会员卡到期了想续期',
      'card.repeat_back',
      { card: 'membership', business: 'renewal' },
      MEMBERSHIP,
    ],
    [
      'a parking card cancelled',
      '我要注销停车卡，车牌浙B11111',
      'card.repeat_back_plate',
      { card: 'parking', business: 'cancellation', plate: '浙B11111' },
      p('fees.card_line_free', { name: '停车卡（注销，退还押金）', documents: '身份证、原停车卡、押金收据' }),
    ],
    [
      'a plate added to a parking card',
      '停车卡加个车牌 沪C88888',
      'card.repeat_back_plate',
      { card: 'parking', business: 'add_plate', plate: '沪C88888' },
      p('fees.card_line_free', { name: '停车卡增加车牌', documents: '身份证、新车辆行驶证' }),
    ],
  ])(
    '%s: its own fee line, then straight to the repeat-back for a bound resident (the holder is them)',
    async (_, first, repeatKey, form, feeLine) => {
      const app = createTestApp();
      const said = await talk(app, RESIDENT, [first, '对的']);
      expect(said).toEqual([
        p('reception.greeting'),
        // A card lost (门禁卡丢了) is stopped at once: the desk is told, and the resident hears so first.
        ...(first.includes('丢了') ? [p('card.loss_reported')] : []),
        fees(feeLine),
        p(repeatKey, { ...ZHANG, plate: '', ...form }),
        p('card.applied', { ticket: 'K1' }, { due: CARD_DUE }),
      ]);
    },
  );

  it('asks which card and which business when not said, and says so when a card has no such business', async () => {
    const app = createTestApp();
    expect(await talk(app, 'wx_lina', ['办卡', '会员卡', '对'])).toEqual([
      p('reception.greeting'),
      p('card.ask_card'),
      fees(MEMBERSHIP),
      p('card.repeat_back', {
        card: 'membership',
        business: 'new',
        name: '李娜',
        unit: '3-2-1202',
        phone: '13800001202',
      }),
      p('card.applied', { ticket: 'K1' }, { due: CARD_DUE }),
    ]);
    const said = await talk(app, RESIDENT, ['门禁卡', '续期', '补办']);
    expect(said).toEqual([
      p('reception.greeting'),
      p('card.ask_business'),
      p('card.not_offered', { card: 'access', business: 'renewal' }),
      p('card.ask_business'),
      fees(ACCESS_REPLACEMENT),
      p('card.repeat_back', { card: 'access', business: 'replacement', ...ZHANG }),
    ]);
  });

  it('an answer that is not what was asked is asked for again', async () => {
    const app = createTestApp();
    const said = await talk(app, STRANGER, ['补办门禁卡', '王小明', '不知道', '5栋3单元803', '12345']);
    expect(said.slice(-4)).toEqual([
      p('card.ask_unit'),
      p('card.ask_unit_again'),
      p('card.ask_phone'),
      p('card.ask_phone_again'),
    ]);
  });

  it('#完成 tells the resident it is ready and where to collect it; #交费 sends the receipt, once', async () => {
    const app = createTestApp();
    await talk(app, RESIDENT, ['补办门禁卡', '对']);
    await app.say(SERVICE_DESK, '#接单 K1');
    await app.say(SERVICE_DESK, '#完成 K1');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('card.ready', { ticket: 'K1', what: '门禁卡补办' }));
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'card_service', status: 'kept' }]);
    await app.say(SERVICE_DESK, '#交费 K1 30');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('card.receipt', { ticket: 'K1', what: '门禁卡补办', amount: '30.00' }),
    );
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

  it('left idle half-way, the form waits with a word on how to pick it up; nothing is filed, and days later it closes', async () => {
    const app = createTestApp();
    await talk(app, STRANGER, ['办门禁卡', '李明']);
    await app.advanceTo(parseIso(START) + 2 * 3600_000 + 1000);
    // Changed in the eighth round: kept for a few days (card.paused) instead of closed at once.
    expect(app.transport.to(STRANGER).at(-1)).toBe(p('card.paused'));
    expect(app.store.tickets.allOpen()).toEqual([]);
    expect(formatIso(app.clock.now())).toMatch(/T11:00:01/);
    await app.advanceTo(parseIso(START) + 4 * 86_400_000);
    await app.say(STRANGER, '你们几点上班');
    expect(app.transport.to(STRANGER).at(-1)).not.toBe(p('card.ask_unit'));
  });
});

describe('card business read in context (issue 18)', () => {
  it('a price question is answered as a question, from anyone: the standard and an offer, no form, no ticket', async () => {
    const app = createTestApp();
    expect(await talk(app, STRANGER, ['停车月卡多少钱一个月'])).toEqual([
      p('reception.greeting'),
      fees(PARKING_MONTH, PARKING_YEAR),
      p('card.offer'),
    ]);
    expect(await talk(app, RESIDENT, ['门禁卡补办要多少钱', '不用了'])).toEqual([
      p('reception.greeting'),
      fees(ACCESS_REPLACEMENT),
      p('card.offer'),
      p('card.offer_declined'),
    ]);
    // Naming the business is not yet asking for it: "办…要带什么" is a question too.
    expect((await talk(app, 'wx_guest2', ['办门禁卡要带什么证件'])).slice(1)).toEqual([
      fees(ACCESS_NEW),
      p('card.offer'),
    ]);
    expect(app.store.tickets.allOpen()).toEqual([]);
    expect(app.store.commitments.all()).toEqual([]);
  });

  it('after the price, "那办一张吧" starts the form; one breath with both asks and wants goes straight to it', async () => {
    const app = createTestApp();
    expect(await talk(app, 'wx_wangfang', ['停车月卡多少钱一个月', '那办一张吧'])).toEqual([
      p('reception.greeting'),
      fees(PARKING_MONTH, PARKING_YEAR),
      p('card.offer'),
      p('card.ask_plate'),
    ]);
    expect((await talk(app, 'wx_lina', ['想给家里阿姨办张门禁卡 要带啥'])).slice(1)).toEqual([
      fees(ACCESS_NEW),
      // For the household's helper (给家里阿姨): her name is asked, the resident is not offered as the holder.
      p('card.ask_name'),
    ]);
  });

  it('after the price of a replacement, "补吧 就补我自己那张" is the go-ahead for that card: read back, not which card?', async () => {
    const app = createTestApp();
    await talk(app, 'wx_lina', ['门禁卡丢了 要补一张 多少钱', '补吧 就补我自己那张 手机号没变']);
    const last = app.transport.to('wx_lina').at(-1)!;
    expect(last).toContain('门禁卡补办');
    expect(last).toContain('李娜');
    expect(app.transport.to('wx_lina')).not.toContain(p('card.ask_card'));
  });

  it("a fee or deposit question inside the form is answered from this card's own standard (not the decoration deposit), and the form goes on", async () => {
    const app = createTestApp();
    const said = await talk(app, RESIDENT, [
      '办个停车月卡',
      '押金退不退',
      '张伟 3-2-1201 沪A·3M872 13800001201',
      '多少钱啊',
      '是的',
    ]);
    const form = { card: 'parking', business: 'new', ...ZHANG, plate: '沪A3M872' };
    expect(said.slice(1)).toEqual([
      fees(PARKING_MONTH, PARKING_YEAR),
      p('card.ask_plate'),
      fees(PARKING_MONTH, PARKING_YEAR),
      p('card.ask_plate'),
      p('card.repeat_back_plate', form),
      fees(PARKING_MONTH, PARKING_YEAR),
      p('card.repeat_back_plate', form),
      p('card.applied', { ticket: 'K1' }, { due: CARD_DUE }),
    ]);
    expect(said.join('\n')).not.toContain('装修押金');
  });

  it('the business once chosen is kept: a bare "办吧" or a documents question does not turn a replacement into a new card', async () => {
    const app = createTestApp();
    const said = await talk(app, 'wx_lina', [
      '门禁卡丢了要补办',
      '补办要带身份证吗',
      '那办吧 李娜 3栋2单元1202 13800001202',
      '对',
    ]);
    expect(said).toContain(
      p('card.repeat_back', {
        card: 'access',
        business: 'replacement',
        name: '李娜',
        unit: '3-2-1202',
        phone: '13800001202',
      }),
    );
    expect(app.store.tickets.byNumber('K1')).toMatchObject({ topic: 'access:replacement' });
  });

  it("a card for someone else: the names written with the other fields are the holder's, not the resident's", async () => {
    const app = createTestApp();
    const said = await talk(app, 'wx_lina', [
      '想给我爸妈办两张门禁卡',
      '李建国 刘桂兰 3栋2单元1202 联系电话13800001202',
    ]);
    expect(said.at(-1)).toBe(
      p('card.repeat_back', {
        card: 'access',
        business: 'new',
        name: '李建国 刘桂兰',
        unit: '3-2-1202',
        phone: '13800001202',
      }),
    );
  });

  it('"给我妈办的" said after the resident was taken for the holder: the holder\'s name is asked, not assumed', async () => {
    const app = createTestApp();
    const said = await talk(app, 'wx_chenjing', ['我要补办门禁卡', '1102 给我妈办的']);
    expect(said.at(-1)).toBe(p('card.ask_name'));
    const after = await talk(app, 'wx_chenjing', ['刘桂芳']);
    expect(after.at(-1)).toContain('办卡人刘桂芳');
  });

  it('a resident with two flats is asked which, and "1102那套" names one of them', async () => {
    const app = createTestApp();
    const said = await talk(app, 'wx_chenjing', ['门禁卡补办一张', '1102那套']);
    expect(said.slice(-2)).toEqual([
      p('card.ask_unit_which', { units: '2-1-1101 / 2-1-1102' }),
      p('card.repeat_back', {
        card: 'access',
        business: 'replacement',
        name: '陈静',
        unit: '2-1-1102',
        phone: '13600001101',
      }),
    ]);
  });

  it('a plate given on its own, then corrected, is taken each time, and the form asks for what is still missing', async () => {
    const app = createTestApp();
    const said = await talk(app, 'wx_wangfang', [
      '想办停车月卡',
      '车牌苏E·88D21',
      '不对 打错了 是苏E·88D12',
      '王芳 1-1-502 13900000502',
    ]);
    const form = { card: 'parking', business: 'new', name: '王芳', unit: '1-1-502', phone: '13900000502' };
    expect(said.slice(2)).toEqual([
      p('card.ask_plate'),
      p('card.repeat_back_plate', { ...form, plate: '苏E88D21' }),
      p('card.repeat_back_plate', { ...form, plate: '苏E88D12' }),
      p('card.confirm_again'),
    ]);
  });

  it.each(['要', '要的', '是', '可以', '好', '行', '嗯', '没问题', '对'])(
    '"%s" at the repeat-back files the card',
    async (yes) => {
      const app = createTestApp();
      await talk(app, RESIDENT, ['门禁卡坏了 补办一张', '张伟 3栋2单元1201 13800001201', yes]);
      expect(app.store.tickets.byNumber('K1')).toMatchObject({ type: 'card' });
    },
  );

  it.each(['不用', '不需要', '不要'])('"%s" at the repeat-back files nothing', async (no) => {
    const app = createTestApp();
    await talk(app, RESIDENT, ['门禁卡坏了 补办一张', '张伟 3栋2单元1201 13800001201', no]);
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it('"停车卡不用了 要注销" is card business (a cancellation), not a goodbye', async () => {
    const app = createTestApp();
    const said = await talk(app, 'wx_chenjing', ['1101的停车卡不用了 要注销 车卖了']);
    expect(said[1]).toBe(
      fees(p('fees.card_line_free', { name: '停车卡（注销，退还押金）', documents: '身份证、原停车卡、押金收据' })),
    );
    expect(said).not.toContain(p('reception.farewell'));
  });

  it('a message that fills the form is never taken for a cancel', async () => {
    const app = createTestApp();
    const said = await talk(app, RESIDENT, ['办个停车月卡', '那办吧 张伟 3-2-1201 沪A·3M872 13800001201']);
    expect(said.at(-1)).toBe(
      p('card.repeat_back_plate', { card: 'parking', business: 'new', ...ZHANG, plate: '沪A3M872' }),
    );
  });
});
