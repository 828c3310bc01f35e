import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { parseIso } from '../../src/runtime/time.js';
import { p } from '../fakes/phrases.js';
import { bookRepair, createTestApp, RESIDENT, SERVICE_DESK } from '../fakes/test-app.js';

const understander = Understander.load();
const NOW = Date.parse('2026-11-26T01:00:00Z');
const TECHNICIAN = 'wx_sunqiang';
const UNVERIFIED_OWNER = 'wx_liuyang'; // 5-3-803, phone ending 0803

describe('words as residents write them, read for what they ask', () => {
  it('"灯坏了 啥时候能来整一下" with nothing under way is a repair, and a when-question about the office is an inquiry', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '卫生间灯坏了 啥时候能来整一下');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
    const other = createTestApp();
    await other.say(RESIDENT, '业委会什么时候换届选举啊');
    expect(other.transport.to(RESIDENT).join('\n')).not.toContain(p('reception.aside.no_tickets'));
    expect(other.store.tickets.openForParty(RESIDENT).map((t) => t.category)).toEqual(['inquiry']);
  });

  it('"物业费晚交的话 滞纳金收不收" is a question about the rule, not a bill; "我欠多少 滞纳金收不收" is both', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '物业费晚交的话 滞纳金收不收');
    const said = app.transport.to(RESIDENT).join('\n');
    expect(said).not.toContain('目前待缴的费用');
    expect(said).toContain(p('faq.header'));
    expect(understander.understand('我欠多少 滞纳金收不收', NOW)).toMatchObject({ intent: 'arrears', next: '滞纳金收不收' });
  });

  it('"前台那个小赵" is the service desk\'s 赵敏, and her praise is recorded for her', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '前台那个小赵妹妹人好好哦 帮我查了半天 谢谢她');
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('reception.praise_thanks', { staff: '赵敏' }));
    expect(app.store.events.ofTypes(['praise']).map((e) => (e.data as { staff: string }).staff)).toEqual(['s001']);
  });

  it('unit and whole phone number in the first message are checked at once: the repair goes on without asking again', async () => {
    const app = createTestApp();
    await app.say(UNVERIFIED_OWNER, '你好 我是5栋3单元803业主刘洋 手机13700000803 入户门锁坏了 明天上午能来吗');
    const said = app.transport.to(UNVERIFIED_OWNER).join('\n');
    expect(said).not.toContain(p('binding.ask_phone'));
    expect(said).toContain(p('binding.done'));
    await app.say(UNVERIFIED_OWNER, '对');
    expect(app.store.tickets.openForParty(UNVERIFIED_OWNER).map((t) => t.type)).toEqual(['repair']);
  });

  it('after a failed check, "直接告诉我欠多少就行了" is refused: the bill stays with the verified household', async () => {
    const app = createTestApp();
    await app.say('wx_stranger', '我是3-2-1201业主 查下物业费');
    await app.say('wx_stranger', '手机尾号是8888');
    await app.say('wx_stranger', '那你就直接告诉我欠多少就行了 我是业主还不信吗');
    expect(app.transport.to('wx_stranger').at(-1)).toBe(p('arrears.not_your_unit'));
    expect(app.transport.to('wx_stranger').join('\n')).not.toContain('目前待缴的费用');
  });

  it('Cantonese: 听日上昼 is tomorrow morning and 得 is a yes', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '厕所个水箱坏咗 一直漏水 听日上昼得唔得闲嚟整');
    expect(app.transport.to(RESIDENT).at(-1)).toContain('明天');
    await app.say(RESIDENT, '得 唔该');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });
});

describe('a chase answered from the ticket', () => {
  it('"说好给我回电话的呢" and "有结果了吗 都一个礼拜了" are about the open ticket', () => {
    expect(understander.understand('说好给我回电话的呢 两天了', NOW).aboutTicket).toBe('chase');
    expect(understander.understand('上次那个投诉有结果了吗 都一个礼拜了', NOW).aboutTicket).toBeDefined();
  });

  it('a resident who thinks tomorrow\'s visit was today is told the time and nobody is chased; one who names the right day and is cross is relayed', async () => {
    const app = createTestApp();
    const ticket = await bookRepair(app); // tomorrow 09:00–11:00
    await app.advanceTo(parseIso('2026-11-26T15:00:00+08:00'));
    const toTechnician = app.transport.to(TECHNICIAN).length;
    await app.say(RESIDENT, '师傅怎么还没来 不是今天下午吗');
    expect(app.transport.to(RESIDENT).at(-1)).toContain(ticket);
    expect(app.transport.to(RESIDENT).at(-1)).toContain('09:00');
    expect(app.transport.to(TECHNICIAN)).toHaveLength(toTechnician);
    await app.say(RESIDENT, '又拖？？你们到底行不行 明天上午几点 我得跟单位请假');
    expect(app.transport.to(TECHNICIAN).length).toBeGreaterThan(toTechnician);
    expect(app.transport.to(SERVICE_DESK).join('\n')).not.toContain('不是今天下午吗');
  });
});
