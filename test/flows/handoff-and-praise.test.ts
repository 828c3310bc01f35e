import { describe, expect, it } from 'vitest';
import { promiseReport } from '../../src/report/ledger-report.js';
import { parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const TEN = '2026-11-26T10:00:00+08:00';
const EVENING = '2026-11-26T20:00:00+08:00';

describe('human handoff (转人工)', () => {
  it('in office hours: a person within minutes, the desk sees the conversation so far, and the bot stays quiet until staff end it', async () => {
    const app = createTestApp({ now: TEN });
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '阿巴阿巴');
    await app.say(RESIDENT, '转人工');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('reception.handoff', { ticket: 'H1' }, { due: '2026-11-26T10:15:00+08:00' }, TEN),
    );
    const notice = app.transport.to(SERVICE_DESK).at(-1)!;
    expect(notice).toContain('H1');
    expect(notice).toContain(['1. 你好', '2. 阿巴阿巴', '3. 转人工'].join('\n'));

    // While a person handles it, the resident's words go to them and the bot says nothing.
    const before = app.transport.to(RESIDENT).length;
    await app.say(RESIDENT, '就是3栋门口那块');
    await app.say(RESIDENT, '你好');
    expect(app.transport.to(RESIDENT)).toHaveLength(before);
    expect(app.transport.to(SERVICE_DESK).slice(-2)).toEqual([
      p('staff.resident_says', { ticket: 'H1', who: '张伟（3-2-1201）', text: '就是3栋门口那块' }),
      p('staff.resident_says', { ticket: 'H1', who: '张伟（3-2-1201）', text: '你好' }),
    ]);

    // Staff speak through the bot; the first word keeps the promise to get back in time.
    await app.say(SERVICE_DESK, '#回复 H1 您好，我是客服赵敏，马上安排人去看。');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('relay.from_staff', { staff: '赵敏', text: '您好，我是客服赵敏，马上安排人去看。' }),
    );
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'callback', status: 'kept' }]);
    await app.say(RESIDENT, '好的谢谢');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toContain('好的谢谢'); // now to its owner, 赵敏

    // Silence does not end a handoff…
    await app.advanceTo(parseIso(TEN) + 3 * 3600_000);
    expect(app.transport.to(RESIDENT)).not.toContain(p('reception.farewell_idle'));
    // …staff do, and the bot answers again.
    await app.say(SERVICE_DESK, '#完成 H1');
    await app.tick();
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.handoff_ended', { ticket: 'H1' }));
    await app.say(RESIDENT, '物业几点上班');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/^您好，关于您的问题/);
  });

  it('out of hours: honestly told the reply comes after the office opens', async () => {
    const app = createTestApp({ now: EVENING });
    await app.say(RESIDENT, '我要找人工');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(
      p('reception.handoff_after_hours', { ticket: 'H1' }, { due: '2026-11-27T08:45:00+08:00' }, EVENING),
    );
  });

  it('anger with nothing said of what is heard out first (接受投诉: 耐心倾听); anger asking for a person gets one at once', async () => {
    const app = createTestApp({ now: TEN });
    await app.say(RESIDENT, '你们这什么破物业，气死我了');
    expect(app.transport.to(RESIDENT).join('\n')).toContain('请您多包涵');
    expect(app.store.tickets.allOpen()).toEqual([]);
    await app.say('wx_lina', '你们这什么破物业，气死我了，叫你们经理来');
    expect(app.transport.to('wx_lina').at(-1)).toBe(
      p('reception.handoff_angry', { ticket: 'H1' }, { due: '2026-11-26T10:15:00+08:00' }, TEN),
    );
    expect(app.store.tickets.byNumber('H1')).toMatchObject({ type: 'handoff', category: 'handoff' });
  });

  it('two misunderstandings in a row hand over too, and the bot then stays quiet', async () => {
    const app = createTestApp({ now: TEN });
    await app.say(RESIDENT, '阿巴阿巴');
    // 嗯嗯嗯 would be courtesy (a greeting), no misunderstanding.
    await app.say(RESIDENT, 'asdfgh');
    const count = app.transport.to(RESIDENT).length;
    await app.say(RESIDENT, '喂');
    expect(app.transport.to(RESIDENT)).toHaveLength(count);
  });

  it('the resident may call it off: ticket and promise cancelled, the desk told', async () => {
    const app = createTestApp({ now: TEN });
    await app.say(RESIDENT, '转人工');
    await app.say(RESIDENT, '算了，不用了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.handoff_cancelled', { ticket: 'H1' }));
    expect(app.store.tickets.byNumber('H1')!.status).toBe('cancelled');
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'callback', status: 'cancelled' }]);
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      p('staff.handoff_cancelled', { ticket: 'H1', who: '张伟（3-2-1201）' }),
    );
  });

  it('#回复 only works on a handoff', async () => {
    const app = createTestApp({ now: TEN });
    await app.say(RESIDENT, '小区里可以放烟花吗');
    await app.say(SERVICE_DESK, '#回复 H1 您好');
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(p('staff.refused.not_handoff', { ticket: 'H1' }));
  });
});

describe('praise (表扬)', () => {
  it('for a staff member named: modest thanks, recorded for them, passed on, and counted in the report', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '客服赵敏态度特别好，表扬一下');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.praise_thanks', { staff: '赵敏' }));
    expect(app.transport.to(SERVICE_DESK).at(-1)).toBe(
      p('staff.praised', { who: '张伟（3-2-1201）', text: '客服赵敏态度特别好，表扬一下' }),
    );
    expect(promiseReport(app.store).praise).toEqual({ 赵敏: 1 });
  });

  it('without a name: for whoever handled the resident’s latest ticket', async () => {
    const app = createTestApp();
    await bookRepair(app); // R1, 孙强
    await app.say(RESIDENT, '师傅修得很好，谢谢你们');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.praise_thanks', { staff: '孙强' }));
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('师傅修得很好');
    expect(app.store.events.ofTypes(['praise'])).toMatchObject([{ ref: 'R1', data: { staff: 's002' } }]);
  });

  it('praise given with the rating is passed to the one who came, and the resident is thanked once, for the praise', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // R1, 孙强
    await app.say('wx_sunqiang', `#完成 ${ticket}`);
    const before = app.transport.to(RESIDENT).length;
    await app.say(RESIDENT, '修好了 孙师傅挺麻利的 5 5 5');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('孙师傅挺麻利的');
    expect(app.transport.to(RESIDENT).slice(before)).toEqual([p('reception.praise_thanks', { staff: '孙强' })]);
  });

  it('with nobody to name: the office thanks and records it for the office as a whole', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '你们的服务真不错');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('reception.thanks'));
    expect(promiseReport(app.store).praise).toEqual({ '-': 1 });
  });
});

describe('goodbye and idle close', () => {
  it('再见 gets the farewell phrase of the standard and ends the conversation', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '好的，再见');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.farewell'));
    expect(app.store.conversations.get(RESIDENT)!.status).toBe('closed');
  });

  it('a repair booking left idle is paused politely (how to pick it up said); a booked visit stays promised', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say(RESIDENT, '马桶堵了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
    await app.advanceTo(app.clock.now() + 2 * 3600_000 + 1);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.paused'));
    expect(app.store.commitments.all().filter((c) => c.status === 'open')).toMatchObject([{ kind: 'repair_visit' }]);
  });
});

describe('取消 in the complaint flow', () => {
  it('ends it with a confirmation, files nothing and tells nobody; 不知道 is only an answer', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '楼上噪音太吵，我要投诉');
    await app.say(RESIDENT, '不知道');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.ask_when'));
    await app.say(RESIDENT, '算了');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('complaint.cancelled'));
    expect(app.store.tickets.allOpen()).toEqual([]);
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
  });
});

describe('thanks, praise and fault-finding are told apart', () => {
  it('praise of the desk by name is praise, whatever business it mentions (上次办停车卡…都是她帮着弄的)', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '前台的赵敏小姑娘挺好的 上次办停车卡我跑了两趟都是她帮着弄的 有耐心 点个赞');
    const praised = app.store.events.ofTypes(['praise']).map((e) => (e.data as { staff: string | null }).staff);
    expect(praised).toEqual(['s001']);
    expect(app.store.tickets.allOpen()).toEqual([]);
  });

  it("孙师傅 is the technician 孙强; 吴主管 the supervisor 吴刚; a bare thank-you is nobody's praise; 服务这么差 never praise", async () => {
    const app = createTestApp();
    await app.say('wx_lina', '孙师傅上次修水管修得很好 很负责');
    await app.say('wx_chenjing', '吴主管处理得很及时 点赞');
    await app.say('wx_wangfang', '好的谢谢');
    await app.say('wx_zhangwei', '服务这么差 一点都不负责');
    const praised = app.store.events
      .ofTypes(['praise'])
      .map((e) => [e.actor, (e.data as { staff: string | null }).staff]);
    expect(praised).toEqual([
      ['wx_lina', 's002'],
      ['wx_chenjing', 's004'],
    ]);
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('修得很好');
    expect(app.transport.to('wx_wangfang').at(-1)).toBe(p('reception.you_are_welcome'));
    expect(app.transport.to('wx_zhangwei').join('\n')).not.toContain(p('reception.thanks'));
  });
});

describe('what the resident says in so many words', () => {
  it('转人工 in the middle of a booking hands over; asking whether we are a robot is answered; a bare 吧 never says goodbye', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卧室灯坏了');
    await app.say(RESIDENT, '算了 转人工吧 跟你说太麻烦');
    expect(app.store.tickets.openForParty(RESIDENT)).toEqual([
      expect.objectContaining({ type: 'handoff', category: 'handoff' }),
    ]);
    expect(app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.status === 'open')).toEqual([]);

    await app.say('wx_chenjing', '楼下那个井盖一踩就响');
    await app.say('wx_chenjing', '你这机器人听不懂人话是吧 我要找真人说');
    expect(app.store.tickets.openForParty('wx_chenjing').map((t) => t.type)).toContain('handoff');
    // Asking whether there is a person at all, to talk to them, is asking for one.
    await app.say('wx_wangfang', '厨房灯不亮了');
    await app.say('wx_wangfang', '你们有没有真人啊 我直接跟人说吧');
    expect(app.store.tickets.openForParty('wx_wangfang').map((t) => t.type)).toEqual(['handoff']);

    await app.say('wx_lina', '你是机器人还是真人？');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('reception.i_am_assistant'));
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);

    await app.say('wx_chenjing', '我要报修');
    await app.say('wx_chenjing', '明天吧');
    expect(app.transport.to('wx_chenjing').join('\n')).not.toContain(p('reception.farewell'));
  });
});
