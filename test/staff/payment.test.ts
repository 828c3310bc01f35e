import { describe, expect, it } from 'vitest';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

// 3-2-1201 (张伟) owes 物业管理费 2026-07~2026-09 806.40 and 公共能耗分摊 2026-09 35.20.
const fullReceipt = () =>
  [
    p('arrears.receipt_header', { unit: '3-2-1201', amount: '841.60' }),
    p('arrears.receipt_item', { item: '物业管理费', period: '2026-07~2026-09', amount: '806.40' }),
    p('arrears.receipt_item', { item: '公共能耗分摊', period: '2026-09', amount: '35.20' }),
    p('arrears.receipt_settled'),
    p('arrears.receipt_thanks'),
  ].join('\n');

describe('#交费: a payment at the desk', () => {
  it('reads a unit typed full-width; says when nobody of the household could be sent the receipt; a ticket not found is said so', async () => {
    const app = createTestApp();
    await app.say(SERVICE_DESK, '#交费 ５－３－８０３ １００');
    // 5-3-803 has nobody on WeChat yet: the desk is told the receipt reached no one.
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      [
        p('staff.reply.paid', { unit: '5-3-803', amount: '100.00', remaining: '1512.80', change: '0.00' }),
        p('staff.reply.receipt_unsent'),
      ].join('\n'),
    );
    await app.say(SERVICE_DESK, '#交费 K1 20');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.no_such_ticket', { ticket: 'K1' }));
  });

  it('settles everything, sends the itemized receipt with thanks, and keeps the household’s payment promise', async () => {
    const app = createTestApp();
    const promise = app.store.commitments.create({
      kind: 'payment',
      party: 'resident',
      dueAt: app.clock.now() + 86_400_000,
      unitId: '3-2-1201',
      summary: 'pay',
      createdAt: app.clock.now(),
    });
    await app.say(SERVICE_DESK, '#交费 3栋2单元1201 841.60');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      [
        p('staff.reply.paid', { unit: '3-2-1201', amount: '841.60', remaining: '0.00', change: '0.00' }),
        p('staff.reply.receipt_sent'),
      ].join('\n'),
    );
    // Nothing handed over beyond what was owed: no word of money to give back.
    expect(app.transport.to(SERVICE_DESK).at(-1)).not.toContain('0.00 元（');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(fullReceipt());
    expect(app.store.community.openArrears('3-2-1201')).toEqual([]);
    expect(app.store.commitments.byId(promise.id)?.status).toBe('kept');
    await app.say(RESIDENT, '我家还欠多少物业费');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('arrears.none', { unit: '3-2-1201' }));
  });

  it('a part payment settles the oldest first and says what is still owed', async () => {
    const app = createTestApp();
    await app.say(SERVICE_DESK, '#交费 3-2-1201 810');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      [
        p('arrears.receipt_header', { unit: '3-2-1201', amount: '810.00' }),
        p('arrears.receipt_item', { item: '物业管理费', period: '2026-07~2026-09', amount: '806.40' }),
        p('arrears.receipt_item', { item: '公共能耗分摊', period: '2026-09', amount: '3.60' }),
        p('arrears.receipt_remaining', { amount: '31.60' }),
        p('arrears.receipt_thanks'),
      ].join('\n'),
    );
    expect(app.store.community.openArrears('3-2-1201').map((a) => a.amountFen)).toEqual([3160]);
  });

  it('overpaid: the change is named to staff; bad amounts, no arrears, wrong role are refused and nothing changes', async () => {
    const app = createTestApp();
    await app.say(SERVICE_DESK, '#交费 1-1-502 200');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      [
        p('staff.reply.paid_over', { unit: '1-1-502', amount: '150.00', remaining: '0.00', change: '50.00' }),
        p('staff.reply.receipt_sent'),
      ].join('\n'),
    );
    for (const bad of [
      '#交费 3-2-1201 -5',
      '#交费 3-2-1201 1e9',
      '#交费 3-2-1201 五百',
      '#交费 3-2-1201',
      '#交费 3-2 100',
    ]) {
      await app.say(SERVICE_DESK, bad);
      expect(app.transport.to(SERVICE_DESK).at(-1), bad).toBe(p('staff.usage.payment', { word: '交费' }));
    }
    await app.say(SERVICE_DESK, '#交费 2-1-1101 100');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.nothing_owed', { unit: '2-1-1101' }));
    await app.say('wx_sunqiang', '#交费 3-2-1201 100');
    expect(app.transport.to('wx_sunqiang').at(-1)).toBe(p('staff.refused.role', { command: '#交费' }));
    expect(app.store.community.openArrears('3-2-1201').map((a) => a.amountFen)).toEqual([80640, 3520]);
  });
});

describe('payment shown by a re-import', () => {
  it('amount 0 marks an item paid: settled, the receipt queued, the promise kept once nothing is owed', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { importFile } = await import('../../src/import/import-table.js');
    const { Receipts } = await import('../../src/arrears/receipts.js');
    const app = createTestApp();
    const promise = app.store.commitments.create({
      kind: 'payment',
      party: 'resident',
      dueAt: app.clock.now() + 86_400_000,
      unitId: '3-2-1201',
      summary: 'pay',
      createdAt: app.clock.now(),
    });
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-paid-')), 'arrears.csv');
    writeFileSync(
      file,
      'unit,item,period,amount\n3-2-1201,物业管理费,2026-07~2026-09,0\n3-2-1201,公共能耗分摊,2026-09,0.00\n',
    );
    const receipts = new Receipts(app.store, app.outbound);
    const summary = await importFile(app.store, 'arrears', file, 'cli', app.clock.now(), (unit, items) =>
      receipts.paid(unit, items, 'cli', app.clock.now()),
    );
    expect(summary).toMatchObject({ rows: 2, paid: 2 });
    await app.tick();
    expect(app.transport.to(RESIDENT).at(-1)).toBe(fullReceipt());
    expect(app.store.commitments.byId(promise.id)?.status).toBe('kept');
    // Importing the same file again changes nothing and sends nothing more.
    const again = await importFile(app.store, 'arrears', file, 'cli', app.clock.now(), (unit, items) =>
      receipts.paid(unit, items, 'cli', app.clock.now()),
    );
    expect(again).toMatchObject({ paid: 0, unchanged: 2 });
  });
});
