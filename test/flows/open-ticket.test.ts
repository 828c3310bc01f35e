import { describe, expect, it } from 'vitest';
import { parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, fileComplaint, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const TECHNICIAN = 'wx_sunqiang';

describe('the open ticket is the context', () => {
  it('a missed visit chased: apology, the technician and the desk told, no greeting, no new ticket', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-27T15:00:00+08:00'));
    app.transport.clear();
    await app.say(RESIDENT, '说好的上午来 人呢？？等了一上午了');
    const reply = app.transport.to(RESIDENT).join('\n');
    expect(reply).toContain(p('reception.chase.sorry', { ticket, promise: '上门维修' }));
    expect(reply).not.toContain(p('reception.greeting'));
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('等了一上午了');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('等了一上午了');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.number)).toEqual([ticket]);
    // Days later, "到底还修不修了" is still about it: not "you have nothing booked".
    await app.advanceTo(parseIso('2026-11-30T10:00:00+08:00'));
    await app.say(RESIDENT, '到底还修不修了');
    expect(app.transport.to(RESIDENT).at(-1)).not.toContain(p('repair.nothing_to_change'));
    expect(app.transport.to(RESIDENT).at(-1)).toContain(ticket);
  });

  it('"几点到" on the day is answered from the booked window, and opens nothing', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app);
    await app.advanceTo(parseIso('2026-11-27T07:50:00+08:00'));
    const sentToTechnician = app.transport.to(TECHNICIAN).length;
    await app.say(RESIDENT, '师傅今天几点到');
    expect(app.transport.to(RESIDENT).at(-1)).toContain(ticket);
    expect(app.transport.to(RESIDENT).at(-1)).toContain('09:00');
    expect(app.transport.to(TECHNICIAN)).toHaveLength(sentToTechnician); // a question, not a chase: nobody nudged
    expect(app.store.tickets.openForParty(RESIDENT)).toHaveLength(1);
  });

  it('a complaint reported done, and "又开始了 根本没用": the apology, the supervisor, the complaint reopened', async () => {
    const app = createTestApp();
    const ticket = await fileComplaint(app, RESIDENT, '我要投诉，楼上装修太吵了');
    await app.say(SERVICE_DESK, `#完成 ${ticket}`);
    await app.advanceTo(app.clock.now() + 6 * 3_600_000); // the conversation closed meanwhile
    const toDesk = app.transport.to(SERVICE_DESK).length;
    await app.say(RESIDENT, '你们说处理完了？今晚又开始了 根本没用');
    expect(app.store.tickets.byNumber(ticket)).toMatchObject({ status: 'reopened' });
    expect(app.transport.to(RESIDENT).join('\n')).toContain(p('complaint.sorry'));
    expect(app.transport.to('wx_wugang').at(-1)).toContain(ticket);
    // The desk, whom the resident will call next, hears it too.
    expect(app.transport.to(SERVICE_DESK).slice(toDesk).join('\n')).toContain(ticket);
  });

  it('"根本没清走啊 纸箱还堆在那" at the question whether it is solved: the apology and the complaint reopened', async () => {
    const app = createTestApp();
    const ticket = await fileComplaint(app, RESIDENT, '我要投诉，3栋2单元12楼楼道堆了很多纸箱杂物');
    await app.say(SERVICE_DESK, `#完成 ${ticket}`);
    await app.say(RESIDENT, '根本没清走啊 我刚出门看了 纸箱还堆在那');
    expect(app.store.tickets.byNumber(ticket)).toMatchObject({ status: 'reopened' });
    expect(app.transport.to(RESIDENT).join('\n')).toContain(p('complaint.sorry'));
  });
});

describe('moving and handing on a visit', () => {
  it('a time of their own instead of the one staff proposed moves the visit there; a colleague may take a ticket not yet claimed', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00, 孙强's
    await app.say('wx_zhoujie', `#接单 ${ticket}`);
    expect(app.store.tickets.byNumber(ticket)).toMatchObject({ ownerId: 's003', status: 'claimed' });
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('周杰');
    await app.say('wx_zhoujie', `#改约 ${ticket} 后天下午3点`);
    await app.say(RESIDENT, '后天我上班 能不能改到周一上午');
    await app.say(RESIDENT, '对');
    const open = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.status === 'open');
    expect(open).toHaveLength(1);
    expect(new Date(open[0]!.windowStart!).toISOString()).toBe('2026-11-30T01:00:00.000Z'); // Monday 09:00 Shanghai
  });

  it('"9号下午行 不过能不能提前到两点那个时段": the day accepted, the earlier hour asked, on that day (not tomorrow)', async () => {
    const app = createTestApp({ now: '2026-12-07T10:00:00+08:00' });
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-12-07T19:00:00+08:00'));
    await app.say(TECHNICIAN, `#改约 ${ticket} 12月9日下午4点`);
    await app.say(RESIDENT, '9号下午行 不过能不能提前到两点那个时段 4点我要去接孩子');
    await app.say(RESIDENT, '对');
    const open = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.status === 'open');
    expect(open.map((c) => new Date(c.windowStart!).toISOString())).toEqual(['2026-12-09T06:00:00.000Z']);
  });

  it('a repair found wanting after its visit, then "明天上午再来看看吧": a return visit on the same ticket, read back, booked on yes', async () => {
    const app = createTestApp(); // Thursday 2026-11-26 10:00
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-27T10:30:00+08:00'));
    await app.say(TECHNICIAN, `#完成 ${ticket}`);
    await app.advanceTo(parseIso('2026-11-27T18:00:00+08:00'));
    await app.say(RESIDENT, '今天上午刚修的灯 这会儿又不亮了 白修了');
    await app.say(RESIDENT, '明天上午再来看看吧');
    expect(app.transport.to(RESIDENT).at(-1)).toContain(ticket);
    await app.say(RESIDENT, '对');
    // The window held while it was read back gave way to the visit itself.
    const visits = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.status !== 'cancelled');
    expect(visits.map((c) => c.status)).toEqual(['kept', 'open']); // the visit made stays made
    expect(new Date(visits[1]!.windowStart!).toISOString()).toBe('2026-11-28T01:00:00.000Z'); // Saturday 09:00 Shanghai
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.number)).toEqual([ticket]);
  });

  it('a visit asked for with nothing open ("说要换个新接头 后天上午能来换吗") is a repair to book, not "nothing open"', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '昨晚师傅只是临时处理了 说要换个新接头 后天上午能来换吗');
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain(p('reception.aside.no_tickets'));
    await app.say(RESIDENT, '对');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });

  it('a colleague may finish a visit nobody took up (the one it was assigned to is told), not one already taken', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00, 孙强's, not yet claimed
    await app.say('wx_zhoujie', `#完成 ${ticket}`);
    expect(app.store.tickets.byNumber(ticket)).toMatchObject({ status: 'done', ownerId: 's003' });
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('周杰');
    const second = await bookRepair(app, 'wx_lina', '厨房灯坏了，明天下午来修');
    await app.say(TECHNICIAN, `#接单 ${second}`);
    await app.say('wx_zhoujie', `#完成 ${second}`);
    expect(app.store.tickets.byNumber(second)).toMatchObject({ status: 'claimed', ownerId: 's002' });
  });

  it('after a missed visit the technician may propose a new time; the missed one stays broken', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-27T11:30:00+08:00'));
    await app.say(TECHNICIAN, `#改约 ${ticket} 今天下午3点`);
    await app.say(RESIDENT, '行吧 下午3点我在');
    const visits = app.store.commitments.all().filter((c) => c.kind === 'repair_visit');
    expect(visits.map((c) => c.status)).toEqual(['broken', 'open']);
    expect(new Date(visits[1]!.windowStart!).toISOString()).toBe('2026-11-27T07:00:00.000Z'); // 15:00 Shanghai
  });

  it('a missed visit given a new time by the resident: apology, read back, moved on their yes; the miss stays on record', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-27T12:30:00+08:00'));
    await app.say(RESIDENT, '那今天下午四点以后来 这次别再放鸽子了');
    const reply = app.transport.to(RESIDENT).join('\n');
    expect(reply).toContain(p('reception.chase.sorry', { ticket, promise: '上门维修' }));
    expect(reply).toContain('跟您确认一下'); // repair.confirm_move
    await app.say(RESIDENT, '对');
    const visits = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.ticketId !== null);
    expect(visits.map((c) => c.status)).toEqual(['broken', 'open']);
    expect(new Date(visits[1]!.windowStart!).toISOString()).toBe('2026-11-27T08:00:00.000Z'); // 16:00 Shanghai
  });

  it('a missed visit chased, then "今天下午4点以后能来不" alone: that visit moved there, no new repair asked about', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-27T12:30:00+08:00'));
    await app.say(RESIDENT, '上午说好来修的 我在家等了一上午 一个人都没来');
    await app.say(RESIDENT, '今天下午4点以后能来不');
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain(p('repair.ask_problem'));
    await app.say(RESIDENT, '对');
    const visits = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.ticketId !== null);
    expect(visits.map((c) => c.status)).toEqual(['broken', 'open']);
    expect(new Date(visits[1]!.windowStart!).toISOString()).toBe('2026-11-27T08:00:00.000Z');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.number)).toEqual([ticket]);
  });

  it('"明天上午还来吧" inside the visit booked asks after it, and moves nothing', async () => {
    const app = createTestApp();
    await bookRepair(app); // tomorrow 09:00–11:00
    await app.say(RESIDENT, '明天上午还来吧');
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain('跟您确认一下');
  });

  it('a missed visit chased, then a new time given with a threat to complain: the move is read back, no complaint yet', async () => {
    const app = createTestApp();
    await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-28T09:10:00+08:00'));
    await app.say(RESIDENT, '昨天上午专门请了假在家等 一个人影都没见着！！！');
    await app.say(RESIDENT, '今天下午4点 再不来我就投诉了');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('跟您确认一下'); // repair.confirm_move
    await app.say(RESIDENT, '对');
    const visits = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.ticketId !== null);
    expect(visits.map((c) => c.status)).toEqual(['broken', 'open']);
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });

  it('a missed visit chased with "让你们主管给我打电话": the supervisor hears it, and the call is a promise in the ledger', async () => {
    const app = createTestApp();
    await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-28T10:00:00+08:00'));
    await app.say(RESIDENT, '约的昨天上午 结果没人来 今天也没人联系我 你们主管是谁 让他给我打个电话');
    expect(app.transport.to('wx_wugang').join('\n')).toContain('约的昨天上午');
    const callbacks = app.store.commitments.all().filter((c) => c.kind === 'callback' && c.status === 'open');
    expect(callbacks).toHaveLength(1);
    expect(app.transport.to(RESIDENT).at(-1)).toContain('主管会在');
  });

  it('asked for at night, the supervisor hears of the chase when the office opens, not in the night', async () => {
    const app = createTestApp();
    await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-27T22:00:00+08:00'));
    await app.say(RESIDENT, '约的今天上午 结果没人来 你们主管是谁 让他给我打个电话');
    expect(app.transport.to('wx_wugang').join('\n')).not.toContain('让他给我打个电话');
    await app.advanceTo(parseIso('2026-11-28T08:40:00+08:00'));
    expect(app.transport.to('wx_wugang').join('\n')).toContain('让他给我打个电话');
  });

  it('a move read back and refused keeps the visit, gives the held window back, and waits for another time', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    const visits = () => app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.status === 'open');
    await app.say(RESIDENT, '明天上午临时有事 能改到后天下午吗');
    expect(visits()).toHaveLength(2); // the booked visit, and the new window held while asked
    await app.say(RESIDENT, '算了还是不改了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.move_kept', { ticket }));
    expect(visits().map((c) => c.ticketId !== null)).toEqual([true]);
    expect(app.transport.to(TECHNICIAN).join('\n')).not.toContain('改约');
  });

  it('a move being read back gives its held window back when the technician proposes a time meanwhile', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00, 孙强's
    await app.say(RESIDENT, '明天上午临时有事 能改到后天下午吗');
    await app.say(TECHNICIAN, `#改约 ${ticket} 后天上午10点`);
    const held = app.store.commitments.all().filter((c) => c.ticketId === null && c.status === 'open');
    expect(held).toEqual([]);
  });

  it('a staff proposal answered by naming its time back is accepted, not read as a time of their own', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app);
    await app.say('wx_sunqiang', `#改约 ${ticket} 后天下午3点`);
    await app.say(RESIDENT, '后天下午3点可以 我在家');
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain(ticket);
    const open = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.status === 'open');
    expect(open).toHaveLength(1);
    expect(new Date(open[0]!.windowStart!).toISOString()).toBe('2026-11-28T07:00:00.000Z'); // 15:00 Shanghai
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain('跟您确认一下'); // repair.confirm_move
  });
});
