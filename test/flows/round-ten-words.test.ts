import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { createTestApp } from '../fakes/test-app.js';

describe('words of the tenth round', () => {
  it('a cry for help with nothing said of what (救命 / 出事了 快来人啊) is asked what happened and where, with the 120/119/110 line, not for a repair', async () => {
    for (const cry of ['救命', '出事了 快来人啊', '急急急 快来']) {
      const app = createTestApp({ now: '2026-12-06T03:10:00+08:00' });
      await app.say('wx_lina', cry);
      const reply = app.transport.to('wx_lina').join('\n');
      expect(reply, cry).toContain('120');
      expect(reply, cry).not.toContain('需要维修的问题');
      // What happened is then heard as the emergency it is, and everyone on call is paged.
      await app.say('wx_lina', '我妈在卫生间摔倒了 起不来 头还在流血');
      expect(app.store.tickets.openForParty('wx_lina'), cry).toMatchObject([{ category: 'emergency_injury' }]);
      expect(app.transport.to('wx_zhengjl').join('\n'), cry).toContain('R1');
    }
  });

  it('a repair wanted soon, its problem told, is still offered the soonest visits', async () => {
    const app = createTestApp({ now: '2026-12-06T10:10:00+08:00' });
    await app.say('wx_lina', '厨房水龙头坏了 尽快来修');
    expect(app.transport.to('wx_lina').at(-1)).toContain('09:00');
  });

  it('下午吧 晚一点的, after a day was said alone, books the later afternoon window (16:00), not the first', async () => {
    const app = createTestApp({ now: '2026-12-08T09:15:00+08:00' });
    await app.say('wx_lina', '卧室窗户关不严 晚上呼呼漏风');
    await app.say('wx_lina', '明天');
    await app.say('wx_lina', '下午吧 晚一点的');
    expect(app.transport.to('wx_lina').at(-1)).toContain('16:00');
    await app.say('wx_lina', '嗯');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'repair' }]);
    expect(app.transport.to('wx_lina').at(-1)).toContain('16:00–18:00');
  });

  it('nothing but a time (晚上十一点以后) in the middle of a complaint asks nothing: no answer about decoration hours', async () => {
    const app = createTestApp({ now: '2026-12-02T10:00:00+08:00' });
    await app.say('wx_lina', '我要投诉 楼上天天晚上拖椅子 吵得睡不着');
    const before = app.transport.to('wx_lina').length;
    await app.say('wx_lina', '晚上十一点以后');
    const replies = app.transport.to('wx_lina').slice(before).join('\n');
    expect(replies).not.toContain('装修');
    expect(replies).not.toContain('答复如下');
  });

  it('a false alarm told (没事了 虚惊一场) is thanked, not answered with "on our way", and everyone paged hears it', async () => {
    const app = createTestApp({ now: '2026-12-06T21:40:00+08:00' });
    await app.say('wx_lina', '隔壁1201好像有煤气味 敲门没人应');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_gas' }]);
    await app.say('wx_lina', '没事了 虚惊一场 是他家炖汤忘关火了 已经关了');
    expect(app.transport.to('wx_lina').at(-1)).not.toContain('赶到');
    // The supervisor was paged with the first line: told it is over too, not left rushing in.
    expect(app.transport.to('wx_wugang').at(-1)).toContain('虚惊一场');
  });

  it('a lift told in pieces (电梯 / 不动了 门也打不开 我跟孙子在里面) is an entrapment, paged with the pieces together', async () => {
    const app = createTestApp({ now: '2026-12-17T08:05:00+08:00' });
    await app.say('wx_lina', '电梯');
    await app.say('wx_lina', '不动了 门也打不开 我跟孙子在里面');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_trapped' }]);
    expect(app.transport.to('wx_zhengjl').at(-1)).toContain('电梯 不动了');
    expect(app.transport.to('wx_lina').join('\n')).not.toContain('什么时间上门');
  });

  it('someone seen ringing the alarm in a stopped lift is trapped; "里面是个小伙子" answers that someone is inside', async () => {
    const app = createTestApp({ now: '2026-12-13T03:10:00+08:00' });
    await app.say('wx_guard_night', '值班室这边监控看到8栋1单元电梯里有人 一直在按警铃 电梯不动了');
    expect(app.store.tickets.openForParty('wx_guard_night')).toMatchObject([{ category: 'emergency_trapped' }]);
    const asked = createTestApp({ now: '2026-12-13T03:10:00+08:00' });
    await asked.say('wx_guard_night', '8栋电梯坏了 停在3楼不动了');
    await asked.say('wx_guard_night', '里面是个喝多了的小伙子 还能说话');
    expect(asked.store.tickets.openForParty('wx_guard_night')).toMatchObject([{ category: 'emergency_trapped' }]);
  });

  it('a burning smell told during a fire is more of that fire, not a second emergency', async () => {
    const app = createTestApp({ now: '2026-12-02T13:05:00+08:00' });
    await app.say('wx_lina', '冒烟了冒烟了！！楼道里全是烟');
    await app.say('wx_lina', '不知道是哪家 有股焦糊味 我们12楼这层最浓');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_fire' }]);
    expect(app.transport.to('wx_zhengjl').at(-1)).toContain('焦糊味');
  });

  it('words that only look like danger: 睡不着起来 is no fire; a leak mended last month, its stain now, is no flood', async () => {
    const app = createTestApp({ now: '2026-12-05T04:15:00+08:00' });
    await app.say('wx_zhangwei', '睡不着起来 感觉家里不对劲');
    await app.say('wx_chenjing', '上个月1101卫生间漏水漏到楼下 已经修好了 现在楼下天花板一大块黄印子 这个墙谁负责刷？');
    for (const who of ['wx_zhangwei', 'wx_chenjing'])
      expect(app.store.tickets.openForParty(who).filter((t) => t.category.startsWith('emergency'))).toEqual([]);
    // At it again now is danger again.
    await app.say('wx_lina', '上次漏水已经修好了 现在又漏到楼下了');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ category: 'emergency_water' }]);
  });

  it('我想报个修 asks what is broken; 夜晚有咩急事打咩電話 and 师傅上门一般几点到几点 are answered from the approved answers', async () => {
    const app = createTestApp({ now: '2026-12-09T22:30:00+08:00' });
    await app.say('wx_lina', '我想报个修');
    expect(app.transport.to('wx_lina').at(-1)).toContain('需要维修的问题');
    await app.say('wx_zhangwei', '夜晚有咩急事打咩電話搵你哋㗎');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('0571-8888 6666');
    await app.say('wx_wangfang', '师傅上门修东西一般几点到几点啊 我上班的');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('16:00—18:00');
    for (const who of ['wx_zhangwei', 'wx_wangfang']) expect(app.store.tickets.openForParty(who)).toEqual([]);
  });

  it('the closing time asked beside a repair is answered, not sent to the office as a question', async () => {
    const app = createTestApp({ now: '2026-12-08T11:20:00+08:00' });
    await app.say('wx_lina', '你们下午几点下班啊 我想过去交点东西 顺便报个修 卧室门把手掉了');
    expect(app.transport.to('wx_lina').join('\n')).toContain('17:30');
    expect(app.store.tickets.openForParty('wx_lina').filter((t) => t.type !== 'repair')).toEqual([]);
  });

  it('praise of the office as a whole is thanked for, not answered with "不客气", and credits nobody', async () => {
    const app = createTestApp({ now: '2026-12-19T11:45:00+08:00' });
    await app.say('wx_chenjing', '最近你们物业进步挺大的 垃圾收得勤了 楼道也干净了 继续保持哦');
    const reply = app.transport.to('wx_chenjing').at(-1)!;
    expect(reply).toContain('肯定');
    expect(reply).not.toContain('不客气');
    expect(app.store.events.ofTypes(['praise'])).toEqual([]);
  });

  it('an air conditioner dripping (冷氣機漏水, Cantonese) with a time wanted is a booking, not a possible flood', async () => {
    const app = createTestApp({ now: '2026-12-10T11:00:00+08:00' });
    await app.say('wx_wangfang', '冷氣機漏水 滴到成地都係 聽日下晝兩點嚟睇下得唔得');
    const reply = app.transport.to('wx_wangfang').join('\n');
    expect(reply).not.toContain('马上派人');
    expect(reply).toContain('14:00');
  });

  it('约的人没来 after a missed visit gets an apology, and 再加一张门禁卡 is a new card', async () => {
    const app = createTestApp({ now: '2026-12-04T10:00:00+08:00' });
    await app.say('wx_wangfang', '次卧暖气片不热 明天上午9点来');
    await app.say('wx_wangfang', '对');
    await app.advanceTo(Date.parse('2026-12-07T09:30:00+08:00'));
    const before = app.transport.to('wx_wangfang').length;
    await app.say('wx_wangfang', '上礼拜六约的人没来 今儿都礼拜一了 你们这整的啥事儿啊');
    expect(app.transport.to('wx_wangfang').slice(before).join('\n')).toContain('抱歉');
    await app.say('wx_chenjing', '1102想再加一张门禁卡 给家里保姆用 陈静 13600001101');
    expect(app.transport.to('wx_chenjing').at(-1)).toContain('新办');
  });

  it('the renovation deposit is answered from the fee standards (one source for money), said as a deposit alone', async () => {
    const app = createTestApp({ now: '2026-12-10T10:00:00+08:00' });
    await app.say('wx_zhangwei', '俺家寻思开春装修厨房 得办啥手续 押金多少钱呐');
    const reply = app.transport.to('wx_zhangwei').at(-1)!;
    expect(reply).toContain('装修押金：2000.00 元');
    expect(reply).toContain('装修施工方案');
    expect(reply).not.toContain('0.00 元，押金');
    expect(readFileSync('data/faq.zh-CN.yaml', 'utf8')).not.toMatch(/押金 ?2000/);
  });

  it('an outburst with nothing said of what (你们物业到底干什么吃的！！！) is heard out, not handed over at once; anger that asks for someone is', async () => {
    const app = createTestApp({ now: '2026-12-10T20:20:00+08:00' });
    await app.say('wx_zhangwei', '你们物业到底干什么吃的！！！');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toEqual([]);
    expect(app.transport.to('wx_zhangwei').at(-1)).toMatch(/请问/);
    await app.say('wx_lina', '你到底听不听得懂人话！！！给我找个人来');
    expect(app.store.tickets.openForParty('wx_lina')).toMatchObject([{ type: 'handoff' }]);
  });

  it('answers to "is anyone trapped?": 我一个人 is someone inside; 按了铃没人说话 is nobody answering, not nobody inside', async () => {
    const app = createTestApp({ now: '2026-12-16T17:45:00+08:00' });
    await app.say('wx_guest09', '电梯不动了');
    await app.say('wx_guest09', '灯还亮着 按了铃没人说话');
    expect(app.store.tickets.openForParty('wx_guest09')).toMatchObject([{ category: 'emergency_trapped' }]);
    const alone = createTestApp({ now: '2026-12-16T17:45:00+08:00' });
    await alone.say('wx_guest09', '电梯不动了');
    await alone.say('wx_guest09', '我一个人');
    expect(alone.store.tickets.openForParty('wx_guest09')).toMatchObject([{ category: 'emergency_trapped' }]);
  });

  it("words of t12: 3/2/1202 is a unit; 渗一点 is a little, not one o'clock; 还是锁不上 after a repair is not fixed", async () => {
    const app = createTestApp({ now: '2026-12-01T11:15:00+08:00' });
    await app.say('wx_guest12', '3/2/1202 李娜 帮我查下欠不欠费');
    expect(app.transport.to('wx_guest12').at(-1)).toContain('后四位');
    await app.say('wx_wangfang', '洗手池下面的下水管接口松了 一用水就往柜子里渗一点');
    expect(app.transport.to('wx_wangfang').at(-1)).not.toContain('今天14:00');
    const done = createTestApp({ now: '2026-12-10T10:00:00+08:00' });
    await done.say('wx_lina', '卧室门锁坏了锁不上 明天上午9点来');
    await done.say('wx_lina', '对');
    const ticket = done.store.tickets.openForParty('wx_lina')[0]!.number;
    await done.advanceTo(Date.parse('2026-12-11T10:30:00+08:00'));
    await done.say('wx_zhoujie', `#接单 ${ticket}`);
    await done.say('wx_zhoujie', `#完成 ${ticket}`);
    await done.say('wx_lina', '不行啊 门还是锁不上 白跑一趟');
    expect(done.transport.to('wx_lina').at(-1)).toMatch(/抱歉/);
  });

  it('没了 谢谢哈 after "anything else?" is a goodbye; a new hour asked with chase words after a missed visit moves it', async () => {
    const app = createTestApp({ now: '2026-12-12T15:00:00+08:00' });
    await app.say('wx_wangfang', '你们服务真好');
    await app.say('wx_wangfang', '没了 谢谢哈');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('再见');
    const missed = createTestApp({ now: '2026-12-06T10:00:00+08:00' });
    await missed.say('wx_wangfang', '次卧暖气片不热 明天下午4点来');
    await missed.say('wx_wangfang', '对');
    await missed.advanceTo(Date.parse('2026-12-08T09:15:00+08:00'));
    await missed.say('wx_wangfang', '昨天下午四点到六点我专门请假在家等 结果人没来 电话也没一个');
    await missed.say('wx_wangfang', '今天下午两点能不能来 别再放鸽子了');
    expect(missed.transport.to('wx_wangfang').at(-1)).toContain('14:00');
  });

  it('水没了 (no water) is a fault to hear about, neither a goodbye nor a flood; 没了 said first in a reply is a goodbye', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_lina', '家里水没了');
    expect(app.transport.to('wx_lina').join('\n')).not.toContain('再见');
    expect(app.store.tickets.openForParty('wx_lina')).toEqual([]);
    await app.say('wx_zhangwei', '你们服务真好');
    await app.say('wx_zhangwei', '没了');
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('再见');
  });

  it('after a technician takes an emergency, a thank-you is answered and not passed on, and nobody hears "overdue" before its time', async () => {
    const app = createTestApp({ now: '2026-12-06T02:10:00+08:00' });
    await app.say('wx_lina', '救命 电梯关人了 3栋2单元 我在里面');
    await app.say('wx_sunqiang', '#接单 R1');
    await app.say('wx_sunqiang', '#出发 R1');
    const supervisorBefore = app.transport.to('wx_wugang').length;
    const technicianBefore = app.transport.to('wx_sunqiang').length;
    await app.say('wx_lina', '好的谢谢');
    await app.say('wx_lina', '师傅到了吗');
    expect(app.transport.to('wx_wugang').slice(supervisorBefore).join('\n')).not.toMatch(/超时|逾期/);
    expect(app.transport.to('wx_lina').join('\n')).not.toContain('久等');
    // The question reaches him; the thanks does not.
    expect(app.transport.to('wx_sunqiang').slice(technicianBefore)).toHaveLength(1);
  });

  it('someone in despair (我不想活了) is spoken to with feeling and everyone on call is paged at once, day or night', async () => {
    const app = createTestApp({ now: '2026-12-06T23:40:00+08:00' });
    await app.say('wx_lina', '活着真没意思，邻居天天吵，我不想活了');
    expect(app.transport.to('wx_lina').join('\n')).toContain('非常担心您');
    for (const staff of ['wx_zhaomin', 'wx_sunqiang', 'wx_wugang', 'wx_zhengjl'])
      expect(app.transport.to(staff).join('\n'), staff).toContain('不想活了');
    // A bargain is no despair.
    await app.say('wx_zhangwei', '楼下超市的鸡蛋简直跳楼价');
    expect(app.store.tickets.openForParty('wx_zhangwei')).toEqual([]);
  });

  it('trouble added inside an emergency is that emergency with its own advice (心脏病 in a stuck lift: 120), not a second one', async () => {
    const app = createTestApp({ now: '2026-12-06T09:10:00+08:00' });
    await app.say('wx_wangfang', '我阿妈困咗喺𨋢入面啊 2栋1单元 停咗喺5楼同6楼中间');
    await app.say('wx_wangfang', '佢有心脏病㗎 快啲啦');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([{ category: 'emergency_trapped' }]);
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('120');
  });

  it("the technician is told the home the repair is for, of an owner's several; a repair left unconfirmed at night is told in the morning", async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_chenjing', '厨房下水道堵了 明天上午来');
    await app.say('wx_chenjing', '1102那套');
    await app.say('wx_chenjing', '对');
    expect(app.transport.to('wx_sunqiang').at(-1)).toContain('陈静（2-1-1102）');
    const night = createTestApp({ now: '2026-12-03T20:30:00+08:00' });
    await night.say('wx_lina', '卧室门把手掉了，明天下午来修吧');
    await night.advanceTo(Date.parse('2026-12-04T10:30:00+08:00'));
    expect(night.transport.to('wx_lina').at(-1)).toContain('还没有预约成功');
  });

  it('那行 来吧 and Tianjin 得嘞您呐 at the read-back book the visit', async () => {
    for (const yes of ['那行 来吧', '得嘞您呐']) {
      const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
      await app.say('wx_lina', '卫生间水龙头一直滴水 明天上午9点来修');
      await app.say('wx_lina', yes);
      expect(app.store.tickets.openForParty('wx_lina'), yes).toMatchObject([{ type: 'repair' }]);
    }
  });

  it('the first line of an emergency heard as a complaint (楼道里好多水) is not filed as one when the danger follows', async () => {
    const app = createTestApp({ now: '2026-12-19T14:00:00+08:00' });
    await app.say('wx_wangfang', '楼道里好多水');
    await app.say('wx_wangfang', '从楼上顺着楼梯往下淌 哗哗的 像是哪里水管爆了 1号楼1单元');
    expect(app.store.tickets.openForParty('wx_wangfang')).toMatchObject([{ category: 'emergency_water' }]);
  });

  it('words of the played sets: 这玩意儿别整着火了 fears a fire (no second one); gas spurting from a yellow pipe is gas; 漏店 电替 被观 晕道; a stove that will not light is no one out of breath', async () => {
    const app = createTestApp({ now: '2026-12-05T23:05:00+08:00' });
    await app.say('wx_guest18', '3栋楼道电表箱在冒火花 噼里啪啦的');
    await app.say('wx_guest18', '人呢 这玩意儿别整着火了');
    expect(app.store.tickets.openForParty('wx_guest18')).toMatchObject([{ category: 'emergency_electric' }]);
    const understander = Understander.load();
    const at = Date.parse('2026-12-05T23:05:00+08:00');
    const kind = (text: string) => understander.understand(text, at).emergency;
    expect(kind('地下车库那根黄色的管子被车蹭断了，一直在往外呲气，那个味冲得人想吐')).toMatchObject({ kind: 'gas' });
    expect(kind('家里漏店了 碰哪都麻 8-2-1503')).toMatchObject({ kind: 'electric', sure: true });
    expect(kind('电替停了 我们被观在里面 四栋二单元 门打不开')).toMatchObject({ kind: 'trapped', sure: true });
    expect(kind('有人晕道了 在9栋电题口 快来')).toMatchObject({ kind: 'injury', sure: true });
    expect(kind('煤气灶打不着火了 咔咔响就是不着 是不是没气了')).toBeUndefined();
  });

  it('a new time agreed after a missed visit stops the broken promise climbing: the manager is not told next morning', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_lina', '卫生间水龙头漏水 明天下午2点来');
    await app.say('wx_lina', '对');
    await app.say('wx_sunqiang', '#接单 R1');
    await app.advanceTo(Date.parse('2026-12-04T18:00:00+08:00'));
    await app.say('wx_sunqiang', '#改约 R1 明天下午3点');
    await app.say('wx_lina', '好的');
    const manager = app.transport.to('wx_zhengjl').length;
    await app.advanceTo(Date.parse('2026-12-05T10:00:00+08:00'));
    expect(app.transport.to('wx_zhengjl').slice(manager)).toEqual([]);
    expect(app.store.commitments.byTicket(app.store.tickets.byNumber('R1')!.id)).toContainEqual(
      expect.objectContaining({ kind: 'repair_visit', status: 'open' }),
    );
  });

  it('an escalation names whoever took the ticket, not 未分派, when the promise broke after #接单', async () => {
    const app = createTestApp({ now: '2026-12-06T22:30:00+08:00' });
    await app.say('wx_lina', '3栋楼道电表箱冒火花 噼里啪啦的');
    await app.advanceTo(Date.parse('2026-12-06T23:05:00+08:00'));
    await app.say('wx_sunqiang', '#接单 R1');
    const before = app.transport.sent.length;
    await app.advanceTo(Date.parse('2026-12-07T09:00:00+08:00'));
    const reports = app.transport.sent.slice(before).filter((m) => m.text.includes('逾期上报'));
    expect(reports.length).toBeGreaterThan(0);
    for (const r of reports) expect(r.text).toContain('负责人：孙强');
  });
});
