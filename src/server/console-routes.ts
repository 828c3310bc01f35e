import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { Logger } from 'pino';
import { streamSSE } from 'hono/streaming';
import type { App } from '../main.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import { ledgerEntries, promiseReport, type KeptFigures } from '../report/ledger-report.js';
import { formatYuan } from '../domain/money.js';
import { formatIso } from '../domain/time.js';
import { loadWords } from '../staff/commands.js';
import type { Staff } from '../store/community-repo.js';
import type { ConsoleAuth, ConsoleEnv } from './auth.js';
import { html, noStore, type SafeHtml } from './html.js';
import { page, seesAll, type Viewer } from './layout.js';
import { phonesOf, visibleTranscript } from './ticket-view.js';
import type { LiveFeed } from './live.js';

/** Ticket actions offered on a ticket's page: the staff commands, by name, and whether they take text. */
const ACTIONS = [
  { name: 'claim', arg: false },
  { name: 'progress', arg: true },
  { name: 'reschedule', arg: true },
  { name: 'reassign', arg: true },
  { name: 'done', arg: false },
] as const;

export function consoleRoutes(
  app: App,
  ui: PhraseCatalog,
  auth: ConsoleAuth,
  live: LiveFeed,
  log: Logger,
): Hono<ConsoleEnv> {
  const routes = new Hono<ConsoleEnv>();
  // Residents' names, units, phones and conversations: no browser or proxy keeps a copy.
  routes.use('*', noStore);
  const words = loadWords();
  const say = (key: string) => app.outbound.render({ key }, 0).text;
  const time = (ms: number) => formatIso(ms).slice(0, 16).replace('T', ' ');
  const viewer = (c: { get(k: 'staff'): Staff; get(k: 'session'): { csrf: string } }): Viewer => ({
    staff: c.get('staff'),
    csrf: c.get('session').csrf,
  });

  // The sign-in pages, before the guard. The form carries its own CSRF token (login CSRF would sign
  // a colleague into someone else's account).
  const signInPage = (c: Context, message?: string, status: 200 | 403 | 429 = 200) =>
    c.html(page(ui, ui.render('login.title'), loginForm(ui, auth.loginToken(c), message)), status);
  routes.get('/login', (c) =>
    signInPage(c, c.req.query('failed') !== undefined ? ui.render('login.failed') : undefined),
  );
  routes.post('/login', async (c) => {
    const form = await c.req.parseBody();
    if (!auth.loginTokenOk(c, form.login_csrf)) return signInPage(c, ui.render('login.form_expired'), 403);
    const result = await auth.signIn(c, String(form.staff ?? ''), String(form.password ?? ''));
    if (result.kind === 'wait') return signInPage(c, ui.render('login.throttled', { seconds: result.seconds }), 429);
    if (result.kind === 'locked') return signInPage(c, ui.render('login.locked'), 429);
    return c.redirect(result.kind === 'ok' ? '/console/signed-in' : '/console/login?failed');
  });
  // Where a sign-in lands: on to the board if the browser kept the cookie, else say why it did not stick.
  routes.get('/signed-in', (c) =>
    auth.hasSession(c) ? c.redirect('/console') : signInPage(c, ui.render('login.not_kept')),
  );

  routes.use('*', auth.guard());

  /** A ticket the staff member may see: any for the desk and leads, their own for a technician. */
  const visibleTicket = (staff: Staff, number: string) => {
    const ticket = app.store.tickets.byNumber(number);
    return ticket && (seesAll(staff) || ticket.ownerId === staff.id) ? ticket : undefined;
  };
  const notFound = (c: Context<ConsoleEnv>) =>
    c.html(
      page(ui, ui.render('board.ticket'), html`<p class="error">${ui.render('ticket.not_found')}</p>`, viewer(c)),
      404,
    );
  /** The arrears and the report: the desk, supervisors and the manager. */
  const leadsOnly: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
    if (!seesAll(c.get('staff')))
      return c.html(
        page(
          ui,
          ui.render('common.forbidden_title'),
          html`<p class="error">${ui.render('common.forbidden')}</p>`,
          viewer(c),
        ),
        403,
      );
    await next();
  };

  routes.post('/logout', (c) => {
    auth.signOut(c);
    return c.redirect('/console/login');
  });

  routes.get('/', (c) => {
    const staff = c.get('staff');
    const now = app.clock.now();
    const filter = {
      kind: c.req.query('kind') ?? '',
      owner: c.req.query('owner') ?? '',
      building: c.req.query('building') ?? '',
    };
    // What the office still owes on its tickets: open promises, and broken ones (overdue, still owed).
    const owed = (e: { status: string; party: string; ticket: string | null }) =>
      (e.status === 'open' || e.status === 'broken') && e.party === 'office' && e.ticket !== null;
    const open = ledgerEntries(app.store, now).filter((e) => owed(e) && (seesAll(staff) || e.owner === staff.id));
    const building = (unit: string | null) => unit?.split('-')[0] ?? '';
    const rows = open
      .filter(
        (e) =>
          (!filter.kind || e.kind === filter.kind) &&
          (!filter.owner || e.owner === filter.owner) &&
          (!filter.building || building(e.unit) === filter.building),
      )
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
    const state = (dueAt: string) => {
      const left = Date.parse(dueAt) - now; // a broken promise is past its due time too
      return left <= 0 ? 'overdue' : left <= app.levels.warnBeforeMs ? 'near' : 'on_time';
    };
    const options = (what: string, values: string[], selected: string, label: (v: string) => string) =>
      html`<option value="">${ui.render('board.any', { what: ui.render(`board.${what}`) })}</option>
        ${[...new Set(values)].sort().map((v) => html`<option value="${v}" ${v === selected ? html`selected` : ''}>${label(v)}</option>`)}`;
    const body = html`<p class="muted">${ui.render('board.hint')}</p>
      <form class="inline" method="get" action="/console">
        <select name="kind" aria-label="${ui.render('board.kind')}">
          ${options(
            'kind',
            open.map((e) => e.kind),
            filter.kind,
            (k) => say(`ledger.kind.${k}`),
          )}
        </select>
        <select name="owner" aria-label="${ui.render('board.owner')}">
          ${options(
            'owner',
            open.map((e) => e.owner ?? ''),
            filter.owner,
            (o) => (o ? (app.store.community.staffById(o)?.name ?? o) : ui.render('board.unassigned')),
          )}
        </select>
        <select name="building" aria-label="${ui.render('board.building')}">
          ${options('building', open.map((e) => building(e.unit)).filter(Boolean), filter.building, (b) => b)}
        </select>
        <button>${ui.render('board.filter')}</button>
      </form>
      ${
        rows.length === 0
          ? html`<p>${ui.render('board.empty')}</p>`
          : html`<div class="table-wrap">
              <table id="board">
                <thead>
                  <tr>
                    <th>${ui.render('board.due')}</th>
                    <th>${ui.render('board.state')}</th>
                    <th>${ui.render('board.kind')}</th>
                    <th>${ui.render('board.ticket')}</th>
                    <th>${ui.render('board.owner')}</th>
                    <th>${ui.render('board.building')}</th>
                    <th>${ui.render('board.summary')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${rows.map(
                    (e) =>
                      html`<tr class="${state(e.dueAt)}" data-ticket="${e.ticket ?? ''}">
                        <td>${time(Date.parse(e.dueAt))}</td>
                        <td>${ui.render(`board.${state(e.dueAt)}`)}</td>
                        <td>${say(`ledger.kind.${e.kind}`)}</td>
                        <td>${e.ticket ? html`<a href="/console/tickets/${e.ticket}">${e.ticket}</a>` : ''}</td>
                        <td>${e.ownerName ?? ui.render('board.unassigned')}</td>
                        <td>${building(e.unit)}</td>
                        <td>${e.summary}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }
      ${liveReload(live.version())}`;
    return c.html(page(ui, ui.render('board.title'), body, viewer(c), 'board'));
  });

  routes.get('/tickets/:number', (c) => {
    const staff = c.get('staff');
    const ticket = visibleTicket(staff, c.req.param('number'));
    if (!ticket) return notFound(c);
    const result = c.req.query('result');
    const commitments = app.store.commitments.byTicket(ticket.id);
    const transcript = visibleTranscript(app.store, ticket, staff);
    const resident = ticket.residentId ? app.store.community.residentById(ticket.residentId) : undefined;
    const photos = app.store.attachments.forTicket(ticket.id);
    const csrf = c.get('session').csrf;
    const body = html`${result ? html`<div class="flash" role="status">${result}</div>` : ''}
      <p>${ui.render('ticket.status', { status: say(`ticket.status.${ticket.status}`) })} · ${ticket.summary}</p>
      <p>
        ${resident ? ui.render('ticket.resident_known', { name: resident.name, unit: resident.unitId, phone: resident.phone }) : ui.render('ticket.resident', { who: ticket.party })}
        <button
          type="button"
          class="secondary"
          id="reveal-phone"
          data-url="/console/tickets/${ticket.number}/phone"
          data-csrf="${csrf}"
        >
          ${ui.render('ticket.reveal_phone')}
        </button>
        <span id="phones"></span> <span class="muted">${ui.render('ticket.reveal_logged')}</span>
      </p>
      <section>
        <h2>${ui.render('ticket.actions')}</h2>
        ${ACTIONS.map(
          (a) =>
            html`<form class="inline" method="post" action="/console/tickets/${ticket.number}/action">
              <input type="hidden" name="csrf" value="${csrf}" /><input type="hidden" name="action" value="${a.name}" />
              ${a.arg ? html`<input name="arg" required placeholder="${ui.render(`ticket.${a.name}_placeholder`)}" />` : ''}<button>
                ${ui.render(`ticket.${a.name}`)}
              </button>
            </form>`,
        )}
      </section>
      <section>
        <h2>${ui.render('ticket.commitments')}</h2>
        <table>
          ${commitments.map(
            (m) =>
              html`<tr>
                <td>${say(`ledger.kind.${m.kind}`)}</td>
                <td>${time(m.dueAt)}</td>
                <td>${m.status}</td>
              </tr>`,
          )}
        </table>
      </section>
      <section>
        <h2>${ui.render('ticket.transcript')}</h2>
        <table>
          ${transcript.map(
            (m) =>
              html`<tr>
                <td>${time(m.at)}</td>
                <td>${ui.render(m.direction === 'in' ? 'ticket.resident_said' : 'ticket.bot_said')}</td>
                <td>${m.text ?? `[${m.kind}]`}</td>
              </tr>`,
          )}
        </table>
      </section>
      ${
        photos.length > 0
          ? html`<section>
              <h2>${ui.render('ticket.photos')}</h2>
              <ul>
                ${photos.map((p) => html`<li>${time(p.at)} ${p.kind} ${p.path}</li>`)}
              </ul>
            </section>`
          : ''
      }
      <section>
        <h2>${ui.render('ticket.events')}</h2>
        <table>
          ${app.store.events.forRef(ticket.number).map(
            (e) =>
              html`<tr>
                <td>${time(e.at)}</td>
                <td>${e.actor}</td>
                <td>${e.type}</td>
              </tr>`,
          )}
        </table>
      </section>
      <script src="/assets/reveal.js" defer></script>
      ${liveReload(live.version())}`;
    return c.html(page(ui, ui.render('ticket.title', { ticket: ticket.number }), body, viewer(c)));
  });

  // The full phone numbers of a ticket, for whoever may work it (a technician calls before a visit):
  // one click, logged and kept in the ticket's events. Every page shows them masked.
  routes.post('/tickets/:number/phone', (c) => {
    const staff = c.get('staff');
    const ticket = visibleTicket(staff, c.req.param('number'));
    if (!ticket) return c.json({ error: 'not found' }, 404);
    const phones = phonesOf(app.store, ticket, staff);
    app.store.events.record({
      at: app.clock.now(),
      actor: staff.id,
      type: 'phone_revealed',
      ref: ticket.number,
      data: { count: phones.length },
    });
    log.info({ staff: staff.id, ticket: ticket.number, count: phones.length }, 'phone number revealed in the console');
    return c.json({ phones });
  });

  routes.post('/tickets/:number/action', async (c) => {
    const number = c.req.param('number');
    const form = await c.req.parseBody();
    const action = ACTIONS.find((a) => a.name === form.action);
    if (!action) return c.text('unknown action', 400);
    const arg = action.arg ? String(form.arg ?? '').trim() : '';
    const result = await app.bot.staffAction(c.get('staff'), `#${words[action.name]} ${number} ${arg}`.trim());
    live.changed();
    return c.redirect(`/console/tickets/${encodeURIComponent(number)}?result=${encodeURIComponent(result)}`);
  });

  routes.get('/arrears', leadsOnly, (c) => {
    const reminded = app.store.outbox.lastProactiveSent('arrears');
    const units = new Map<string, Array<{ item: string; period: string; amountFen: number }>>();
    for (const a of app.store.community.allOpenArrears()) units.set(a.unitId, [...(units.get(a.unitId) ?? []), a]);
    const lastReminder = (unit: string) => {
      const times = app.store.community
        .residentsOfUnit(unit)
        .map((r) => (r.wechatId ? reminded.get(r.wechatId) : undefined))
        .filter((t): t is number => t !== undefined);
      return times.length > 0 ? time(Math.max(...times)) : ui.render('arrears.never');
    };
    const log = app.store.outbox.deliveryLog(100);
    const body = html`${
        units.size === 0
          ? html`<p>${ui.render('arrears.empty')}</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>${ui.render('arrears.unit')}</th>
                    <th>${ui.render('arrears.item')}</th>
                    <th>${ui.render('arrears.total')}</th>
                    <th>${ui.render('arrears.reminded')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${[...units]
                    .sort(([a], [b]) => a.localeCompare(b))
                    .map(
                      ([unit, items]) =>
                        html`<tr>
                          <td>${unit}</td>
                          <td>${items.map((i) => html`${i.item}（${i.period}）${formatYuan(i.amountFen)}<br />`)}</td>
                          <td>${formatYuan(items.reduce((s, i) => s + i.amountFen, 0))}</td>
                          <td>${lastReminder(unit)}</td>
                        </tr>`,
                    )}
                </tbody>
              </table>
            </div>`
      }
      <h2>${ui.render('arrears.log')}</h2>
      ${
        log.length === 0
          ? html`<p>${ui.render('arrears.log_empty')}</p>`
          : html`<div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>${ui.render('arrears.log_at')}</th>
                    <th>${ui.render('arrears.log_to')}</th>
                    <th>${ui.render('arrears.log_outcome')}</th>
                    <th>${ui.render('arrears.log_reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${log.map(
                    (l) =>
                      html`<tr>
                        <td>${time(l.at)}</td>
                        <td>${l.recipient}</td>
                        <td>${l.outcome}</td>
                        <td>${l.reason ?? ''}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
      }`;
    return c.html(page(ui, ui.render('arrears.title'), body, viewer(c), 'arrears'));
  });

  routes.get('/report', leadsOnly, (c) => {
    const report = promiseReport(app.store);
    const percent = (f: KeptFigures) => (f.keptPercent === null ? '-' : `${f.keptPercent}%`);
    const body = html`<p id="overall">
        ${ui.render('report.overall', { percent: percent(report.overall), kept: report.overall.kept, broken: report.overall.broken, open: report.open })}
      </p>
      <section>
        <h2>${ui.render('report.by_week')}</h2>
        ${chart(report.byWeek, ui)}
      </section>
      <section>
        <h2>${ui.render('report.by_staff')}</h2>
        ${chart(report.byStaff, ui)}
      </section>
      <section>
        <h2>${ui.render('report.praise')}</h2>
        ${
          Object.keys(report.praise).length === 0
            ? ui.render('report.none')
            : html`<ul>
                ${Object.entries(report.praise).map(([name, n]) => html`<li>${name}：${n}</li>`)}
              </ul>`
        }
      </section>`;
    return c.html(page(ui, ui.render('report.title'), body, viewer(c), 'report'));
  });

  // Live updates: the page reloads when the data behind it changed.
  routes.get('/events', (c) =>
    streamSSE(c, async (stream) => {
      const stop = live.watch(() => void stream.writeSSE({ event: 'changed', data: String(Date.now()) }));
      stream.onAbort(stop);
      // Changed while the page was reloading: say so now.
      if (c.req.query('v') !== live.version()) await stream.writeSSE({ event: 'changed', data: String(Date.now()) });
      while (!stream.aborted) await stream.sleep(15_000).then(() => stream.writeSSE({ event: 'ping', data: '' }));
    }),
  );

  return routes;
}

function loginForm(ui: PhraseCatalog, loginToken: string, message?: string): SafeHtml {
  return html`${message ? html`<p class="error" role="alert">${message}</p>` : ''}
    <form method="post" action="/console/login">
      <input type="hidden" name="login_csrf" value="${loginToken}" />
      <p>
        <label>${ui.render('login.staff_id')}<br /><input name="staff" autocomplete="username" required /></label>
      </p>
      <p>
        <label
          >${ui.render('login.password')}<br /><input
            name="password"
            type="password"
            autocomplete="current-password"
            required
        /></label>
      </p>
      <button>${ui.render('login.submit')}</button>
    </form>`;
}

/** Kept-on-time percentage as horizontal bars, drawn on the server (no chart library needed for bars). */
function chart(rows: Record<string, KeptFigures>, ui: PhraseCatalog): SafeHtml {
  const entries = Object.entries(rows).filter(([, f]) => f.keptPercent !== null);
  if (entries.length === 0) return html`<p class="muted">${ui.render('report.none')}</p>`;
  const rowHeight = 24;
  return html`<svg
    role="img"
    class="chart"
    width="460"
    height="${entries.length * rowHeight + 4}"
    viewBox="0 0 460 ${entries.length * rowHeight + 4}"
  >
    ${entries.map(
      ([name, f], i) =>
        html`<text class="bar-label" x="0" y="${i * rowHeight + 16}">${name}</text>
          <rect fill="#e5e5e5" x="110" y="${i * rowHeight + 4}" height="16" width="240"></rect>
          <rect class="bar" x="110" y="${i * rowHeight + 4}" height="16" width="${(f.keptPercent! / 100) * 240}"></rect>
          <text class="bar-label" x="356" y="${i * rowHeight + 16}">${f.keptPercent}% (${f.kept}/${f.settled})</text>`,
    )}
  </svg>`;
}

/**
 * Reloads the page when the server says the data changed (server-sent events) — but not while
 * one of its own forms is being sent: the reload would cancel that navigation.
 */
function liveReload(version: string): SafeHtml {
  return html`<script src="/assets/live.js" data-version="${version}" defer></script>`;
}
