import { describe, expect, it } from 'vitest';
import { createTestApp } from '../fakes/test-app.js';

describe('mends of the thirteenth round', () => {
  it('staff paged for despair (活着真没意思 我想从楼上跳下去) read it as a crisis to talk to, not as someone hurt', async () => {
    const app = createTestApp({ now: '2026-11-30T22:00:00+08:00' });
    await app.say('wx_zhangwei', '活着真没意思 我想从楼上跳下去');
    const page = app.transport.to('wx_wugang').join('\n');
    expect(page).toContain('R1');
    expect(page).toContain('情绪危机');
    expect(page).not.toContain('人员受伤');
  });

  it('someone else hurt is still paged as someone hurt', async () => {
    const app = createTestApp({ now: '2026-11-30T22:00:00+08:00' });
    await app.say('wx_zhangwei', '楼道里有个老人摔倒了 头在流血');
    expect(app.transport.to('wx_wugang').join('\n')).toContain('人员受伤');
  });
});

describe('where my matters stand', () => {
  it("is said in the resident's words: what each one is about, and no office status such as 待受理", async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房水龙头漏水 要报修');
    await app.say('wx_zhangwei', '明天上午');
    await app.say('wx_zhangwei', '对');
    await app.say('wx_zhangwei', '我的报修到哪一步了');
    const list = app.transport.to('wx_zhangwei').at(-1)!;
    expect(list).toContain('R1（厨房水龙头漏水');
    expect(list).toContain('明天09:00–11:00');
    expect(list).not.toMatch(/待受理|已受理/);
  });
});

describe('a question about another matter in the middle of a complaint', () => {
  it('我的报修到哪一步了, asked while the complaint asks when it happens, is answered, and the complaint goes on', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '厨房水龙头漏水 要报修');
    await app.say('wx_zhangwei', '明天上午');
    await app.say('wx_zhangwei', '对');
    await app.say('wx_zhangwei', '楼上装修太吵了 我要投诉');
    const before = app.transport.to('wx_zhangwei').length;
    await app.say('wx_zhangwei', '我的报修到哪一步了');
    const said = app.transport.to('wx_zhangwei').slice(before).join('\n');
    expect(said).toContain('R1');
    expect(said).toContain('明天09:00–11:00');
    await app.say('wx_zhangwei', '每天早上八点就开始');
    await app.say('wx_zhangwei', '不需要');
    await app.say('wx_zhangwei', '对');
    const complaint = app.store.tickets.openForParty('wx_zhangwei').find((t) => t.type === 'complaint');
    expect(complaint?.summary).toContain('八点');
    expect(complaint?.summary).not.toContain('哪一步');
  });
});

describe('waiting for a person', () => {
  it('还有人吗 after the promised call passed gets the apology and word that it was passed on, not silence', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '转人工');
    await app.advanceTo(Date.parse('2026-11-30T12:00:00+08:00'));
    const before = app.transport.to('wx_zhangwei').length;
    await app.say('wx_zhangwei', '还有人吗');
    const said = app.transport.to('wx_zhangwei').slice(before).join('\n');
    expect(said).toContain('H1');
    expect(said).toContain('原谅');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('还有人吗');
  });
});

describe('words of this round', () => {
  it('a new phone number for the household (手机号改成139…) goes to the desk to update, it moves no visit', async () => {
    for (const text of ['手机号改成13912345678', '我换手机号了 新号13912345678']) {
      const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
      await app.say('wx_zhangwei', text);
      expect(app.transport.to('wx_zhangwei').join('\n')).not.toContain('改到什么时间');
      expect(app.transport.to('wx_zhaomin').join('\n')).toContain('5678');
      expect(app.store.tickets.openForParty('wx_zhangwei')).toMatchObject([{ type: 'handoff' }]);
    }
  });

  it('a noise complaint weighed by the fees paid (交那么多物业费你们也不管管) is a noise complaint', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '楼上天天半夜吵 交那么多物业费你们也不管管');
    const said = app.transport.to('wx_zhangwei').join('\n');
    expect(said).toContain('噪音');
    expect(said).not.toContain('费用');
  });
});

describe('nothing done twice at the desk', () => {
  it('the same #交费 sent again moments later is not recorded twice; another sum, or the same one later, is', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhaomin', '#交费 3-2-1201 806.40');
    const toResident = app.transport.to('wx_zhangwei').length;
    await app.say('wx_zhaomin', '#交费 3-2-1201 806.40');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('没有重复记账');
    expect(app.transport.to('wx_zhangwei')).toHaveLength(toResident);
    expect(app.store.community.openArrears('3-2-1201').map((a) => a.amountFen)).toEqual([3520]);
    await app.say('wx_zhaomin', '#交费 3-2-1201 35.20');
    expect(app.store.community.openArrears('3-2-1201')).toEqual([]);
  });

  it('不消停 in a complaint is never quiet, not 不用停', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '楼上装修 周末也不消停');
    expect(app.transport.to('wx_zhangwei').join('\n')).toContain('噪音');
  });
});

describe('dangers told without their usual words', () => {
  const paged = (app: ReturnType<typeof createTestApp>) => app.transport.to('wx_wugang').join('\n');

  it('a small child locked in the bathroom, crying, is someone to send now, not a visit to book', async () => {
    const app = createTestApp({ now: '2026-11-30T22:00:00+08:00' });
    await app.say('wx_zhangwei', '孩子把自己反锁在卫生间了 才3岁 哭得厉害 门打不开');
    expect(paged(app)).toContain('紧急');
    expect(app.transport.to('wx_zhangwei').join('\n')).not.toContain('什么时间上门');
  });

  it('someone sitting at the edge of a roof is paged, with 110 and 120 for the one who saw it', async () => {
    const app = createTestApp({ now: '2026-11-30T22:00:00+08:00' });
    await app.say('wx_stranger3', '3栋楼顶有个人坐在边上 一直往下看 好吓人');
    expect(paged(app)).toContain('紧急');
    expect(app.transport.to('wx_stranger3').join('\n')).toContain('110');
  });

  it('an old neighbour not seen for days who does not answer the door is a check sent now', async () => {
    const app = createTestApp({ now: '2026-11-30T22:00:00+08:00' });
    await app.say('wx_zhangwei', '对门老太太好几天没见出门了 门口的奶都没拿 敲门也不应 屋里电视还开着');
    expect(paged(app)).toContain('紧急');
  });

  it('keys locked inside, or a bathroom door jammed, are still a locksmith to book', async () => {
    for (const text of ['孩子把钥匙锁在家里了 进不去', '卫生间门反锁了 打不开 要找开锁']) {
      const app = createTestApp({ now: '2026-11-30T22:00:00+08:00' });
      await app.say('wx_zhangwei', text);
      expect(paged(app)).not.toContain('紧急');
    }
  });
});

describe('a call asked for from a time on', () => {
  it('要 晚上七点以后打我电话 is a call promised from 19:00, not "before 19:00", and not late at 19:01', async () => {
    const app = createTestApp({ now: '2026-11-30T21:30:00+08:00' });
    await app.say('wx_lina', '楼上天天半夜蹦迪一样 咚咚咚的 孩子都睡不着 你们管不管');
    await app.say('wx_lina', '1302啊 每天晚上十一点以后 快俩礼拜了');
    await app.say('wx_lina', '要 晚上七点以后打我电话 白天上班');
    await app.say('wx_lina', '对');
    const filed = app.transport.to('wx_lina').at(-1)!;
    expect(filed).toContain('19:00–20:00');
    expect(filed).not.toContain('19:00前');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('不要早于此时');
    const call = app.store.commitments.all().find((c) => c.kind === 'callback')!;
    expect(call.windowStart).toBe(Date.parse('2026-12-01T19:00:00+08:00'));
    await app.advanceTo(Date.parse('2026-12-01T19:30:00+08:00'));
    expect(app.store.commitments.byId(call.id)?.status).toBe('open');
  });
});

describe('the day to pay', () => {
  it('礼拜五发工资 周六过来交 is a promise for Saturday, the payday only said why', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '我欠多少物业费');
    await app.say('wx_zhangwei', '这么多 滞纳金能免吗 我这礼拜五发工资 周六过来交');
    const promise = app.store.commitments.all().find((c) => c.kind === 'payment')!;
    expect(promise.dueAt).toBe(Date.parse('2026-12-05T17:30:00+08:00'));
    expect(app.transport.to('wx_zhangwei').at(-1)).toContain('周六');
  });

  it('周五发工资 发了就交 is still a promise for Friday', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '我欠多少物业费');
    await app.say('wx_zhangwei', '周五发工资 发了就交');
    const promise = app.store.commitments.all().find((c) => c.kind === 'payment')!;
    expect(promise.dueAt).toBe(Date.parse('2026-12-04T17:30:00+08:00'));
  });
});

describe('a unit the office does not know', () => {
  it('#交费 9-9-999 says the unit is not on file, not that nothing is owed', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhaomin', '#交费 9-9-999 100');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('核对房号');
    await app.say('wx_zhaomin', '#交费 3-2-1202 100');
    expect(app.transport.to('wx_zhaomin').at(-1)).toContain('没有待缴');
  });
});

describe('bills that are not this household’s, or not the office’s', () => {
  it('我家燃气费在哪交啊 is the gas company’s bill: the answer, not the household’s arrears', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_zhangwei', '我家燃气费在哪交啊');
    const said = app.transport.to('wx_zhangwei').join('\n');
    expect(said).toContain('燃气公司');
    expect(said).not.toContain('806.40');
  });

  it('你们能告诉我1201交了没, asked by 1202, is another household’s bill: refused', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_lina', '你们能告诉我1201交了没');
    const said = app.transport.to('wx_lina').join('\n');
    expect(said).toContain('保护');
    expect(said).not.toContain('3-2-1202');
  });

  it('nothing owed is said without how to pay', async () => {
    const app = createTestApp({ now: '2026-11-30T10:00:00+08:00' });
    await app.say('wx_lina', '我家物业费还欠多少');
    const said = app.transport.to('wx_lina').at(-1)!;
    expect(said).toContain('没有待缴');
    expect(said).not.toContain('缴费方式');
  });
});

describe('a lift told in pieces longer than a word', () => {
  it('电梯 / 不动了 灯也黑了 / 我在里面: asked whether anyone is inside, then paged', async () => {
    const app = createTestApp({ now: '2026-12-06T13:20:00+08:00' });
    await app.say('wx_wangfang', '电梯');
    await app.say('wx_wangfang', '不动了 灯也黑了');
    expect(app.transport.to('wx_wangfang').at(-1)).toContain('有人被困');
    await app.say('wx_wangfang', '我在里面');
    expect(app.transport.to('wx_wugang').join('\n')).toContain('电梯困人');
  });

  it('电梯 / 卧室灯坏了 要报修 is still the bedroom light', async () => {
    const app = createTestApp({ now: '2026-12-06T13:20:00+08:00' });
    await app.say('wx_wangfang', '电梯');
    await app.say('wx_wangfang', '卧室灯坏了 要报修');
    expect(app.transport.to('wx_wangfang').at(-1)).not.toContain('被困');
  });
});

describe('a number given while a repair is being booked', () => {
  it('房东的手机号我不知道 我的是159… is the contact asked for, not a bill to verify', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_stranger6', '你好 我是5栋3单元803新搬来的租户 暖气片不热 能来看看不 周五下午');
    await app.say('wx_stranger6', '房东的手机号我不知道 我的是15988887777');
    expect(app.transport.to('wx_stranger6').at(-1)).not.toContain('欠费');
    await app.say('wx_stranger6', '对');
    expect(app.transport.to('wx_sunqiang').join('\n')).toContain('7777');
  });
});

describe('a technician complained about', () => {
  it('姓孙的师傅…态度差得要死, nothing open, is a complaint about him that never reaches him', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    await app.say('wx_zhangwei', '你们那个姓孙的师傅上次来修马桶 态度差得要死');
    expect(app.transport.to('wx_sunqiang')).toEqual([]);
    expect(app.transport.to('wx_zhangwei').at(-1)).not.toContain('进度');
  });

  it('is not sent to the home that complained while the complaint is open, when a colleague can go', async () => {
    const app = createTestApp({ now: '2026-12-03T10:00:00+08:00' });
    for (const text of [
      '你们那个姓孙的师傅上次来修马桶 态度差得要死 还把我家地板踩得全是泥 修完还漏',
      '上周四下午',
      '不用打电话 你们看着办',
      '对',
      '对了马桶还是漏 顺便再派个人来修 别派他了',
      '明天上午',
      '对',
    ])
      await app.say('wx_zhangwei', text);
    const owner = app.store.tickets.openForParty('wx_zhangwei').find((t) => t.type === 'repair')?.ownerId;
    expect(app.store.community.staffById(owner!)?.name).toBe('周杰');
    expect(app.transport.to('wx_sunqiang')).toEqual([]);
  });
});

describe('despair taken back', () => {
  it('没事 我就随便说说 after words of ending one’s life: those on call still ring, and the resident hears it kindly', async () => {
    const app = createTestApp({ now: '2026-12-02T23:50:00+08:00' });
    await app.say('wx_lina', '活着真没意思 天天被楼上吵得睡不着 我真想从楼上跳下去算了');
    await app.say('wx_lina', '没事 我就随便说说');
    expect(app.transport.to('wx_lina').at(-1)).toContain('12356');
    expect(app.transport.to('wx_lina').at(-1)).not.toContain('添麻烦');
    expect(app.transport.to('wx_wugang').at(-1)).toContain('确认其安全');
  });

  it('不是开玩笑 after a gas smell keeps the emergency open', async () => {
    const app = createTestApp({ now: '2026-12-02T23:50:00+08:00' });
    await app.say('wx_lina', '厨房有很重的煤气味');
    await app.say('wx_lina', '真的 不是开玩笑');
    expect(app.store.tickets.openForParty('wx_lina')).toHaveLength(1);
  });
});

describe('a family member who does not know the digits', () => {
  it('尾号我不知道, asked for the registered phone, is told how the desk checks them, not asked the same again', async () => {
    const app = createTestApp({ now: '2026-12-01T10:30:00+08:00' });
    await app.say('wx_stranger4', '你好 我是1-1-502王芳的儿子 我妈不会用微信 她让我帮她办个停车月卡 车牌浙A·3K9L2');
    await app.say('wx_stranger4', '尾号我不知道');
    const said = app.transport.to('wx_stranger4').at(-1)!;
    expect(said).toContain('管理处');
    expect(said).not.toContain('例如 1234');
  });
});
