import { describe, expect, it } from 'vitest';
import { FeeStandards } from '../../src/fees/fee-standards.js';
import { parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

const item = (over: Record<string, unknown>) => ({
  id: 'x',
  group: 'card',
  name: '门禁卡',
  fee: '20.00',
  deposit: '0',
  documents: ['身份证'],
  effective: '2026-01-01',
  ...over,
});
const spec = (items: unknown[]) => ({
  management_fee: { name: '物业管理费', unit: '元', effective: '2026-01-01', by_building_type: { 高层住宅: '2.20' } },
  items,
});

describe('fee standards (data/fees.yaml)', () => {
  it('card business explains the fee, the deposit (or that there is none, and when it comes back) and the documents of the business asked for, from the one source', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我想补办门禁卡');
    expect(app.transport.to(RESIDENT).at(-2)).toBe(
      [
        p('fees.header'),
        p('fees.card_line_no_deposit', { name: '门禁卡（补办）', fee: '30.00', documents: '身份证' }),
      ].join('\n'),
    );
    await app.say('wx_lina', '办停车月卡');
    const refund = '注销停车卡时凭押金收据退还';
    expect(app.transport.to('wx_lina').at(-2)).toBe(
      [
        p('fees.header'),
        p('fees.card_line_refund', {
          name: '停车月卡',
          fee: '300.00',
          deposit: '50.00',
          refund,
          documents: '身份证、行驶证、房产证或租赁合同',
        }),
        p('fees.card_line_refund', {
          name: '停车年卡',
          fee: '3000.00',
          deposit: '50.00',
          refund,
          documents: '身份证、行驶证、房产证或租赁合同',
        }),
      ].join('\n'),
    );
    await app.say('wx_chenjing', '门禁卡注销');
    expect(app.transport.to('wx_chenjing').at(-2)).toBe(
      [p('fees.header'), p('fees.card_line_free', { name: '门禁卡（注销）', documents: '身份证、原门禁卡' })].join(
        '\n',
      ),
    );
  });

  it('a new standard applies from its effective date, not before', () => {
    const fees = new FeeStandards(spec([item({ fee: '20.00' }), item({ fee: '25.00', effective: '2027-01-01' })]));
    expect(fees.inForce('card', parseIso('2026-12-31T23:00:00+08:00')).map((i) => i.fee)).toEqual([2000]);
    expect(fees.inForce('card', parseIso('2027-01-01T08:00:00+08:00')).map((i) => i.fee)).toEqual([2500]);
  });

  it('charges the configured late fee per whole month past the billed period, and none by default', () => {
    const nov26 = parseIso('2026-11-26T09:00:00+08:00');
    expect(FeeStandards.load().lateFee(80640, '2026-07~2026-09', nov26)).toBe(0);
    const fees = new FeeStandards({ ...spec([item({})]), late_fee_percent_per_month: '0.5' });
    expect(fees.lateFee(80640, '2026-07~2026-09', nov26)).toBe(806); // 2 months × 0.5% of 806.40
    expect(fees.lateFee(3520, '2026-11', nov26)).toBe(0);
    expect(() => new FeeStandards({ ...spec([item({})]), late_fee_percent_per_month: '半' })).toThrow(
      /not a percentage/,
    );
  });

  it('the late-fee policy a resident is told follows the configured rate', () => {
    expect(FeeStandards.load().lateFeePolicy()).toEqual({ key: 'faq.late_fee_none' });
    const fees = new FeeStandards({ ...spec([item({})]), late_fee_percent_per_month: '0.5' });
    expect(fees.lateFeePolicy()).toEqual({ key: 'faq.late_fee_rate', params: { percent: '0.50' } });
  });

  it('refuses an amount that is not yuan', () => {
    expect(() => new FeeStandards(spec([item({ fee: '二十' })]))).toThrow(/not an amount in yuan/);
    expect(() => new FeeStandards(spec([item({ documents: [] })]))).toThrow();
  });
});

describe('late fees in the statement', () => {
  it('adds the late fee line and includes it in the total when one is configured', async () => {
    const { Statements } = await import('../../src/identity/statements.js');
    const app = createTestApp();
    const fees = new FeeStandards({ ...spec([item({})]), late_fee_percent_per_month: '0.5' });
    app.store.transaction(() =>
      new Statements(app.store, app.outbound, fees).show({
        conversationKey: RESIDENT,
        replyTo: RESIDENT,
        sender: { wechatId: RESIDENT },
        at: app.clock.now(),
      }),
    );
    await app.tick();
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      [
        p('arrears.header', { unit: '3-2-1201' }),
        p('arrears.item', { item: '物业管理费', period: '2026-07~2026-09', amount: '806.40' }),
        p('arrears.item', { item: '公共能耗分摊', period: '2026-09', amount: '35.20' }),
        p('arrears.late_fee', { amount: '8.41' }), // two months at 0.5% of 806.40 and of 35.20
        p('arrears.total', { amount: '850.01' }),
        p('arrears.how_to_pay'),
      ].join('\n'),
    );
  });
});
