import { maskPhones } from '../domain/privacy.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import type { Staff } from '../store/community-repo.js';
import { html, type SafeHtml } from './html.js';

export interface Viewer {
  staff: Staff;
  csrf: string;
}

/**
 * Technicians see their own tickets (and only what belongs to them); the desk, supervisors and
 * the manager see everything, the arrears and the report included.
 */
export const seesAll = (staff: Staff) => staff.role !== 'technician';

/**
 * A whole page: the header with the console's sections (for a signed-in viewer) and the body.
 * Every phone number on it keeps only its last four digits, as in the chat, whatever part of the
 * page it came from; the full number is only given by the logged reveal.
 */
export function page(ui: PhraseCatalog, title: string, body: SafeHtml, viewer?: Viewer, active?: string): string {
  const link = (href: string, key: string) =>
    html`<a href="${href}" class="${active === key ? 'active' : ''}">${ui.render(`common.nav.${key}`)}</a>`;
  const nav = viewer
    ? html`${link('/console', 'board')}
        ${
          seesAll(viewer.staff) ? html`${link('/console/arrears', 'arrears')} ${link('/console/report', 'report')}` : ''
        }
        <span class="who"
          >${ui.render('common.signed_in_as', { name: viewer.staff.name, role: viewer.staff.role })}</span
        >
        <form method="post" action="/console/logout">
          <input type="hidden" name="csrf" value="${viewer.csrf}" /><button class="secondary">
            ${ui.render('common.sign_out')}
          </button>
        </form>`
    : html``;
  return maskPhones(
    html`<!doctype html>
      <html lang="zh-CN">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width,initial-scale=1" />
          <title>${title} · ${ui.render('common.app')}</title>
          <link rel="stylesheet" href="/assets/console.css" />
        </head>
        <body>
          <header><strong>${ui.render('common.app')}</strong> ${nav}</header>
          <main>
            <h1>${title}</h1>
            ${body}
          </main>
        </body>
      </html>`.value,
  );
}
