import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import {
  bookRepair,
  createTestApp,
  fileComplaint,
  openCallback,
  RESIDENT,
  SERVICE_DESK,
  type TestApp,
} from '../fakes/test-app.js';

const SUPERVISOR = 'wx_wugang';
const MANAGER = 'wx_zhengjl';
const TECHNICIAN = 'wx_sunqiang';
const at = (time: string) => `2026-11-26T${time}:00+08:00`;
const TOMORROW = (time: string) => `2026-11-27T${time}:00+08:00`;

async function until(app: TestApp, time: string) {
  await app.advanceTo(parseIso(at(time)));
}

/** Messages sent at a given Shanghai time, as "to: text". */
function sentAt(app: TestApp, time: string) {
  return app.transport.sent.filter((m) => m.at === parseIso(at(time))).map((m) => `${m.to}: ${m.text}`);
}

describe('the escalation ladder, step by step', () => {
  it('warns before due, breaks at due, escalates once per rung, and tells the resident', async () => {
    const app = createTestApp();
    openCallback(app, RESIDENT); // H1: the desk promises contact by 11:00
    const [promise] = app.store.commitments.all();
    expect(promise).toMatchObject({ kind: 'callback', party: 'office', status: 'open', dueAt: parseIso(at('11:00')) });

    await until(app, '10:29');
    expect(sentAt(app, '10:29')).toEqual([]);
    await until(app, '10:30');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      p('ladder.warn', { ticket: 'H1', promise: '联系回复', summary: '进度' }, { due: at('11:00') }, at('10:30')),
    );

    await until(app, '11:00');
    expect(app.store.commitments.byId(promise!.id)?.status).toBe('broken');
    expect(app.transport.to(SUPERVISOR)).toEqual([
      p(
        'ladder.escalated',
        { ticket: 'H1', promise: '联系回复', owner: '未分派', summary: '进度' },
        { due: at('11:00') },
        at('11:00'),
      ),
    ]);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('ladder.apology', { ticket: 'H1', promise: '联系回复' }));
    expect(app.transport.to(MANAGER)).toEqual([]);

    await until(app, '13:00');
    expect(app.transport.to(MANAGER)).toEqual([
      p(
        'ladder.escalated',
        { ticket: 'H1', promise: '联系回复', owner: '未分派', summary: '进度' },
        { due: at('11:00') },
        at('13:00'),
      ),
    ]);
    const count = app.transport.sent.length;
    await app.advanceTo(parseIso(at('13:00')) + 3 * 86_400_000);
    // Only the idle farewell happened meanwhile; the ladder has no rung left.
    expect(app.transport.sent.slice(count).map((m) => m.text)).toEqual([]);
  });

  it('an entrapment nobody has answered climbs in minutes (data/service-levels.yaml escalate_after), not hours', async () => {
    const app = createTestApp({ now: '2026-12-03T23:10:00+08:00' });
    await app.say(RESIDENT, '电梯关人了 3栋2单元 我在里面出不去');
    const manager = app.transport.to(MANAGER).length; // paged at once with everyone on call
    await app.advanceTo(parseIso('2026-12-03T23:25:00+08:00'));
    expect(app.transport.to(SUPERVISOR).at(-1)).toContain('R1');
    expect(app.transport.to(MANAGER)).toHaveLength(manager);
    // The promise is named as what it was: getting there, not a booked home repair.
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('ladder.apology', { ticket: 'R1', promise: '紧急到场处置' }));
    await app.advanceTo(parseIso('2026-12-03T23:35:00+08:00'));
    expect(app.transport.to(MANAGER).slice(manager).join('\n')).toContain('R1');
  });

  it('a restart neither repeats nor loses a step', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-ladder-')), 'wuye.db');
    const first = createTestApp({ db: file });
    openCallback(first, RESIDENT);
    await until(first, '11:00');
    expect(first.transport.to(SUPERVISOR)).toHaveLength(1);
    first.store.close();

    const second = createTestApp({ db: file, now: at('11:00') });
    await second.tick();
    expect(second.transport.sent).toEqual([]); // the breach is not escalated again
    await until(second, '13:00');
    expect(second.transport.to(MANAGER)).toHaveLength(1); // and the next rung is not lost
    second.store.close();
  });

  it('a promise kept in time is marked kept and never warned or escalated', async () => {
    const app = createTestApp();
    openCallback(app, RESIDENT); // H1, callback by 11:00
    await app.say(SERVICE_DESK, '#接单 H1');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.reply.claimed', { ticket: 'H1', summary: '进度' }));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('relay.claimed', { ticket: 'H1', staff: '赵敏' }));
    expect(app.store.commitments.all()[0]).toMatchObject({ status: 'kept' });
    const sent = app.transport.to(SERVICE_DESK).length;
    await until(app, '18:00');
    expect(app.transport.to(SUPERVISOR)).toEqual([]);
    expect(app.transport.to(SERVICE_DESK)).toHaveLength(sent);
  });

  it('a booked visit warns its technician, and its breach tells the technician, the rung above and the resident', async () => {
    const app = createTestApp();
    await bookRepair(app); // R1: tomorrow 09:00–11:00, 孙强
    await app.advanceTo(parseIso(TOMORROW('08:30')));
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(
      p(
        'ladder.warn',
        { ticket: 'R1', promise: '上门维修', summary: '厨房灯坏了' },
        { due: TOMORROW('11:00') },
        TOMORROW('08:30'),
      ),
    );
    await app.advanceTo(parseIso(TOMORROW('11:00')));
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(
      p(
        'ladder.broken_owner',
        { ticket: 'R1', promise: '上门维修', summary: '厨房灯坏了' },
        { due: TOMORROW('11:00') },
        TOMORROW('11:00'),
      ),
    );
    expect(app.transport.to(SUPERVISOR)).toEqual([
      p(
        'ladder.escalated',
        { ticket: 'R1', promise: '上门维修', owner: '孙强', summary: '厨房灯坏了' },
        { due: TOMORROW('11:00') },
        TOMORROW('11:00'),
      ),
    ]);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('ladder.apology', { ticket: 'R1', promise: '上门维修' }));
  });

  it('the apology names a new time only when one is promised', async () => {
    const app = createTestApp();
    await bookRepair(app);
    const ticket = app.store.tickets.byNumber('R1')!;
    app.store.transaction(() => app.ledger.promise(ticket, 'callback', parseIso(TOMORROW('16:00')), app.clock.now()));
    await app.advanceTo(parseIso(TOMORROW('11:00')));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      [
        p('ladder.apology', { ticket: 'R1', promise: '上门维修' }),
        p(
          'ladder.apology_new_time',
          { ticket: 'R1', promise: '上门维修' },
          { due: TOMORROW('16:00') },
          TOMORROW('11:00'),
        ),
      ].join('\n'),
    );
  });
});

describe('staff commands on tickets', () => {
  it('walk a repair from claim to done, relaying each step to the resident', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say(TECHNICIAN, '#接单 r1'); // lower case works
    await app.say(TECHNICIAN, '#进度 R1 配件已经订好，明天上门更换');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('relay.progress', { ticket: 'R1', text: '配件已经订好，明天上门更换' }),
    );
    await app.say(TECHNICIAN, '#出发 R1');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('relay.departed', { ticket: 'R1', staff: '孙强' }));
    expect(app.store.commitments.all()[0]).toMatchObject({ kind: 'repair_visit', status: 'kept' });
    await app.say(TECHNICIAN, '#完成 R1');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.rate', { ticket: 'R1' }));
    expect(app.store.tickets.byNumber('R1')?.status).toBe('done');
    const changes = app.store.events
      .forRef('R1')
      .filter((e) => e.type === 'ticket_changed')
      .map((e) => [e.actor, (e.data as { to: string }).to]);
    expect(changes).toEqual([
      ['s002', 'claimed'],
      ['s002', 'in_progress'],
      ['s002', 'done'],
    ]);
    await app.say(TECHNICIAN, '#完成 R1');
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(
      p('staff.refused.ticket_closed', { ticket: 'R1', status: '已完成' }),
    );
    expect(app.transport.to(TECHNICIAN).at(-1)).toMatch(/^R1 已完成，/);
  });

  it('refuse clearly: unknown ticket, missing argument, wrong state, wrong role, someone else’s ticket', async () => {
    const app = createTestApp();
    await bookRepair(app); // R1 is 孙强's
    openCallback(app, 'wx_lina'); // H1, nobody's yet
    const answer = async (who: string, text: string) => {
      await app.say(who, text);
      return app.transport.to(who).at(-1);
    };
    expect(await answer(TECHNICIAN, '#接单 R99')).toBe(p('staff.refused.no_such_ticket', { ticket: 'R99' }));
    expect(await answer(TECHNICIAN, '#接单')).toBe(p('staff.usage.ticket', { word: '接单' }));
    expect(await answer(TECHNICIAN, '#完成 H1')).toBe(p('staff.refused.not_for_role', { ticket: 'H1' }));
    // A technician hands on only the ticket they hold.
    expect(await answer('wx_zhoujie', '#转派 R1 周杰')).toBe(p('staff.refused.owned_by_other', { ticket: 'R1' }));
    expect(await answer(SERVICE_DESK, '#接单 R1')).toBe(p('staff.refused.not_for_role', { ticket: 'R1' }));
    expect(await answer(TECHNICIAN, '#接单 H1')).toBe(p('staff.refused.not_for_role', { ticket: 'H1' }));
    await app.say(TECHNICIAN, '#接单 R1');
    expect(await answer(TECHNICIAN, '#接单 R1')).toBe(p('staff.refused.already_yours', { ticket: 'R1' }));
    expect(await answer('wx_zhoujie', '#出发 R1')).toBe(p('staff.refused.owned_by_other', { ticket: 'R1' }));
    expect(await answer(TECHNICIAN, '#进度 R1')).toBe(p('staff.usage.progress', { word: '进度' }));
    expect(await answer(TECHNICIAN, '#改约 R1 随便')).toBe(p('staff.usage.reschedule', { word: '改约' }));
    expect(await answer(SERVICE_DESK, '#转派 R1 张三丰')).toBe(p('staff.refused.no_such_staff', { name: '张三丰' }));
    // None of these reached the resident: only the one real claim did.
    expect(app.transport.to(RESIDENT).filter((t) => t.includes('受理'))).toHaveLength(1);
  });

  it('the technician who holds a ticket may hand it on himself (a part he cannot fit); the colleague is told', async () => {
    const app = createTestApp();
    await bookRepair(app); // R1 is 孙强's
    await app.say(TECHNICIAN, '#接单 R1');
    await app.say(TECHNICIAN, '#转派 R1 周杰');
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(p('staff.reply.reassigned', { ticket: 'R1', name: '周杰' }));
    expect(app.store.tickets.byNumber('R1')).toMatchObject({ ownerId: 's003', status: 'new' });
    expect(app.transport.to('wx_zhoujie').at(-1)).toContain('R1');
  });

  it('#转派 hands a ticket to a named colleague, who is told with its deadline', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say(SERVICE_DESK, '#转派 R1 周杰');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.reply.reassigned', { ticket: 'R1', name: '周杰' }));
    expect(app.transport.to('wx_zhoujie')).toEqual([
      p('staff.assigned_due', { ticket: 'R1', summary: '厨房灯坏了', by: '赵敏' }, { due: TOMORROW('11:00') }),
    ]);
    expect(app.store.commitments.all()[0]?.ownerId).toBe('s003');
    await app.advanceTo(parseIso(TOMORROW('08:30')));
    expect(app.transport.to('wx_zhoujie').at(-1)).toContain('即将到期');
  });

  it('#改约 becomes the new promise only when the resident agrees', async () => {
    const app = createTestApp();
    await bookRepair(app); // tomorrow 09:00–11:00
    await app.say(TECHNICIAN, '#接单 R1');
    const ticket = app.store.tickets.byNumber('R1')!;
    await app.say(TECHNICIAN, '#改约 R1 明天下午3点');
    const tomorrow3pm: [string, string] = [TOMORROW('15:00'), TOMORROW('17:00')]; // the visit keeps its two-hour window
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(
      p('staff.reply.reschedule_proposed', { ticket: 'R1' }, { time: tomorrow3pm }),
    );
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reschedule.proposal', { ticket: 'R1' }, { time: tomorrow3pm }));
    expect(app.store.commitments.byTicket(ticket.id)[0]?.status).toBe('open'); // not yet

    await app.say(RESIDENT, '可以的');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reschedule.accepted', { ticket: 'R1' }, { time: tomorrow3pm }));
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(
      p('staff.reschedule.accepted', { ticket: 'R1' }, { time: tomorrow3pm }),
    );
    const statuses = app.store.commitments.byTicket(ticket.id).map((c) => [c.kind, c.status]);
    expect(statuses).toEqual([
      ['repair_visit', 'renegotiated'],
      ['repair_visit', 'open'],
    ]);

    // The old window never breaks; the new promise is kept by departing before it.
    await app.advanceTo(parseIso(TOMORROW('12:00')));
    expect(app.transport.to(SUPERVISOR)).toEqual([]);
    await app.say(TECHNICIAN, '#出发 R1');
    expect(app.store.commitments.byTicket(ticket.id).at(-1)?.status).toBe('kept');
  });

  it('a declined #改约 leaves the old promise standing and tells the owner', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say(TECHNICIAN, '#接单 R1');
    const ticket = app.store.tickets.byNumber('R1')!;
    await app.say(TECHNICIAN, '#改约 R1 后天上午10点');
    await app.say(RESIDENT, '那个时间不方便');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reschedule.declined', { ticket: 'R1' }));
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(p('staff.reschedule.declined', { ticket: 'R1' }));
    expect(app.store.commitments.byTicket(ticket.id).map((c) => c.status)).toEqual(['open', 'cancelled']);
    // The original visit still binds: it breaks at its end and the supervisor hears of it.
    await app.advanceTo(parseIso(TOMORROW('11:00')));
    expect(app.transport.to(SUPERVISOR)).toHaveLength(1);
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('已逾期');
  });

  it('#待办 and #逾期 list what is on the plate, with the promised times', async () => {
    const app = createTestApp();
    await bookRepair(app); // R1, 孙强's
    openCallback(app, 'wx_lina'); // H1, nobody's
    await app.say(SERVICE_DESK, '#待办');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      [
        p('staff.list.todo_header', { count: 1 }),
        p('staff.list.todo_due', { ticket: 'H1', status: '待受理', summary: '进度' }, { due: at('11:00') }),
      ].join('\n'),
    );
    // A technician sees the tickets assigned to them, and no one else's.
    await app.say(TECHNICIAN, '#待办');
    expect(app.transport.to(TECHNICIAN).at(-1)).toBe(
      [
        p('staff.list.todo_header', { count: 1 }),
        p('staff.list.todo_due', { ticket: 'R1', status: '待受理', summary: '厨房灯坏了' }, { due: TOMORROW('11:00') }),
      ].join('\n'),
    );
    await app.say('wx_zhoujie', '#待办');
    expect(app.transport.to('wx_zhoujie').at(-1)).toBe(p('staff.list.todo_none'));
    await until(app, '11:30');
    await app.say(SUPERVISOR, '#逾期');
    expect(app.transport.to(SUPERVISOR).at(-1)).toBe(
      [
        p('staff.list.overdue_header', { count: 1 }),
        p(
          'staff.list.overdue',
          { ticket: 'H1', promise: '联系回复', owner: '未分派' },
          { due: at('11:00') },
          at('11:30'),
        ),
      ].join('\n'),
    );
  });

  it("an emergency nobody has answered is on every paged technician's #待办, and on the desk's #逾期 once late", async () => {
    const app = createTestApp({ now: '2026-12-03T23:10:00+08:00' });
    await app.say(RESIDENT, '电梯关人了 3栋2单元 我在里面出不去');
    await app.say(TECHNICIAN, '#待办');
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('R1');
    await app.advanceTo(parseIso('2026-12-03T23:30:00+08:00'));
    await app.say(SERVICE_DESK, '#逾期');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('R1');
    await app.say(TECHNICIAN, '#逾期');
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('R1');
  });

  it('work in the staff room: a command there is answered there, and the resident still hears', async () => {
    const app = createTestApp({ staffRoom: 'room_staff' });
    await app.say(RESIDENT, '转人工'); // H1: the desk is told in the room
    expect(app.transport.to('room_staff')).toHaveLength(1);
    await app.say(SERVICE_DESK, '#接单 H1', { room: 'room_staff' });
    expect(app.transport.to('room_staff').at(-1)).toBe(p('staff.reply.claimed', { ticket: 'H1', summary: '转人工' }));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('relay.claimed', { ticket: 'H1', staff: '赵敏' }));
    await app.say(SERVICE_DESK, '大家辛苦了', { room: 'room_staff' }); // chatter: no answer
    expect(app.transport.to('room_staff')).toHaveLength(2);
  });

  it('finishing a ticket stops its climb up the ladder', async () => {
    const app = createTestApp();
    openCallback(app, RESIDENT);
    await until(app, '11:00'); // broken, supervisor told
    await app.say(SERVICE_DESK, '#接单 H1');
    await app.say(SERVICE_DESK, '#完成 H1');
    await until(app, '15:00');
    expect(app.transport.to(MANAGER)).toEqual([]);
    expect(app.store.commitments.all()[0]).toMatchObject({ status: 'broken', nextEscalationAt: null });
  });
});

describe('a breach found in the quiet hours (a restart at night)', () => {
  it('is apologised for to the resident in the morning, not at 23:40', async () => {
    const db = path.join(mkdtempSync(path.join(tmpdir(), 'wuye-quiet-')), 'office.db');
    const before = createTestApp({ db, now: '2026-11-26T10:00:00+08:00' });
    const complaint = await fileComplaint(before, RESIDENT, '我要投诉，楼上装修太吵了');
    before.store.close();

    const app = createTestApp({ db, now: '2026-11-27T23:40:00+08:00' });
    await app.advanceTo(parseIso('2026-11-27T23:41:00+08:00'));
    const apology = p('ladder.apology', { ticket: complaint, promise: '投诉答复' });
    expect(app.transport.to(RESIDENT)).not.toContain(apology);
    await app.advanceTo(parseIso('2026-11-28T10:00:00+08:00'));
    expect(app.transport.to(RESIDENT)).toContain(apology);
  });
});
