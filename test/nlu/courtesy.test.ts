import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';

const NOW = Date.parse('2026-11-29T10:00:00+08:00');
const understander = Understander.load();
const read = (text: string) => understander.understand(text, NOW);

describe('courtesy that asks for nothing', () => {
  it('is a greeting, in plain words, dialect and emoji alike', () => {
    for (const text of ['谢谢', '好的', '收到👌', '嗯嗯', '拜拜', '晚安啦', '多谢晒', '谢谢侬', '周末愉快🌹', 'OK'])
      expect(read(text).intent, text).toBe('greeting');
  });

  it('"不用回电话" on its own asks for nothing (no person is wanted), and keeps its answer for a complaint', () => {
    expect(read('不用回电话')).toMatchObject({ intent: 'greeting', complaint: { callback: false } });
  });

  it('thanks are told apart from other courtesy, and a goodbye stays a goodbye', () => {
    expect(read('好的谢谢').thanks).toBe(true);
    expect(read('收到').thanks).toBeUndefined();
    expect(read('拜拜').goodbye).toBe(true);
  });

  it('is no courtesy once anything else is said: named work is praise, a bill is a bill', () => {
    expect(read('谢谢刘师傅 修得很快').intent).toBe('praise');
    expect(read('好的 谢谢 服务这么差').intent).not.toBe('greeting');
    expect(read('好的 我家水管漏了').intent).toBe('repair');
    expect(read('嗯，楼道灯又不亮了').intent).toBe('repair');
    // 中 and 好 begin words too: only an acknowledgement with a pause after it is set aside.
    expect(read('中央空调不制冷').intent).toBe('repair');
    // A phone number that ends in 88 is no goodbye.
    expect(read('13800001888').goodbye).toBeUndefined();
  });
});

describe('what a message is about, whatever the training examples share with it', () => {
  it('a keyword asked for and nothing more is that keyword’s matter', () => {
    expect(read('我要报修')).toMatchObject({ intent: 'repair', confidence: 1 });
    expect(read('帮我转人工一下')).toMatchObject({ intent: 'human', confidence: 1 });
  });

  it('numbers and symbols are no evidence of a matter: code-like input is no bill', () => {
    for (const text of ["1' OR '1'='1", '{{7*7}} ${7*7} #{7*7}']) expect(read(text).intent, text).not.toBe('arrears');
  });

  it('停不停水 asks (A-not-A), so an outage question is no repair to book', () => {
    expect(read('7栋1单元401的，今天下午停不停水啊')).toMatchObject({ intent: 'inquiry', question: true });
  });

  it('a fault with the time left to us is a repair for sure', () => {
    expect(read('1102 空调外机嗡嗡响 声音很大 周五哪个时间都行 你们安排')).toMatchObject({
      intent: 'repair',
      confidence: 1,
    });
  });

  it('hearsay from a neighbour is no question about the neighbour’s household', () => {
    expect(read('问一下 听邻居说明年物业费要涨价 真的假的')).toMatchObject({ intent: 'inquiry' });
    expect(read('问一下 听邻居说明年物业费要涨价 真的假的').aboutOthers).toBeUndefined();
    expect(read('帮我查一下隔壁1201欠多少物业费').aboutOthers).toBe(true);
  });
});

describe('asking us to find out, and nothing more', () => {
  it('is a question to pass on, whatever the classifier hears in 麻烦; with a matter it is that matter', () => {
    expect(read('好的 麻烦帮我问问')).toMatchObject({ intent: 'inquiry', findOut: true });
    expect(read('那你帮忙问一下吧')).toMatchObject({ intent: 'inquiry', findOut: true });
    expect(read('帮我问下我家欠多少').intent).toBe('arrears');
  });

  it('"有下文没" asks after a matter already told; "定了吧" settles what was read back', () => {
    expect(read('前几天投诉狗叫的事 有下文没').intent).toBe('progress');
    expect(read('那就两点来 定了吧').answer).toBe('yes');
  });

  it('"再不来…" is impatience about a visit, never calling it off', () => {
    expect(read('今天下午4点 再不来我就投诉了').intent).not.toBe('cancel');
  });
});
