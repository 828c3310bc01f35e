import { afterEach, describe, expect, it } from 'vitest';
import { signedIn, startWeb, type WebHarness } from '../fakes/web-server.js';

let web: WebHarness | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

const PHONE = '13800001201'; // 张伟's registered phone, which he also types in the chat
let n = 0;
/** A message a minute after the last one, as a person types them. */
const say = async (h: WebHarness, from: string, text: string) => {
  await h.app.advanceTo(h.app.clock.now() + 60_000);
  await h.app.bot.handleInbound({ id: `lp${++n}`, from, kind: 'text', text, at: h.app.clock.now() });
};

/**
 * 张伟's conversation: his arrears statement first (806.40), then a repair booked for 孙强 (s002)
 * naming his phone, then a request for a person (another ticket). Returns the repair's number.
 */
async function conversation(h: WebHarness): Promise<string> {
  await say(h, 'wx_zhangwei', '我家还欠多少物业费');
  await say(h, 'wx_zhangwei', `厨房灯坏了，明天上午来修，电话${PHONE}`);
  await say(h, 'wx_zhangwei', '对');
  const repair = h.app.store.tickets.openForParty('wx_zhangwei').find((t) => t.type === 'repair')!;
  await say(h, 'wx_zhangwei', '转人工');
  return repair.number;
}

/** The page without its session's random tokens (a CSRF token may hold "H1" by chance). */
const withoutTokens = (html: string) => html.replace(/(?:value|data-csrf)="[^"]*"/g, '');

const get = async (h: WebHarness, path: string, cookie: string) => {
  const res = await h.http.request(path, { headers: { cookie } });
  return { status: res.status, text: await res.text() };
};

describe('technicians see only their own tickets’ messages, and not arrears or reports (finding 5)', () => {
  it('the ticket page shows a technician the exchange that opened the ticket, not the resident’s other business', async () => {
    web = await startWeb();
    const repair = await conversation(web);
    const other = web.app.store.tickets.openForParty('wx_zhangwei').find((t) => t.type === 'handoff')!.number;
    const technician = await signedIn(web, 's002');
    const page = await get(web, `/console/tickets/${repair}`, technician.cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('厨房灯坏了');
    expect(page.text).not.toContain('806.40'); // the arrears statement
    expect(withoutTokens(page.text)).not.toContain(other); // the other ticket
    // The desk still sees the whole conversation.
    const desk = await signedIn(web, 's001');
    const deskPage = await get(web, `/console/tickets/${repair}`, desk.cookie);
    expect(deskPage.text).toContain('806.40');
    expect(deskPage.text).toContain(other);
  });

  it('a technician cannot open the arrears or the report, and is not offered them', async () => {
    web = await startWeb();
    const technician = await signedIn(web, 's002');
    for (const path of ['/console/arrears', '/console/report'])
      expect((await get(web, path, technician.cookie)).status, path).toBe(403);
    const board = await get(web, '/console', technician.cookie);
    expect(board.text).not.toContain('href="/console/arrears"');
    expect(board.text).not.toContain('href="/console/report"');
    const desk = await signedIn(web, 's001');
    for (const path of ['/console/arrears', '/console/report'])
      expect((await get(web, path, desk.cookie)).status, path).toBe(200);
  });
});

describe('phone numbers are masked on every console page, as in chat (finding 5)', () => {
  it('board, ticket page (summary, transcript) and arrears show only the last four digits', async () => {
    web = await startWeb();
    const repair = await conversation(web);
    for (const staff of ['s002', 's004']) {
      const { cookie } = await signedIn(web, staff);
      for (const path of [
        '/console',
        `/console/tickets/${repair}`,
        ...(staff === 's004' ? ['/console/arrears', '/console/report'] : []),
      ]) {
        const page = await get(web, path, cookie);
        expect(page.status, `${staff} ${path}`).toBe(200);
        expect(page.text, `${staff} ${path}`).not.toContain(PHONE);
      }
      expect((await get(web, `/console/tickets/${repair}`, cookie)).text).toContain('*******1201');
    }
  });

  it('the full number is shown behind a click, to whoever may work the ticket, and the click is logged', async () => {
    web = await startWeb();
    const repair = await conversation(web);
    const reveal = (s: { cookie: string; csrf?: string }) =>
      web!.http.request(`/console/tickets/${repair}/phone`, {
        method: 'POST',
        headers: { cookie: s.cookie },
        body: new URLSearchParams(s.csrf ? { csrf: s.csrf } : {}),
      });

    const technician = await signedIn(web, 's002'); // the ticket's technician: he calls before the visit
    expect((await get(web, `/console/tickets/${repair}`, technician.cookie)).text).toMatch(/id="reveal-phone"/);
    expect((await reveal({ cookie: technician.cookie })).status).toBe(403); // no CSRF token
    const res = await reveal(technician);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ phones: [PHONE] });
    const events = web.app.store.events.forRef(repair).filter((e) => e.type === 'phone_revealed');
    expect(events.map((e) => e.actor)).toEqual(['s002']);
    expect(JSON.stringify(events)).not.toContain(PHONE);

    // Not his ticket: nothing to reveal.
    const other = web.app.store.tickets.openForParty('wx_zhangwei').find((t) => t.type === 'handoff')!.number;
    const refused = await web.http.request(`/console/tickets/${other}/phone`, {
      method: 'POST',
      headers: { cookie: technician.cookie },
      body: new URLSearchParams({ csrf: technician.csrf }),
    });
    expect(refused.status).toBe(404);
  });
});
