import type { PhraseCatalog } from '../phrases/catalog.js';
import type { Staff } from '../store/community-repo.js';
import { html, SafeHtml } from './html.js';

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f3f3;color:#222}
header{background:#2e3238;color:#fff;padding:.6em 1em;display:flex;flex-wrap:wrap;gap:.8em;align-items:center}
header a{color:#fff;text-decoration:none}header a.active{font-weight:bold;border-bottom:2px solid #07c160}
header .who{margin-left:auto;font-size:.9em;opacity:.85}header form{display:inline}
main{padding:1em;max-width:1100px;margin:auto}h1{font-size:1.3em}
table{border-collapse:collapse;width:100%;background:#fff}th,td{padding:.45em .6em;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
tr.overdue td{background:#fde2e1;color:#a30000}tr.near td{background:#fff4d6}
.table-wrap{overflow-x:auto}.muted{color:#888}.flash{background:#e8f7ee;border:1px solid #07c160;padding:.5em 1em;margin:.5em 0;white-space:pre-wrap}
.error{background:#fde2e1;border:1px solid #a30000;padding:.5em 1em}
form.inline{display:flex;flex-wrap:wrap;gap:.4em;margin:.3em 0}input,select,button{font:inherit;padding:.35em .6em}
button{background:#07c160;color:#fff;border:0;border-radius:4px;cursor:pointer}button.secondary{background:#666}
section{background:#fff;padding:.6em 1em;margin:.8em 0;border-radius:6px}.bar{fill:#07c160}.bar-label{font-size:11px}
@media (max-width:600px){th,td{padding:.35em .4em;font-size:.9em}header{font-size:.95em}}
`;

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
<title>${title} · ${ui.render('common.app')}</title><style>${new SafeHtml(STYLE)}</style></head>
<body><header><strong>${ui.render('common.app')}</strong> ${nav}</header><main><h1>${title}</h1>${body}</main></body></html>`.value;
}
