import type { PhraseCatalog } from '../phrases/catalog.js';
import type { Staff } from '../store/community-repo.js';
import { html, type SafeHtml } from './html.js';

export interface Viewer {
  staff: Staff;
  csrf: string;
}

/** A whole page: the header with the console's sections (for a signed-in viewer) and the body. */
export function page(ui: PhraseCatalog, title: string, body: SafeHtml, viewer?: Viewer, active?: string): string {
  const link = (href: string, key: string) => html`<a href="${href}" class="${active === key ? 'active' : ''}">${ui.render(`common.nav.${key}`)}</a>`;
  const nav = viewer
    ? html`${link('/console', 'board')} ${link('/console/arrears', 'arrears')} ${link('/console/report', 'report')}
        <span class="who">${ui.render('common.signed_in_as', { name: viewer.staff.name, role: viewer.staff.role })}</span>
        <form method="post" action="/console/logout"><input type="hidden" name="csrf" value="${viewer.csrf}"><button class="secondary">${ui.render('common.sign_out')}</button></form>`
    : html``;
  return html`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · ${ui.render('common.app')}</title><link rel="stylesheet" href="/assets/console.css"></head>
<body><header><strong>${ui.render('common.app')}</strong> ${nav}</header><main><h1>${title}</h1>${body}</main></body></html>`.value;
}
