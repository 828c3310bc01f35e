import { afterEach, describe, expect, it, vi } from 'vitest';
import { Understander } from '../../src/nlu/understander.js';
import type { Choice } from '../../src/domain/messages.js';
import { p } from '../fakes/phrases.js';
import { startWeb, type WebHarness } from '../fakes/web-server.js';

const RESIDENT = 'wx_zhangwei';
interface Line {
  direction: 'in' | 'out';
  text: string;
  menu?: { head: string; choices: Choice[]; tail?: string };
}

let web: WebHarness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await web?.close();
  web = undefined;
});

const json = { 'content-type': 'application/json' };
const say = (w: WebHarness, body: Record<string, unknown>) =>
  w.http.request('/sim/api/say', { method: 'POST', headers: json, body: JSON.stringify({ as: RESIDENT, ...body }) });
const lines = async (w: WebHarness) =>
  ((await (await w.http.request(`/sim/api/messages?as=${RESIDENT}`)).json()) as { messages: Line[] }).messages;

describe('the simulator shows menus as buttons', () => {
  it('a message with choices comes with its buttons, in the log and on the live stream', async () => {
    web = await startWeb();
    const stream = await web.http.request(`/sim/api/stream?as=${RESIDENT}`);
    const reader = stream.body!.getReader();
    expect((await say(web, { text: '你好' })).status).toBe(200);
    const last = (await lines(web)).at(-1)!;
    expect(last.direction).toBe('out');
    // The plain text still says "reply 1, 2…" (Wechaty, the terminal); the page gets the buttons beside it.
    expect(last.text).toContain(p('reception.menu'));
    expect(last.menu!.head).toContain(p('tap.menu_head'));
    expect(last.menu!.choices.map((c) => c.label)).toEqual(['报修', '投诉', '缴费查询', '办卡', '咨询', '人工']);
    expect(last.menu!.choices[0]!.id).toBe('repair');

    let streamed = '';
    while (!streamed.includes('"choices"')) streamed += new TextDecoder().decode((await reader.read()).value);
    const data = streamed.split('\n').find((l) => l.startsWith('data: ') && l.includes('"choices"'))!;
    const event = JSON.parse(data.slice('data: '.length)) as Line;
    expect(event.menu!.choices.map((c) => c.id)).toEqual(last.menu!.choices.map((c) => c.id));
    await reader.cancel();
  });

  it('a tap is routed as the reply it stands for, without the classifier', async () => {
    web = await startWeb();
    await say(web, { text: '你好' });
    const classify = vi.spyOn(Understander.prototype as unknown as { rank: (...a: unknown[]) => unknown }, 'rank');
    expect((await say(web, { text: '报修', choice: 'repair' })).status).toBe(200);
    expect(classify).not.toHaveBeenCalled();
    // (The test clock stands still: the log lists what came in before what went out at the same instant.)
    const log = await lines(web);
    expect(log.filter((l) => l.direction === 'in').at(-1)!.text).toBe('报修');
    // The repair flow's first question: the same as typing "1" at the menu.
    const typed = await startWeb();
    await say(typed, { text: '物业你好呀' });
    await say(typed, { text: '1' });
    expect(classify).toHaveBeenCalled(); // (typed words are read by the classifier: the spy sees it)
    expect(log.at(-1)!.text).toBe((await lines(typed)).at(-1)!.text);
    await typed.close();
    // A button no menu has: the menu again, politely; a choice that is not a string: refused.
    await say(web, { text: '旧按钮', choice: 'no_such_button' });
    expect((await lines(web)).at(-1)!.menu!.head).toContain(p('tap.unknown'));
    expect((await say(web, { text: '报修', choice: 3 })).status).toBe(400);
  });
});
