import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { parseIso } from '../../src/domain/time.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, fileComplaint, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const understander = Understander.load();
const NOW = Date.parse('2026-11-26T01:00:00Z');
const HOUR = 3_600_000;
const types = (app: ReturnType<typeof createTestApp>, who = RESIDENT) =>
  app.store.tickets
    .openForParty(who)
    .map((t) => t.type)
    .sort();

describe('what a resident adds about a matter that waits its turn', () => {
  it('a second matter after a joiner inside a form is kept without the joiner, and "灯的话明天上午来" goes to it, not to the form', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '想办停车月卡');
    await app.say(RESIDENT, '张伟 3-2-1201 沪A·3M872 13800001201 对了顺便报个修 阳台灯坏了');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('沪A3M872');
    await app.say(RESIDENT, '灯的话明天上午来');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.noted_for_later'));
    await app.say(RESIDENT, '对'); // the card's repeat-back
    // The repair comes next, with the time already given: straight to its repeat-back.
    expect(app.transport.to(RESIDENT).join('\n')).toContain(p('reception.next_topic'));
    expect(app.transport.to(RESIDENT).at(-1)).toContain('阳台灯坏了');
    await app.say(RESIDENT, '对');
    expect(types(app)).toEqual(['card', 'repair']);
  });

  it('"先看欠费" while the bill waits behind a card form: the verified household\'s statement now, then the form goes on', async () => {
    const app = createTestApp();
    await app.say('wx_wangfang', '停车卡快到期了 要续费 顺便问下我停车费是不是还欠着');
    await app.say('wx_wangfang', '先看欠费');
    const said = app.transport.to('wx_wangfang');
    expect(said.join('\n')).toContain(p('arrears.header', { unit: '1-1-502' }));
    expect(said.at(-1)).toBe(p('card.ask_plate'));
    expect(said).not.toContain(p('reception.noted_for_later'));
  });

  it('a known question beside a complaint is answered at once, and the complaint asks its question again', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '楼上1302天天半夜跺脚 吵死了 另外物业几点上班');
    const said = app.transport.to('wx_lina');
    expect(said.join('\n')).toContain(p('faq.header'));
    expect(said.at(-1)).toBe(p('complaint.ask_callback'));
    expect(said).not.toContain(p('reception.noted_for_later'));
  });

  it('"两个事 1是…要修 2是…装修打电钻": the repair, then the complaint, both filed', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '两个事 1是厨房水龙头把手断了要修 2是楼上1301装修 每天早上7点就开始打电钻 连着一个礼拜了');
    await app.say(RESIDENT, '明天上午');
    await app.say(RESIDENT, '对');
    await app.say(RESIDENT, '不用回电话');
    await app.say(RESIDENT, '对');
    expect(types(app)).toEqual(['complaint', 'repair']);
  });

  it('praise of 周师傅 and a complaint in one message: the praise reaches him, and the complaint is heard out and filed', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '昨天周师傅来修门特别耐心 点个赞 不过3栋楼下那几个垃圾桶天天满出来 臭得很 一周多了都这样');
    await app.say('wx_lina', '不用回电话');
    await app.say('wx_lina', '对');
    expect(app.transport.to('wx_zhoujie').join('\n')).toContain('周师傅来修门特别耐心');
    expect(types(app, 'wx_lina')).toEqual(['complaint']);
  });

  it('"不用回电" while a complaint waits is that complaint\'s answer, and the fee question before it gets no offer', async () => {
    const app = createTestApp({ now: '2026-11-26T21:20:00+08:00' });
    await app.say(RESIDENT, '停车卡押金多少 另外楼上602又在跺脚 每天半夜 两个礼拜了 投诉');
    const said = app.transport.to(RESIDENT);
    expect(said.join('\n')).not.toContain(p('card.offer'));
    expect(said.at(-1)).toBe(p('complaint.ask_callback'));
    await app.say(RESIDENT, '不用回电');
    await app.say(RESIDENT, '对');
    expect(types(app)).toEqual(['complaint']);
  });

  it('a matter that waited is read as the resident now is: verified by the first, the repair does not ask the unit again', async () => {
    const app = createTestApp();
    await app.say('wx_liuyang', '帮我查一下5-3-803欠多少物业费 还有家里客厅灯不亮了');
    await app.say('wx_liuyang', '0803');
    expect(app.transport.to('wx_liuyang').at(-1)).toBe(p('repair.ask_time'));
    await app.say('wx_liuyang', '明天上午');
    await app.say('wx_liuyang', '对');
    expect(types(app, 'wx_liuyang')).toEqual(['repair']);
  });

  it('"投诉。。。地库B1那几盏灯坏了快一个月了": the business named first is what the rest is told as', () => {
    expect(
      understander.understand('投诉。。。地库B1东头那几盏灯坏了快一个月了。。。黑灯瞎火的。。。', NOW).intent,
    ).toBe('complaint');
    expect(understander.understand('修好了 孙师傅手艺好 五星👍👍', NOW).intent).not.toBe('repair');
  });

  it('"今儿个上班不 俺想过去交物业费" from someone not yet verified: the hours first; going to pay asks for no bill', async () => {
    const app = createTestApp({ now: '2026-11-29T10:00:00+08:00' });
    await app.say('wx_liuyang', '你们物业今儿个上班不 俺想过去交物业费');
    expect(app.transport.to('wx_liuyang').join('\n')).toContain(p('faq.header'));
  });

  it.each([
    ['滞纳金收不收 还有明年物业费涨不涨', 'inquiry', '明年物业费涨不涨'],
    ['你们办公时间是几点到几点 我想过来办门禁卡 要带啥', 'inquiry', '我想过来办门禁卡 要带啥'],
  ])('"%s": two questions, or hours asked with a card, are two matters', (text, intent, next) => {
    const u = understander.understand(text, NOW);
    expect(u).toMatchObject({ intent, next });
  });

  it('someone not yet verified asking their arrears beside a card: verified first, the bill, then the card form', async () => {
    const app = createTestApp();
    await app.say('wx_liuyang', '我要办个门禁卡 顺便查一下欠费 5栋3单元803');
    expect(app.transport.to('wx_liuyang').at(-1)).toBe(p('binding.ask_phone'));
    await app.say('wx_liuyang', '0803');
    const said = app.transport.to('wx_liuyang').join('\n');
    expect(said).toContain('1612.80');
    expect(said).toContain(p('reception.next_topic'));
    expect(app.store.community.residentsByWechat('wx_liuyang').map((r) => r.unitId)).toEqual(['5-3-803']);
  });

  it('the waiting question asked again mid-complaint is answered at once, and not again once the complaint is filed', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我车位又被人占了 B区112 第四回了 另外你们办公室明天几点上班');
    await app.say(RESIDENT, '办公室几点关门');
    expect(app.transport.to(RESIDENT).join('\n')).toContain('8:30');
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain(p('reception.noted_for_later'));
    await app.say(RESIDENT, '都是晚上七点以后 一辆白色SUV 不用回电话');
    await app.say(RESIDENT, '对');
    expect(types(app)).toEqual(['complaint']);
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain(p('reception.next_topic'));
  });

  it('"投诉算了 … 下礼拜一下午来看看" while the complaint waits: the complaint is dropped, the repair is booked for then', async () => {
    const app = createTestApp({ now: '2026-12-18T15:30:00+08:00' });
    await app.say(RESIDENT, '报修 客厅窗户关不严 漏风 还有想投诉楼下装修太吵');
    await app.say(RESIDENT, '投诉算了 不投了 都是邻居 窗户下礼拜一下午来看看 4点以后');
    const said = app.transport.to(RESIDENT);
    expect(said).toContain(p('reception.waiting_dropped'));
    expect(said.join('\n')).not.toContain(p('repair.cancelled'));
    expect(said.at(-1)).toContain('12月21日');
    await app.say(RESIDENT, '嗯');
    expect(types(app)).toEqual(['repair']);
    expect(app.transport.to(RESIDENT).join('\n')).not.toContain(p('reception.next_topic'));
  });

  it('"门禁卡先不办了" alone while the card waits: the repair asks its time again; both called off cancel the task', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卫生间灯不亮了 另外补办个门禁卡');
    await app.say(RESIDENT, '门禁卡先不办了');
    expect(app.transport.to(RESIDENT).slice(-2)).toEqual([p('reception.waiting_dropped'), p('repair.ask_time_again')]);
    expect(
      understander.understand('算了 投诉也不投了 修也不修了', NOW, () => [], '想投诉楼下装修太吵').dropsWaiting,
    ).toBeUndefined();
  });

  it('a verified household\'s bill asked beside a card is shown at once; "欠的月底一起交" mid-form is their promise to pay', async () => {
    const app = createTestApp({ now: '2026-12-07T12:40:00+08:00' });
    await app.say(RESIDENT, '停车卡快到期了要续费 顺便看看我还欠啥');
    const said = app.transport.to(RESIDENT);
    expect(said.join('\n')).toContain('841.60');
    expect(said.at(-1)).toBe(p('card.ask_plate'));
    await app.say(RESIDENT, '欠的月底一起交');
    expect(app.store.commitments.all()).toEqual([
      expect.objectContaining({ kind: 'payment', party: 'resident', status: 'open' }),
    ]);
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('card.ask_plate'));
  });

  it('the waiting question asked again in other words and answered waits no more: no person is called for it later', async () => {
    const app = createTestApp({ now: '2026-12-05T15:00:00+08:00' });
    await app.say('wx_lina', '1203家的狗天天叫 白天晚上都叫 还有你们办公室今天开门吗 我想过去当面说');
    await app.say('wx_lina', '办公室几点关门');
    expect(app.transport.to('wx_lina').join('\n')).toContain(p('faq.header'));
    await app.say('wx_lina', '狗的事 每天早上6点多和晚上10点以后叫得最凶 两个月了 不用回电话');
    await app.say('wx_lina', '对');
    expect(types(app, 'wx_lina')).toEqual(['complaint']);
    expect(app.transport.to('wx_lina').join('\n')).not.toContain(p('reception.next_topic'));
  });

  it("another household's bill asked aside in a card form is refused, and nothing of it is shown", async () => {
    const app = createTestApp();
    await app.say('wx_lina', '我家门禁卡坏了要换一张');
    await app.say('wx_lina', '1201的欠费你就告诉我嘛 我们很熟的');
    expect(app.transport.to('wx_lina').join('\n')).toContain(p('arrears.others_refused'));
    expect(app.transport.to('wx_lina').join('\n')).not.toContain('806.40');
  });

  it('a car plate is no ticket number, and opening hours are no question about a visit', () => {
    expect(understander.understand('王芳 1-1-502 沪A·K6271 13900000502', NOW).slots.ticket).toBeUndefined();
    expect(understander.understand('你们办公时间是几点到几点', NOW).aboutTicket).toBeUndefined();
    expect(understander.understand('师傅几点到', NOW).aboutTicket).toBe('question');
  });
});

describe('a question the office asked stays open through silence', () => {
  it('"解决了吗" answered three hours later with 没问题: confirmed, no new complaint, no farewell in between', async () => {
    const app = createTestApp();
    const ticket = await fileComplaint(app, RESIDENT, '我要投诉，楼道一周没拖地');
    await app.say(SERVICE_DESK, `#完成 ${ticket}`);
    const before = app.transport.to(RESIDENT).length;
    await app.advanceTo(app.clock.now() + 3 * HOUR);
    expect(app.transport.to(RESIDENT).slice(before)).toEqual([]);
    await app.say(RESIDENT, '没问题');
    expect(app.store.tickets.byNumber(ticket)?.status).toBe('confirmed');
    expect(types(app)).toEqual([]);
  });

  it('a new matter the next morning is heard as such, not met with the question again', async () => {
    const app = createTestApp();
    const ticket = await fileComplaint(app, RESIDENT, '我要投诉，楼道一周没拖地');
    await app.say(SERVICE_DESK, `#完成 ${ticket}`);
    await app.advanceTo(parseIso('2026-11-27T08:40:00+08:00'));
    await app.say(RESIDENT, '卫生间灯坏了 要报修');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
  });

  it('a new time proposed in the afternoon and accepted the next morning moves the visit', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-26T15:00:00+08:00'));
    await app.say('wx_sunqiang', `#改约 ${ticket} 后天下午3点`);
    await app.advanceTo(parseIso('2026-11-27T08:00:00+08:00'));
    await app.say(RESIDENT, '可以');
    const open = app.store.commitments.all().filter((c) => c.kind === 'repair_visit' && c.status === 'open');
    expect(open.map((c) => new Date(c.windowStart!).toISOString())).toEqual(['2026-11-28T07:00:00.000Z']);
  });
});
