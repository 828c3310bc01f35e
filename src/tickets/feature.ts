import type { CardEffects } from '../card/card-effects.js';
import type { ComplaintFollowUp } from '../complaint/complaint-follow-up.js';
import type { HandoffEffects } from '../handoff/handoff-effects.js';
import type { RepairEffects } from '../repair/repair-effects.js';
import type { VisitReminders } from '../repair/visit-reminders.js';
import type { Core } from '../runtime/core.js';
import type { EffectHandlers } from '../runtime/feature.js';
import { EVERYONE, LEADS_AND_TECHNICIANS, type CommandSpecs } from '../staff/commands.js';
import { ListCommands } from '../staff/list-commands.js';
import type { ResidentRelay } from '../staff/resident-relay.js';
import { TicketCommands } from '../staff/ticket-commands.js';
import { ChaseEffects } from './chase-effects.js';
import { TicketEffects } from './ticket-effects.js';

export interface TicketFeatureDeps {
  repair: RepairEffects;
  reminders: VisitReminders;
  followUp: ComplaintFollowUp;
  handoff: HandoffEffects;
  cards: CardEffects;
  relay: ResidentRelay;
}

/**
 * Tickets and their promises: opened for the desk, chased by residents, worked by staff with their
 * commands (接单, 进度, 出发, 完成, 改约, 转派, 待办, 逾期), new times proposed and answered.
 */
export function ticketFeature(core: Core, deps: TicketFeatureDeps) {
  const { store, ledger, outbound, levels, fees, toResident, understander } = core;
  const { repair, reminders, followUp, handoff, cards, relay } = deps;
  const tickets = new TicketEffects({ store, ledger, levels, outbound, fees, repair, reminders, handoff });
  // Reported done, and the resident says it is not: the complaint's or the repair's own answer to it.
  const chases = new ChaseEffects(store, ledger, outbound, understander.ticketHints, (ticket, text, scope) =>
    ticket.type === 'complaint'
      ? followUp.resolve({ ticket: ticket.number, satisfied: false }, scope)
      : repair.recordRating({ ticket: ticket.number, scores: [], unhappy: true, text }, scope),
  );
  const work = new TicketCommands(store, ledger, outbound, toResident, followUp, cards, relay);
  const lists = new ListCommands(store, ledger, outbound);
  const effects = {
    openTicket: (p, s) => tickets.openTicket(p, s),
    reportProgress: (p, s) => tickets.reportProgress(p, s),
    acceptReschedule: (p, s) => tickets.acceptReschedule(p, s),
    declineReschedule: (p, s) => tickets.declineReschedule(p, s),
    chaseTicket: (p, s) => chases.chase(p, s),
    acknowledgeMedia: (p, s) => tickets.acknowledgeMedia(p, s),
  } satisfies Partial<EffectHandlers>;
  const commands = {
    claim: { handler: (c) => work.claim(c), roles: EVERYONE },
    progress: { handler: (c) => work.progress(c), roles: EVERYONE },
    depart: { handler: (c) => work.depart(c), roles: LEADS_AND_TECHNICIANS },
    done: { handler: (c) => work.done(c), roles: EVERYONE },
    reschedule: { handler: (c) => work.reschedule(c), roles: EVERYONE },
    // The desk hands any ticket on; anyone else only their own (checked by the handler).
    reassign: { handler: (c) => work.reassign(c), roles: EVERYONE },
    todo: { handler: (c) => lists.todo(c), roles: EVERYONE },
    overdue: { handler: (c) => lists.overdue(c), roles: EVERYONE },
  } satisfies CommandSpecs;
  return { effects, commands, tickets, work };
}
