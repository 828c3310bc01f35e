import { describe, expect, it } from 'vitest';
import { formatIso, parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT, SERVICE_DESK, type TestApp } from '../fakes/test-app.js';

/** Issue 18: complaints heard the way a trusted service desk hears them, as residents really write. */

const SUPERVISOR = 'wx_wugang';
const MANAGER = 'wx_zhengjl';
const TECHNICIAN_SUN = 'wx_sunqiang';

async function says(app: TestApp, who: string, lines: string[]) {
  for (const line of lines) await app.say(who, line);
}
const readBackEnd = (call: boolean) => p(call ? 'complaint.repeat_back_call' : 'complaint.repeat_back_no_call');
const complaints = (app: TestApp) => app.store.tickets.allOpen().filter((t) => t.type === 'complaint');
const promises = (app: TestApp) =>
  app.store.commitments
    .all()
    .map((c) => c.kind)
    .sort();

describe('hearing a complaint out', () => {
  it('takes every fact wherever it is said, asks nothing twice, and reads back as soon as all is known', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '楼上太吵了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_what'));
    await app.say(RESIDENT, '1302 每天晚上11点以后走路跟跺脚一样 还有小孩跑来跑去 快一个月了 不用回电话');
    const readBack = app.transport.to(RESIDENT).at(-1)!;
    expect(readBack.split('\n')).toEqual([
      p('complaint.repeat_back', {
        what: '楼上太吵了，1302 每天晚上11点以后走路跟跺脚一样 还有小孩跑来跑去 快一个月了',
      }),
      p('complaint.repeat_back_where', { where: '楼上，1302' }),
      p('complaint.repeat_back_when', { when: '每天晚上11点以后' }),
      p('complaint.repeat_back_often', { often: '每天，快一个月了' }),
      readBackEnd(false),
    ]);
    for (const asked of ['ask_where', 'ask_when', 'ask_often', 'ask_callback'])
      expect(app.transport.to(RESIDENT)).not.toContain(p(`complaint.${asked}`));
    await app.say(RESIDENT, '对');
    expect(complaints(app)).toHaveLength(1);
  });

  it('the call-back question: 要的 is a yes (a call-back promise too), 不用了 a no — never a cancellation', async () => {
    const wants = createTestApp();
    await says(wants, RESIDENT, ['投诉一下楼上1301 每天晚上12点以后还在拖椅子 快一个月了', '要的']);
    expect(wants.transport.to(RESIDENT).at(-1)).toContain(readBackEnd(true));
    await wants.say(RESIDENT, '可以');
    expect(promises(wants)).toEqual(['callback', 'complaint_reply']);
    // The call within the first-response time of a complaint: an hour of business time.
    expect(wants.transport.to(RESIDENT).at(-1)).toBe(
      [
        p('complaint.filed', { ticket: 'C1' }, { due: '2026-11-26T17:00:00+08:00' }),
        p('complaint.will_call', {}, { call: '2026-11-26T10:00:00+08:00' }),
      ].join('\n'),
    );

    const declines = createTestApp();
    await says(declines, RESIDENT, ['投诉一下楼上1301 每天晚上12点以后还在拖椅子 快一个月了', '不用了']);
    expect(declines.transport.to(RESIDENT).at(-1)).toContain(readBackEnd(false));
    await declines.say(RESIDENT, '行');
    expect(complaints(declines)).toHaveLength(1);
    expect(promises(declines)).toEqual(['complaint_reply']);
  });

  it('"不用回电话" answers the call-back question, though the office phone is a known question', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, ['楼上1301每天半夜拖椅子 咚咚的 快一个月了', '不用回电话']);
    expect(app.transport.to(RESIDENT).at(-1)).toContain(readBackEnd(false));
  });

  it('a call-back wish said with the complaint is taken with its number, and the one asked to call is told', async () => {
    const app = createTestApp();
    await app.say(
      'wx_lina',
      '投诉保洁 2栋1单元的保洁拖地用的是脏水 拖完比不拖还脏 好几次了 你们经理给我回个电话 13600001101',
    );
    expect(app.transport.to('wx_lina').at(-1)).toContain(readBackEnd(true));
    await app.say('wx_lina', '对的');
    expect(promises(app)).toEqual(['callback', 'complaint_reply']);
    expect(app.transport.to(MANAGER)).toEqual([expect.stringMatching(/投诉 C1[\s\S]*1101/)]);
  });

  it('a time said with the yes to a call-back ("要 最好晚上打 白天上班接不了") is when the call is promised, not when it happened', async () => {
    const app = createTestApp(); // Thursday 2026-11-26 10:00
    await app.say('wx_wangfang', '我要投诉 楼上1301天天半夜拖椅子 连着一个礼拜了');
    await app.say('wx_wangfang', '要 最好晚上打 白天上班接不了');
    const readBack = app.transport.to('wx_wangfang').at(-1)!;
    expect(readBack).not.toContain('白天');
    await app.say('wx_wangfang', '对');
    const call = app.store.commitments.all().find((c) => c.kind === 'callback');
    // In the evening: from 19:00, within the hour.
    expect(call?.windowStart).toBe(Date.parse('2026-11-26T19:00:00+08:00'));
    expect(call?.dueAt).toBe(Date.parse('2026-11-26T20:00:00+08:00'));
  });

  it('questions in reply are answered and ours asked again; a correction is read back; a no at the read-back asks what to change, and only a withdrawal files nothing', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '6楼邻居在楼道里放了个鞋柜 过道都走不了人 两个月了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_callback'));
    await app.say(RESIDENT, '你们多久能处理');
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([p('complaint.answer_how_long'), p('complaint.ask_callback')]);
    await app.say(RESIDENT, '不用');
    const readBack = app.transport.to(RESIDENT).at(-1)!;
    await app.say(RESIDENT, '你们会跟他说是我投诉的吗');
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([p('complaint.answer_anonymity'), readBack]);
    await app.say(RESIDENT, '不对 是5楼');
    expect(app.transport.to(RESIDENT).at(-1)).toContain(p('complaint.repeat_back_where', { where: '5楼' }));
    await app.say(RESIDENT, '不用');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.what_to_change'));
    await app.say(RESIDENT, '算了 不投诉了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.cancelled'));
    expect(complaints(app)).toEqual([]);
  });

  it('a fact not told after being asked twice is not asked a third time; a day gone by needs no "how often"', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, ['保洁阿姨把我放在门口的鞋柜扔了', '今天早上']);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_callback'));
    await says(app, RESIDENT, ['这个你们看着办', '我也说不好']);
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([
      p('complaint.ask_callback'),
      expect.stringContaining(readBackEnd(false)),
    ]);
  });

  it('a resident who wants it handled now, instead of answering, has it filed with what is known', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '隔壁周日早上7点就开始电钻 吵得孩子都醒了 不用回电话');
    expect(complaints(app)).toEqual([]);
    await app.say(RESIDENT, '对 你们赶紧去处理一下');
    expect(complaints(app)).toHaveLength(1);
    expect(promises(app)).toEqual(['complaint_reply']);
  });

  it('"经常这样" answers a question; only an explicit withdrawal ends the complaint', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, ['我要投诉楼上', '经常这样']);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_callback'));
    await app.say(RESIDENT, '算了算了 不投诉了 邻里邻居的');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.cancelled'));
    expect(complaints(app)).toEqual([]);
  });
});

describe('who hears of a complaint, and what it is not', () => {
  it('a complaint naming 孙师傅 goes to the supervisor and never to 孙强', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, [
      '我要投诉孙师傅 上周来修水管态度特别差 嫌我家脏',
      '上周四下午的事 不用回电话 别让他知道是我投诉的',
      '对',
    ]);
    expect(app.transport.to(RESIDENT)[1]).toBe(p('complaint.empathy.staff_attitude'));
    expect(app.store.tickets.byNumber('C1')).toMatchObject({ topic: 'staff_attitude', ownerId: 's004' });
    expect(app.transport.to(SUPERVISOR)).toEqual([expect.stringContaining('投诉 C1')]);
    expect(app.transport.to(TECHNICIAN_SUN)).toEqual([]);
  });

  it('paying mentioned inside a complaint is not a promise to pay', async () => {
    const app = createTestApp({ now: '2026-11-26T11:20:00+08:00' });
    await app.say(
      'wx_wangfang',
      '投诉你们前台那个赵敏 今天上午我去交停车费 她一直低头玩手机 问她话爱答不理的 不用回电话',
    );
    expect(app.transport.to('wx_wangfang').at(-1)).toContain(readBackEnd(false));
    await app.say('wx_wangfang', '对 就是这样');
    expect(promises(app)).toEqual(['complaint_reply']);
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
  });

  it('a fire lane blocked is a safety complaint on its faster level, not an emergency', async () => {
    const app = createTestApp({ now: '2026-11-26T20:40:00+08:00' });
    await says(app, RESIDENT, ['地库B区消防通道又被车堵死了 好几辆车天天停那 万一着火消防车都进不来 不用回电话', '对']);
    expect(app.store.tickets.allOpen().map((t) => [t.type, t.category])).toEqual([['complaint', 'safety_complaint']]);
  });

  it('a shared facility that keeps failing is a complaint, not a home visit to book', async () => {
    const app = createTestApp();
    await says(app, 'wx_lina', [
      '2栋1单元电梯这个月第四次坏了 现在又停在那不动 没人在里面 我们住11楼天天爬楼 不用回电话',
      '是的',
    ]);
    expect(app.store.tickets.allOpen().map((t) => t.type)).toEqual(['complaint']);
  });

  it('a cancel word inside a complaint (不要再吵了, 不用回电话) is no goodbye', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '不要再吵了 楼上天天半夜跺脚 一个多月了');
    expect(app.transport.to('wx_lina').slice(-2)).toEqual([p('complaint.empathy.noise'), p('complaint.ask_callback')]);
  });

  it('a message that says it is a complaint is one, though it reads like asking after something, when nothing is open', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '我是3-2-1202的 2号楼垃圾房这三天都没清运 臭死了 现在还堆在那 投诉一下');
    expect(app.transport.to('wx_lina').slice(-2)).toEqual([
      p('complaint.empathy.sanitation'),
      p('complaint.ask_callback'),
    ]);
  });

  it('a threat of self-harm: feeling first, everyone on call at once (not only the manager), and the conversation stays with them', async () => {
    const app = createTestApp({ now: '2026-12-11T01:30:00+08:00' });
    await app.say('wx_lina', '楼上天天吵 我一个月没睡过一个好觉了 再这样下去我真不想活了 不如从楼上跳下去算了');
    expect(app.transport.to('wx_lina').at(-1)!.startsWith(p('emergency.distress'))).toBe(true);
    for (const staff of [MANAGER, 'wx_zhaomin', 'wx_sunqiang', 'wx_wugang'])
      expect(app.transport.to(staff), staff).toEqual([expect.stringMatching(/紧急.*李娜.*不想活/)]);
    await app.say('wx_lina', '没人管 算了');
    expect(app.transport.to('wx_lina').at(-1)).not.toContain('再见');
    expect(app.transport.to(MANAGER).at(-1)).toMatch(/李娜.*没人管 算了/);
    expect(app.store.conversations.get('wx_lina')?.status).toBe('open');
  });

  it('a threat at the read-back still goes to the manager at once', async () => {
    const app = createTestApp();
    await says(app, 'wx_lina', ['楼上1301每天半夜拖椅子 咚咚的 快一个月了 不用回电话', '你们再不管 我就跟他同归于尽']);
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('complaint.threat_received'));
    expect(app.transport.to(MANAGER)).toHaveLength(1);
  });
});

describe('nothing a resident starts is dropped', () => {
  it('gone quiet at the read-back at night: filed without a word, and told when the office may speak', async () => {
    const app = createTestApp({ now: '2026-12-02T22:10:00+08:00' });
    await app.say('wx_lina', '楼上1302又在蹦迪 音响开巨大声 每天晚上10点多开始搞到12点 天天这样 不用回电话');
    const said = app.transport.to('wx_lina').length;
    // Nobody's phone rings at night for it: the desk hears when the staff's night is over (07:00).
    await app.advanceTo(parseIso('2026-12-03T06:55:00+08:00'));
    expect(complaints(app).map((t) => t.number)).toEqual(['C1']);
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
    await app.advanceTo(parseIso('2026-12-03T08:25:00+08:00'));
    expect(app.transport.to('wx_lina')).toHaveLength(said);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain(p('complaint.staff_unconfirmed'));
    await app.advanceTo(parseIso('2026-12-03T08:31:00+08:00'));
    const due = formatIso(app.store.commitments.all()[0]!.dueAt);
    expect(app.transport.to('wx_lina').at(-1)).toBe(
      p('complaint.filed_away', { ticket: 'C1' }, { due }, '2026-12-03T08:30:00+08:00'),
    );
  });

  it('an emergency in the middle of a complaint comes first, and what is known of the complaint is filed', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, ['楼上1301每天半夜拖椅子 咚咚的 快一个月了', '厨房里一股煤气味 好大']);
    expect(
      app.store.tickets
        .allOpen()
        .map((t) => t.type)
        .sort(),
    ).toEqual(['complaint', 'repair']);
    expect(app.transport.to(SERVICE_DESK).join('\n')).toContain(p('complaint.staff_unconfirmed'));
  });

  it('gone quiet before saying what happened: nothing to file, the usual goodbye', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我要投诉');
    await app.advanceTo(app.clock.now() + 3 * 3_600_000);
    expect(complaints(app)).toEqual([]);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.farewell_idle'));
  });

  it('happening again while the complaint is open: onto that ticket, where it stands told, the desk told, nothing new opened', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, ['楼上1301每天半夜拖椅子 咚咚的 快一个月了 不用回电话', '对']);
    await app.advanceTo(parseIso('2026-11-26T13:30:00+08:00'));
    await app.say(RESIDENT, '又吵了 上次投诉了一点用没有 现在还在拖');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('complaint.linked_again', { ticket: 'C1' }, { due: '2026-11-26T17:00:00+08:00' }, '2026-11-26T13:30:00+08:00'),
    );
    expect(app.transport.to(SERVICE_DESK).at(-1)).toMatch(/再次反映 C1.*现在还在拖/);
    expect(complaints(app).map((t) => [t.number, t.priority])).toEqual([['C1', 'high']]);
    await app.say(RESIDENT, '补充一下 我录了音');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('我录了音');
    expect(complaints(app)).toHaveLength(1);
  });

  it('happening again after our time has passed: an apology at once, the supervisor told when the office opens', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, ['楼上1301每天半夜拖椅子 咚咚的 快一个月了 不用回电话', '对']);
    await app.advanceTo(parseIso('2026-11-28T00:20:00+08:00'));
    const supervisorHeard = app.transport.to(SUPERVISOR).length;
    await app.say(RESIDENT, '又吵了 上次投诉了一点用没有 现在12点多了还在拖');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.linked_again_late', { ticket: 'C1' }));
    expect(app.transport.to(SUPERVISOR)).toHaveLength(supervisorHeard);
    await app.advanceTo(parseIso('2026-11-28T08:31:00+08:00'));
    expect(app.transport.to(SERVICE_DESK).join('\n')).toMatch(/再次反映 C1/);
    expect(app.transport.to(SUPERVISOR).slice(supervisorHeard)).toContainEqual(expect.stringMatching(/再次反映 C1/));
  });

  it('it happening again, said any way, goes onto the open complaint; about an open repair, to whoever handles that', async () => {
    const app = createTestApp();
    await says(app, RESIDENT, ['隔壁502装修 周末一大早就用电钻 这个月都这样 不用回电话', '对']);
    await app.advanceTo(parseIso('2026-11-26T13:30:00+08:00'));
    await app.say(RESIDENT, '装修那个啊 今天又在钻了');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('C1');
    expect(complaints(app)).toHaveLength(1);

    const repair = createTestApp();
    await bookRepair(repair);
    await repair.advanceTo(parseIso('2026-11-26T13:30:00+08:00'));
    await repair.say(RESIDENT, '厨房的灯又不亮了');
    expect(complaints(repair)).toEqual([]);
  });

  it('more said right after filing goes onto the complaint; another matter after it is heard as its own', async () => {
    const app = createTestApp({ now: '2026-12-02T10:00:00+08:00' });
    await says(app, RESIDENT, [
      '楼上1301每天半夜拖椅子 咚咚的 快一个月了 不用回电话',
      '对',
      '补充一下 他家还养了条狗 白天也叫',
    ]);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('complaint.linked_added', { ticket: 'C1' }, { due: '2026-12-03T09:00:00+08:00' }, '2026-12-02T10:00:00+08:00'),
    );
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('他家还养了条狗');
    await says(app, RESIDENT, ['好的', '对了 我家厨房水龙头漏水 明天上午能来修吗']);
    expect(app.transport.to(RESIDENT).at(-1)).toContain('09:00–11:00');
    expect(complaints(app)).toHaveLength(1);
  });

  it('"is it solved?": 没有 还是一样 reopens it for a supervisor; 好 thanks them without a goodbye', async () => {
    const unsolved = createTestApp();
    await says(unsolved, RESIDENT, ['楼上1301每天半夜拖椅子 咚咚的 快一个月了 不用回电话', '对']);
    await unsolved.say(SERVICE_DESK, '#接单 C1');
    await unsolved.say(SERVICE_DESK, '#完成 C1');
    await unsolved.say(RESIDENT, '没有 还是一样 昨晚12点多还在咚咚咚');
    expect(unsolved.store.tickets.byNumber('C1')?.status).toBe('reopened');

    const solved = createTestApp();
    await says(solved, RESIDENT, ['楼上1301每天半夜拖椅子 咚咚的 快一个月了 不用回电话', '对']);
    await solved.say(SERVICE_DESK, '#接单 C1');
    await solved.say(SERVICE_DESK, '#完成 C1');
    await solved.say(RESIDENT, '好');
    expect(solved.transport.to(RESIDENT).at(-1)).toBe(p('complaint.thanks'));
    expect(solved.store.tickets.byNumber('C1')?.status).toBe('confirmed');
  });
});
