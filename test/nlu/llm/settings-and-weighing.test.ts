import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { loadIntentData } from '../../../src/nlu/intent-data.js';
import type { Slots, Understanding } from '../../../src/nlu/intent.js';
import { Masker } from '../../../src/nlu/llm/mask.js';
import { loadLlmWords } from '../../../src/nlu/llm/prompt.js';
import { decide, type Weighed } from '../../../src/nlu/llm/second-opinion.js';
import { CLARIFY_BELOW } from '../../../flows/reception/reading.js';
import { checkLlmSettings } from '../../../src/nlu/llm/settings.js';

describe('settings', () => {
  it('is off by default, with a 2 s timeout and no budget', () => {
    expect(loadConfig({}).llm).toEqual({ mode: 'off', timeoutMs: 2_000, dailyCalls: 0 });
  });

  it('needs an endpoint and a model once on, and reads the timeout in s or ms', () => {
    expect(() => loadConfig({ WUYE_LLM_MODE: 'fallback', WUYE_LLM_MODEL: 'm' })).toThrow(/WUYE_LLM_BASE_URL/);
    const on = {
      WUYE_LLM_MODE: 'always',
      WUYE_LLM_BASE_URL: 'https://api.example.com/v1',
      WUYE_LLM_MODEL: 'm',
      WUYE_LLM_TIMEOUT: '1500ms',
      WUYE_LLM_DAILY_CALLS: '500',
    };
    expect(loadConfig(on).llm).toMatchObject({ mode: 'always', timeoutMs: 1_500, dailyCalls: 500 });
    expect(() => loadConfig({ ...on, WUYE_LLM_TIMEOUT: 'soon' })).toThrow(/WUYE_LLM_TIMEOUT/);
  });

  it("wuye check warns when residents' words would cross a network without https", () => {
    const on = { mode: 'fallback' as const, model: 'm', timeoutMs: 2_000, dailyCalls: 0 };
    expect(checkLlmSettings({ ...on, baseUrl: 'http://10.0.0.5:8000/v1' })).toEqual([
      expect.objectContaining({ severity: 'warning', file: 'WUYE_LLM_BASE_URL' }),
    ]);
    expect(checkLlmSettings({ ...on, baseUrl: 'https://api.deepseek.com/v1' })).toEqual([]);
    expect(checkLlmSettings({ ...on, baseUrl: 'http://127.0.0.1:11434/v1' })).toEqual([]);
    expect(checkLlmSettings({ ...on, mode: 'off', baseUrl: 'http://10.0.0.5/v1' })).toEqual([]);
  });

  it('nothing outside src/nlu/llm loads its client, except through the one dynamic import', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) =>
        statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)],
      );
    const runtime = /^import (?!type)[^;]*from '[^']*llm\/(second-opinion|client|guard|mask)\.js'/m;
    const offenders = [...files('src'), ...files('flows')].filter(
      (f) => !f.startsWith(path.join('src', 'nlu', 'llm')) && runtime.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});

describe('masking', () => {
  const intents = loadIntentData();
  const words = loadLlmWords();
  const masker = () =>
    new Masker(
      {
        titles: words.name_titles,
        prefixes: words.name_prefixes,
        surnames: intents.surnames,
        compoundSurnames: intents.compound_surnames,
      },
      ['张伟', '孙强'],
    );

  it('replaces phones however written, units, tickets, names and long numbers, and puts them back', () => {
    const m = masker();
    const text = '张伟 +86 138-0000-1201 住5#3-803，R1024 孙师傅没来，小王说尾号1234，欧阳女士也知道';
    const masked = m.mask(text);
    for (const secret of ['张伟', '138', '1201', '5#3-803', 'R1024', '孙', '王', '1234', '欧阳'])
      expect(masked).not.toContain(secret);
    expect(m.unmask(masked)).toBe(text);
  });

  it('gives the same value the same placeholder across turns, and leaves times and words alone', () => {
    const m = masker();
    expect(m.mask('R12 明天下午3点')).toBe('<TICKET_1> 明天下午3点');
    expect(m.mask('还是R12')).toBe('还是<TICKET_1>');
    expect(m.unmask('<TICKET_1> <UNIT_9>')).toBe('R12 <UNIT_9>');
  });
});

describe('weighing the two readings', () => {
  const offline = (u: Partial<Weighed> = {}): Weighed & Pick<Understanding, 'topic'> => ({
    intent: 'other',
    confidence: 0.4,
    slots: {},
    topic: '',
    ...u,
  });
  const noTime = (): Slots => ({});
  const answer = { intent: 'repair' as const, confidence: 0.9 };

  it("takes the model's matter only where it is surer and sure enough, never over a menu pick", () => {
    expect(decide(offline(), answer, '', noTime, CLARIFY_BELOW)).toMatchObject({
      intent: 'repair',
      confidence: 0.9,
      alternative: 'other',
    });
    expect(decide(offline({ intent: 'card', confidence: 0.95 }), answer, '', noTime, CLARIFY_BELOW).intent).toBe(
      'card',
    );
    expect(decide(offline(), { ...answer, confidence: 0.5 }, '', noTime, CLARIFY_BELOW).intent).toBe('other');
    expect(
      decide(offline({ intent: 'card', confidence: 0.3, menu: true }), answer, '', noTime, CLARIFY_BELOW).intent,
    ).toBe('card');
  });

  it('the stricter reading of danger wins; the model never lowers it', () => {
    const sure = offline({ emergency: { kind: 'gas', sure: true } });
    expect(decide(sure, { ...answer, emergency: null }, '', noTime, CLARIFY_BELOW).emergency).toEqual({
      kind: 'gas',
      sure: true,
    });
    expect(
      decide(sure, { ...answer, emergency: { kind: 'gas', sure: false } }, '', noTime, CLARIFY_BELOW).emergency,
    ).toEqual({ kind: 'gas', sure: true });
    const perhaps = offline({ emergency: { kind: 'water', sure: false } });
    expect(
      decide(perhaps, { ...answer, emergency: { kind: 'water', sure: true } }, '', noTime, CLARIFY_BELOW),
    ).toMatchObject({ emergency: { kind: 'water', sure: true }, slots: { urgent: true } });
    expect(
      decide(offline(), { ...answer, emergency: { kind: 'fire', sure: false } }, '', noTime, CLARIFY_BELOW).emergency,
    ).toEqual({ kind: 'fire', sure: false });
  });

  it('a yes only where none was heard and nothing was asked back; a time only from words in the message', () => {
    expect(
      decide(offline({ question: true }), { ...answer, answer: 'yes' }, '', noTime, CLARIFY_BELOW).answer,
    ).toBeUndefined();
    expect(decide(offline({ answer: 'no' }), { ...answer, answer: 'yes' }, '', noTime, CLARIFY_BELOW).answer).toBe(
      'no',
    );
    const spans: string[] = [];
    const read = (span: string): Slots => (
      spans.push(span),
      { time: '2026-11-27T14:00:00+08:00', timeFromPeriod: true }
    );
    expect(
      decide(offline(), { ...answer, time_span: '明天下午' }, '那就明天下午吧', read, CLARIFY_BELOW).slots,
    ).toEqual({ time: '2026-11-27T14:00:00+08:00', timeFromPeriod: true });
    expect(
      decide(offline(), { ...answer, time_span: '后天上午' }, '那就明天下午吧', read, CLARIFY_BELOW).slots,
    ).toEqual({});
    expect(spans).toEqual(['明天下午']);
  });
});
