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

  it('thanks are told apart from other courtesy, and a goodbye stays a goodbye', () => {
    expect(read('好的谢谢').thanks).toBe(true);
    expect(read('收到').thanks).toBeUndefined();
    expect(read('拜拜').goodbye).toBe(true);
  });

  it('is no courtesy once anything else is said: named work is praise, a bill is a bill', () => {
    expect(read('谢谢刘师傅 修得很快').intent).toBe('praise');
    expect(read('好的 谢谢 服务这么差').intent).not.toBe('greeting');
    expect(read('好的 我家水管漏了').intent).toBe('repair');
    // A phone number that ends in 88 is no goodbye.
    expect(read('13800001888').goodbye).toBeUndefined();
  });
});
