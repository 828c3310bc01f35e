/** The console's pages for the desk and the leads: the arrears with the reminders sent, and the promise report. */
import { Hono, type MiddlewareHandler } from 'hono';
import { promiseReport, type KeptFigures } from '../report/ledger-report.js';
import { formatYuan } from '../domain/money.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import type { ConsoleEnv } from './auth.js';
import type { ConsolePages } from './console-pages.js';
import { html, type SafeHtml } from './html.js';
import { page, seesAll } from './layout.js';

export function consoleLeadRoutes(pages: ConsolePages): Hono<ConsoleEnv> {
  const { app, ui, time, viewer } = pages;
  const routes = new Hono<ConsoleEnv>();
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

  routes.get('/arrears', leadsOnly, (c) => {
    const reminded = app.store.deliveries.lastProactiveSent('arrears');
    const units = new Map<string, Array<{ item: string; period: string; amountFen: number }>>();
    for (const a of app.store.community.allOpenArrears()) units.set(a.unitId, [...(units.get(a.unitId) ?? []), a]);
    const lastReminder = (unit: string) => {
      const times = app.store.community
        .residentsOfUnit(unit)
        .map((r) => (r.wechatId ? reminded.get(r.wechatId) : undefined))
        .filter((t): t is number => t !== undefined);
      return times.length > 0 ? time(Math.max(...times)) : ui.render('arrears.never');
    };
    const log = app.store.deliveries.recent(100);
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
        ${ui.render('report.overall', {
          percent: percent(report.overall),
          kept: report.overall.kept,
          broken: report.overall.broken,
          open: report.open,
        })}
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

  return routes;
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
