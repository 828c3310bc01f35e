import { describe, expect, it } from 'vitest';
import { PhraseCatalog } from '../../src/phrases/catalog.js';
import { dataPath } from '../../src/domain/data-path.js';
import { namedPhraseKeys } from '../../src/phrases/phrase-usage.js';

const catalog = PhraseCatalog.load();
/** The web console's own words (src/server/ renders those; the bot's phrases everywhere else). */
const consoleCatalog = PhraseCatalog.load(dataPath('console.zh-CN.yaml'));
describe('phrase catalog', () => {
  it('throws on a missing key or a missing parameter', () => {
    expect(() => catalog.render('reception.no_such_phrase')).toThrow(/no phrase with key reception.no_such_phrase/);
    expect(() => catalog.render('input.too_long')).toThrow(/needs parameter \{limit\}/);
    expect(catalog.render('input.too_long', { limit: 2000 })).toContain('2000');
  });

  it('rejects a malformed catalog at load time', () => {
    expect(() => new PhraseCatalog({ a: { b: 3 } })).toThrow(/a\.b must be a string/);
  });

  it('holds the conduct standard’s phrases', () => {
    expect(catalog.render('reception.greeting')).toBe('您好，有什么可以帮到您吗？');
    expect(catalog.render('reception.farewell')).toMatch(/再见.*欢迎您再来/);
    const apologies = catalog
      .keys()
      .map((k) => (catalog.paramsOf(k).length + catalog.timesOf(k).length === 0 ? catalog.render(k) : ''))
      .join('\n');
    for (const phrase of ['请您原谅', '请您多包涵', '请您别介意']) expect(apologies).toContain(phrase);
  });

  it('has every phrase key the code names, with the parameters it passes', () => {
    const named = namedPhraseKeys(['src', 'flows']);
    expect(named.bot.length).toBeGreaterThan(10);
    expect(named.console.length).toBeGreaterThan(10);
    for (const { key } of named.console) expect(consoleCatalog.has(key), key).toBe(true);
    for (const { key, params } of named.bot) {
      expect(catalog.has(key), key).toBe(true);
      if (params.size > 0)
        for (const need of catalog.paramsOf(key))
          expect(params.has(need) || need === 'who', `${key} {${need}}`).toBe(true);
    }
  });

  it('has a desk acknowledgement and a staff notice, both naming the promised time, for every topic handed over', () => {
    for (const topic of ['urgent_repair', 'card', 'progress', 'inquiry']) {
      expect(catalog.paramsOf(`reception.received.${topic}`)).toEqual(['ticket']);
      expect(catalog.timesOf(`reception.received.${topic}`)).toEqual(['due']);
      expect(new Set(catalog.paramsOf(`staff.request.${topic}`))).toEqual(new Set(['ticket', 'text', 'who']));
      expect(catalog.timesOf(`staff.request.${topic}`)).toEqual(['due']);
    }
  });

  it('never writes a time into a phrase: times come only through {name:time} from a commitment', () => {
    const clockLike = /\d{1,2}[:：]\d{2}|\d+\s*(点|時|时|小时|分钟|天内|日内)/;
    // Usage hints show staff what to type ("#改约 R1024 明天下午3点"): examples, not promises.
    for (const key of catalog.keys().filter((k) => !k.startsWith('staff.usage.'))) {
      expect(clockLike.test(catalog.template(key).replace(/\{\w+(:time)?\}/g, '')), key).toBe(false);
    }
    expect(() => catalog.render('reception.received.card', { ticket: 'K1', due: '明天' })).toThrow(
      /names a time .* needs a commitment/,
    );
  });
});
