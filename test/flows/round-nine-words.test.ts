import { describe, expect, it } from 'vitest';
import { EmergencyDetector } from '../../src/nlu/emergency.js';
import { Understander } from '../../src/nlu/understander.js';
import { createTestApp } from '../fakes/test-app.js';

const detector = new EmergencyDetector();
const MANAGER = 'wx_zhengjl';
const TECHNICIAN = 'wx_sunqiang';

describe('emergencies in the words of the ninth round (a newcomer and the emergency study set)', () => {
  it('someone in a stopped lift at night, the lift called 梯子: the manager is paged, no visit time asked', async () => {
    const app = createTestApp({ now: '2026-12-01T23:40:00+08:00' });
    await app.say('wx_wangfang', '5栋那个梯子卡住不动了 我妈在里面出不来 灯都黑了');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([{ category: 'emergency_trapped' }]);
    expect(app.transport.to(MANAGER).join('\n')).toContain('R1');
  });

  it('a lift stopped and someone heard or said inside it, in either order', () => {
    for (const text of [
      '电梯里关了个小孩 哭得不行',
      '电梯里有个小孩在哭 电梯停着不动门也不开 不知道谁家的 3栋',
      '哎呀妈呀 电梯整不动了 俺们仨搁里头憋着呢 门咋扒都扒不开',
      '部lift卡咗喺8楼同9楼中间 入面有个阿婆出唔到嚟',
    ])
      expect(detector.read(text), text).toMatchObject({ kind: 'trapped', sure: true });
    // Out of order with nothing said of anyone in it: asked first.
    expect(detector.read('电梯坏了 里面的灯不亮')).toEqual({ kind: 'trapped', sure: false });
  });

  it('gas smelled strongly, or a strange smell at the stove that makes one dizzy, pages at once', async () => {
    const app = createTestApp({ now: '2026-12-01T22:30:00+08:00' });
    await app.say('wx_lina', '灶台那边一股怪味儿 冲鼻子 我头都有点晕');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_gas' }]);
    expect(app.transport.to(TECHNICIAN).join('\n')).toContain('R1');
    expect(detector.read('天然气好冲')).toMatchObject({ kind: 'gas', sure: true });
    // A gas bill beside a smell does not hide the smell; a bill alone is no leak.
    expect(detector.read('热水器那边有煤气味 顺便问下这个月燃气费在哪交')).toMatchObject({ kind: 'gas' });
    expect(detector.read('燃气费在哪交啊')).toBeUndefined();
  });

  it('someone lying at a door who does not answer is hurt: 120 advice and the manager paged, not a complaint', async () => {
    const app = createTestApp({ now: '2026-12-02T07:10:00+08:00' });
    await app.say('wx_zhangwei', '楼下那个老太太倒在单元门口 叫不应');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ category: 'emergency_injury' }]);
    expect(app.store.tickets.openForParty('wx_zhangwei').filter((t) => t.type === 'complaint')).toEqual([]);
    expect(app.transport.to(MANAGER).join('\n')).toContain('R1');
  });

  it('danger in pinyin or English is danger', () => {
    const understander = Understander.load();
    const at = Date.parse('2026-12-02T10:00:00+08:00');
    expect(understander.understand('dianti huai le wo bei guan zai limian kuai lai', at).emergency).toMatchObject({
      kind: 'trapped',
    });
    expect(understander.understand('smells like gas in the hallway 5栋', at).emergency).toMatchObject({ kind: 'gas' });
    expect(understander.understand('water everywhere pipe burst 2-1-1101', at).emergency).toMatchObject({
      kind: 'water',
    });
    expect(understander.understand('someone collapsed near the gate', at).emergency).toMatchObject({ kind: 'injury' });
  });

  it('told of as over, or only feared, is no emergency: a past leak complained of, a worry asked, burnt porridge', () => {
    expect(detector.read('我要投诉 上次我家燃气泄漏你们过了一个小时才来')).toBeUndefined();
    // …while a danger now beside a question about last week is the danger.
    expect(detector.read('厨房水管爆了 喷得到处都是！！对了上周投诉的那个怎么样了')).toMatchObject({ kind: 'water' });
    expect(detector.read('灯就在旁边 会不会漏电啊')).toBeUndefined();
    expect(detector.read('消防通道全被电动车堵死了 真着火了往哪跑 你们管不管')).toBeUndefined();
    expect(detector.read('刚才煮粥糊锅了 满屋子糊味 烟报响了一下 现在窗都开了 没事了 不是着火')).toBeUndefined();
    expect(detector.read('昨晚只是把楼上阀门关了 我家天花板还是湿的 墙皮起泡了 这个谁来修')).toBeUndefined();
    expect(detector.read('昨天下午在小区里摔倒的那个老人后来没事吧')).toBeUndefined();
    expect(detector.read('灶头点勿着火，啥辰光有师傅来看看')).toBeUndefined();
  });

  it('words of danger used of things are no danger: a handle broken, an ambulance that could not get in', () => {
    expect(detector.read('卧室窗户把手断了 窗关不上 明天上午来修')).toBeUndefined();
    expect(detector.read('厨房吊柜门掉下来了 一边合页断了 周四下午4点以后')).toBeUndefined();
    expect(detector.read('消防通道天天有车乱停 晚上救护车都进不来')).toBeUndefined();
    expect(detector.read('第一次碰到 不用回电话 你们管管就行')).toBeUndefined();
    // …and said of people, they are (有个伢子从单杠上跌下来哒 手好像断了; 已叫120).
    expect(detector.read('有个伢子从单杠上跌下来哒，手好像断了')).toMatchObject({ kind: 'injury', sure: true });
    expect(detector.read('8栋大堂一男性约60岁突发胸痛大汗，已叫120，请派人引导救护车进小区')).toMatchObject({
      kind: 'injury',
    });
  });
});

describe('matters and answers of the ninth study batch and a newcomer', () => {
  const visitOf = (app: ReturnType<typeof createTestApp>, party: string) => {
    const [ticket] = app.store.tickets.openForParty(party).filter((t) => t.type === 'repair');
    return ticket && app.store.commitments.byTicket(ticket.id).find((c) => c.kind === 'repair_visit');
  };

  it('a person asked for in the middle of a booking, however said (转个人工, 叫个真人来), is handed over', async () => {
    for (const [who, words] of [
      ['wx_lina', '你直接给我转个人工吧 打字说不明白'],
      ['wx_zhangwei', '跟你说不清楚 叫个真人来'],
    ] as const) {
      const app = createTestApp({ now: '2026-12-02T10:00:00+08:00' });
      await app.say(who, '卫生间灯不亮了');
      await app.say(who, words);
      expect(app.store.tickets.openForParty(who), words).toMatchObject([{ type: 'handoff' }]);
    }
  });

  it('a flood already stopped at the tap is booked for today, not paged; the day said alone is not gone by at 09:10', async () => {
    const app = createTestApp({ now: '2026-12-08T09:10:00+08:00' });
    await app.say('wx_lina', '洗衣机进水管脱了 漏了一地水 我已经把水龙头关了 今天能来人看看吗 越快越好');
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
    await app.say('wx_lina', '最早那个就行');
    await app.say('wx_lina', '对');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'repair', category: 'repair' }]);
    expect(visitOf(app, 'wx_lina')?.dueAt).toBe(Date.parse('2026-12-08T16:00:00+08:00'));
  });

  it('a day taken back in the same message (周五上午 不对 周五我不在 周六上午吧): the later day is read back', async () => {
    const app = createTestApp({ now: '2026-12-07T10:00:00+08:00' });
    await app.say('wx_lina', '纱窗破了个大洞 周五上午 不对 周五我不在 周六上午吧');
    await app.say('wx_lina', '对');
    expect(visitOf(app, 'wx_lina')?.dueAt).toBe(Date.parse('2026-12-12T11:00:00+08:00'));
  });

  it('a move to a part of a day with its hour in the next clause (改到周二下午吗 4点以后) is to that hour', () => {
    const understander = Understander.load();
    const reading = understander.understand(
      '周二上午那个 能改到周二下午吗 4点以后',
      Date.parse('2026-12-13T10:00:00+08:00'),
    );
    expect(reading.slots.time).toBe('2026-12-15T16:00:00+08:00');
  });

  it('a yes with a question and a word of praise after it (可以 是周师傅来吗 上次他修得挺好) books the visit', async () => {
    const app = createTestApp({ now: '2026-12-07T10:00:00+08:00' });
    await app.say('wx_lina', '阳台推拉门卡住了 明天上午来修');
    await app.say('wx_lina', '可以 是周师傅来吗 上次他修得挺好');
    expect(visitOf(app, 'wx_lina')).toBeDefined();
  });
});

describe('the call offered after a low rating, declined (a newcomer)', () => {
  it.each(['不用了', '主管就别打电话了 我上班呢'])(
    '"%s": answered, the call cancelled, the supervisor told, no apology for a call never wanted',
    async (words) => {
      const app = createTestApp({ now: '2026-12-02T09:00:00+08:00' });
      await app.say('wx_lina', '卫生间灯不亮了 明天上午来');
      await app.say('wx_lina', '对');
      await app.advanceTo(Date.parse('2026-12-03T10:00:00+08:00'));
      await app.say('wx_sunqiang', '#完成 R1');
      await app.say('wx_lina', '3');
      const before = app.transport.to('wx_lina').length;
      await app.say('wx_lina', words);
      expect(app.transport.to('wx_lina').length).toBe(before + 1);
      const [ticket] = app.store.tickets.openForParty('wx_lina');
      const callbacks = app.store.commitments.byTicket(ticket!.id).filter((c) => c.kind === 'callback');
      expect(callbacks.map((c) => c.status)).toEqual(['cancelled']);
      expect(app.transport.to('wx_wugang').at(-1)).toContain('R1');
      await app.advanceTo(Date.parse('2026-12-03T14:00:00+08:00'));
      expect(app.transport.to('wx_lina').length).toBe(before + 1);
    },
  );
});

describe('annoyance and typed-short questions (a newcomer)', () => {
  it('annoyed at a fault, with a time for the visit (烦死了 明儿下午能来个师傅不): the visit read back, not a person', async () => {
    const app = createTestApp({ now: '2026-12-02T09:00:00+08:00' });
    await app.say('wx_lina', '卫生间马桶一直漏水 滴滴答答的烦死了 明儿下午能来个师傅不');
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
    await app.say('wx_lina', '对');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'repair' }]);
  });

  it('多钱 for 多少钱: the parking card fee is answered, no card form started', async () => {
    const app = createTestApp({ now: '2026-12-02T09:00:00+08:00' });
    await app.say('wx_lina', '停车月卡多钱一个月');
    expect(app.transport.to('wx_lina').join('\n')).toContain('300.00');
  });
});

describe('an emergency told in pieces (holdout-12, read after its play)', () => {
  it('where it is, told after the first line, reaches everyone paged until someone takes it, the manager too', async () => {
    const app = createTestApp({ now: '2026-12-13T13:05:00+08:00' });
    await app.say('wx_zhangwei', '着火了');
    await app.say('wx_zhangwei', '一辆电瓶车在烧 B区电梯口那边 烟很大');
    expect(app.transport.to(MANAGER).at(-1)).toContain('B区电梯口');
    expect(app.transport.to('wx_wugang').at(-1)).toContain('B区电梯口');
  });

  it('stuck between floors in pieces (电梯 / 不动了 / 我在里面 门打不开): the third piece is the emergency', async () => {
    const app = createTestApp({ now: '2026-12-08T12:20:00+08:00' });
    for (const words of ['电梯', '不动了', '我在里面 门打不开 大概在8楼9楼中间']) await app.say('wx_lina', words);
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_trapped' }]);
  });

  it('typos put right are what is read: 配电香冒火心 is arcing at a fuse box, not a fire', () => {
    const reading = Understander.load().understand('3栋2单元12楼楼道配电香冒火心 啪啪的', Date.now());
    expect(reading.emergency).toEqual({ kind: 'electric', sure: true });
  });
});

describe('praise of two at once (a newcomer)', () => {
  it('谢谢赵敏 态度很好 还有上次修水管的孙师傅 也很负责: both thanked by name, both told, both credited', async () => {
    const app = createTestApp({ now: '2026-12-02T09:00:00+08:00' });
    await app.say('wx_zhangwei', '谢谢赵敏 态度很好 还有上次修水管的孙师傅 也很负责');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('赵敏、孙强');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('表扬');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('表扬');
  });
});
