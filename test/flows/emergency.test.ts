import { describe, expect, it } from 'vitest';
import { EmergencyDetector } from '../../src/nlu/emergency.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT } from '../fakes/test-app.js';

const detector = new EmergencyDetector();

describe('emergencies first', () => {
  it.each([
    ['trapped', '电梯关人了！！！3栋2单元 我妈被关在里面了 快来人'],
    ['trapped', '部𨋢困咗人啊 快啲嚟'],
    ['gas', '厨房一股煤气味 好重'],
    ['fire', '楼道里全是烟 物业怎么管的'],
    ['water', '卫生间水管爆了 水哗哗往外喷'],
    ['electric', '插座冒火花了 还有焦味'],
    ['injury', '我爸在小区花园摔倒了 头在流血'],
    ['injury', '我爸在楼道滑倒了 腿动不了 我一个人扶不动'],
    // Smoke filling a corridor from a meter box is a fire (get out, 119), not an electrical repair.
    ['fire', '楼道里全是烟！！12楼电表箱那边好像烧起来了 呛得不行'],
    ['gas', '燃气报警器一直在响'],
    ['water', '楼上漏水 天花板往下灌水'],
    // Flames told beside what makes smoke (a BBQ shop), and wiring burning inside a wall.
    ['fire', '楼下烧烤店这回真着火了 油锅的火苗蹿出来好高 你们早该管管了'],
    ['electric', '卧室墙里有股烧电线的味道 开关面板摸着烫手'],
    ['water', '楼上漏水 天花板一直往下淌水'],
    ['water', '楼上漏水滴到我床上了 一直在滴 床单全湿了'],
    ['trapped', '电梯门卡了一半停那不动了 里面三四个人出不来 3栋2单元的'],
    // Shut in with words between (被困在你们5栋电梯里了), or the people after the verb (电梯里关了人).
    ['trapped', '我送外卖的 被困在你们5栋电梯里了 门打不开 帮忙叫下人'],
    ['trapped', '人工人工！！！电梯里关了人 1号楼1单元 是个老太太'],
    ['trapped', '电梯里困了人！快来'],
    ['fire', '厨房着火了 锅烧糊了'],
    // A joint burst apart, water still coming out.
    ['water', '卫生间的水管接头崩开了 水一直往外冒'],
    ['fire', '门口那堆纸箱子着起来了！！烟全进我家了 这家人天天在楼道堆东西 我早就想投诉了'],
    // Shanghainese shut in (关牢, 里厢); water pouring through the flat below's ceiling; a bare wire that gave a tingle.
    ['trapped', '电梯关牢了！阿拉姆妈一家头勒里厢 门开不出来'],
    ['water', '楼下邻居说我家往他家漏水 他家卫生间顶上跟下雨一样'],
    ['electric', '楼道那根线掉下来了 皮破了露着铜丝 我刚碰了一下手麻了一下'],
    // Voice input's homophones: 关主 for 关住, 银 for 人.
    ['trapped', '电梯关主了我孙子在里头一号楼一单元的电梯快来银啊他才七岁在里面哭'],
    // Water through a light fitting; a smell suspected to be gas.
    ['water', '楼上漏水漏到我家客厅了 吊灯里面都在往下滴水'],
    ['gas', '楼道里有股味道 是不是煤气啊'],
    // Smoke filling a corridor with a burning smell, and a pan alight, are fires, not wiring.
    ['fire', 'omg 楼道里好多烟 有股塑料烧焦的味道 is it a fire??? 要不要跑'],
    // The lift named in the message before (关人了 一单元的 我家阿姨在里面); a child struck and bleeding.
    ['trapped', '关人了 一单元的 我家阿姨在里面 里面灯都灭了'],
    ['injury', '儿童游乐区那个秋千把一个小孩砸了 嘴巴都是血 家长在那哭 你们有值班的没'],
    ['fire', '油锅着了。。。盖上锅盖灭了。。。但是油烟机还在往外冒烟。。。一股焦味。。。'],
  ])('hears %s in "%s"', (kind, text) => {
    expect(detector.read(text)).toEqual({ kind, sure: true });
  });

  it.each([
    '厨房水龙头一直滴水，明天上午能来修吗',
    '楼下那家烧烤店烟味好大 天天熏到我家',
    '电梯又停了 里面没人 我走楼梯下来的',
    '门禁卡刷不开了 被关在单元门外面了',
    '上周我在2号楼门口台阶摔了一跤 那块砖是松的',
    '煤气费在哪里交啊 卡里没钱了 打不着火了',
    '电梯卡丢了要补办',
    // A danger named only to say it is not there; a near fall; a smoke alarm's battery.
    '家里老是跳闸 一开热水器就跳 没冒火也没有焦味 明天能来看看吗',
    '楼道地太滑了 我妈差点摔了 你们拖完地也不放个牌子',
    // Inside the lift (入面) with nobody in it: dog urine is a complaint.
    '2栋电梯入面成日有狗尿 好臭 清洁阿姨朝早抹完 下昼又有',
    // A fright that turned out to be cooking; a door shut with nobody in a lift.
    '楼道一股焦味把我吓一跳 还以为着火了 下去一看是402炒辣椒炒糊了 没事没事 不过他家油烟天天往楼道里灌 这个你们能管管吗',
    '他把门关了人就跑了',
    '我家洗衣机那个水龙头关不住了 一直在滴',
    // Something fell and missed everyone: a repair.
    '1101卫生间吊顶掉下来一块 还好没砸到人',
    '家里烟雾报警器一直滴滴滴地响 没有烟 也没着火 是不是没电了',
    '卫生间吊顶有一块黄黄的水印 摸着有点潮 没有滴水 应该是楼上渗下来的吧',
    '问下燃气费在哪交啊 卡里没气了',
    '要是真着火了怎么办 灭火器在哪',
    '要是着起来怎么办',
    '手机充电线皮破了 想问下哪里能买',
    '卫生间下水好慢 洗个澡地上全是水 明天下午四点到六点能来不',
    '阳台推拉门关不严 一直漏风',
    '电梯坏了 里面没人 我们爬楼都出不来门',
    '3栋2单元嗰部电梯坏咗啊 成日停喺5楼唔郁 冇人困喺入面 不过好唔方便',
    '楼上那家又在阳台上往下甩水 我晒的被子全湿了',
    // Gas ruled out by name: a neighbour's cooking.
    '楼道一股油烟味 哪家在炒辣椒 呛得我直咳嗽😂 不是煤气哈 就是炒菜那个味儿',
    '是不是燃气费涨了',
    // A pot burnt dry, said not to be a fire; a stove that will not light for want of gas.
    '刚才煮粥糊锅了 满屋子糊味 烟报响了一下 现在窗都开了 没事了 不是着火 别让人上来敲门',
    '燃气费在哪交啊 卡里快没气了 灶都打不着了',
    // An entrapment told of afterwards, everyone out: a complaint.
    '上礼拜三晚上电梯关人那个事你们到底咋处理的 我邻居被关了40分钟 人是出来了 到现在也没个说法',
  ])('does not hear an emergency in "%s"', (text) => {
    expect(detector.read(text)).toBeUndefined();
  });

  it.each([
    // A lot of water from a fixture (a toilet, a blocked washing-machine drain) is a leak to ask about, not a page;
    // a lot of water from nowhere named, or from a pipe, is paged.
    ['卫生间马桶一直漏水 地上全是水 明天上午能派个师傅过来瞅瞅不', false],
    ['洗衣机排水管堵了 水漫出来了', false],
    ['家里全是水 不知道哪里漏的', true],
    ['阿拉屋里向水漫出来了 厨房水管子脱开了', true],
  ])('"%s": water, sure %s', (text, sure) => {
    expect(detector.read(text)).toEqual({ kind: 'water', sure });
  });

  it('staff on their way to an emergency are said to be going to the scene; what they write with #完成 reaches the resident', async () => {
    const app = createTestApp({ now: '2026-11-26T22:40:00+08:00' });
    await app.say(RESIDENT, '电梯关人了 我妈被关在里面了 3栋2单元 快来人');
    const ticket = app.store.tickets.openForParty(RESIDENT)[0]!.number;
    await app.say('wx_sunqiang', `#接单 ${ticket}`);
    await app.say('wx_sunqiang', `#出发 ${ticket}`);
    expect(app.transport.to(RESIDENT).join('\n')).toContain(p('relay.departed_site', { ticket, staff: '孙强' }));
    await app.say('wx_sunqiang', `#完成 ${ticket} 人已救出 电梯停用等维保公司来修`);
    expect(app.transport.to(RESIDENT).join('\n')).toContain('人已救出 电梯停用等维保公司来修');
    // Asked first whether all is safe now, not how well a repair was done.
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.rate_emergency', { ticket }));
  });

  it('a fire told with an old grievance is the emergency: fire advice, everyone paged at once, no complaint questions', async () => {
    const app = createTestApp({ now: '2026-11-26T22:40:00+08:00' });
    await app.say(RESIDENT, '楼下烧烤店这回真着火了 油锅的火苗蹿出来好高 烟全往我们楼上灌 你们早该管管了');
    const said = app.transport.to(RESIDENT).join('\n');
    expect(said).toContain(p('emergency.advice.fire'));
    expect(said).not.toContain(p('complaint.ask_callback'));
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.category)).toEqual(['emergency_fire']);
    for (const staff of ['wx_zhaomin', 'wx_wugang', 'wx_zhengjl'])
      expect(app.transport.to(staff), staff).not.toEqual([]);
  });

  it('a leak of unknown size: the safety line and now-or-then; "现在就来" opens the emergency', async () => {
    const app = createTestApp({ now: '2026-11-26T20:00:00+08:00' });
    await app.say(RESIDENT, '洗衣机后面的水管在漏，明天上午来看看吧');
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([p('emergency.advice.water'), p('emergency.ask_now_or_then')]);
    expect(app.store.tickets.allOpen()).toEqual([]);
    await app.say(RESIDENT, '越漏越大了 现在就来吧');
    expect(app.store.tickets.allOpen()).toEqual([expect.objectContaining({ category: 'emergency_water' })]);
  });

  it('a lift out of order: whether someone is inside is asked first; "我在里面 出不去" is the emergency, nobody inside a public repair the same day', async () => {
    const night = createTestApp({ now: '2026-12-10T23:50:00+08:00' });
    await night.say(RESIDENT, '电梯坏了');
    expect(night.transport.to(RESIDENT).at(-1)).toBe(p('emergency.ask_someone_trapped'));
    expect(night.store.tickets.allOpen()).toEqual([]);
    await night.say(RESIDENT, '我在里面 出不去 3栋2单元 停在10楼和11楼中间了');
    expect(night.store.tickets.allOpen()).toEqual([expect.objectContaining({ category: 'emergency_trapped' })]);

    const day = createTestApp({ now: '2026-12-08T08:40:00+08:00' });
    await day.say('wx_wangfang', '部电梯坏咗 1号楼1单元嘅 成朝停喺3楼唔郁');
    expect(day.transport.to('wx_wangfang').at(-1)).toBe(p('emergency.ask_someone_trapped'));
    await day.say('wx_wangfang', '冇人困喺入面 就系用唔到');
    // A building without its lift is put right within hours (lift_repair: 4h of office time), not in two days.
    expect(day.store.tickets.allOpen()).toEqual([expect.objectContaining({ type: 'repair', category: 'lift_repair' })]);
    const [lift] = day.store.tickets.allOpen();
    expect(day.store.commitments.byTicket(lift!.id)).toMatchObject([
      { kind: 'repair_visit', dueAt: Date.parse('2026-12-08T12:40:00+08:00') },
    ]);
    expect(day.transport.to('wx_wangfang').join('\n')).not.toContain(p('repair.ask_time'));
    expect(detector.read('电梯这两天咔哒咔哒响 人都没事 就是坐着心慌')).toBeUndefined();
  });

  it('"师傅来看过了 拧好了 那停车卡续费呢": over as the resident tells it, the handlers asked to close it, the card question heard', async () => {
    const app = createTestApp({ now: '2026-12-10T19:20:00+08:00' });
    await app.say(RESIDENT, '厨房有煤气味！！');
    const ticket = app.store.tickets.allOpen()[0]!.number;
    await app.advanceTo(app.clock.now() + 40 * 60_000);
    await app.say(RESIDENT, '师傅来看过了 说是灶台的软管接口松了 拧好了 那停车卡续费呢');
    const said = app.transport.to(RESIDENT).join('\n');
    expect(said).toContain(p('emergency.resident_over', { ticket }));
    expect(said).not.toContain(p('emergency.late', { ticket, who: p('emergency.on_duty') }));
    expect(said).toContain('停车月卡');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain(`#完成 ${ticket}`);
    // Still open until staff close it; "还没修好 快点" would have been a chase.
    expect(app.store.tickets.byNumber(ticket)?.status).not.toBe('done');
  });

  it('a fire in the common parts is not followed by "which of your homes?"; a Cantonese "使唔使" gets the advice again', async () => {
    const app = createTestApp({ now: '2026-12-05T12:35:00+08:00' });
    await app.say('wx_chenjing', '楼下垃圾桶着火啦!!! 2栋门口嗰个 啲烟好大 飘晒上嚟');
    expect(app.transport.to('wx_chenjing').join('\n')).not.toContain('2-1-1101 / 2-1-1102');
    await app.say('wx_chenjing', '我打咗119啦 使唔使闩窗');
    expect(app.transport.to('wx_chenjing').at(-1)).toContain(p('emergency.advice.fire'));
  });

  it.each(['有', '有人', '有人被困', '我女儿在里面', '是的'])(
    '"电梯坏了", asked whether anyone is trapped, "%s" is the entrapment: everyone paged at once',
    async (answer) => {
      const app = createTestApp({ now: '2026-12-03T23:10:00+08:00' });
      await app.say(RESIDENT, '电梯坏了');
      await app.say(RESIDENT, answer);
      expect(app.store.tickets.allOpen()).toEqual([expect.objectContaining({ category: 'emergency_trapped' })]);
      expect(app.transport.to('wx_zhengjl').at(-1)).toContain('电梯困人');
    },
  );

  it.each(['没有', '没人 就是用不了', '不知道'])('"电梯坏了" then "%s": nobody is sent on a guess', async (answer) => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say(RESIDENT, '电梯坏了');
    await app.say(RESIDENT, answer);
    expect(app.store.tickets.allOpen().filter((t) => t.category === 'emergency_trapped')).toEqual([]);
    if (answer === '不知道') expect(app.transport.to(RESIDENT).at(-1)).toBe(p('emergency.ask_someone_trapped'));
  });

  it('an emergency in the middle of a booking: the booking lets go of its windows, the emergency is handled', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卧室灯坏了，明天上午来修');
    expect(app.store.commitments.all().filter((c) => c.status === 'open')).toHaveLength(1); // the window held
    await app.say(RESIDENT, '等一下 厨房着火了！！');
    expect(app.transport.to(RESIDENT).at(-1)).toContain(p('emergency.advice.fire'));
    const open = app.store.commitments.all().filter((c) => c.status === 'open');
    expect(open).toEqual([expect.objectContaining({ kind: 'repair_visit' })]);
    expect(app.store.tickets.byId(open[0]!.ticketId!)).toMatchObject({ category: 'emergency_fire' });
  });

  it('the same danger reported twice is one emergency; a question gets the advice again', async () => {
    const app = createTestApp({ now: '2026-11-26T02:00:00+08:00' });
    await app.say(RESIDENT, '厨房燃气味好大！！');
    await app.say(RESIDENT, '有煤气味 越来越大了');
    await app.say(RESIDENT, '我要不要开灯看看');
    expect(app.store.tickets.allOpen()).toHaveLength(1);
    expect(app.transport.to(RESIDENT).at(-1)).toContain(p('emergency.advice.gas'));
  });

  it('a question in dialect or as a choice mid-emergency (总开关要关伐, 往下走还是往上走) gets the advice again', async () => {
    const app = createTestApp({ now: '2026-11-26T20:00:00+08:00' });
    await app.say(RESIDENT, '插座冒火花了 有焦味');
    await app.say(RESIDENT, '总开关要关伐');
    expect(app.transport.to(RESIDENT).at(-1)).toContain(p('emergency.advice.electric'));
    await app.say('wx_lina', '楼道里全是烟 好呛');
    await app.say('wx_lina', '我们家还有老人 往下走还是往上走');
    expect(app.transport.to('wx_lina').at(-1)).toContain(p('emergency.advice.fire'));
    await app.say('wx_lina', '我们是往楼下跑还是在家里等 孩子还在睡');
    expect(app.transport.to('wx_lina').at(-1)).toContain(p('emergency.advice.fire'));
  });

  it('a booked repair is not an emergency, and stays a booking', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app, RESIDENT, '厨房水龙头一直滴水，明天上午能来修吗');
    expect(app.store.tickets.byNumber(ticket)).toMatchObject({ category: 'repair' });
  });
});
