import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK, type TestApp } from '../fakes/test-app.js';

const SUPERVISOR = 'wx_wugang';
const MANAGER = 'wx_zhengjl';
const FIVE_PM = '2026-11-26T17:00:00+08:00'; // complaints are answered within eight business hours of 09:00

async function complain(app: TestApp, who: string, answers: string[]) {
  for (const a of answers) await app.say(who, a);
}

const NOISE = ['楼上噪音太吵，我要投诉', '3栋1301每天半夜拖椅子，咚咚的', '不需要', '对'];
const what = '楼上噪音太吵，我要投诉，3栋1301每天半夜拖椅子，咚咚的';
const facts = { where: '楼上，3栋1301', when: '每天半夜', often: '每天' };

describe('complaints (接受投诉)', () => {
  it('acknowledges first, asks only what is missing, reads back what was said, and files with the deadline', async () => {
    const app = createTestApp();
    await complain(app, RESIDENT, NOISE);
    expect(app.transport.to(RESIDENT).slice(1)).toEqual([
      p('complaint.empathy.noise'),
      p('complaint.ask_what'), // 楼上 said where; nothing yet said what happens
      p('complaint.ask_callback'), // where, when and how often were all in the answer: not asked
      [
        p('complaint.repeat_back', { what }),
        p('complaint.repeat_back_where', { where: facts.where }),
        p('complaint.repeat_back_when', { when: facts.when }),
        p('complaint.repeat_back_often', { often: facts.often }),
        p('complaint.repeat_back_no_call'),
      ].join('\n'),
      p('complaint.filed', { ticket: 'C1' }, { due: FIVE_PM }),
    ]);
    expect(app.store.commitments.all()).toMatchObject([
      { kind: 'complaint_reply', status: 'open', dueAt: parseIso(FIVE_PM) },
    ]);
    const summary = p('complaint.summary', {
      what,
      facts: [
        p('complaint.summary_where', facts),
        p('complaint.summary_when', facts),
        p('complaint.summary_often', facts),
      ].join(p('complaint.summary_separator')),
    });
    expect(app.transport.to(SERVICE_DESK)).toEqual([
      p('complaint.staff_new', { ticket: 'C1', who: '张伟（3-2-1201）', summary }, { due: FIVE_PM }),
    ]);
  });

  it('asks nothing the first message already said', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '楼道里垃圾堆了好几天，经常这样，昨天下午还更臭了');
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([
      p('complaint.empathy.sanitation'),
      p('complaint.ask_callback'),
    ]);
  });

  it('a complaint about a staff member goes to the supervisor, never to that person; about the supervisor, to the manager', async () => {
    const app = createTestApp();
    await complain(app, 'wx_lina', ['我要投诉客服赵敏态度很差', '昨天下午在前台', '不需要', '对']);
    expect(app.transport.to(SUPERVISOR)).toEqual([expect.stringContaining('投诉 C1')]);
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
    expect(app.store.tickets.byNumber('C1')).toMatchObject({ ownerId: 's004', topic: 'staff_attitude' });

    await complain(app, 'wx_wangfang', ['投诉主管吴刚态度不好，今天上午在物业办公室', '不需要', '对']);
    expect(app.transport.to(SUPERVISOR)).toHaveLength(1); // not told of the complaint about himself
    expect(app.transport.to(MANAGER)).toEqual([expect.stringContaining('投诉 C2')]);
  });

  it('a safety complaint gets the faster, round-the-clock deadline', async () => {
    const app = createTestApp({ now: '2026-11-28T22:00:00+08:00' });
    // A hazard is looked at now: where it is is asked, not when or how often.
    await complain(app, RESIDENT, ['有人把电动车推进楼道充电，很危险', '不需要', '对']);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('complaint.filed', { ticket: 'C1' }, { due: '2026-11-29T00:00:00+08:00' }, '2026-11-28T22:00:00+08:00'),
    );
  });

  it('insults get the calm phrase and the complaint still goes through; a threat goes straight to the manager', async () => {
    const app = createTestApp();
    await complain(app, RESIDENT, ['投诉楼下乱停车', '你们这群废物，就在我家门口']);
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([p('complaint.calm'), p('complaint.ask_when')]);
    await complain(app, 'wx_lina', ['投诉楼上天天半夜装修', '再不管我就跟他同归于尽']);
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('complaint.threat_received'));
    expect(app.transport.to(MANAGER)).toEqual([expect.stringMatching(/紧急.*李娜.*同归于尽/)]);
  });

  it('a new complaint of the same unit and kind within 30 days links to the earlier ticket; three units make one shared issue', async () => {
    const app = createTestApp();
    await complain(app, RESIDENT, NOISE);
    await app.say(SERVICE_DESK, '#接单 C1');
    await app.say(SERVICE_DESK, '#完成 C1');
    await app.say(RESIDENT, '满意');
    await app.advanceTo(app.clock.now() + 3 * 86_400_000);
    await complain(app, RESIDENT, ['楼上1301每晚蹦迪，音响开得很大', '不需要', '对']);
    expect(app.store.tickets.byNumber('C1')?.priority).toBe('high');
    expect(app.store.tickets.byNumber('C2')?.priority).toBe('high');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('complaint.staff_repeat', { ticket: 'C2', earlier: 'C1' }));
    const shared = () => app.transport.to(MANAGER).filter((t) => t.includes('共性问题'));
    await complain(app, 'wx_lina', ['楼上装修噪音太大，每天下午都在砸墙', '需要', '对']);
    expect(shared()).toEqual([]);
    await complain(app, 'wx_wangfang', ['晚上小区广场跳广场舞，音响开得特别大，每晚都这样', '不需要', '对']);
    expect(shared()).toEqual([expect.stringMatching(/共性问题.*3户.*噪音/)]);
  });

  it('with no progress for a while the resident hears from us and the owner is nudged; #进度 keeps it quiet', async () => {
    const app = createTestApp();
    await complain(app, RESIDENT, NOISE);
    // Due at 13:00, in the lunch rest: the note to the resident waits until 14:00; the nudge to staff does not.
    await app.advanceTo(parseIso('2026-11-26T13:00:00+08:00'));
    expect(app.transport.to(RESIDENT)).not.toContain(p('complaint.still_working', { ticket: 'C1' }));
    await app.advanceTo(parseIso('2026-11-26T14:00:00+08:00'));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.still_working', { ticket: 'C1' }));
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('投诉跟进 C1');
    await app.say(SERVICE_DESK, '#接单 C1');
    await app.say(SERVICE_DESK, '#进度 C1 已联系1301住户，答应晚上注意');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('relay.progress', { ticket: 'C1', text: '已联系1301住户，答应晚上注意' }),
    );
    const before = app.transport.to(RESIDENT).length;
    await app.advanceTo(parseIso('2026-11-26T17:00:00+08:00'));
    expect(
      app.transport
        .to(RESIDENT)
        .slice(before)
        .filter((t) => t === p('complaint.still_working', { ticket: 'C1' })),
    ).toEqual([]);
  });

  it('a missed deadline climbs the ladder and the resident is told', async () => {
    const app = createTestApp();
    await complain(app, RESIDENT, NOISE);
    await app.advanceTo(parseIso(FIVE_PM));
    expect(app.transport.to(SUPERVISOR)).toEqual([expect.stringContaining('逾期上报')]);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('ladder.apology', { ticket: 'C1', promise: '投诉答复' }));
  });

  it('#完成: satisfied → thanks, and what else we can do; not satisfied → apology, compensation, reopened for a supervisor with a new promise', async () => {
    const happy = createTestApp();
    await complain(happy, RESIDENT, NOISE);
    await happy.say(SERVICE_DESK, '#接单 C1');
    await happy.say(SERVICE_DESK, '#完成 C1');
    expect(happy.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_resolved', { ticket: 'C1' }));
    await happy.say(RESIDENT, '满意，谢谢');
    expect(happy.transport.to(RESIDENT).at(-1)).toBe(p('complaint.thanks'));
    expect(happy.store.tickets.byNumber('C1')?.status).toBe('confirmed');

    const unhappy = createTestApp();
    await complain(unhappy, RESIDENT, NOISE);
    await unhappy.say(SERVICE_DESK, '#接单 C1');
    await unhappy.say(SERVICE_DESK, '#完成 C1');
    await unhappy.say(RESIDENT, '不满意，还是很吵');
    expect(unhappy.transport.to(RESIDENT).at(-1)).toBe(
      [p('complaint.sorry'), p('complaint.compensation'), p('complaint.reopened', {}, { due: FIVE_PM })].join('\n'),
    );
    expect(unhappy.store.tickets.byNumber('C1')).toMatchObject({ status: 'reopened', ownerId: 's004' });
    expect(unhappy.transport.to(SUPERVISOR).at(-1)).toContain('投诉不满意 C1');
  });

  it('no answer within a day: one reminder, then closed as resolved-unconfirmed', async () => {
    const app = createTestApp();
    await complain(app, RESIDENT, NOISE);
    await app.say(SERVICE_DESK, '#接单 C1');
    await app.say(SERVICE_DESK, '#完成 C1');
    await app.advanceTo(app.clock.now() + 86_400_000);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_resolved_again', { ticket: 'C1' }));
    const count = app.transport.to(RESIDENT).length;
    await app.advanceTo(app.clock.now() + 86_400_000);
    expect(app.transport.to(RESIDENT)).toHaveLength(count);
    expect(app.store.tickets.byNumber('C1')?.status).toBe('closed');
    expect(app.store.events.forRef('C1').map((e) => e.type)).toContain('resolved_unconfirmed');
    const { promiseReport } = await import('../../src/report/ledger-report.js');
    expect(promiseReport(app.store).complaints).toEqual({ satisfied: 0, notSatisfied: 0, resolvedUnconfirmed: 1 });
  });

  it('goes on where it stopped after a restart, at every step', async () => {
    const reference: string[] = [];
    {
      const app = createTestApp();
      await complain(app, RESIDENT, NOISE);
      reference.push(...app.transport.sent.map((m) => `${m.to}: ${m.text}`));
    }
    for (let split = 1; split < NOISE.length; split++) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-complaint-')), 'wuye.db');
      let app = createTestApp({ db: file });
      const out: string[] = [];
      for (const [i, text] of NOISE.entries()) {
        if (i === split) {
          out.push(...app.transport.sent.map((m) => `${m.to}: ${m.text}`));
          app.store.close();
          app = createTestApp({ db: file });
        }
        await app.say(RESIDENT, text, { id: `m${i}` });
      }
      out.push(...app.transport.sent.map((m) => `${m.to}: ${m.text}`));
      app.store.close();
      expect(out, `restart before step ${split}`).toEqual(reference);
    }
  });
});
