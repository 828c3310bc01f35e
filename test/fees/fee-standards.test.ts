import { describe, expect, it } from 'vitest';
import { FeeStandards } from '../../src/fees/fee-standards.js';
import { parseIso } from '../../src/runtime/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

const item = (over: Record<string, unknown>) => ({ id: 'x', group: 'card', name: '门禁卡', fee: '20.00', deposit: '0', documents: ['身份证'], effective: '2026-01-01', ...over });
const spec = (items: unknown[]) => ({ management_fee: { name: '物业管理费', unit: '元', effective: '2026-01-01', by_building_type: { 高层住宅: '2.20' } }, items });

describe('fee standards (data/fees.yaml)', () => {
  it('card business explains every card fee and the documents to bring, from the one source', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我想补办门禁卡');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      [
        p('fees.header'),
        p('fees.line', { name: '门禁卡（新办）', fee: '20.00', documents: '身份证、房产证或租赁合同' }),
        p('fees.line', { name: '门禁卡（补办）', fee: '30.00', documents: '身份证' }),
        p('fees.line_with_deposit', { name: '停车月卡', fee: '300.00', deposit: '50.00', documents: '身份证、行驶证、房产证或租赁合同' }),
        p('fees.line_with_deposit', { name: '停车年卡', fee: '3000.00', deposit: '50.00', documents: '身份证、行驶证、房产证或租赁合同' }),
        p('fees.line', { name: '会员卡', fee: '0.00', documents: '身份证' }),
      ].join('\n'),
    );
  });

  it('a new standard applies from its effective date, not before', () => {
    const fees = new FeeStandards(spec([item({ fee: '20.00' }), item({ fee: '25.00', effective: '2027-01-01' })]));
    expect(fees.inForce('card', parseIso('2026-12-31T23:00:00+08:00')).map((i) => i.fee)).toEqual([2000]);
    expect(fees.inForce('card', parseIso('2027-01-01T08:00:00+08:00')).map((i) => i.fee)).toEqual([2500]);
  });

  it('refuses an amount that is not yuan', () => {
    expect(() => new FeeStandards(spec([item({ fee: '二十' })]))).toThrow(/not an amount in yuan/);
    expect(() => new FeeStandards(spec([item({ documents: [] })]))).toThrow();
  });
});
