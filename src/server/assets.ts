/**
 * The pages' style and scripts, served as files from /assets/: the Content-Security-Policy allows
 * scripts and styles from the server itself and nothing inline, so an injected tag could not run.
 */
export const ASSETS: Record<string, { type: string; body: string }> = {
  'console.css': {
    type: 'text/css; charset=utf-8',
    body: `*{box-sizing:border-box}
    body{margin:0;font:15px/1.5 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f3f3;color:#222}
header{background:#2e3238;color:#fff;padding:.6em 1em;display:flex;flex-wrap:wrap;gap:.8em;align-items:center}
header a{color:#fff;text-decoration:none}header a.active{font-weight:bold;border-bottom:2px solid #07c160}
header .who{margin-left:auto;font-size:.9em;opacity:.85}header form{display:inline}
main{padding:1em;max-width:1100px;margin:auto}h1{font-size:1.3em}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{padding:.45em .6em;border-bottom:1px solid #e5e5e5;text-align:left;vertical-align:top}
tr.overdue td{background:#fde2e1;color:#a30000}tr.near td{background:#fff4d6}
.table-wrap{overflow-x:auto}.muted{color:#888}
.flash{background:#e8f7ee;border:1px solid #07c160;padding:.5em 1em;margin:.5em 0;white-space:pre-wrap}
.error{background:#fde2e1;border:1px solid #a30000;padding:.5em 1em}
form.inline{display:flex;flex-wrap:wrap;gap:.4em;margin:.3em 0}input,select,button{font:inherit;padding:.35em .6em}
button{background:#07c160;color:#fff;border:0;border-radius:4px;cursor:pointer}button.secondary{background:#666}
section{background:#fff;padding:.6em 1em;margin:.8em 0;border-radius:6px}.bar{fill:#07c160}.bar-label{font-size:11px}
@media (max-width:600px){th,td{padding:.35em .4em;font-size:.9em}header{font-size:.95em}}
svg.chart{max-width:100%}
#chat{background:#ededed;height:60vh;overflow-y:auto;padding:.8em;border-radius:6px;
  display:flex;flex-direction:column;gap:.5em}
.msg{max-width:80%;padding:.5em .8em;border-radius:6px;white-space:pre-wrap;word-break:break-word}
.msg.in{align-self:flex-end;background:#95ec69}.msg.out{align-self:flex-start;background:#fff}
#compose{margin-top:.5em}#text{flex:1;min-width:12em}
.choices{display:flex;flex-wrap:wrap;gap:.3em;margin:.4em 0}
.choices button{background:#fff;color:#07c160;border:1px solid #07c160}
`,
  },
  // Reloads the page when the server says the data changed (server-sent events) — but not while
  // one of its own forms is being sent: the reload would cancel that navigation.
  'live.js': {
    type: 'text/javascript; charset=utf-8',
    body: `{
  const version = document.currentScript.dataset.version;
  let sending = false;
  addEventListener('submit', () => { sending = true; });
  new EventSource('/console/events?v=' + encodeURIComponent(version)).addEventListener('changed',
  () => { if (!sending) location.reload(); });
}
`,
  },
  // The ticket page's "show the full number": a logged POST with the page's CSRF token.
  'reveal.js': {
    type: 'text/javascript; charset=utf-8',
    body: `{
  const button = document.getElementById('reveal-phone');
  button?.addEventListener('click', async () => {
    const answer = await fetch(button.dataset.url, { method: 'POST',
    body: new URLSearchParams({ csrf: button.dataset.csrf }) });
    if (!answer.ok) return;
    document.getElementById('phones').textContent = (await answer.json()).phones.join(' ');
    button.hidden = true;
  });
}
`,
  },
  'sim.js': {
    type: 'text/javascript; charset=utf-8',
    body: `const chat = document.getElementById('chat'), as = document.getElementById('as'),
    clock = document.getElementById('clock');
let stream;
function bubble(direction, text, menu) {
  const d = document.createElement('div'); d.className = 'msg ' + direction;
  if (!menu) d.textContent = text;
  else {
    // Choices as buttons, as WeCom shows them; a tap says the button's words and sends its id.
    const row = document.createElement('div'); row.className = 'choices';
    for (const c of menu.choices) {
      const b = document.createElement('button'); b.type = 'button'; b.textContent = c.label; b.dataset.choice = c.id;
      b.addEventListener('click', () => say(c.label, c.id)); row.append(b);
    }
    d.append(menu.head, row, menu.tail || '');
  }
  chat.append(d); chat.scrollTop = chat.scrollHeight;
}
async function say(text, choice) {
  bubble('in', text);
  const body = JSON.stringify({ as: as.value, text, ...(choice && { choice }) });
  await fetch('/sim/api/say', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
}
async function load() {
  chat.textContent = '';
  const r = await (await fetch('/sim/api/messages?as=' + encodeURIComponent(as.value))).json();
  r.messages.forEach((m) => bubble(m.direction, m.text, m.menu)); clock.textContent = r.clock;
  if (stream) stream.close();
  stream = new EventSource('/sim/api/stream?as=' + encodeURIComponent(as.value));
  stream.addEventListener('message', (e) => {
    const m = JSON.parse(e.data); bubble('out', m.text, m.menu); clock.textContent = m.clock;
  });
}
as.addEventListener('change', load);
document.getElementById('compose').addEventListener('submit', async (e) => {
  e.preventDefault(); const input = document.getElementById('text'); const text = input.value; input.value = '';
  await say(text);
});
document.querySelectorAll('.advance').forEach((b) => b.addEventListener('click', async () => {
  const r = await (await fetch('/sim/api/advance', { method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ by: b.dataset.by }) })).json();
  clock.textContent = r.clock;
}));
load();
`,
  },
};
