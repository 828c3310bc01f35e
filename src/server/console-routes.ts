/** The staff console: sign-in, the board of what the office owes, and live updates; the other pages mounted. */
import { Hono, type Context } from 'hono';
import type { Logger } from '../log.js';
import { streamSSE } from 'hono/streaming';
import type { App } from '../main.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import { ledgerEntries } from '../report/ledger-report.js';
import type { ConsoleAuth, ConsoleEnv } from './auth.js';
import { consoleLeadRoutes } from './console-lead-routes.js';
import { consolePages, liveReload } from './console-pages.js';
import { consoleTicketRoutes } from './console-ticket-routes.js';
import { html, noStore, type SafeHtml } from './html.js';
import { page, seesAll } from './layout.js';
import type { LiveFeed } from './live.js';

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
  const pages = consolePages(app, ui, live, log);
  const { say, time, viewer } = pages;

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
        ${[...new Set(values)]
          .sort()
          .map((v) => html`<option value="${v}" ${v === selected ? html`selected` : ''}>${label(v)}</option>`)}`;
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
  routes.route('/', consoleTicketRoutes(pages));
  routes.route('/', consoleLeadRoutes(pages));

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
