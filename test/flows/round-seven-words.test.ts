import { describe, expect, it } from 'vitest';
import { EmergencyDetector } from '../../src/nlu/emergency.js';
import { Understander } from '../../src/nlu/understander.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const detector = new EmergencyDetector();
const understander = Understander.load();
const NOW = Date.parse('2026-11-26T01:00:00Z');

describe('emergencies in the words of the seventh study batch', () => {
  it('gas heard hissing or smelled after the stove is named, and gas typed by sound, are gas', () => {
    expect(detector.read('燃气灶那点嘶嘶嘶地响 一股子气味 旋钮关了还在响 咋个办哦')).toMatchObject({ kind: 'gas' });
    expect(detector.read('厨房有股没气味 是不是露气了 4-2-601')).toMatchObject({ kind: 'gas' });
    // Still no gas when the smell is said to be gone.
    expect(detector.read('厨房没有气味了')).toBeUndefined();
  });

  it('a switch too hot to touch with burnt insulation is electrical, though a burnt pot is not', () => {
    expect(detector.read('开关那点烫得很 一股胶皮烧糊了的味道 灯还一闪一闪的')).toMatchObject({ kind: 'electric' });
    expect(detector.read('锅烧糊了 一股糊味')).toBeUndefined();
  });

  it('a child caught by a gate is an emergency (someone hurt), whatever gate; a stuck gate alone is not', () => {
    for (const text of [
      '3栋门口有个小孩卡在电动门里了！！！',
      '电动门把小孩夹住了 快来人',
      '北门的伸缩门压到一个小孩了 卡着出不来',
    ])
      expect(detector.read(text), text).toMatchObject({ kind: 'injury', sure: true });
    for (const text of ['单元门关不上 卡住了', '道闸杆把我车卡住了', '门禁卡卡住了刷不开'])
      expect(detector.read(text), text).toBeUndefined();
  });

  it('water rising over things in the car park is an emergency at once', () => {
    expect(detector.read('地库漏水很严重 水都漫到车轮了')).toMatchObject({ kind: 'water', sure: true });
  });

  it('a cistern that keeps running is a repair, unless it spills over', () => {
    expect(detector.read('马桶水箱一直在放水 关不住 浪费得很')).toBeUndefined();
    expect(detector.read('马桶水箱一直在放水 关不住 水都漫出来了')).toMatchObject({ kind: 'water' });
  });

  it('gas in a stairwell with the floor named: help paged, and the place is not asked again', async () => {
    const app = createTestApp({ now: '2026-12-01T12:10:00+08:00' });
    await app.say('wx_guest71', '楼道里一股臭鸡蛋味 是不是燃气漏了 4栋1单元6楼 宝宝一直哭我都不敢出门');
    expect(app.transport.to('wx_guest71').join('\n')).toContain(p('emergency.advice.gas'));
    expect(app.transport.to('wx_guest71').join('\n')).not.toContain(p('emergency.ask_place'));
  });
});

describe('answers and matters read as meant', () => {
  it('就这样定吧 and 也不是不行 are a yes; 就这样吧 不修了 still calls it off', () => {
    const answer = (text: string) => understander.understand(text, NOW).answer;
    expect(answer('明白了，那就这样定吧。')).toBe('yes');
    expect(answer('嗯……也不是不行，就这么办吧。')).toBe('yes');
    expect(understander.understand('那就这样吧 不修了', NOW).intent).toBe('cancel');
  });

  it('会另外收费吗 is one question about the visit: answered with the fee, no second matter kept', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '书房的窗户关不严，一直漏风，想请师傅后天上午来修一下。');
    await app.say('wx_lina', '师傅来需要我提前准备什么吗？会另外收费吗？');
    expect(app.transport.to('wx_lina').join('\n')).toContain(p('repair.fee_none'));
    await app.say('wx_lina', '好的');
    expect(app.store.tickets.openForParty('wx_lina').map((t) => t.type)).toEqual(['repair']);
  });

  it("the office's number asked for an elderly parent is a question, not a request for a person now", () => {
    expect(understander.understand('请问物业的电话是多少？我母亲不会用微信，有事想让她直接打电话。', NOW).intent).toBe(
      'inquiry',
    );
  });

  it('anger about a barking dog next door is heard out as a complaint, not handed over', async () => {
    const app = createTestApp({ now: '2026-11-30T19:00:00+08:00' });
    await app.say('wx_wangfang', '隔壁那家的狗天天叫 烦死了');
    // Handed over, it would be a handoff ticket at once; heard out, the complaint is asked about first.
    expect(app.store.tickets.openForParty('wx_wangfang')).toEqual([]);
    expect(app.transport.to('wx_wangfang').at(-1)).toBe(p('complaint.ask_callback'));
  });

  it('a leak in the bathroom reported three times: the bathroom is the place, and no sanitation complaint', () => {
    const heard = understander.understand('卫生间吊顶渗水 电话报了三回 都说等通知 一直没人来 我要投诉', NOW);
    expect(heard.slots.complaintCategory).not.toBe('sanitation');
    expect(heard.complaint?.where).toContain('卫生间');
  });

  it('chased about reports we have no record of: sorry first, then which it is', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '报修三次了都没人来 你们物业到底管不管事');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(new RegExp(`^${p('reception.chase.sorry_unrecorded')}`));
  });
});

describe('promises kept in the words they come in', () => {
  it('a missed visit chased, then 今天下午行不行: the visit is moved there, without a second apology', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await bookRepair(app, RESIDENT, '卫生间下水道堵了 明天上午来修');
    await app.advanceTo(Date.parse('2026-12-04T10:00:00+08:00'));
    await app.say(RESIDENT, '到底还来不来 我请了半天假的');
    await app.say(RESIDENT, '今天下午行不行');
    const asked = app.transport.to(RESIDENT).at(-1)!;
    expect(asked).toMatch(/改到 今天14:00–16:00/);
    expect(asked).not.toContain('非常抱歉');
    await app.say(RESIDENT, '行');
    const visit = app.store.commitments.all().find((c) => c.kind === 'repair_visit' && c.status === 'open');
    expect(visit?.windowStart).toBe(Date.parse('2026-12-04T14:00:00+08:00'));
  });

  it('a day to pay asked as a proposal beside a question of policy: both answered, the day kept as their promise', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say(RESIDENT, '我还欠多少物业费');
    await app.say(RESIDENT, '怎么这么多 滞纳金收不收啊 这个月手头紧 下周五去前台交可以吗');
    const said = app.transport.to(RESIDENT).slice(-2).join('\n');
    expect(said).toContain(p('faq.late_fee_none'));
    expect(app.store.commitments.all()).toMatchObject([{ kind: 'payment', party: 'resident', status: 'open' }]);
  });

  it('a range hood noisy enough to need a visit is a repair to book, not a complaint', () => {
    expect(understander.understand('抽油烟机噪音大得很 我白天上班 晚上七点以后能来不', NOW).intent).toBe('repair');
  });

  it('a stranger giving home, phone and time at once: booked for that time, the technician given the number', async () => {
    const app = createTestApp({ now: '2026-12-08T13:10:00+08:00' });
    await app.say('wx_new_rider', '家里卫生间灯不亮 麻烦来个人');
    await app.say('wx_new_rider', '6-2-402 电话15011112222 明天上午都在');
    expect(app.transport.to('wx_new_rider').at(-1)).toMatch(/明天09:00–11:00/);
    await app.say('wx_new_rider', '嗯');
    const notice = app.transport.sent.find((m) => m.text.includes('【上门维修 R1】'))!;
    expect(notice.text).toContain('2222');
  });
});

describe('which matter, and words the office knows', () => {
  it('the desk clerk praised as 前台那位姓赵的姑娘 is 赵敏', () => {
    const heard = understander.understand(
      '前台那位姓赵的姑娘特别耐心，手把手教我母亲在手机上交费，请一定替我谢谢她。',
      NOW,
      () => [
        { name: '赵敏', role: 'service' },
        { name: '孙强', role: 'technician' },
      ],
    );
    expect(heard.slots.staff).toBe('赵敏');
  });

  it('投诉那个, after all their matters were listed, is where that complaint stands', async () => {
    const app = createTestApp();
    await bookRepair(app, RESIDENT, '厨房灯坏了，明天上午来修');
    await app.say(RESIDENT, '我要投诉 楼上天天半夜拖椅子 每天都这样 不用回电话');
    await app.say(RESIDENT, '对');
    await app.say(RESIDENT, '投诉那个');
    expect(app.transport.to(RESIDENT).join('\n')).toMatch(/C1（[^）]*）：/);
    expect(app.transport.to(RESIDENT).at(-1)).not.toBe(p('reception.fallback'));
  });

  it('a visit called off with words between (明天不用来修门锁了 儿子给修好了): the visit is cancelled', async () => {
    const app = createTestApp();
    await bookRepair(app, RESIDENT, '门锁坏了 明天上午来修');
    await app.say(RESIDENT, '明天不用来修门锁了，我儿子回来已经给修好了，谢谢您。');
    expect(
      app.store.commitments
        .all()
        .filter((c) => c.kind === 'repair_visit')
        .map((c) => c.status),
    ).toEqual(['cancelled']);
  });

  it("a change to come (听说明年物业费要涨 涨多少) is passed to the office, not answered with today's standard", async () => {
    const app = createTestApp();
    await app.say('wx_lina', '听说明年物业费要涨 是真的吗 涨多少');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'handoff', category: 'inquiry' }]);
  });

  it('works in the community asked about (围起来好几天了 是要建什么) go to the office as a question', () => {
    expect(understander.understand('东门边上那块空地围起来好几天了 是要建什么东西', NOW).intent).toBe('inquiry');
  });

  it('typed by sound: 漏谁 is 漏水, and a basin that leaks is a repair to book', () => {
    const heard = understander.understand('我要保修 洗手盆下面漏谁 后天上五十点', NOW);
    expect(heard.slots.category).toBe('水');
    expect(detector.read('洗手盆下面漏水')?.sure).not.toBe(true);
  });

  it('asked to confirm a repair, "水的事弄好了 那投诉那个呢": the verdict taken, and where the complaint stands told', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我要投诉 楼上天天半夜拖椅子 每天都这样 不用回电话');
    await app.say(RESIDENT, '对');
    await bookRepair(app, RESIDENT, '厨房灯坏了，明天上午来修');
    await app.say('wx_sunqiang', '#完成 R1');
    await app.say(RESIDENT, '灯的事弄好了 那投诉那个呢');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('C1');
  });
});

describe('a time said as a lower bound', () => {
  it('明天下午 最好三点以后: the window from 16:00, not the one 15:00 falls in', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say(RESIDENT, '卧室空调不制冷 明天下午来吧 最好三点以后');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/明天16:00–18:00/);
    // Said as the hour itself, it is the window it falls in.
    const other = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await other.say(RESIDENT, '卧室空调不制冷 明天下午三点来');
    expect(other.transport.to(RESIDENT).at(-1)).toMatch(/明天14:00–16:00/);
  });
});

describe('answers to a proposed time, and a time changed at the read-back', () => {
  it('能不能改成下午4点以后 at the read-back moves the visit to the 16:00 window, no answer about decoration hours', async () => {
    const app = createTestApp({ now: '2026-12-08T13:00:00+08:00' });
    await app.say(RESIDENT, '客厅灯一开就跳闸 别的都正常 明天上午能来看看吗');
    await app.say(RESIDENT, '可以是可以 能不能改成下午4点以后 上午要送孩子');
    expect(app.transport.to(RESIDENT).at(-1)).toMatch(/明天16:00–18:00/);
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain('装修');
  });

  it('17号上午可以的, for a proposal of 10:00 on the 17th: accepted, not declined for 09:00', async () => {
    const app = createTestApp({ now: '2026-12-14T10:00:00+08:00' });
    await bookRepair(app, RESIDENT, '卧室窗户玻璃裂了一道缝 周三上午来换一下');
    await app.say('wx_zhoujie', '#改约 R1 12月17日上午10点');
    await app.say(RESIDENT, '17号上午可以的');
    const visits = app.store.commitments.all().filter((c) => c.kind === 'repair_visit');
    expect(visits.map((c) => c.status).sort()).toEqual(['open', 'renegotiated']);
    expect(visits.find((c) => c.status === 'open')?.windowStart).toBe(Date.parse('2026-12-17T10:00:00+08:00'));
  });
});

describe('a matter about to be taken outside the office', () => {
  it('再不来我就打12345投诉了, about a missed visit: the supervisor hears of it, beside the desk and the technician', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await bookRepair(app, RESIDENT, '卫生间下水道堵了 明天上午来修');
    await app.advanceTo(Date.parse('2026-12-04T10:00:00+08:00'));
    const before = app.transport.to('wx_wugang').length;
    await app.say(RESIDENT, '再不来我就打12345投诉了');
    expect(app.transport.to('wx_wugang').slice(before).join('\n')).toContain('再不来我就打12345投诉了');
  });
});

describe('verdicts and questions during a task', () => {
  it('"还没清 还是臭" when asked whether a complaint is solved: not solved, reopened', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我要投诉 楼道垃圾三天没人清 每天都这样 不用回电话');
    await app.say(RESIDENT, '对');
    await app.say(SERVICE_DESK, '#接单 C1');
    await app.say(SERVICE_DESK, '#完成 C1');
    await app.say(RESIDENT, '还没清 还是臭');
    expect(app.transport.to(RESIDENT).join('\n')).toContain(p('complaint.sorry'));
    expect(app.store.tickets.byNumber('C1')?.status).toBe('reopened');
  });

  it('"上门费多少？师傅几点能到" at the read-back: the fee, then the booking read back again', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '空调不制冷 明天上午来修');
    await app.say(RESIDENT, '上门费多少？师傅几点能到');
    const said = app.transport.to(RESIDENT).slice(-2);
    expect(said[0]).toMatch(/上门费 30\.00 元/);
    expect(said[1]).toMatch(/明天09:00–11:00/);
  });
});

describe('a proposed time refused in words that name it', () => {
  it('"不行 周六下午我们要出门" for a proposal of Saturday 16:00: declined, never accepted', async () => {
    const app = createTestApp({ now: '2026-12-10T10:00:00+08:00' });
    await bookRepair(app, RESIDENT, '卫生间下水道堵了 明天上午来修');
    await app.say('wx_sunqiang', '#改约 R1 12月12日下午4点');
    await app.say(RESIDENT, '不行 周六下午我们要出门');
    const visits = app.store.commitments.all().filter((c) => c.kind === 'repair_visit');
    expect(visits.find((c) => c.status === 'open')?.windowStart).toBe(Date.parse('2026-12-11T09:00:00+08:00'));
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain('谢谢您的理解');
  });
});

describe('holdout-9, once read', () => {
  it('smoke said to be thick the northern way (咋这么大烟 呛死个人 一股胶皮味儿) is a fire', () => {
    expect(detector.read('楼道里咋这么大烟呢 呛死个人 8栋3单元 也不知道哪家整的 一股胶皮味儿')).toMatchObject({
      kind: 'fire',
    });
  });

  it('the gas run out (天然气没气了 灶打不着火) is nobody out of breath and no leak', () => {
    expect(detector.read('家里天然气没气了 灶打不着火 是不是停气了 没有什么味道')).toBeUndefined();
    expect(detector.read('我爸倒在地上没气了')).toMatchObject({ kind: 'injury' });
  });

  it("another household's number asked for is refused, with a message passed on offered", async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '1302是不是租出去了 能不能给我下房东电话 有点事找他');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.contact_refused'));
  });

  it('praise that says nothing more was charged (一分钱没多收) is praise, no fee dispute', () => {
    const heard = understander.understand('孙师傅硬是要得 前天大晚上跑来帮我修水管 一分钱没多收 给他点个赞', NOW);
    expect(heard.feeReply).toBeUndefined();
  });

  it('a slip owned up to (不好意思 按错了) before the message meant: the repair is read', () => {
    expect(understander.understand('不好意思 按错了 厨房灯不亮 明天上午来', NOW).intent).toBe('repair');
  });

  it('越早越好 两点吧 before noon is two in the afternoon, not two at night', () => {
    const heard = understander.understand('越早越好 两点吧', Date.parse('2026-12-11T03:50:00Z'));
    expect(heard.slots.time).toBe('2026-12-11T14:00:00+08:00');
  });

  it('a fault with a time asked in question form is a booking (热水器点不着火 这周六上午能安排吗)', () => {
    expect(understander.understand('租客说热水器点不着火 这周六上午能安排吗 我过去开门', NOW).intent).toBe('repair');
  });

  it('a question with a time to a proposal asks again; 那行吧 with the proposed time accepts', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await bookRepair(app, 'wx_lina', '卫生间下水道堵了 明天上午来修');
    await app.say('wx_sunqiang', '#改约 R1 12月4日下午3点');
    await app.say('wx_lina', '4号下午我4点半要去接孩子 几点能弄完啊');
    expect(app.store.commitments.all().filter((c) => c.status === 'renegotiated')).toEqual([]);
    await app.say('wx_lina', '那行吧 就4号下午3点');
    expect(app.store.commitments.all().filter((c) => c.status === 'renegotiated')).toHaveLength(1);
  });

  it('"那行 就周六上午", the very time being read back, books it', async () => {
    const app = createTestApp({ now: '2026-12-03T09:00:00+08:00' });
    await app.say(RESIDENT, '卧室窗户关不严 漏风 周六上午来吧');
    await app.say(RESIDENT, '要收费吗?');
    await app.say(RESIDENT, '那行 就周六上午');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });

  it('the office hours asked with why they ask (你们今天上班吗 想去前台问点事) get the approved answer', async () => {
    const app = createTestApp({ now: '2026-12-06T10:00:00+08:00' });
    await app.say(RESIDENT, '你们今天上班吗 想去前台问点事');
    expect(app.store.tickets.openForParty(RESIDENT)).toEqual([]);
    expect(app.transport.to(RESIDENT).join('\n')).toContain('办公时间');
  });
});
