import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSecondOpinion } from '../../../src/nlu/llm/load.js';
import { OPEN_FOR_MS } from '../../../src/nlu/llm/guard.js';
import type { LlmSettings } from '../../../src/nlu/llm/settings.js';
import { Understander } from '../../../src/nlu/understander.js';
import { completion, FakeLlm, type Reply } from '../../fakes/fake-llm.js';
import { p } from '../../fakes/phrases.js';
import { createTestApp, RESIDENT, SERVICE_DESK, type TestApp } from '../../fakes/test-app.js';

const llm = new FakeLlm();
let baseUrl = '';
let understander: Understander;
const logs: Array<{ level: number; llm?: string; msg: string }> = [];
const log = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });

beforeAll(async () => {
  baseUrl = await llm.start();
  understander = Understander.load();
});
afterAll(() => llm.stop());
beforeEach(() => {
  llm.requests.length = 0;
  logs.length = 0;
});

const TIMEOUT_MS = 300;

async function appWith(settings: Partial<LlmSettings> = {}): Promise<TestApp> {
  const factory = await loadSecondOpinion({
    mode: 'fallback',
    baseUrl,
    model: 'fake-model',
    apiKey: 'sk-test',
    timeoutMs: TIMEOUT_MS,
    dailyCalls: 0,
    ...settings,
  });
  return createTestApp({ understander, log, secondOpinion: factory! });
}
const offlineApp = () => createTestApp({ understander });

/** A repair read back to the resident, who then says yes in words the offline reading does not know. */
async function repairThenSay(app: TestApp, reply: string): Promise<void> {
  await app.say(RESIDENT, '厨房灯坏了，明天上午来修');
  await app.say(RESIDENT, reply);
}
const repairs = (app: TestApp) => app.store.tickets.openForParty(RESIDENT).filter((t) => t.type === 'repair');

describe('the language model as a second opinion', () => {
  it('sends no phone, name, unit or ticket number: placeholders go, and the office question asked', async () => {
    const app = await appWith({ mode: 'always' });
    llm.answer(completion({ intent: 'repair', confidence: 0.9, answer: null, emergency: null, time_span: null }));
    await app.say(RESIDENT, '你好');
    await app.say(RESIDENT, '我是3栋2单元1201的张伟，电话13800001201，孙师傅上次修的R1024又坏了，找小赵也行');
    const sent = llm.sent;
    for (const secret of ['13800001201', '1201', '张伟', '孙', '小赵', '赵', '3栋2单元', 'R1024'])
      expect(sent).not.toContain(secret);
    expect(sent).toContain('<PHONE_1>');
    expect(sent).toContain('<UNIT_1>');
    expect(sent).toContain('<TICKET_1>');
    expect(sent).toMatch(/<NAME_\d>师傅/);
    const last = llm.requests.at(-1)!;
    expect(last.path).toBe('/v1/chat/completions');
    expect(last.authorization).toBe('Bearer sk-test');
    expect(last.body.response_format).toEqual({ type: 'json_object' });
    // The conversation so far goes with it: the greeting and the office's answer, masked like the rest.
    const user = JSON.parse(last.body.messages[1]!.content) as {
      history: Array<{ from: string }>;
      asked: string | null;
    };
    expect(user.history[0]?.from).toBe('in');
    expect(user.history.map((t) => t.from)).toContain('out');
  });

  it('a yes the offline reading cannot hear books the repair when the model hears it', async () => {
    const offline = offlineApp();
    await repairThenSay(offline, '阔以');
    expect(repairs(offline)).toHaveLength(0);

    const app = await appWith();
    llm.answer(completion({ intent: 'other', confidence: 0.9, answer: 'yes', emergency: null, time_span: null }));
    await app.say(RESIDENT, '厨房灯坏了，明天上午来修');
    const readBack = app.transport.to(RESIDENT).at(-1);
    await app.say(RESIDENT, '阔以');
    expect(repairs(app)).toHaveLength(1);
    // Asked once, only for the reply it could not read, with the question it answers.
    expect(llm.requests).toHaveLength(1);
    const user = JSON.parse(llm.requests[0]!.body.messages[1]!.content) as { asked: string; message: string };
    expect(user.message).toBe('阔以');
    expect(user.asked).toBe(readBack);
  });

  const failures: Array<[string, Reply]> = [
    ['malformed JSON', completion('{"intent": "repair", "confid')],
    ['an answer of another shape', completion({ intent: 'fix_it', confidence: 2 })],
    ['a 500', { status: 500, body: { error: 'boom' } }],
    ['a 429', { status: 429, body: { error: { message: 'rate limited' } } }],
    ['a slow answer', { ...completion({ intent: 'other', confidence: 0.9, answer: 'yes' }), delayMs: 1_500 }],
  ];
  it.each(failures)('%s: the offline reading stands, within the timeout, and it is logged', async (_, reply) => {
    const offline = offlineApp();
    await repairThenSay(offline, '阔以');
    const app = await appWith();
    llm.answer(reply);
    await app.say(RESIDENT, '厨房灯坏了，明天上午来修');
    const began = performance.now();
    await app.say(RESIDENT, '阔以');
    expect(performance.now() - began).toBeLessThan(TIMEOUT_MS + 400);
    expect(llm.requests).toHaveLength(1);
    expect(app.transport.to(RESIDENT)).toEqual(offline.transport.to(RESIDENT));
    expect(repairs(app)).toHaveLength(0);
    expect(logs.some((l) => l.level === 40 && l.llm !== undefined)).toBe(true);
  });

  it('stops asking after three failures, tells the desk once, and asks again after the pause', async () => {
    const app = await appWith();
    llm.answer({ status: 500, body: 'down' });
    for (const text of ['敲定', '成交', '整', '阔以', '就酱']) await app.say(RESIDENT, text);
    expect(llm.requests).toHaveLength(3);
    const paused = p('staff.ops.llm_paused', { minutes: OPEN_FOR_MS / 60_000 });
    expect(app.transport.to(SERVICE_DESK).filter((t) => t === paused)).toHaveLength(1);

    app.clock.advanceBy(OPEN_FOR_MS);
    llm.answer(completion({ intent: 'other', confidence: 0.5 }));
    await app.say(RESIDENT, '冲');
    await app.say(RESIDENT, '齐活');
    expect(llm.requests).toHaveLength(5);
    expect(app.transport.to(SERVICE_DESK).filter((t) => t === paused)).toHaveLength(1);
  });

  it('keeps to the daily budget, answers the same masked text from its cache, and starts again the next day', async () => {
    const app = await appWith({ dailyCalls: 2 });
    llm.answer(completion({ intent: 'other', confidence: 0.5 }));
    for (const text of ['敲定', '敲定', '成交', '整', '阔以']) await app.say(RESIDENT, text);
    expect(llm.requests).toHaveLength(2);
    expect(logs.some((l) => l.llm === 'budget_spent')).toBe(true);
    app.clock.advanceBy(24 * 3_600_000);
    await app.say(RESIDENT, '阔以');
    expect(llm.requests).toHaveLength(3);
  });

  it('never lowers an emergency: the model saying none changes nothing the resident or staff get', async () => {
    const offline = offlineApp();
    await offline.say(RESIDENT, '电梯里关人了 快来');
    const app = await appWith({ mode: 'always' });
    llm.answer(completion({ intent: 'other', confidence: 0.99, answer: null, emergency: null, time_span: null }));
    await app.say(RESIDENT, '电梯里关人了 快来');
    expect(llm.requests).toHaveLength(1);
    expect(app.transport.sent.map((m) => [m.to, m.text])).toEqual(offline.transport.sent.map((m) => [m.to, m.text]));
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.category)).toContain('emergency_trapped');
  });

  it('raises one: danger the model hears for sure is handled as an emergency', async () => {
    const offline = offlineApp();
    await offline.say(RESIDENT, '这味儿不对');
    expect(offline.store.tickets.openForParty(RESIDENT)).toHaveLength(0);
    const app = await appWith();
    llm.answer(completion({ intent: 'repair', confidence: 0.8, emergency: { kind: 'gas', sure: true } }));
    await app.say(RESIDENT, '这味儿不对');
    expect(app.store.tickets.openForParty(RESIDENT).map((t) => t.category)).toContain('emergency_gas');
  });

  it('no sentence the bot sends comes from the model: words it adds, and a time it makes up, are dropped', async () => {
    const app = await appWith();
    const invented = '好的，我们明天上午十点派人上门，免费维修';
    llm.answer(
      completion({
        intent: 'repair',
        confidence: 0.95,
        time_span: '明天上午十点',
        reply: invented,
        emergency: { kind: 'martians', sure: false },
      }),
    );
    await app.say(RESIDENT, '这味儿不对');
    const said = app.transport.sent.map((m) => m.text).join('\n');
    for (const words of [invented, '免费', '十点', 'martians']) expect(said).not.toContain(words);
    // An emergency kind the detector does not know makes the whole answer no answer.
    expect(logs.some((l) => l.llm === 'malformed')).toBe(true);
  });

  it('with the setting off nothing is loaded and nothing is called', async () => {
    expect(
      await loadSecondOpinion({ mode: 'off', timeoutMs: 2_000, dailyCalls: 0, baseUrl, model: 'm' }),
    ).toBeUndefined();
    const app = createTestApp({ understander });
    await repairThenSay(app, '阔以');
    await app.say(RESIDENT, '这味儿不对');
    expect(llm.requests).toHaveLength(0);
  });
});
