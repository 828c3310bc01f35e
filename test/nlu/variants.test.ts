import { describe, expect, it } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import { Variants } from '../../src/nlu/variants.js';
import { parseIso } from '../../src/domain/time.js';

const nlu = Understander.load();
const NOW = parseIso('2026-12-07T10:00:00+08:00'); // a Monday
const read = (text: string) => nlu.understand(text, NOW);

describe('typos, homophones and dialect words, read as the common words they stand for (data/variants.zh-CN.yaml)', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['马统堵了 水下不去', 'repair', { category: '管道' }],
    ['屋头马桶堵了 咋个整嘛', 'repair', { category: '管道' }],
    ['空条不制冷了', 'repair', { category: '家电' }],
    ['部电梯坏咗 1号楼1单元嘅 成朝停喺3楼唔郁', 'repair', { category: '公共设施' }],
    ['阿拉屋里厢灯坏脱了', 'repair', { category: '电' }],
    ['门进卡丢了 要补', 'card', { cardType: 'access', cardBusiness: 'replacement' }],
    ['挺车卡续费 续半年', 'card', { cardType: 'parking', cardBusiness: 'renewal' }],
    ['我要投拆楼上 半夜老是吵', 'complaint', { complaintCategory: 'noise' }],
    ['物业废欠多少', 'arrears', {}],
    ['洗手间的下谁道堵了', 'repair', { category: '管道' }],
    // A slow basin drain names its fixture, not a leak: the repair is described, not asked for again.
    ['洗手池下水很慢 周三下午两点来看看', 'repair', { category: '管道' }],
  ];
  for (const [text, intent, slots] of cases) {
    it(`${text} → ${intent}`, () => {
      const u = read(text);
      expect(u.intent).toBe(intent);
      expect(u.slots).toMatchObject(slots);
    });
  }

  it('leaves a word alone when a variant is only part of it (天然气 is not 天燃气)', () => {
    const variants = Variants.load();
    expect(variants.rewrite('天然气味好重')).toBe('天然气味好重');
    expect(variants.rewrite('有股然气味')).toBe('有股燃气味');
    expect(read('天然气味好重').slots.category).toBe('燃气');
  });

  it('Cantonese how-often and no call-back (晚晚…差唔多日日都有 唔使打电话俾我) are heard in a complaint', () => {
    const facts = read('就系2栋楼下嗰个凉亭 晚晚食完饭七八点 差唔多日日都有 唔使打电话俾我').complaint;
    expect(facts).toMatchObject({ callback: false });
    expect(facts?.often).toBeDefined();
  });

  it('reads no time in what a dialect word stood for (成朝 is "all morning long", not a booking)', () => {
    expect(read('部电梯坏咗 成朝停喺3楼唔郁').slots.time).toBeUndefined();
  });
});

describe('a negative judgement is never praise, whatever words it shares with thanks', () => {
  for (const text of [
    '很不满意',
    '服务这么差',
    '你们服务这么差还好意思收钱',
    '对你们的服务非常失望',
    '师傅一点都不专业',
  ]) {
    it(text, () => {
      const u = read(text);
      expect(u.intent).not.toBe('praise');
      expect(u.dissatisfied).toBe(true);
    });
  }

  it('while thanks for good work stay praise', () => {
    expect(read('谢谢师傅修得很好').intent).toBe('praise');
  });
});

describe('words that look like something else', () => {
  it('reads a greeting before a matter as manners: the matter is what the message is about', () => {
    expect(read('你好，在吗，我家阳台的水管裂了').intent).toBe('repair');
    expect(read('你好 有人吗 想问一下停车费怎么交').intent).toBe('arrears');
    expect(read('你好，请问').intent).toBe('greeting');
  });

  it('reads 早上好 as a greeting, not as a time', () => {
    expect(read('早上好')).toMatchObject({ intent: 'greeting', slots: {} });
  });

  it('reads a sentence-final 伐 (Wu) as a question, and leaves it inside a word', () => {
    const variants = Variants.load();
    expect(variants.rewrite('前台周末上班伐？')).toBe('前台周末上班吗？');
    expect(variants.rewrite('门口的树被砍伐了')).toBe('门口的树被砍伐了');
  });

  it('reads a lift stuck (电梯卡住) as a lift, not as a lift card', () => {
    expect(read('电梯卡住了 我在里面').intent).not.toBe('card');
  });
});

describe('English words mixed in, and paying told in passing', () => {
  it('reads English words whole, in any case', () => {
    const u = nlu.understand(
      'hello 我家1102 kitchen 的 light 坏了 can u send someone tmr morning?',
      parseIso('2026-12-11T09:05:00+08:00'),
    );
    expect(u.intent).toBe('repair');
    expect(u.slots).toMatchObject({ category: '电', location: '厨房', time: '2026-12-12T09:00:00+08:00' });
    expect(Variants.load().rewrite('my Lighter')).toBe('my Lighter');
  });

  it('takes paying as a promise only when paying is the matter, not in a complaint or a repair', () => {
    expect(read('明天上午来交物业费').paying).toBe(true);
    // A bare 交 promises only with a day: 下礼拜三交 does, 怎么交 does not.
    expect(read('下礼拜三交').paying).toBe(true);
    expect(read('物业费怎么交').paying).toBeUndefined();
    expect(read('投诉前台那个人 今天上午我去交停车费 她一直玩手机').paying).toBeUndefined();
    expect(read('可能没提交上吧 那重新报 阳台灯不亮了 明天下午来').paying).toBeUndefined();
  });
});

describe('a reply that only gives a time', () => {
  it('names no matter of its own: no cancel (那就两点吧), no new request', () => {
    for (const text of ['那就两点吧', '那周一上午吧', '明天上午']) {
      const u = read(text);
      expect(u.intent, text).toBe('other');
      expect(u.slots.time, text).toBeDefined();
    }
    expect(read('明天上午来修吧 厨房灯坏了').intent).toBe('repair');
    expect(read('算了 明天再说吧').intent).toBe('cancel');
  });
});

describe('chat with none of the office’s words', () => {
  it('is chat unless an intent is clearly likelier', () => {
    for (const text of ['周末想去爬山', '你今年多大', '我家孩子今天生日'])
      expect(read(text).intent, text).toBe('other');
    expect(read('这下交清了吧').intent).toBe('arrears');
    expect(read('合页有点歪').intent).toBe('repair');
  });
});

describe('traditional characters (Hong Kong, Taiwan), read as the simplified ones the data is written in', () => {
  it('reads 電閘冒煙 as the electrical danger, 燃起味 as gas, and 單元 in a unit', () => {
    expect(read('電閘冒煙了!!!一股燒焦味').emergency).toEqual({ kind: 'electric', sure: true });
    expect(read('楼道里有股燃起味 好冲').emergency).toEqual({ kind: 'gas', sure: true });
    expect(read('我係8座1單元1703嘅 冷氣壞咗').slots.unit).toBe('8-1-1703');
  });

  it('keeps the characters Cantonese writes on purpose: 係 is yes, 𨋢 is a lift', () => {
    expect(read('係').answer).toBe('yes');
    expect(read('部𨋢困咗人 快啲嚟').emergency).toEqual({ kind: 'trapped', sure: true });
  });
});
