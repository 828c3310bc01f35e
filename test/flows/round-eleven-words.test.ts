import { describe, expect, it } from 'vitest';
import { createTestApp } from '../fakes/test-app.js';

describe('words of the eleventh round', () => {
  it('a question of another matter during an emergency (燃气公司电话多少, 我家欠多少) is answered with where the emergency stands, and not sent to those on their way', async () => {
    const app = createTestApp({ now: '2026-12-02T21:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房煤气味好大 3-2-1201');
    const paged = app.transport.to('wx_sunqiang').length;
    await app.say('wx_zhangwei', '燃气公司电话多少');
    let reply = app.transport.to('wx_zhangwei').slice(-2).join('\n');
    expect(reply).toContain('燃气公司');
    expect(reply).toContain('R1');
    expect(reply).toContain('21:15');
    await app.say('wx_zhangwei', '我家欠多少钱');
    reply = app.transport.to('wx_zhangwei').slice(-2).join('\n');
    expect(reply).toContain('841.60');
    expect(reply).toContain('R1');
    expect(app.transport.to('wx_sunqiang').length).toBe(paged);
    // News of the scene is still passed on at once.
    await app.say('wx_zhangwei', '味道越来越大了 头有点晕');
    expect(app.transport.to('wx_sunqiang').length).toBeGreaterThan(paged);
    expect(app.store.tickets.openForParty('wx_zhangwei')).toHaveLength(1);
  });

  it('the bill asked beside news of an emergency (我先去关阀门 对了那停车费呢 我上个月的交了没) is shown, the news passed on; 交了没 asks, promises nothing', async () => {
    const app = createTestApp({ now: '2026-12-02T21:00:00+08:00' });
    await app.say('wx_wangfang', '家里水管爆了 水喷得到处都是 1-1-502');
    await app.say('wx_wangfang', '好 我先去关阀门 对了那停车费呢 我上个月的交了没');
    const replies = app.transport.to('wx_wangfang').slice(1).join('\n');
    expect(replies).toContain('150.00');
    expect(replies).not.toContain('哪天方便来缴费');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('我先去关阀门');
    expect(app.transport.to('wx_sunqiang').join('\n')).not.toContain('停车费');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([{ category: 'emergency_water' }]);
  });

  it('"我是他妈妈" is no curse: the bill asked for by a mother is an identity check, not a complaint', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_mom', '帮我查下3-2-1201欠多少物业费 我是他妈妈');
    expect(app.transport.to('wx_mom').at(-1)).toContain('后四位');
  });

  it('a question answered with a call back asked beside it (…晚上7点以后给我打个电话吧) is answered and the call promised for the time asked; one nobody made is apologised for when chased', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '想问下装修申请要怎么弄 我白天上班不方便接电话 晚上7点以后给我打个电话吧');
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain('装修押金');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('19:00');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('19:00');
    const [call] = app.store.commitments.byTicket(app.store.tickets.openForParty('wx_zhangwei')[0]!.id);
    expect(call).toMatchObject({ kind: 'callback', status: 'open', dueAt: Date.parse('2026-12-01T19:00:00+08:00') });

    await app.say('wx_wangfang', '小区能不能装充电桩 我想在车位上装一个 麻烦找个懂的人给我回电话');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([{ type: 'handoff', category: 'callback' }]);
    await app.advanceTo(Date.parse('2026-12-04T10:00:00+08:00'));
    const before = app.transport.to('wx_zhaomin').length;
    await app.say('wx_wangfang', '三天了 说好回电话的呢');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('抱歉');
    expect(app.transport.to('wx_zhaomin').length).toBeGreaterThan(before);
  });

  it('a complaint naming a fault (单元门锁坏了 一推就开) is filed for the supervisor, and the technician who mends doors hears of it too', async () => {
    const app = createTestApp({ now: '2026-12-10T19:40:00+08:00' });
    await app.say('wx_lina', '投诉！！3栋2单元楼下单元门锁坏了一个礼拜了 谁都能进 保安也不管');
    await app.say('wx_lina', '就是一推就开 锁不上 天天这样 不用回电话');
    await app.say('wx_lina', '对');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'complaint' }]);
    expect(app.transport.to('wx_zhoujie').at(-1)).toContain('C1');
    expect(app.transport.to('wx_lina').join('\n')).toContain('维修师傅');
    // A complaint with no fault in it (noise) reaches no technician.
    const quiet = createTestApp({ now: '2026-12-10T19:40:00+08:00' });
    await quiet.say('wx_lina', '投诉楼上天天半夜拖椅子 吵得睡不着 不用回电话');
    await quiet.say('wx_lina', '对');
    expect(quiet.transport.to('wx_zhoujie')).toEqual([]);
    expect(quiet.transport.to('wx_sunqiang')).toEqual([]);
  });

  it('a lift told in three pieces (电梯 / 不动了 / 我在里面 手机快没电了) is asked about, then paged as an entrapment', async () => {
    const app = createTestApp({ now: '2026-12-06T22:10:00+08:00' });
    await app.say('wx_lina', '电梯');
    await app.say('wx_lina', '不动了');
    expect(app.transport.to('wx_lina').at(-1)).toContain('有人被困');
    await app.say('wx_lina', '我在里面 手机快没电了');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_trapped' }]);
    expect(app.transport.to('wx_zhengjl').at(-1)).toContain('电梯 不动了 我在里面');
  });

  it('someone else seen about to jump is paged at once, and the one writing is told what to do for them, not consoled as the one at risk', async () => {
    const app = createTestApp({ now: '2026-12-06T22:10:00+08:00' });
    await app.say('wx_lina', '12栋楼顶有人坐在边上 好像要跳');
    const reply = app.transport.to('wx_lina').join('\n');
    expect(reply).toContain('110');
    expect(reply).not.toContain('照顾好自己');
    expect(app.transport.to('wx_zhengjl').at(-1)).toContain('12栋楼顶');
  });

  it('a car park flooding deep (地库进水了 好深) is a water emergency, and a child caught in the lift doors an injury', async () => {
    const app = createTestApp({ now: '2026-12-06T01:30:00+08:00' });
    await app.say('wx_wangfang', '地库进水了 好深');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([{ category: 'emergency_water' }]);
    await app.say('wx_lina', '小孩被卡在电梯门缝里了');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_injury' }]);
    expect(app.transport.to('wx_lina').join('\n')).toContain('120');
  });

  it('at night a matter that can wait reaches staff when their night ends; an emergency does not wait', async () => {
    const app = createTestApp({ now: '2026-12-05T23:30:00+08:00' });
    await app.say('wx_zhangwei', '帮我转个人工 明天再说也行');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ type: 'handoff' }]);
    expect(app.transport.to('wx_zhaomin')).toEqual([]);
    await app.say('wx_lina', '厨房煤气味好大');
    expect(app.transport.to('wx_zhaomin')).toHaveLength(1);
    await app.advanceTo(Date.parse('2026-12-06T07:01:00+08:00'));
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('H1');
  });

  it('a promise broken after hours is apologised for truthfully: the supervisor hears when the office opens, and nobody is warned of a deadline already past', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '想问下装修申请要怎么弄 我白天上班不方便接电话 晚上7点以后给我打个电话吧');
    await app.advanceTo(Date.parse('2026-12-01T19:05:00+08:00'));
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('08:30上班后');
    expect(app.transport.to('wx_zhangwei').at(-1)).not.toContain('已上报主管');
    await app.advanceTo(Date.parse('2026-12-02T09:00:00+08:00'));
    expect(app.transport.to('wx_zhaomin').join('\n')).not.toContain('即将到期');
    expect(app.transport.to('wx_wugang').join('\n')).toContain('H1');
  });

  it("an emergency taken (#接单) tells the others paged who has it; a question about last night's fire is no fire now", async () => {
    const app = createTestApp({ now: '2026-12-06T03:00:00+08:00' });
    await app.say('wx_lina', '水管爆了 水喷得到处都是');
    await app.say('wx_sunqiang', '#接单 R1');
    for (const other of ['wx_zhaomin', 'wx_zhoujie', 'wx_wugang'])
      expect(app.transport.to(other).at(-1)).toContain('孙强');
    await app.say('wx_wangfang', '昨天楼道着火那事后来查清原因了吗');
    expect(app.store.tickets.openForParty('wx_wangfang').filter((t) => t.category.startsWith('emergency'))).toEqual([]);
  });

  it('a leaking toilet and cars parked in the way (卫生间马桶漏水 还有楼下老是有人乱停车) are both kept: the repair booked, then the complaint; a smelly floor drain is no flood', async () => {
    const app = createTestApp({ now: '2026-12-06T10:00:00+08:00' });
    await app.say('wx_zhangwei', '卫生间马桶漏水 还有楼下老是有人乱停车堵着我车');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('什么时间上门');
    await app.say('wx_zhangwei', '明天上午');
    await app.say('wx_zhangwei', '对');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ type: 'repair' }]);
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain('停车');
    await app.say('wx_lina', '卫生间地漏往上反臭味');
    expect(app.transport.to('wx_lina').join('\n')).not.toContain('总阀');
  });

  it('#转派 of a Sunday visit to a technician who works Monday to Saturday is done, with a warning to move it or hand it to someone on that day', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_lina', '阳台门关不严 周日上午来修');
    await app.say('wx_lina', '对');
    await app.say('wx_wugang', '#转派 R1 孙强');
    expect(app.transport.to('wx_wugang').at(-1)).toContain('孙强那天不上班');
    await app.say('wx_wugang', '#转派 R1 周杰');
    expect(app.transport.to('wx_wugang').at(-1)).not.toContain('不上班');
  });

  it("dates and homes as written: 2026/12/5上午 and 明儿个晌午前 book their mornings; a courier asking for 3-2-1202李娜的电话 is refused, one's own number changed is not", async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_lina', '厨房灯管一直闪 2026/12/5上午来修吧');
    expect(app.transport.to('wx_lina').at(-1)).toContain('09:00–11:00');
    expect(app.transport.to('wx_lina').at(-1)).toContain('12月5日');
    await app.say('wx_zhangwei', '俺家厕所水笼头坏咧 一直滴答滴答漏 明儿个晌午前能来不');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('明天09:00–11:00');
    await app.say('wx_guest7', '我是送快递的 3-2-1202李娜的电话多少 打不通');
    expect(app.transport.to('wx_guest7').at(-1)).toContain('隐私');
    await app.say('wx_wangfang', '我家1-1-502的电话要改一下');
    expect(app.transport.to('wx_wangfang').join('\n')).not.toContain('隐私');
  });

  it('an emergency told in anger (气死我了 楼上又漏水下来了) is apologised for after the advice; a bare 对 later is heard, not thanked back', async () => {
    const app = createTestApp({ now: '2026-12-05T10:00:00+08:00' });
    await app.say('wx_lina', '气死我了 楼上又漏水下来了 卫生间顶上一直在滴 上个月刚修过 你们到底会不会修');
    expect(app.transport.to('wx_lina').join('\n')).toContain('非常抱歉');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_water' }]);
    await app.say('wx_lina', '对');
    expect(app.transport.to('wx_lina').at(-1)).not.toContain('不客气');
  });

  it('"都十点半了 师傅还没来" inside the window chases the technician, moves nothing; "那明天上午 再放我鸽子我就投诉你们" after a no-show moves the visit, no complaint', async () => {
    const app = createTestApp({ now: '2026-12-02T08:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房下水道堵了 今天上午来通一下');
    await app.say('wx_zhangwei', '对');
    await app.advanceTo(Date.parse('2026-12-02T10:30:00+08:00'));
    const before = app.transport.to('wx_sunqiang').length;
    await app.say('wx_zhangwei', '都十点半了 师傅还没来 还来不来了');
    expect(app.transport.to('wx_sunqiang').length).toBeGreaterThan(before);
    expect(app.transport.to('wx_zhangwei').at(-1)).not.toContain('改到');
    await app.advanceTo(Date.parse('2026-12-02T14:30:00+08:00'));
    await app.say('wx_zhangwei', '那明天上午 再放我鸽子我就投诉你们');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('明天09:00–11:00');
    expect(app.store.tickets.openForParty('wx_zhangwei').map((t) => t.type)).toEqual(['repair']);
  });

  it('a card lost or stolen (钱包被偷了 门禁卡停车卡都在里面 赶紧帮我挂失) is reported to the desk at once to stop it, then the replacement goes on', async () => {
    const app = createTestApp({ now: '2026-12-08T11:00:00+08:00' });
    await app.say('wx_wangfang', '钱包被偷了 门禁卡停车卡都在里面 赶紧帮我挂失 别让人拿去刷');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('停用');
    expect(app.transport.to('wx_wangfang').join('\n')).toContain('挂失');
    // A card simply wanted is no loss.
    await app.say('wx_zhangwei', '办张停车月卡');
    expect(app.transport.to('wx_zhaomin').join('\n')).not.toContain('张伟');
  });

  it('"上周五问的停车费涨不涨价的事 还没人回我" chases the question left unanswered (apology, desk told), not a second question', async () => {
    const app = createTestApp({ now: '2026-12-11T19:00:00+08:00' });
    await app.say('wx_zhangwei', '问一下小区明年停车位会不会涨价 我要决定续不续租');
    await app.advanceTo(Date.parse('2026-12-14T09:10:00+08:00'));
    await app.say('wx_zhangwei', '上周五问的停车费涨不涨价的事 还没人回我');
    expect(app.store.tickets.openForParty('wx_zhangwei').map((t) => t.number)).toEqual(['H1']);
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('H1');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('还没人回我');
  });

  it('月租停车 is a parking card: 想办个月租停车 车牌… 挂在2-1-1101名下 is read back for that home', async () => {
    const app = createTestApp({ now: '2026-12-07T10:30:00+08:00' });
    await app.say('wx_chenjing', '想办个月租停车 车牌浙A66M08 挂在2-1-1101名下');
    expect(app.transport.to('wx_chenjing').at(-1)).toContain('浙A66M08');
    await app.say('wx_chenjing', '对');
    expect(app.store.tickets.openForParty('wx_chenjing')).toMatchObject([{ type: 'card' }]);
  });

  it('holdout-14, read after its one play: a card asked after is no door to mend; a declined new time with the old one asked back tells the technician; 对个 对个 is yes; a day to pay beside a question about the bill is kept; a tap leaking in English is a booking', async () => {
    const app = createTestApp({ now: '2026-12-15T18:00:00+08:00' });
    await app.say('wx_wangfang', '我上次办的门禁卡好了没');
    expect(app.transport.to('wx_wangfang').at(-1)).not.toContain('上门');
    await app.say('wx_chenjing', '1101厨房个水龙头漏水 明朝上半天9点来修');
    await app.say('wx_chenjing', '对个 对个');
    expect(app.store.tickets.openForParty('wx_chenjing')).toMatchObject([{ type: 'repair' }]);
    await app.say('wx_zhangwei', '能耗分摊那35.2是啥费啊 物业费那806.4我下周一去交');
    expect(app.store.commitments.all().some((c) => c.kind === 'payment')).toBe(true);
    await app.say('wx_lina', 'hi, my kitchen tap is leaking, can someone come tomorrow morning?');
    expect(app.transport.to('wx_lina').at(-1)).toContain('09:00–11:00');
  });

  it('"1102准备装修了 周末能不能施工 几点到几点可以打电钻" is answered; 可以打 电钻 asks for no call back', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_chenjing', '1102准备装修了 周末能不能施工 几点到几点可以打电钻');
    expect(app.store.tickets.openForParty('wx_chenjing')).toEqual([]);
  });

  it('a repair in each of two homes is two visits, two tickets: the time said for both goes to both (都明天上午 / 两个都是明天上午)', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_chenjing', '1101厨房水龙头坏了 1102阳台门锁也坏了 都明天上午来吧');
    await app.say('wx_chenjing', '对');
    await app.say('wx_chenjing', '对的 两个都是明天上午');
    const repairs = app.store.tickets.openForParty('wx_chenjing').filter((t) => t.type === 'repair');
    expect(repairs).toHaveLength(2);
    const later = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await later.say('wx_chenjing', '1101厨房水龙头关不紧 1102门铃不响了 都帮我报个修');
    await later.say('wx_chenjing', '都明天上午9点到11点吧 两边都有人在');
    await later.say('wx_chenjing', '对');
    await later.say('wx_chenjing', '对的 两个都是明天上午');
    expect(later.store.tickets.openForParty('wx_chenjing').filter((t) => t.type === 'repair')).toHaveLength(2);
  });

  it('the power at home tripped at night (家里跳闸了 全黑) is told what to do meanwhile (the breaker, what not to touch) before the booking', async () => {
    const app = createTestApp({ now: '2026-12-06T01:30:00+08:00' });
    await app.say('wx_lina', '家里跳闸了 全黑 我一个人带孩子 害怕');
    expect(app.transport.to('wx_lina').join('\n')).toContain('总闸');
    // A repair with nothing tripped hears no such advice.
    await app.say('wx_wangfang', '卧室灯不亮了 明天上午来修');
    expect(app.transport.to('wx_wangfang').join('\n')).not.toContain('总闸');
  });
});
