/** The console's ticket pages: a ticket, its phone numbers revealed on request, and the staff actions on it. */
import { Hono, type Context } from 'hono';
import type { Staff } from '../store/community-repo.js';
import { loadWords } from '../staff/commands.js';
import type { ConsoleEnv } from './auth.js';
import { liveReload, type ConsolePages } from './console-pages.js';
import { html } from './html.js';
import { page, seesAll } from './layout.js';
import { phonesOf, visibleTranscript } from './ticket-view.js';

/** Ticket actions offered on a ticket's page: the staff commands, by name, and whether they take text. */
const ACTIONS = [
  { name: 'claim', arg: false },
  { name: 'progress', arg: true },
  { name: 'reschedule', arg: true },
  { name: 'reassign', arg: true },
  { name: 'done', arg: false },
] as const;

export function consoleTicketRoutes(pages: ConsolePages): Hono<ConsoleEnv> {
  const { app, ui, live, log, say, time, viewer } = pages;
  const routes = new Hono<ConsoleEnv>();
  const words = loadWords();
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
        ${
          resident
            ? ui.render('ticket.resident_known', { name: resident.name, unit: resident.unitId, phone: resident.phone })
            : ui.render('ticket.resident', { who: ticket.party })
        }
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
              ${
                a.arg
                  ? html`<input name="arg" required placeholder="${ui.render(`ticket.${a.name}_placeholder`)}" />`
                  : ''
              }<button>${ui.render(`ticket.${a.name}`)}</button>
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
                <td>${say(`ledger.status.${m.status}`)}</td>
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
                <td>${m.text ?? `[${say(`ledger.message_kind.${m.kind}`)}]`}</td>
              </tr>`,
          )}
        </table>
      </section>
      ${
        photos.length > 0
          ? html`<section>
              <h2>${ui.render('ticket.photos')}</h2>
              <ul>
                ${photos.map((p) => html`<li>${time(p.at)} ${say(`ledger.message_kind.${p.kind}`)} ${p.path}</li>`)}
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

  return routes;
}
