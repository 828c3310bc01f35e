import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { WebTransport } from '../adapters/web.js';
import type { App } from '../main.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import { formatIso, parseDuration } from '../domain/time.js';
import { html, noStore } from './html.js';
import { isLoopback } from './listen-plan.js';
import { page } from './layout.js';
import type { LiveFeed } from './live.js';
import type { RichContent } from '../domain/messages.js';

/**
 * The web simulator: pick a sample resident or staff member and talk to the bot through the real
 * runtime (the same `Bot.handleInbound` as WeChat, with the web transport); move the clock ahead to
 * watch reminders and escalations happen. For a demo database: WUYE_SIMULATOR=false turns it off.
 */
export function simulatorRoutes(
  app: App,
  ui: PhraseCatalog,
  web: WebTransport,
  live: LiveFeed,
  options: { anyHost: boolean },
): Hono {
  const routes = new Hono();
  routes.use('*', noStore);
  // Listening on loopback is not enough on its own: a web page can point its own name at 127.0.0.1
  // (DNS rebinding) and talk to the simulator as same-origin. Its requests name that host.
  if (!options.anyHost)
    routes.use('*', async (c, next) => (isLoopback(new URL(c.req.url).hostname) ? next() : c.text('', 403)));
  // JSON only: a cross-site form or a text/plain post (no CORS preflight) cannot speak for anyone.
  routes.post('*', async (c, next) =>
    isJson(c.req.header('content-type')) ? next() : c.json({ error: 'application/json only' }, 415),
  );
  const clockText = () => formatIso(app.clock.now()).slice(0, 16).replace('T', ' ');

  routes.get('/', (c) => {
    const residents = app.store.community.allResidents().filter((r) => r.wechatId);
    const staff = ['service', 'technician', 'supervisor', 'manager']
      .flatMap((role) => app.store.community.staffByRole(role as never))
      .filter((s) => s.wechatId);
    const body = html`<p class="muted">${ui.render('sim.intro')}</p>
      <section class="sim">
        <form class="inline">
          <label
            >${ui.render('sim.as')}
            <select id="as">
              <optgroup label="${ui.render('sim.resident')}">
                ${residents.map((r) => html`<option value="${r.wechatId!}">${r.name} ${r.unitId}</option>`)}
              </optgroup>
              <optgroup label="${ui.render('sim.staff')}">
                ${staff.map(
                  (s) => html`<option value="${s.wechatId!}">${s.name}（${ui.render(`role.${s.role}`)}）</option>`,
                )}
              </optgroup>
            </select></label
          >
          <span>${ui.render('sim.clock')}：<strong id="clock">${clockText()}</strong></span>
          ${(['1h', '4h', '1d'] as const).map((by, i) => {
            const span = ui.render(['sim.hour', 'sim.four_hours', 'sim.day'][i]!);
            const label = `${ui.render('sim.advance')} ${span}`;
            return html`<button type="button" class="secondary advance" data-by="${by}">${label}</button>`;
          })}
        </form>
        <div id="chat" aria-live="polite"></div>
        <form id="compose" class="inline">
          <input id="text" autocomplete="off" placeholder="${ui.render('sim.placeholder')}" required /><button
            id="send"
          >
            ${ui.render('sim.send')}
          </button>
        </form>
      </section>
      <script src="/assets/sim.js" defer></script>`;
    return c.html(page(ui, ui.render('sim.title'), body));
  });

  routes.get('/api/messages', (c) => {
    const as = c.req.query('as') ?? '';
    const messages = app.store.messages.forParty(as).map((m) => {
      const menu = m.rich ? (JSON.parse(m.rich) as RichContent).menu : undefined;
      return { direction: m.direction, text: m.text ?? `[${m.kind}]`, ...(menu && { menu }) };
    });
    return c.json({ clock: clockText(), messages });
  });

  routes.post('/api/say', async (c) => {
    const body = await jsonObject(c.req.raw);
    if (!body) return c.json({ error: 'a JSON object is needed' }, 400);
    const { as, text, choice } = body as { as?: unknown; text?: unknown; choice?: unknown };
    if (typeof as !== 'string' || as === '' || typeof text !== 'string' || text.trim() === '')
      return c.json({ error: 'as and text are needed' }, 400);
    if (choice !== undefined && typeof choice !== 'string') return c.json({ error: 'choice is a button id' }, 400);
    // A tap on a button: the same as WeCom's menu click, its words shown and its id read (never guessed at).
    const tap = choice === undefined ? {} : { choice };
    const at = app.clock.now();
    await app.bot.handleInbound({ id: `web:${randomUUID()}`, from: as, kind: 'text', text, ...tap, at });
    live.changed();
    return c.json({ ok: true });
  });

  routes.post('/api/advance', async (c) => {
    const body = await jsonObject(c.req.raw);
    if (!body) return c.json({ error: 'a JSON object is needed' }, 400);
    const { by } = body as { by?: unknown };
    let ms: number;
    try {
      ms = parseDuration(String(by));
    } catch {
      return c.json({ error: 'by is a duration like 2h' }, 400);
    }
    await app.advanceTo(app.clock.now() + ms);
    live.changed();
    return c.json({ clock: clockText() });
  });

  routes.get('/api/stream', (c) => {
    const as = c.req.query('as') ?? '';
    return streamSSE(c, async (stream) => {
      const stop = web.watch((m) => {
        const menu = m.rich?.menu;
        const data = JSON.stringify({ text: m.text, ...(menu && { menu }), clock: clockText() });
        if (m.to === as) void stream.writeSSE({ event: 'message', data });
      });
      stream.onAbort(stop);
      while (!stream.aborted) await stream.sleep(15_000).then(() => stream.writeSSE({ event: 'ping', data: '' }));
    });
  });

  return routes;
}

const isJson = (type: string | undefined) => type?.split(';')[0]?.trim().toLowerCase() === 'application/json';

/** The body as a JSON object; undefined when it is empty, not JSON, or not an object. */
async function jsonObject(request: Request): Promise<Record<string, unknown> | undefined> {
  try {
    const value: unknown = await request.json();
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
