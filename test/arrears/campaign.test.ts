import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArrearsCampaign } from '../../src/arrears/campaign.js';
import { parseIso } from '../../src/domain/time.js';
import { lines, wuye } from '../fakes/cli.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

const WEEK = 7 * 86_400_000;

describe('arrears reminder campaign', () => {
  it('reminds each bound resident of a unit in arrears once, itemized, with the apology and the question', async () => {
    const app = createTestApp();
    const campaign = new ArrearsCampaign(app.store, app.outbound);
    const plan = campaign.plan({ minAmountFen: 0, at: app.clock.now(), capMs: WEEK });
    expect(plan.reminders.map((r) => [r.wechatId, r.unitId, r.totalFen])).toEqual([
      ['wx_wangfang', '1-1-502', 15000],
      [RESIDENT, '3-2-1201', 84160],
    ]);
    expect(plan.skipped).toEqual([{ unitId: '5-3-803', reason: 'not_bound' }]);
    campaign.run(plan, app.clock.now());
    expect(app.store.events.ofTypes(['arrears_reminder_skipped']).map((e) => e.data)).toEqual([
      { unit: '5-3-803', reason: 'not_bound' },
    ]);
    await app.advanceTo(app.clock.now() + 10_000); // the governor spaces proactive messages (3 s apart at 20 a minute)
    expect(app.transport.to(RESIDENT)).toEqual([
      [
        p('arrears.reminder_header', { unit: '3-2-1201' }),
        p('arrears.item', { item: '物业管理费', period: '2026-07~2026-09', amount: '806.40' }),
        p('arrears.item', { item: '公共能耗分摊', period: '2026-09', amount: '35.20' }),
        p('arrears.total', { amount: '841.60' }),
        p('arrears.ask_pay_date'),
      ].join('\n'),
    ]);
    // Within the cap window nobody is reminded twice.
    const again = campaign.plan({ minAmountFen: 0, at: app.clock.now() + 86_400_000, capMs: WEEK });
    expect(again.reminders).toEqual([]);
    expect(again.skipped.filter((s) => s.reason === 'recently_reminded')).toHaveLength(2);
    // A paid unit is not reminded; a minimum leaves small debts alone; a building filter narrows it.
    await app.say('wx_zhaomin', '#交费 3-2-1201 841.60');
    const later = campaign.plan({ minAmountFen: 0, at: app.clock.now() + 2 * WEEK, capMs: WEEK });
    expect(later.reminders.map((r) => r.unitId)).toEqual(['1-1-502']);
    expect(campaign.plan({ minAmountFen: 20000, at: app.clock.now() + 2 * WEEK, capMs: WEEK }).reminders).toEqual([]);
    expect(
      campaign.plan({ minAmountFen: 0, building: '3', at: app.clock.now() + 2 * WEEK, capMs: WEEK }).reminders,
    ).toEqual([]);
  });

  it('reminders queued in the evening wait for the morning (the governor)', async () => {
    const app = createTestApp({ now: '2026-11-26T20:59:00+08:00' });
    const campaign = new ArrearsCampaign(app.store, app.outbound);
    campaign.run(
      campaign.plan({ minAmountFen: 0, at: parseIso('2026-11-26T21:30:00+08:00'), capMs: WEEK }),
      parseIso('2026-11-26T21:30:00+08:00'),
    );
    await app.advanceTo(parseIso('2026-11-26T21:30:00+08:00'));
    expect(app.transport.sent).toEqual([]);
    await app.advanceTo(parseIso('2026-11-27T09:00:00+08:00'));
    expect(app.transport.sent.map((m) => m.at)).toEqual([
      parseIso('2026-11-27T08:30:00+08:00'),
      parseIso('2026-11-27T08:30:03+08:00'),
    ]);
  });

  it('wuye remind arrears --dry-run prints who would get what and sends nothing', () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-remind-')), 'wuye.db');
    wuye(['chat', '--jsonl', '--db', db], lines());
    const dry = wuye(['remind', 'arrears', '--dry-run', '--db', db, '--now', '2026-11-26T10:00:00+08:00']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('wx_zhangwei\t3-2-1201\t841.60\t2 items');
    expect(dry.stdout).toMatch(/would remind 2 residents; skipped: 1 not_bound/);
    const real = wuye(['remind', 'arrears', '--db', db, '--now', '2026-11-26T10:00:00+08:00']);
    expect(real.stdout).toMatch(/queued reminders for 2 residents/);
    const again = wuye(['remind', 'arrears', '--dry-run', '--db', db, '--now', '2026-11-27T10:00:00+08:00']);
    expect(again.stdout).toMatch(/would remind 0 residents; skipped: 2 recently_reminded, 1 not_bound/);
    expect(wuye(['remind', 'arrears', '--min-amount', '-5', '--db', db]).stderr).toMatch(
      /--min-amount "-5" is not an amount/,
    );
  });
});

describe('disputes and opting out', () => {
  it('a dispute gets the calm apology, a ticket for the desk with the statement, and pauses that unit’s reminders', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我上个月已经交过了，为什么还催');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('arrears.dispute_ack', { ticket: 'H1' }, { due: '2026-11-26T10:00:00+08:00' }),
    );
    expect(app.transport.to('wx_zhaomin').at(-1)).toMatch(
      /费用异议 H1.*已经交过了.*3-2-1201: 物业管理费 2026-07~2026-09 806.40; 公共能耗分摊 2026-09 35.20/,
    );
    const plan = new ArrearsCampaign(app.store, app.outbound).plan({
      minAmountFen: 0,
      at: app.clock.now(),
      capMs: WEEK,
    });
    expect(plan.skipped).toContainEqual({ unitId: '3-2-1201', reason: 'disputed' });
    expect(plan.reminders.map((r) => r.unitId)).toEqual(['1-1-502']);
  });

  it('refusing to pay over the service is heard as a complaint: empathy, a ticket, the supervisor told, reminders paused', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '物业费我不交了 你们服务这么差 凭什么交钱');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('arrears.withhold_ack', { ticket: 'H1' }, { due: '2026-11-26T10:00:00+08:00' }),
    );
    expect(app.store.tickets.byNumber('H1')).toMatchObject({ category: 'complaint', topic: 'arrears_dispute' });
    expect(app.transport.to('wx_zhaomin').at(-1)).toMatch(/因服务拒缴 H1.*服务这么差.*3-2-1201: 物业管理费/);
    expect(app.transport.to('wx_wugang').at(-1)).toMatch(/因服务拒缴 H1/);
    const plan = new ArrearsCampaign(app.store, app.outbound).plan({
      minAmountFen: 0,
      at: app.clock.now(),
      capMs: WEEK,
    });
    expect(plan.skipped).toContainEqual({ unitId: '3-2-1201', reason: 'disputed' });
    expect(app.store.commitments.all().filter((c) => c.kind === 'payment')).toEqual([]);
    await app.say('wx_wangfang', '你们这服务 我是不会交物业费的');
    expect(app.transport.to('wx_wangfang').at(-1)).toBe(
      p('arrears.withhold_ack', { ticket: 'H2' }, { due: '2026-11-26T10:00:00+08:00' }),
    );
  });

  it('a household that said when it will pay is not asked again when it will pay', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我欠多少');
    await app.say(RESIDENT, '周五下午去前台交');
    const plan = new ArrearsCampaign(app.store, app.outbound).plan({
      minAmountFen: 0,
      at: app.clock.now(),
      capMs: WEEK,
    });
    expect(plan.reminders.map((r) => r.unitId)).toEqual(['1-1-502']);
    expect(plan.skipped).toContainEqual({ unitId: '3-2-1201', reason: 'payment_promised' });
  });

  it('a resident who asks not to be reminded by chat is not', async () => {
    const app = createTestApp();
    await app.say('wx_wangfang', '以后别微信提醒我交费了');
    expect(app.transport.to('wx_wangfang').at(-1)).toBe(p('arrears.opted_out'));
    const plan = new ArrearsCampaign(app.store, app.outbound).plan({
      minAmountFen: 0,
      at: app.clock.now(),
      capMs: WEEK,
    });
    expect(plan.skipped).toContainEqual({ unitId: '1-1-502', wechatId: 'wx_wangfang', reason: 'opted_out' });
    // Left alone means alone: not even the idle farewell follows in the next days.
    const said = app.transport.to('wx_wangfang').length;
    await app.advanceTo(app.clock.now() + WEEK);
    expect(app.transport.to('wx_wangfang')).toHaveLength(said);
  });
});

describe('wuye broadcast', () => {
  it('renders a notice from the catalog for a building, dry run first, then queues it for the governor', () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-broadcast-')), 'wuye.db');
    wuye(['chat', '--jsonl', '--db', db], lines());
    const dry = wuye([
      'broadcast',
      '--building',
      '3',
      '--text-key',
      'notice.water_outage',
      '--param',
      'date=11月28日上午',
      '--dry-run',
      '--db',
      db,
    ]);
    expect(dry.stdout.split('\n')[0]).toBe(p('notice.water_outage', { date: '11月28日上午' }));
    expect(dry.stdout).toMatch(/wx_zhangwei\nwx_lina\nwould send to 2 residents/);
    const real = wuye([
      'broadcast',
      '--building',
      '3',
      '--text-key',
      'notice.water_outage',
      '--param',
      'date=11月28日上午',
      '--db',
      db,
    ]);
    expect(real.stdout).toMatch(/queued the notice for 2 residents/);
    expect(wuye(['broadcast', '--text-key', 'notice.water_outage', '--db', db]).stderr).toMatch(
      /needs parameter \{date\}/,
    );
    expect(wuye(['broadcast', '--text-key', 'reception.greeting', '--db', db]).stderr).toMatch(
      /no notice "reception.greeting"/,
    );
    // A parameter the notice does not take is a typo, refused rather than silently dropped.
    expect(
      wuye(['broadcast', '--text-key', 'notice.water_outage', '--param', 'dat=12月3日', '--db', db]).stderr,
    ).toMatch(/has no \{dat\} \(it takes: date\)/);
  });
});

describe('the monthly schedule', () => {
  it('sends the reminders on the configured day at 10:00, paced, and again the next month', async () => {
    const app = createTestApp({ arrearsReminderDay: 5 }); // 2026-11-26: next run 2026-12-05 10:00
    await app.advanceTo(parseIso('2026-12-05T09:59:00+08:00'));
    expect(app.transport.to(RESIDENT)).toEqual([]);
    await app.advanceTo(parseIso('2026-12-05T10:01:00+08:00'));
    expect(app.transport.to(RESIDENT)).toHaveLength(1);
    expect(app.transport.to(RESIDENT)[0]).toContain(p('arrears.ask_pay_date'));
    await app.advanceTo(parseIso('2027-01-05T10:01:00+08:00'));
    expect(app.transport.to(RESIDENT)).toHaveLength(2);
  });
});
