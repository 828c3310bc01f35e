import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { p } from '../fakes/phrases.js';
import { createTestApp, RESIDENT } from '../fakes/test-app.js';

const understander = Understander.load();
const NOW = Date.parse('2026-11-26T01:00:00Z');

describe('two matters in one message', () => {
  it.each([
    ['交物业费 顺便报个修 卫生间马桶水箱一直流水', 'arrears', '报个修 卫生间马桶水箱一直流水'],
    ['会员卡要续费 另外厨房灯也不亮了', 'card', '厨房灯也不亮了'],
    ['你们物业几点下班啊 我家门锁坏了 想找人来修', 'inquiry', '我家门锁坏了 想找人来修'],
  ])('"%s" is split into a first matter and the rest', (text, intent, rest) => {
    const u = understander.understand(text, NOW);
    expect(u.intent).toBe(intent);
    expect(u.next).toContain(rest.slice(-6));
  });

  it('the joiner, not the first pause, is where the resident turns to the other matter', () => {
    const u = understander.understand(
      '表扬一下周师傅 昨天修门修得很好 人也客气 另外要投诉楼下402家的狗 每天晚上叫到半夜',
      NOW,
    );
    expect(u.intent).toBe('praise');
    expect(u.next).toMatch(/^要投诉楼下402/);
  });

  it('praise of past work, then a new repair: both kept, though the praise names the work (修的门)', async () => {
    const app = createTestApp();
    await app.say('wx_lina', '上次周师傅修的门很好 谢谢他 这次卫生间的门把手又松了 下礼拜一上午能来吗');
    expect(app.transport.to('wx_zhoujie').join('\n')).toContain('修的门很好');
    expect(app.transport.to('wx_lina').at(-1)).toMatch(/门把手又松了/);
  });

  it.each([
    '插座冒火花了 还有焦味 3-2-1201',
    '楼上1301每天半夜拖椅子 咚咚咚的 11点以后还在弄 一个多月了 不用回电话',
    '厨房水管漏了 明天下午来修',
  ])('"%s" is one matter told in several clauses', (text) => {
    expect(understander.understand(text, NOW).next).toBeUndefined();
  });

  it('both are handled, one after the other: the statement, then the repair booking', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我要交物业费 还有厨房插座没电了');
    const said = app.transport.to(RESIDENT).join('\n');
    expect(said).toContain('806.40'); // the statement first
    expect(said).toContain(p('reception.next_topic'));
    expect(app.transport.to(RESIDENT).at(-1)).toBe(p('repair.ask_time'));
    await app.say(RESIDENT, '明天下午');
    await app.say(RESIDENT, '对');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.type)).toEqual(['repair']);
  });

  it('the second matter is taken up when the first task is done', async () => {
    const app = createTestApp();
    await app.say(RESIDENT, '我要补办门禁卡 还有家里阳台灯坏了');
    for (let turn = 0; turn < 6 && !app.store.tickets.openForParty(RESIDENT).some((t) => t.type === 'card'); turn++) {
      const last = app.transport.to(RESIDENT).at(-1) ?? '';
      await app.say(
        RESIDENT,
        /对吗|确认/.test(last)
          ? '对'
          : /姓名|名字|谁/.test(last)
            ? '张伟'
            : /电话/.test(last)
              ? '13800001201'
              : '3-2-1201',
      );
    }
    expect(app.transport.to(RESIDENT).join('\n')).toContain(p('reception.next_topic'));
    await app.say(RESIDENT, '明天上午');
    await app.say(RESIDENT, '对');
    expect(
      app.store.tickets
        .openForParty(RESIDENT)
        .map((t) => t.type)
        .sort(),
    ).toEqual(['card', 'repair']);
  });
});
