import { describe, expect, it } from 'vitest';
import { EmergencyDetector } from '../../src/nlu/emergency.js';
import { ComplaintFactFinder } from '../../src/complaint/complaint-facts.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, SERVICE_DESK } from '../fakes/test-app.js';

const detector = new EmergencyDetector();
const TECHNICIAN = 'wx_sunqiang';

describe('emergencies in the words of the eighth study batch and a newcomer', () => {
  it('the writer inside a stopped lift is trapped, in English words too', () => {
    expect(detector.read('stuck in elevator 3栋2单元 电梯停了 门打不开 我在里面')).toEqual({
      kind: 'trapped',
      sure: true,
    });
    expect(detector.read('电梯停了 门打不开 我在里面')).toEqual({ kind: 'trapped', sure: true });
    // Out of order with nobody said to be inside: still asked first.
    expect(detector.read('电梯停了 门打不开')).toEqual({ kind: 'trapped', sure: false });
  });

  it('smoke coming out of a door is a fire, whatever the smell; a smoking socket stays electrical', () => {
    expect(detector.read('隔籬屋好大陣燶味 門縫仲有煙出嚟 2座1單元11樓 拍門冇人應')).toMatchObject({ kind: 'fire' });
    expect(detector.read('隔壁家门缝里往外冒烟 一股焦味 敲门没人')).toMatchObject({ kind: 'fire' });
    expect(detector.read('家里插座冒烟了')).toMatchObject({ kind: 'electric' });
  });

  it('a chase in reply to "now or later?" (人喃, 还要多久) sends someone now', async () => {
    const app = createTestApp({ now: '2026-12-01T22:40:00+08:00' });
    await app.say('wx_wangfang', '楼上漏水漏到我屋头来了 天花板一直在滴 咋个整嘛');
    expect(app.transport.to('wx_wangfang').at(-1)).toBe(p('emergency.ask_now_or_later'));
    await app.say('wx_wangfang', '人喃？');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([
      { type: 'repair', category: 'emergency_water' },
    ]);
    expect(app.transport.to(TECHNICIAN).join('\n')).toContain('R1');
  });

  it('no answer to "now or later?" within ten minutes: handled as the emergency it may be, not dropped', async () => {
    const app = createTestApp({ now: '2026-12-01T22:40:00+08:00' });
    await app.say('wx_wangfang', '楼上漏水漏到我屋头来了 天花板一直在滴 咋个整嘛');
    await app.advanceTo(Date.parse('2026-12-01T22:45:00+08:00'));
    expect(app.store.tickets.openForParty('wx_wangfang')).toEqual([]);
    await app.advanceTo(Date.parse('2026-12-01T22:51:00+08:00'));
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([
      { type: 'repair', category: 'emergency_water' },
    ]);
    expect(app.transport.to(TECHNICIAN).join('\n')).toContain('R1');
  });

  it('a stopped lift with no answer whether anyone is inside: someone is sent, and 还要多久 is a yes', async () => {
    const app = createTestApp({ now: '2026-11-30T08:05:00+08:00' });
    await app.say('wx_lina', '3栋2单元电梯停了 门打不开');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('emergency.ask_someone_trapped'));
    await app.say('wx_lina', '?? 还要多久');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_trapped' }]);
  });
});

describe('matters and answers of the eighth study batch and a newcomer', () => {
  it('a leak told with another matter: the leak booked first, the other matter taken up after', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '卫生间漏水了 还有门禁卡坏了要换一张');
    await app.say('wx_zhangwei', '明天下午');
    await app.say('wx_zhangwei', '对');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ type: 'repair', category: 'repair' }]);
    // The card matter is taken up: its fee and the form's read-back.
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain(p('reception.next_topic'));
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('门禁卡补办');
  });

  it('an hour said alone for a move read back keeps the day of that move (明天那个改到下午 … 4点以后)', async () => {
    const app = createTestApp({ now: '2026-12-14T10:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房灯坏了，明天上午来修');
    await app.say('wx_zhangwei', '对');
    await app.advanceTo(Date.parse('2026-12-14T15:00:00+08:00'));
    await app.say('wx_zhangwei', '明天那个能改到下午吗 上午临时要开会');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('明天14:00');
    await app.say('wx_zhangwei', '4点以后');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('明天16:00');
  });

  it('下午 早点那个 among the windows of a day is the earliest of the afternoon', async () => {
    const app = createTestApp({ now: '2026-12-02T10:30:00+08:00' });
    await app.say('wx_wangfang', '灶台上面那个抽油烟机不转了');
    await app.say('wx_wangfang', '你们礼拜六有人不嘛');
    await app.say('wx_wangfang', '那就礼拜六下午 早点那个');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('14:00–16:00');
  });

  it('at the read-back, another of their homes named (唔係 係1102) is booked instead, on its yes (啱喇)', async () => {
    const app = createTestApp({ now: '2026-12-08T10:00:00+08:00' });
    await app.say('wx_chenjing', '1101個露台門關唔埋 後日下晝兩點');
    await app.say('wx_chenjing', '唔係唔係 係1102 講錯咗');
    expect(app.transport.to('wx_chenjing').at(-1)).toContain('1102');
    await app.say('wx_chenjing', '啱喇');
    expect(app.store.tickets.openForParty('wx_chenjing')).toMatchObject([{ type: 'repair', unitId: '2-1-1102' }]);
  });

  it('the rating asked after an emergency does not hold back the matter that waited, when it is raised again', async () => {
    const app = createTestApp({ now: '2026-12-09T12:10:00+08:00' });
    await app.say('wx_wangfang', '卫生间顶上哗哗漏水 楼上漏下来的 对了我停车卡快到期了');
    await app.say(TECHNICIAN, '#完成 R1');
    await app.say('wx_wangfang', '停车卡续费怎么弄 多少钱');
    expect(app.transport.to('wx_wangfang').join('\n')).toContain('停车月卡');
  });

  it('whenever 你们定吧 leaves the time to the office: a time is offered, not asked for again', async () => {
    const app = createTestApp({ now: '2026-12-02T10:30:00+08:00' });
    await app.say('wx_lina', '书房的灯不亮了');
    await app.say('wx_lina', 'whenever 你们定吧 我在家办公');
    expect(app.transport.to('wx_lina').at(-1)).not.toBe(p('repair.ask_time_again'));
  });
});

describe('more words of the eighth study batch', () => {
  it("a tenant who does not know the landlord's phone is refused politely, not asked again", async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_tenant8', '5栋3单元803欠多少物业费');
    await app.say('wx_tenant8', '房东电话我不知道 就不能直接告诉我吗');
    expect(app.transport.to('wx_tenant8').at(-1)).toBe(p('arrears.others_refused'));
  });

  it('Sichuanese 好久 before a verb asks when; 要好多钱 asks the price inside a card form', async () => {
    const app = createTestApp({ now: '2026-12-01T19:30:00+08:00' });
    await app.say('wx_lina', '垃圾好久收嘛 晚上还能丢不');
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
    expect(app.transport.to('wx_lina').join('\n')).toContain('18:00');
    await app.say('wx_wangfang', '我想续一下停车卡');
    const before = app.transport.to('wx_wangfang').length;
    await app.say('wx_wangfang', '那续费呢 要好多钱');
    expect(app.transport.to('wx_wangfang').slice(before).join('\n')).toContain('停车月卡');
  });

  it('没得问题 then a question at the read-back books the visit, and the question is answered', async () => {
    const app = createTestApp({ now: '2026-12-17T10:00:00+08:00' });
    await app.say('wx_wangfang', '卧室门把手掉咯 礼拜六上午来得不');
    await app.say('wx_wangfang', '没得问题 师傅姓啥子嘛');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([{ type: 'repair' }]);
  });

  it('睡房冷氣唔暖 is an air conditioner to repair', async () => {
    const app = createTestApp({ now: '2026-12-09T10:00:00+08:00' });
    await app.say('wx_lina', '睡房冷氣唔暖');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('repair.ask_time'));
  });

  it('only a time said after a repair found wanting books its return visit', async () => {
    const app = createTestApp({ now: '2026-12-07T08:00:00+08:00' });
    await app.say('wx_wangfang', '卧室门把手掉了 明天上午来修');
    await app.say('wx_wangfang', '对');
    await app.advanceTo(Date.parse('2026-12-08T09:30:00+08:00'));
    await app.say('wx_zhoujie', '#完成 R1');
    await app.say('wx_wangfang', '门把手又掉咯 师傅修了跟没修一样');
    await app.say('wx_wangfang', '明天下午两点');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('明天14:00');
    await app.say('wx_wangfang', '要得');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('明天14:00');
    expect(app.transport.to('wx_wugang').at(-1)).toContain('明天14:00');
  });
});

describe('what the newcomer found lost', () => {
  it('那下午呢 上午没人 at the read-back of a morning: the afternoon is read back, never the morning booked', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_lina', 'kitchen light 坏了 can u send someone tmr morning');
    await app.say('wx_lina', '那下午呢 上午没人');
    expect(app.transport.to('wx_lina').at(-1)).toContain('明天14:00');
  });

  it('算了明天再说 after asking for a person at night puts it off: the handoff stays, the desk hears it', async () => {
    const app = createTestApp({ now: '2026-12-01T22:30:00+08:00' });
    await app.say('wx_lina', '找人工');
    await app.say('wx_lina', '算了明天再说');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'handoff' }]);
    // …in the morning: a handoff that can wait wakes nobody at night.
    expect(app.transport.to(SERVICE_DESK)).toEqual([]);
    await app.advanceTo(Date.parse('2026-12-02T08:31:00+08:00'));
    expect(app.transport.to(SERVICE_DESK).join('\n')).toContain('算了明天再说');
  });

  it('an emergency is met with its advice, not with "what can I do for you?"', async () => {
    const app = createTestApp({ now: '2026-12-01T22:40:00+08:00' });
    await app.say('wx_wangfang', '电梯关人了 3栋2单元 快来人');
    expect(app.transport.to('wx_wangfang')[0]).not.toBe(p('reception.greeting'));
    expect(app.transport.to('wx_wangfang')[0]!.startsWith(p('emergency.advice.trapped'))).toBe(true);
  });
});

describe('more the newcomer found', () => {
  it('不是我 给我妈办的 after the card fee is answered starts the form for her, not a goodbye', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_guest5', '门禁卡补办多少钱');
    await app.say('wx_guest5', '不是我 给我妈办的');
    expect(app.transport.to('wx_guest5').at(-1)).toBe(p('card.ask_name'));
  });

  it('a place told after an emergency reaches staff as more to know, a 人呢 as hurrying them', async () => {
    const app = createTestApp({ now: '2026-12-01T02:10:00+08:00' });
    await app.say('wx_guest6', '楼道里好大一股煤气味');
    await app.say('wx_guest6', '5栋3单元 8楼');
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('住户补充');
    await app.say('wx_guest6', '人呢');
    expect(app.transport.to(TECHNICIAN).at(-1)).toContain('住户催促');
  });
});

describe('the ninth study batch', () => {
  it('没气味好大 typed by voice is the gas smell, strong; 没有气味了 is still none', () => {
    expect(detector.read('五栋三单元八楼楼道里面没气味好大啊就是煤气那个味道你们赶紧派人来看一下吧')).toMatchObject({
      kind: 'gas',
    });
    expect(detector.read('厨房没有气味了')).toBeUndefined();
  });

  it('an outburst before the matter (吃干饭的吗？？ then the stall) is the matter heard as angry: a complaint, not a person', async () => {
    const app = createTestApp({ now: '2026-12-01T23:20:00+08:00' });
    await app.say('wx_lina', '你们物业是吃干饭的吗？？东门外那个烧烤摊天天半夜还在吵 油烟全往楼里飘 窗都不敢开');
    expect(app.transport.to('wx_lina').at(-1)).toBe(p('complaint.ask_callback'));
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
  });

  it('烦死了 人工！ in the middle of a booking hands over to a person', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_lina', '书房的灯不亮了');
    await app.say('wx_lina', '你这问来问去的 烦死了 人工！');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'handoff' }]);
  });

  it('明天上午要去医院 下午四点以后吧: the afternoon of that same day', async () => {
    const app = createTestApp({ now: '2026-12-07T19:00:00+08:00' });
    await app.say('wx_lina', '厨房水龙头关不紧 明天上午来吧 哦不对 明天上午要带孩子去医院 下午四点以后吧');
    expect(app.transport.to('wx_lina').at(-1)).toContain('明天16:00');
  });

  it('en (lazy pinyin) is a yes at the read-back', async () => {
    const app = createTestApp({ now: '2026-12-02T20:00:00+08:00' });
    await app.say('wx_lina', '书房的灯不亮了 后天上午来修');
    await app.say('wx_lina', 'en');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'repair' }]);
  });

  it('不对 是803 while the phone digits are asked puts the room right, then the digits check it', async () => {
    const app = createTestApp({ now: '2026-12-08T19:30:00+08:00' });
    await app.say('wx_liuyang', '5-3-308 查物业费');
    await app.say('wx_liuyang', '不对 是803 不是308');
    expect(app.transport.to('wx_liuyang').at(-1)).toBe(p('binding.ask_phone'));
    await app.say('wx_liuyang', '0803');
    expect(app.transport.to('wx_liuyang').join('\n')).toContain('1612.80');
  });

  it('我要投诉 with a visit missed again: answered about the visit, and the complaint filed too', async () => {
    const app = createTestApp({ now: '2026-12-07T10:00:00+08:00' });
    await app.say('wx_lina', '阳台门锁坏了 明天上午来修');
    await app.say('wx_lina', '对');
    await app.advanceTo(Date.parse('2026-12-08T15:00:00+08:00'));
    await app.say('wx_lina', '我要投诉 约了今天上午修门锁 又没来 这都第三回了 每次都放鸽子');
    expect(app.transport.to('wx_lina').join('\n')).toContain(p('complaint.empathy.other'));
    for (const answer of ['家里', '不用回电话', '对', '对']) await app.say('wx_lina', answer);
    expect(app.store.tickets.openForParty('wx_lina').map((t) => t.type)).toEqual(['repair', 'complaint']);
  });

  it('a numbered list (1.… 2.…) is two matters', async () => {
    const app = createTestApp({ now: '2026-12-09T10:00:00+08:00' });
    await app.say(
      'wx_lina',
      '两个事 1.楼上1302装修每天早上7点就开始砸墙 规定不是8点以后吗 天天这样 2.我家卫生间墙面被震裂了一道缝 要找人来看看',
    );
    await app.say('wx_lina', '不用回电话');
    await app.say('wx_lina', '对');
    expect(app.transport.to('wx_lina').join('\n')).toContain(p('reception.next_topic'));
  });
});

describe('a task left half-way', () => {
  it('a card form gone quiet is kept for days: 继续 or 上次讲到哪 carries on where it was', async () => {
    const app = createTestApp({ now: '2026-12-01T15:00:00+08:00' });
    await app.say('wx_chenjing', '我想补办张门禁卡');
    const asked = app.transport.to('wx_chenjing').at(-1);
    await app.advanceTo(Date.parse('2026-12-03T10:30:00+08:00'));
    expect(app.transport.to('wx_chenjing').join('\n')).toContain(p('card.paused'));
    await app.say('wx_chenjing', '继续');
    expect(app.transport.to('wx_chenjing').at(-1)).toBe(asked);
  });
});

describe('after the bot was down', () => {
  it('reminders of a visit already begun and "due soon" warnings of a promise already due are not sent late', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_lina', '书房的灯不亮了 明天上午来修');
    await app.say('wx_lina', '对');
    await app.say(TECHNICIAN, '#接单 R1');
    const sent = app.transport.sent.length;
    // Down from 10:00 until the visit's window is over: the clock moves, nothing runs.
    app.clock.advanceTo(Date.parse('2026-12-02T11:30:00+08:00'));
    await app.tick();
    const late = app.transport.sent.slice(sent).map((m) => m.text);
    expect(late.join('\n')).not.toContain('温馨提醒');
    expect(late.join('\n')).not.toContain('【即将到期】');
  });
});

describe('complaints and questions of the eighth study batch', () => {
  it('下午打给我 says when to call back, not when the matter happened', () => {
    const facts = ComplaintFactFinder.load().find('要 下午打给我');
    expect(facts.callback).toBe(true);
    expect(facts.when).toBeUndefined();
  });

  it('a car in her parking space, call back wanted in Cantonese (打畀我): filed with the space as the place', async () => {
    const app = createTestApp({ now: '2026-12-16T10:00:00+08:00' });
    await app.say('wx_chenjing', '有架車成日泊喺我車位 車牌粵B12345 已經第三次 我想投訴');
    expect(app.transport.to('wx_chenjing').at(-1)).not.toBe(p('complaint.ask_where'));
    await app.say('wx_chenjing', '要 打畀我');
    await app.say('wx_chenjing', '係');
    expect(app.store.tickets.openForParty('wx_chenjing')).toMatchObject([{ type: 'complaint' }]);
    expect(app.store.commitments.all().map((c) => c.kind)).toContain('callback');
  });

  it('something left at the desk, asked after, is a question for the office (H), not a complaint', async () => {
    const app = createTestApp({ now: '2026-12-04T19:40:00+08:00' });
    await app.say('wx_zhangwei', '上周六在前台寄存了个快递 还在不在? 单号尾号7731');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ type: 'handoff', category: 'inquiry' }]);
  });
});

describe('read after holdout-10 was played', () => {
  it('emergencies: 电梯关到人了 with 老汉儿 inside; water from upstairs 落嚟 with the whole bathroom under it; a past entrapment thanked for is none; a fire hazard pointed out is none', () => {
    expect(detector.read('电梯关到人了 5栋3单元 我老汉儿在里头 喊了半天莫得人应 快点来嘛')).toEqual({
      kind: 'trapped',
      sure: true,
    });
    expect(detector.read('楼上漏水落嚟 成个厕所都係水 4座2单元602')).toEqual({ kind: 'water', sure: true });
    expect(detector.read('上回电梯关人那次 郑经理大半夜亲自过来了 一直没机会说声谢谢')).toBeUndefined();
    expect(detector.read('3栋2单元楼道堆满纸箱 有火灾隐患')).toBeUndefined();
    expect(detector.read('楼道堆满纸箱 已经冒烟了')).toMatchObject({ kind: 'fire' });
  });

  it('不对 是1102 不是1101 at the read-back: the home not read back is the one meant', async () => {
    const app = createTestApp({ now: '2026-12-08T10:00:00+08:00' });
    await app.say('wx_chenjing', '1101卫生间灯不亮 后天下午两点');
    await app.say('wx_chenjing', '不对 是1102 不是1101 我打错了');
    expect(app.transport.to('wx_chenjing').at(-1)).toContain('1102');
    await app.say('wx_chenjing', '对');
    expect(app.store.tickets.openForParty('wx_chenjing')).toMatchObject([{ unitId: '2-1-1102' }]);
  });

  it('好 麻烦帮我问一下 right after a question was passed on opens no second ticket', async () => {
    const app = createTestApp({ now: '2026-12-15T10:00:00+08:00' });
    await app.say('wx_zhangwei', '明年小区是不是要装电动车充电桩 大概啥时候装 装在哪');
    await app.say('wx_zhangwei', '好 麻烦帮我问一下');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toHaveLength(1);
    expect(app.transport.to('wx_zhangwei').at(-1)).toBe(p('reception.finding_out'));
  });

  it('Shanghainese: 灶披间水斗落水管子塞牢了 明朝下半日三点钟 is a blocked kitchen drain tomorrow afternoon; 好额 is yes', async () => {
    const app = createTestApp({ now: '2026-12-10T11:30:00+08:00' });
    await app.say('wx_lina', '灶披间水斗落水管子塞牢了 明朝下半日三点钟来好伐');
    expect(app.transport.to('wx_lina').at(-1)).toContain('明天14:00');
    await app.say('wx_lina', '好额');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'repair' }]);
  });
});

describe('praise beside a request', () => {
  it('上次周师傅修门修得特别好 … 还让他来 周四上午: the praise reaches 周杰 and the visit is booked', async () => {
    const app = createTestApp({ now: '2026-12-08T10:30:00+08:00' });
    await app.say('wx_lina', '上次周师傅修门修得特别好 这次阳台窗户又关不上了 能不能还是让他来 周四上午');
    expect(app.transport.to('wx_zhoujie').join('\n')).toContain('表扬');
    await app.say('wx_lina', '对');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'repair' }]);
  });
});
