import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { summaryOf } from '../../flows/complaint-heard.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const understander = Understander.load();
const NOW = Date.parse('2026-11-26T01:00:00Z');
const UNVERIFIED_OWNER = 'wx_liuyang'; // 5-3-803, phone ending 0803

const cardTickets = (app: ReturnType<typeof createTestApp>, who: string) =>
  app.store.tickets.openForParty(who).filter((t) => t.type === 'card');

describe('answers read for what they give', () => {
  it('after a failed check, "记混了 是0803" is one more try with the right digits, not a refusal', async () => {
    const app = createTestApp();
    await app.say(UNVERIFIED_OWNER, '你好 5栋3单元803 刘洋 我想查下物业费');
    await app.say(UNVERIFIED_OWNER, '1203');
    expect(app.transport.to(UNVERIFIED_OWNER).at(-1)).toBe(p('binding.failed'));
    await app.say(UNVERIFIED_OWNER, '哦不对不对 记混了 是0803');
    const said = app.transport.to(UNVERIFIED_OWNER).join('\n');
    expect(said).toContain(p('binding.done'));
    expect(said).toContain('1612.80');
  });

  it('"给我自己补" after the fee is the go-ahead, for the resident the office knows', async () => {
    const app = createTestApp();
    await app.say('wx_wangfang', '门禁卡丢了 补办一张多少钱');
    await app.say('wx_wangfang', '给我自己补 电话就是登记的那个');
    expect(app.transport.to('wx_wangfang').at(-1)).toMatch(/门禁卡补办，办卡人王芳，房号1-1-502/);
    await app.say('wx_wangfang', '对');
    expect(cardTickets(app, 'wx_wangfang')).toHaveLength(1);
  });

  it('"王芳 502 电话就系登记嗰个" after the fee fills the form; 啱 confirms it', async () => {
    const app = createTestApp();
    await app.say('wx_wangfang', '门禁卡唔见咗 补办一张几钱');
    expect(app.transport.to('wx_wangfang').at(-1)).toBe(p('card.offer'));
    await app.say('wx_wangfang', '王芳 502 电话就系登记嗰个');
    expect(app.transport.to('wx_wangfang').at(-1)).toMatch(/办卡人王芳，房号1-1-502/);
    await app.say('wx_wangfang', '啱');
    expect(cardTickets(app, 'wx_wangfang')).toHaveLength(1);
  });

  it('"对 快点弄 我晚上还要带娃" at the repeat-back is a yes, not a question about what to bring', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '停车卡要加个车牌 我老公换车了 怎么弄 要钱吗');
    await app.say('wx_lina', '苏E·D82J6 车主李娜 电话还是我这个');
    await app.say('wx_lina', '对 快点弄 我晚上还要带娃');
    expect(cardTickets(app, 'wx_lina')).toHaveLength(1);
  });

  it('a plate named with the parking card in the first message adds it, without asking which business', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '换了辆新车 新车牌要加到停车卡上 苏E·2L8P6');
    const last = app.transport.to(RESIDENT).at(-1)!;
    expect(last).not.toBe(p('card.ask_business'));
    expect(last).toContain('苏E2L8P6');
  });

  it('"通了 很好 五星" rates the finished repair well: no rating asked again', async () => {
    const app = createTestApp();
    await bookRepair(app);
    await app.say('wx_sunqiang', '#完成 R1');
    await app.say(RESIDENT, '通了 很好 五星');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.thanks_rating'));
    expect(app.store.tickets.byNumber('R1')?.status).toBe('confirmed');
  });

  it('"成" is a northern yes to the repeat-back', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '家里暖气片一点都不热乎 咋整啊 明儿个上午九点到十一点能来人瞅瞅不');
    await app.say(RESIDENT, '成');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });
});

describe('a person asked for, in a few more words', () => {
  it.each(['人工在不在', '算了太麻烦了 你让人工来跟我说吧'])('"%s" hands over to the desk', async (text) => {
    const app = createTestApp();
    await app.say(RESIDENT, '厨房吊柜门歪了 关不上');
    await app.say(RESIDENT, text);
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['handoff']);
    expect(app.transport.to(SERVICE_DESK).join('\n')).toContain(text);
  });
});

describe('a report there is no record of', () => {
  it('"算了 你现在给我登记 明天上午来" books the trouble told just before, for tomorrow morning; 对 快点 confirms', async () => {
    const app = createTestApp({ now: '2026-12-11T10:00:00+08:00' });
    await app.say('wx_lina', '上礼拜报的热水器那个怎么到现在还没人来 一直不出热水 我天天烧水给孩子洗澡');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('reception.aside.no_tickets'));
    await app.say('wx_lina', '不可能 我明明报了 算了 你现在给我登记 明天上午来');
    const last = app.transport.to('wx_lina').at(-1)!;
    expect(last).toContain('热水器');
    expect(last).toContain('明天09:00');
    await app.say('wx_lina', '对 快点');
    expect(app.store.tickets.openForParty('wx_lina').map((t) => t.type)).toEqual(['repair']);
  });

  it('asked what is broken, "对 快点" names nothing: the question stands', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我要报修');
    await app.say(RESIDENT, '明天上午');
    const asked = app.transport.to(RESIDENT).at(-1);
    await app.say(RESIDENT, '对 快点');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(asked);
    expect(app.store.tickets.openForParty(RESIDENT)).toEqual([]);
  });

  it('"现在" beside a day named is when it is said: 你现在给我登记 明天上午来 is tomorrow morning', () => {
    const u = understander.understand('你现在给我登记 明天上午来', NOW);
    expect(u.slots.time).toBe('2026-11-27T09:00:00+08:00');
    expect(u.cancels).toBeUndefined();
  });
});

describe('a repair told in pieces while the home is asked for', () => {
  it('报修 / 空调 / 不制热 / 6-1-1101: the air conditioner not heating is what is booked', async () => {
    const app = createTestApp();
    for (const text of ['报修', '空调', '不制热', '6-1-1101', '明天下午四点后']) await app.say('wx_guest74', text);
    expect(app.transport.to('wx_guest74').at(-1)).toMatch(/空调 不制热/);
  });
});

describe('a staff member asked for by name', () => {
  it('"帮我找一下周师傅 … 问问他啥时候送来" with nothing open: the desk gets back, and 周杰 is told too', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '帮我找一下周师傅 他上次说要给我带个门吸的配件 我想问问他啥时候送来');
    expect(app.store.tickets.openForParty('wx_lina').map((t) => t.category)).toEqual(['callback']);
    expect(app.transport.to('wx_zhoujie').join('\n')).toContain('门吸的配件');
    expect(app.transport.to(SERVICE_DESK).join('\n')).toContain('门吸的配件');
    expect(app.transport.to('wx_sunqiang')).toEqual([]);
  });
});

describe('typos a resident makes', () => {
  it('"孙师付" is praised as 孙师傅: the praise is recorded for 孙强', async () => {
    const app = createTestApp();
    await app.say('wx_wangfang', '孙师付人真好 大冷天的跑了两趟帮我把水管修好了 表扬一下');
    expect(app.transport.to('wx_wangfang').at(-1)).toBe(p('reception.praise_thanks', { staff: '孙强' }));
  });

  it('"3懂2单元1201 马桶赌了" names the home and a blocked toilet', () => {
    const u = understander.understand('你好 我爸妈住3懂2单元1201 马桶赌了 冲不下去', NOW);
    expect(u.slots.unit).toBe('3-2-1201');
    expect(u.slots.category).toBe('管道');
  });
});

describe('two matters in one breath', () => {
  it('a card fee and the office hours are both answered, and nothing is passed to the office', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '门禁卡补办要多少钱 还有你们礼拜天上不上班');
    const said = app.transport.to('wx_lina').join('\n');
    expect(said).toContain('30.00');
    expect(said).toContain(p('faq.header'));
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
  });

  it.each([
    [
      '两个事 一个是楼下天天有人遛狗不牵绳 吓到我女儿了 另一个是我想给1102新办一张停车卡',
      'complaint',
      '新办一张停车卡',
    ],
    ['物业费我下周一来交 但是你们保洁真的太差了 我们单元楼道一个多星期没拖了', 'arrears', '保洁真的太差了'],
    ['上回孙师傅帮我修水管修得特别好 这回洗衣机的进水龙头又漏了 后天上午能来不', 'praise', '洗衣机的进水龙头'],
    [
      '周师傅昨天修门很仔细 表扬一下 不过你们晚上那个保安在岗亭里睡觉 我十一点回来喊了半天才开门',
      'praise',
      '保安在岗亭里睡觉',
    ],
  ])('"%s" is two matters: %s first', (text, first, rest) => {
    const u = understander.understand(text, NOW);
    expect(u.intent).toBe(first);
    expect(u.next).toContain(rest);
  });

  it('a visit asked for with a time and 可以吗 is a repair to book, not a question for the office', () => {
    expect(understander.understand('昨晚师傅临时接上的 说今天还要来换个新接头 下午2点到4点可以吗', NOW).intent).toBe(
      'repair',
    );
  });
});

describe('read after holdout-8 was played', () => {
  it('"周五两点" is Friday 14:00, not a time today; 名天, 厚天, 昨晚 are read as days', () => {
    const at = Date.parse('2026-12-01T10:00:00+08:00');
    expect(understander.understand('周五两点', at).slots.time).toBe('2026-12-04T14:00:00+08:00');
    expect(understander.understand('名天下午3点过来修下洗衣机的进水管', at).slots.time).toBe(
      '2026-12-02T15:00:00+08:00',
    );
    expect(understander.understand('取消我厚天下午的预约', at).slots.time).toBe('2026-12-03T14:00:00+08:00');
    expect(understander.understand('昨晚报的电梯故障修好没有', at).slots.time?.slice(0, 10)).toBe('2026-11-30');
  });

  it('"真是谢谢你们了 … 必须给个说法" and "服务真是好啊 … 我要投诉" are complaints', () => {
    expect(understander.understand('真是谢谢你们了 约好的师傅放我鸽子 一整天白等 必须给个说法', NOW).intent).toBe(
      'complaint',
    );
    expect(understander.understand('你们服务真是好啊 报修一周了连个人影都没有 我要投诉', NOW).intent).toBe('complaint');
  });

  it('"明天转给你们" after the bill is the resident\'s promise to pay, not a person asked for', async () => {
    const app = createTestApp({ now: '2026-12-07T10:00:00+08:00' });
    await app.say('wx_wangfang', '停车费还欠多少来着');
    await app.say('wx_wangfang', '明天转给你们');
    expect(app.store.tickets.openForParty('wx_wangfang')).toEqual([]);
    expect(app.store.commitments.all().map((c) => [c.kind, c.party])).toEqual([['payment', 'resident']]);
  });

  it('"房东让我直接找物业 卧室暖气片不热" is a repair, not a handoff', () => {
    expect(understander.understand('我是租客 房东让我直接找物业 卧室暖气片不热 4栋3单元1501', NOW).intent).toBe(
      'repair',
    );
  });

  it('"麻烦帮我谢谢郑经理 … 多亏他帮忙协调" is praise for 郑经理; sarcasm with 呵呵 is none', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '麻烦帮我谢谢郑经理 上次车位那个事多亏他帮忙协调');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('reception.praise_thanks', { staff: '郑经理' }));
    const other = createTestApp();
    await other.say('wx_lina', '你们物业真是太「棒」了 报个修等了一个礼拜都没人来 呵呵 给你们点个大大的赞');
    expect(other.store.events.ofTypes(['praise'])).toEqual([]);
  });

  it('the chat before "说正事" is no matter: the lamp after it is booked', () => {
    const u = understander.understand(
      '哎呀这几天降温了 菜市场的菜也涨价了 对了说正事 厨房灯管坏了 一闪一闪的 明天下午两点来换一下',
      NOW,
    );
    expect(u.intent).toBe('repair');
    expect(u.next).toBeUndefined();
  });

  it('"放在你们物业仓库的那辆婴儿车还在吗" is a question for the office', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '我去年放在你们物业仓库的那辆婴儿车还在吗 亲戚家要生了想拿回来');
    expect(app.store.tickets.openForParty('wx_lina').map((t) => t.category)).toEqual(['inquiry']);
  });
});

describe('found by a newcomer', () => {
  it('"明天下午三点可以吗" answers the time question; no knowledge-base answer about decoration hours', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '我家厨房水龙头一直在漏水');
    await app.say('wx_lina', '明天下午三点可以吗');
    expect(app.transport.to('wx_lina').join('\n')).not.toContain(p('faq.header'));
    await app.say('wx_lina', '对');
    expect(app.store.tickets.openForParty('wx_lina').map((t) => t.type)).toEqual(['repair']);
  });
});

describe('what a complaint repeats back', () => {
  it('says a place once, in its fuller form (楼上 beside 楼上1301)', () => {
    const heard = { what: ['楼上拖椅子'], where: ['楼上', '楼上1301'], when: [], since: [], often: [], once: false };
    expect(summaryOf(heard as unknown as Parameters<typeof summaryOf>[0]).where).toBe('楼上1301');
  });
});

describe('times read after holdout-8', () => {
  const at = Date.parse('2026-12-02T10:00:00+08:00');
  it('"12.10 下午4点后" is 10 December at 16:00, while 10.30 alone stays a clock time', () => {
    expect(understander.understand('管子接头松了 有点渗水 12.10 下午4点后可以吗', at).slots.time).toBe(
      '2026-12-10T16:00:00+08:00',
    );
    expect(understander.understand('明天10.30', at).slots.time).toBe('2026-12-03T10:30:00+08:00');
  });

  it('"后天上午 下午我要去上班" keeps the morning: only the afternoon is refused', () => {
    expect(understander.understand('不对不对 后天上午 下午我要去上班', at).slots.time).toBe(
      '2026-12-04T09:00:00+08:00',
    );
    expect(understander.understand('后天我要上班', at).slots.time).toBeUndefined();
  });
});

describe('a handoff nobody answered', () => {
  it('"人呢？？转人工转了四个钟头了" long after the promised call gets an apology and is passed on', async () => {
    const app = createTestApp({ now: '2026-12-17T10:00:00+08:00' });
    await app.say('wx_chenjing', '转人工 有事找你们');
    await app.advanceTo(Date.parse('2026-12-17T14:00:00+08:00'));
    await app.say('wx_chenjing', '人呢？？转人工转了四个钟头了 一个回的都没有');
    expect(app.transport.to('wx_chenjing').at(-1)).toContain(
      p('reception.chase.sorry', { ticket: 'H1', promise: '联系回复' }),
    );
    expect(app.transport.to(SERVICE_DESK).join('\n')).toContain('一个回的都没有');
  });
});
