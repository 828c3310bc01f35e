import { describe, expect, it } from 'vitest';
import { createTestApp } from '../fakes/test-app.js';

const ON_CALL = ['wx_zhaomin', 'wx_sunqiang', 'wx_zhoujie', 'wx_wugang', 'wx_zhengjl'];

describe('words of the twelfth round', () => {
  it('a break-in happening now (家里进小偷了 门被撬了) at 03:00 is an emergency: 110 first, everyone on call paged; one told of as over is not', async () => {
    const app = createTestApp({ now: '2026-12-01T03:00:00+08:00' });
    await app.say('wx_zhangwei', '家里进小偷了 门被撬了');
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain('110');
    expect(app.transport.to('wx_zhangwei').join('\n')).not.toContain('什么时间上门');
    for (const staff of ON_CALL) expect(app.transport.to(staff).join('\n')).toContain('R1');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ category: 'emergency_intruder' }]);

    await app.say('wx_lina', '昨晚进小偷了 监控能调出来看看吗');
    expect(app.store.tickets.openForParty('wx_lina').filter((t) => t.category === 'emergency_intruder')).toEqual([]);
  });

  it('someone unwell and down in a lift (有个老人好像不舒服 坐在地上) is someone hurt: 120 and a page, not a facility repair', async () => {
    const app = createTestApp({ now: '2026-12-01T03:00:00+08:00' });
    await app.say('wx_zhangwei', '电梯里有个老人好像不舒服 坐在地上');
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain('120');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ category: 'emergency_injury' }]);
  });

  it('despair said in anger (再这样我就不想活了) is answered with feeling and a hotline, not first aid for bleeding', async () => {
    const app = createTestApp({ now: '2026-12-01T23:00:00+08:00' });
    await app.say('wx_zhangwei', '楼上天天半夜蹦迪 我投诉多少次了 再这样我就不想活了');
    const reply = app.transport.to('wx_zhangwei').join('\n');
    expect(reply).toContain('12356');
    expect(reply).not.toContain('止血');
    expect(app.transport.to('wx_wugang').join('\n')).toContain('R1');
  });

  it('an emergency taken whose arrival passed, chased hours on (还没人来！！！), goes to everyone on call again and the resident hears the numbers to call', async () => {
    const app = createTestApp({ now: '2026-12-01T02:30:00+08:00' });
    await app.say('wx_zhangwei', '电梯关人了 我在里面 3栋2单元');
    await app.say('wx_sunqiang', '#接单 R1');
    await app.advanceTo(Date.parse('2026-12-01T06:30:00+08:00'));
    await app.say('wx_zhangwei', '还没人来！！！');
    for (const staff of ['wx_zhaomin', 'wx_zhoujie', 'wx_wugang', 'wx_zhengjl'])
      expect(app.transport.to(staff).at(-1)).toMatch(/R1/);
    expect(app.transport.to('wx_zhoujie').at(-1)).toContain('还没人来');
    const reply = app.transport.to('wx_zhangwei').at(-1)!;
    expect(reply).toContain('抱歉');
    expect(reply).toContain('119');
    expect(reply).not.toContain('正在处理');
  });

  it('a leak said to be still there after the emergency was finished (还在滴 只是小了点) sends the technician back now, not a supervisor in the morning', async () => {
    const app = createTestApp({ now: '2026-12-01T01:30:00+08:00' });
    await app.say('wx_zhangwei', '楼上漏水了 哗哗往下流 3-2-1201');
    await app.say('wx_sunqiang', '#接单 R1');
    await app.advanceTo(Date.parse('2026-12-01T01:50:00+08:00'));
    await app.say('wx_sunqiang', '#完成 R1 楼上水管爆了 已关总阀');
    await app.say('wx_zhangwei', '还在滴 只是小了点');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('还在滴');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('02:20');
    expect(app.transport.to('wx_zhangwei').at(-1)).not.toContain('09:30');
    const ticket = app.store.tickets.byNumber('R1')!;
    expect(ticket.status).toBe('reopened');
    expect(ticket.ownerId).toBe(app.store.community.staffByWechat('wx_sunqiang')!.id);
    expect(app.store.commitments.byTicket(ticket.id).filter((c) => c.status === 'open')).toMatchObject([
      { kind: 'repair_visit', dueAt: Date.parse('2026-12-01T02:20:00+08:00') },
    ]);
  });
});

describe('staff commands of the twelfth round', () => {
  it('a visit handed on (#转派) tells the one it was taken from, who cannot take it back by setting out (#出发); handed to its own owner it is refused', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房水龙头坏了 明天上午来修');
    await app.say('wx_zhangwei', '对');
    await app.say('wx_sunqiang', '#接单 R1');
    await app.say('wx_zhaomin', '#转派 R1 孙强');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('无需转派');
    expect(app.store.tickets.byNumber('R1')!.status).toBe('claimed');
    await app.say('wx_zhaomin', '#转派 R1 周杰');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('周杰');
    await app.say('wx_sunqiang', '#出发 R1');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('其他同事负责');
    const zhoujie = app.store.community.staffByWechat('wx_zhoujie')!.id;
    expect(app.store.tickets.byNumber('R1')!.ownerId).toBe(zhoujie);
    await app.say('wx_zhoujie', '#接单 R1');
    expect(app.store.tickets.byNumber('R1')).toMatchObject({ ownerId: zhoujie, status: 'claimed' });
  });
});

describe('resident words of the twelfth round', () => {
  it('the same fault said again (热水器还是不出热水 要派人来修) with it booked gets that visit, not a second booking', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '热水器不出热水 明天上午来修');
    await app.say('wx_zhangwei', '对');
    await app.advanceTo(Date.parse('2026-12-01T15:00:00+08:00'));
    await app.say('wx_zhangwei', '热水器还是不出热水 你们记一下啊 要派人来修');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('09:00');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toHaveLength(1);
  });

  it('a complaint read back without a call, answered 要 打我这个号就行, is filed with the call promised', async () => {
    const app = createTestApp({ now: '2026-12-01T08:50:00+08:00' });
    await app.say('wx_wangfang', '我要投诉 地下车库积水三天了都没人抽 我的车泡在里面');
    await app.say('wx_wangfang', '不用回电话');
    await app.say('wx_wangfang', '地下车库B区 天天都积着');
    await app.say('wx_wangfang', '要 打我这个号就行');
    const [ticket] = app.store.tickets.openForParty('wx_wangfang');
    expect(ticket).toMatchObject({ type: 'complaint' });
    expect(app.store.commitments.byTicket(ticket!.id).map((c) => c.kind)).toContain('callback');
  });

  it('asked what to change at a complaint read-back, a bare 对 files it', async () => {
    const app = createTestApp({ now: '2026-12-01T09:00:00+08:00' });
    await app.say('wx_zhangwei', '我要投诉 楼上1301这几天半夜两点还在敲墙装修');
    await app.say('wx_zhangwei', '不用回电话 昨天和前天晚上 连着两天了');
    await app.say('wx_zhangwei', '不需要');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toEqual([]);
    await app.say('wx_zhangwei', '对');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ type: 'complaint' }]);
  });

  it('look-alikes of a typhoon week are no emergency: a card soaked, a fee cut for a flood that is over, a seep "not coming down", 前天台风 is no roof terrace', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_chenjing', '我要补一张门禁卡 原来那张台风那天泡水坏了 2-1-1101 陈静 13600001101');
    await app.say('wx_wangfang', '台风那几天地下车库淹了 车根本停不进去 这个月停车费能不能减免一点');
    await app.say('wx_lina', '卫生间顶上在渗水 台风以后一直有一圈水印 倒不是往下流');
    for (const who of ['wx_chenjing', 'wx_wangfang', 'wx_lina'])
      expect(app.store.tickets.openForParty(who).filter((t) => t.category.startsWith('emergency_'))).toEqual([]);
    expect(app.transport.to('wx_sunqiang')).toEqual([]);
    await app.say(
      'wx_zhangwei',
      '前天台风那晚楼上漏水 现在已经不漏了 天花板留了一大块黄印子 想约个人来看看 明天下午2点行吗',
    );
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('14:00');
  });

  it('a neighbour below at 01:00 with two basins filled (盆都接满两个了 滴得很快) is an emergency', async () => {
    const app = createTestApp({ now: '2026-12-04T01:00:00+08:00' });
    await app.say('wx_guest_1101', '我住3-2-1101 楼上1201往我家滴水 滴得很快 盆都接满两个了 凌晨一点敲门没人应');
    expect(app.transport.to('wx_sunqiang').join('\n')).toContain('紧急');
  });

  it("another household's repair asked after for them (隔壁1201张伟家报修的…他让我帮他问问) is refused for their privacy, its visit not told", async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '热水器不出热水 明天上午来修');
    await app.say('wx_zhangwei', '对');
    await app.say('wx_lina', '隔壁1201张伟家报修的热水器什么时候来修 他让我帮他问问');
    const reply = app.transport.to('wx_lina').join('\n');
    expect(reply).toContain('隐私');
    expect(reply).not.toContain('09:00');
  });

  it('sarcastic praise beside a chase (你们效率真高啊 报修一个礼拜了都没人来 真是要好好表扬你们哦) is no praise', async () => {
    const app = createTestApp({ now: '2026-12-04T20:00:00+08:00' });
    await app.say('wx_zhangwei', '你们效率真高啊 报修一个礼拜了都没人来 真是要好好表扬你们哦');
    expect(app.transport.to('wx_zhangwei').join('\n')).not.toContain('谢谢您的肯定');
    expect(app.store.events.ofTypes(['praise'])).toEqual([]);
  });

  it('傍晚 is the last window (16:00–18:00), not past it; 暖器 and 下五 are 暖气 and 下午', async () => {
    const app = createTestApp({ now: '2026-12-01T11:00:00+08:00' });
    await app.say('wx_lina', '客厅窗户合页被风刮歪了 关不严 周四傍晚有人在家');
    expect(app.transport.to('wx_lina').at(-1)).toContain('16:00–18:00');
    await app.say('wx_zhangwei', '我要保修 暖器不热了 明天下五2点来');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('14:00');
  });

  it("一点水都没有 is no one o'clock, and 我早点回来 no morning: 4点到6点那个 is the 16:00–18:00 window", async () => {
    const app = createTestApp({ now: '2026-12-01T07:50:00+08:00' });
    await app.say('wx_wangfang', '水管冻住了 厨房一点水都没有 也没漏 就是不出水');
    expect(app.transport.to('wx_wangfang').join('\n')).not.toContain('13:00');
    await app.advanceTo(Date.parse('2026-12-01T12:00:00+08:00'));
    await app.say('wx_zhangwei', '卫生间浴霸不亮了 明天晚上7点以后家里才有人');
    await app.say('wx_zhangwei', '那就4点到6点那个吧 我早点回来');
    await app.say('wx_zhangwei', '对');
    const [ticket] = app.store.tickets.openForParty('wx_zhangwei');
    expect(app.store.commitments.byTicket(ticket!.id)).toMatchObject([
      { kind: 'repair_visit', windowStart: Date.parse('2026-12-02T16:00:00+08:00') },
    ]);
  });

  it('在不在啊 到底有没有人 after a silence, with nothing under way, is answered, with no question passed to the desk', async () => {
    const app = createTestApp({ now: '2026-12-01T14:00:00+08:00' });
    await app.say('wx_zhangwei', '在吗');
    await app.advanceTo(Date.parse('2026-12-01T16:00:00+08:00'));
    await app.say('wx_zhangwei', '在不在啊 到底有没有人');
    expect(app.transport.to('wx_zhangwei').at(-1)).toBeDefined();
    await app.say('wx_lina', '在吗 有人没');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toEqual([]);
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
    expect(app.transport.to('wx_zhaomin')).toEqual([]);
  });

  it('a lift stopped, said in anger with something else open (3栋电梯又坏了 停在1楼不动), asks whether anyone is inside; nobody: repaired within hours', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_wangfang', '物业今天上班不');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('8:30');
    expect(app.store.tickets.openForParty('wx_wangfang')).toEqual([]);
    await app.say('wx_wangfang', '3栋电梯又坏了 停在1楼不动');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('被困');
    await app.say('wx_wangfang', '没人 就是坏了');
    const [lift] = app.store.tickets.openForParty('wx_wangfang');
    expect(lift).toMatchObject({ category: 'lift_repair' });
    expect(app.store.commitments.byTicket(lift!.id)).toMatchObject([
      { dueAt: Date.parse('2026-12-01T14:00:00+08:00') },
    ]);
  });
});

describe('staff commands typed without their space', () => {
  it('#接单R1 and #完成R1 work as #接单 R1 and #完成 R1', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房水龙头坏了 明天上午来修');
    await app.say('wx_zhangwei', '对');
    await app.say('wx_sunqiang', '#接单R1');
    expect(app.store.tickets.byNumber('R1')!.status).toBe('claimed');
    await app.say('wx_sunqiang', '#完成R1');
    expect(app.store.tickets.byNumber('R1')!.status).toBe('done');
  });

  it("the holder named while asked which flat (不是我 是我妈 刘桂兰) is kept: the card is hers, not the resident's", async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_chenjing', '我要办门禁卡');
    await app.say('wx_chenjing', '不是我 是我妈 刘桂兰');
    await app.say('wx_chenjing', '1102');
    expect(app.transport.to('wx_chenjing').at(-1)).toContain('办卡人刘桂兰');
    await app.say('wx_chenjing', '对');
    expect(app.store.tickets.openForParty('wx_chenjing')).toMatchObject([
      { type: 'card', summary: expect.stringContaining('刘桂兰') },
    ]);
  });

  it('a visit nobody has confirmed (#接单) by the evening before is told to the desk, not only to the technician', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房水龙头坏了 周四上午来修');
    await app.say('wx_zhangwei', '对');
    await app.advanceTo(Date.parse('2026-12-02T22:00:00+08:00'));
    expect(app.transport.to('wx_zhaomin').join('\n')).toContain('尚未接单');

    const claimed = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await claimed.say('wx_zhangwei', '厨房水龙头坏了 周四上午来修');
    await claimed.say('wx_zhangwei', '对');
    await claimed.say('wx_sunqiang', '#接单 R1');
    await claimed.advanceTo(Date.parse('2026-12-02T22:00:00+08:00'));
    expect(claimed.transport.to('wx_zhaomin').join('\n')).not.toContain('尚未接单');
  });

  it('a card for a household on file asked by an unknown WeChat is ordered only after the phone check; a question of what to bring is just answered', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_guest01', '帮我给3-2-1201补办一张门禁卡');
    expect(app.transport.to('wx_guest01').at(-1)).toContain('后四位');
    await app.say('wx_guest01', '1111');
    expect(app.store.tickets.openForParty('wx_guest01')).toEqual([]);

    await app.say('wx_guest02', '我是5栋3单元803业主刘洋 门禁卡坏了想换一张');
    await app.say('wx_guest02', '0803');
    await app.say('wx_guest02', '对');
    expect(app.store.tickets.openForParty('wx_guest02')).toMatchObject([{ type: 'card', unitId: '5-3-803' }]);

    await app.say('wx_guest03', '我是新搬来的租户 3-2-1202 想办门禁卡 要带啥');
    expect(app.transport.to('wx_guest03').join('\n')).not.toContain('后四位');
    expect(app.transport.to('wx_guest03').join('\n')).toContain('身份证');
  });

  it("a household's repair asked after by an unknown WeChat (3-2-1201报修的热水器师傅明天几点来) is checked first and tells nothing before", async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '热水器不出热水 明天上午来修');
    await app.say('wx_zhangwei', '对');
    await app.say('wx_guest05', '3-2-1201报修的热水器师傅明天几点来');
    expect(app.transport.to('wx_guest05').at(-1)).toContain('后四位');
    await app.say('wx_guest05', '1234');
    expect(app.transport.to('wx_guest05').join('\n')).not.toContain('09:00');
  });

  it('a card price asked while a repair asks its time (等下 先问下办停车卡要多少钱) is answered, and the repair goes on', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '卫生间灯不亮 要报修');
    await app.say('wx_zhangwei', '等下 先问下办停车卡要多少钱');
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain('300.00');
    await app.say('wx_zhangwei', '那明天上午吧');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('09:00');
  });

  it('"那个能不能早点 上午来" the evening before an afternoon visit moves it to that morning', async () => {
    const app = createTestApp({ now: '2026-12-09T10:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房水龙头漏水 明天下午2点来修');
    await app.say('wx_zhangwei', '对');
    await app.advanceTo(Date.parse('2026-12-09T18:00:00+08:00'));
    await app.say('wx_zhangwei', '那个能不能早点 上午来');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('09:00');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toHaveLength(1);
  });

  it('a card fee taken that is not what the standard asks (#交费 K1 20 for a 30.00 card) is recorded and the difference pointed out to the desk', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '补办门禁卡 张伟 13800001201');
    await app.say('wx_zhangwei', '对');
    await app.say('wx_zhaomin', '#完成 K1');
    await app.say('wx_zhaomin', '#交费 K1 20');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('30.00');
    const exact = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await exact.say('wx_zhangwei', '补办门禁卡 张伟 13800001201');
    await exact.say('wx_zhangwei', '对');
    await exact.say('wx_zhaomin', '#交费 K1 30');
    expect(exact.transport.to('wx_zhaomin').at(-1)).not.toContain('核对');
  });

  it('three matters in one message (马统堵了 顺便问下我家物业费欠多少 还有停车月卡多少钱一个月): the bill and the card price answered beside the repair', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_zhangwei', '马统堵了 顺便问下我家物业费欠多少 还有停车月卡多少钱一个月');
    const said = app.transport.to('wx_zhangwei').join('\n');
    expect(said).toContain('841.60');
    expect(said).toContain('300.00');
    await app.say('wx_zhangwei', '明天上午');
    await app.say('wx_zhangwei', '对');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ type: 'repair' }]);
  });

  it("how to pay asked in the words of the bill (停车费欠多少 微信上能直接交吗) gets the household's bill and the ways to pay; 停车卡找不着了 is no fire", async () => {
    const app = createTestApp({ now: '2026-12-05T10:15:00+08:00' });
    await app.say('wx_wangfang', '停车费欠多少 微信上能直接交吗');
    const said = app.transport.to('wx_wangfang').join('\n');
    expect(said).toContain('150.00');
    expect(said).toContain('支付宝');
    await app.say('wx_zhangwei', '停车卡找不着了 补办一张');
    expect(app.transport.to('wx_sunqiang')).toEqual([]);
  });

  it('praise of someone described by a job and a surname (那个修门的小伙子 好像姓周 人特别好), or typed 周帅傅, reaches 周杰; nothing pending asked gets the empty list', async () => {
    const app = createTestApp({ now: '2026-12-03T12:00:00+08:00' });
    await app.say('wx_wangfang', '那个修门的小伙子 好像姓周 人特别好 还帮我把门口垃圾带下去了');
    expect(app.transport.to('wx_zhoujie').join('\n')).toContain('表扬');
    expect(app.store.tickets.openForParty('wx_wangfang')).toEqual([]);
    await app.say('wx_zhangwei', '周帅傅人真好 星期天大晚上的还来帮我们弄电梯');
    expect(app.transport.to('wx_zhoujie').filter((m) => m.includes('张伟'))).not.toEqual([]);
    await app.say('wx_lina', '我有什么报修还没处理完的吗');
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
    expect(app.transport.to('wx_zhaomin')).toEqual([]);
  });

  it('a time taken back as soon as said (明天上午 哦不 下午吧) books the afternoon; amends demanded for what staff did (我要你们赔) is a complaint', async () => {
    const app = createTestApp({ now: '2026-11-30T17:00:00+08:00' });
    await app.say('wx_lina', '洗手池下水慢 明天上午 哦不 下午吧 上午要去医院');
    expect(app.transport.to('wx_lina').at(-1)).toContain('14:00');
    await app.say('wx_zhangwei', '你们保洁把我放在门口的鞋柜当垃圾扔了 我要你们赔 就这周六的事 3-2-1201门口');
    expect(app.transport.to('wx_zhangwei').join('\n')).not.toContain('上门');
  });

  it("an emergency tells the 24-hour duty number, and 搞定了吗 after it was finished is asked again as safety, not a repair's quality", async () => {
    const app = createTestApp({ now: '2026-12-01T01:30:00+08:00' });
    await app.say('wx_zhangwei', '厨房煤气味好大');
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain('0571-8888 6666');
    await app.say('wx_sunqiang', '#接单 R1');
    await app.say('wx_sunqiang', '#完成 R1 阀门已换');
    await app.say('wx_zhangwei', '搞定了吗');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('是否安全');
    expect(app.transport.to('wx_zhangwei').at(-1)).not.toContain('维修质量');
  });

  it('someone in despair gets no form apology when help is late, and 算了 没事了 is no all-clear: those on call are asked to ring', async () => {
    const app = createTestApp({ now: '2026-12-01T23:10:00+08:00' });
    await app.say('wx_zhangwei', '天天吵 我快崩溃了 真的不想活了');
    const before = app.transport.to('wx_zhangwei').length;
    await app.advanceTo(Date.parse('2026-12-02T08:10:00+08:00'));
    expect(app.transport.to('wx_zhangwei').slice(before).join('\n')).not.toContain('未能按约定时间');
    await app.say('wx_zhangwei', '算了 没事了');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('12356');
    expect(app.transport.to('wx_wugang').at(-1)).toContain('确认其安全');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toHaveLength(1);
  });

  it('water dripping at a ceiling light at night (天花板一直在滴水 灯那里也在滴) is paged at once', async () => {
    const app = createTestApp({ now: '2026-12-01T01:20:00+08:00' });
    await app.say('wx_zhangwei', '楼上漏水了！！！天花板一直在滴水 灯那里也在滴');
    expect(app.transport.to('wx_sunqiang').join('\n')).toContain('紧急');
  });

  it('a fee said to be paid already (我10月就交了啊 你们搞错了吧) is a dispute to check, not a promise to pay today', async () => {
    const app = createTestApp({ now: '2026-12-01T10:00:00+08:00' });
    await app.say('wx_wangfang', '停车费还欠多少');
    await app.say('wx_wangfang', '停车费？我10月就交了啊 你们搞错了吧');
    expect(app.transport.to('wx_wangfang').join('\n')).not.toContain('约定');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('异议');
  });

  it("a neighbour's number asked with their leak coming in (隔壁1201张伟家电话多少 他家漏水到我家了): the number refused, the leak taken up", async () => {
    const app = createTestApp({ now: '2026-12-01T15:00:00+08:00' });
    await app.say('wx_lina', '隔壁1201张伟家电话多少 他家漏水到我家了');
    const said = app.transport.to('wx_lina').join('\n');
    expect(said).toContain('隐私');
    expect(said).not.toContain('13800001201');
    expect(said).not.toContain('费用只能告诉本户');
    expect(app.transport.to('wx_lina').at(-1)).toContain('马上派人');
  });

  it('a lift out of order told by an owner of two homes (部电梯坏咗 … 冇人困住) is the common parts: no question which home', async () => {
    const app = createTestApp({ now: '2026-12-01T15:00:00+08:00' });
    await app.say('wx_chenjing', '部电梯坏咗 2栋嗰部 冇人困住 就系唔郁');
    expect(app.transport.to('wx_chenjing').join('\n')).not.toContain('哪一套');
    expect(app.store.tickets.openForParty('wx_chenjing')).toMatchObject([{ type: 'repair' }]);
  });
});
