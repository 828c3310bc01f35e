import type { FlowEffectParams, RescheduleAnswer, TicketOrder } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { FeeStandards } from '../fees/fee-standards.js';
import type { HandoffEffects } from '../handoff/handoff-effects.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ServiceLevels } from '../ledger/service-levels.js';
import type { RepairEffects } from '../repair/repair-effects.js';
import type { VisitReminders } from '../repair/visit-reminders.js';
import type { EffectScope } from '../runtime/feature.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import { ticketStanding } from './chase-effects.js';
import { brokenPromiseApology } from '../ledger/promise-words.js';

/** A report of the common parts told again within this long is the same report. */
const SAME_REPORT_MS = 3 * 3_600_000;

export interface TicketEffectDeps {
  store: Store;
  ledger: Ledger;
  levels: ServiceLevels;
  outbound: Outbound;
  fees: FeeStandards;
  repair: RepairEffects;
  reminders: VisitReminders;
  handoff: HandoffEffects;
}

/** Tickets a flow opens, where they stand, staff's proposed new times answered, media kept on them. */
export class TicketEffects {
  constructor(private readonly deps: TicketEffectDeps) {}

  /** Opens the ticket and its promise, then tells the resident and the desk, both naming the deadline. */
  openTicket(order: TicketOrder, scope: EffectScope): void {
    const { ledger, outbound, levels, fees, handoff, repair } = this.deps;
    const recent = order.joinsRecent ? this.recentLike(order, scope) : undefined;
    if (recent) {
      handoff.passOn({ ticket: recent, text: order.text }, scope);
      return;
    }
    const { ticket, commitment } = ledger.openTicket(
      {
        type: order.type,
        category: order.category,
        commitmentKind: order.kind,
        target: order.target,
        summary: order.text,
        sender: scope.sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        ...(order.messageId && { sourceMessage: order.messageId }),
        ...(order.callbackAt && { askedFor: Date.parse(order.callbackAt) }),
      },
      scope.at,
    );
    const times = { due: commitment.id };
    const ackKey = order.afterHoursKey && !levels.isBusinessTime(scope.at) ? order.afterHoursKey : order.ackKey;
    outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: ackKey, params: { ticket: ticket.number }, times },
      scope.at,
    );
    if (order.explainFees) {
      const lines = fees.explain(order.explainFees, scope.at, separator(outbound, scope.at));
      if (lines.length > 0)
        outbound.say(scope.replyTo, scope.conversationKey, [{ key: 'fees.header' }, ...lines], scope.at);
    }
    const notice = { key: order.staffKey, params: { ticket: ticket.number, text: order.text }, times };
    const told = order.withTranscript ? [notice, ...handoff.transcript(ticket, scope)] : notice;
    outbound.notifyStaff(scope.sender, told, scope.at, ticket.number);
    // Asked for by name: the one the resident wants hears of it too, in person.
    const named = order.staff ? this.deps.store.community.staffByName(order.staff) : [];
    if (named.length === 1 && !outbound.deskRecipients().includes(named[0]!.wechatId ?? ''))
      outbound.notifyNaming(named, scope.sender, notice, scope.at, ticket.number);
    if (order.pageOnCall) {
      const page = { ...notice, params: { ...notice.params, who: outbound.describe(scope.sender) } };
      repair.pageOnCall(page, ticket, scope.at);
    }
  }

  /** The sender's report of the same kind opened within the last hours and still open, if any. */
  private recentLike(order: TicketOrder, scope: EffectScope): string | undefined {
    return this.deps.store.tickets
      .openForParty(scope.sender.wechatId)
      .filter((t) => t.type === order.type && t.category === order.category && scope.at - t.createdAt < SAME_REPORT_MS)
      .filter((t) => this.deps.store.commitments.byTicket(t.id).every((c) => c.windowStart === null))
      .at(-1)?.number;
  }

  /** Where the resident's tickets stand; with none open, said so (and how to report one). */
  reportProgress(_order: TicketOrder, scope: EffectScope): void {
    if (!this.listOpenTickets(scope)) this.say(scope, { key: 'reception.aside.no_tickets' });
  }

  /** Where each open ticket stands, with its next promised time; false when there are none. */
  listOpenTickets(scope: EffectScope): boolean {
    const { store, ledger, outbound } = this.deps;
    const open = store.tickets.openForParty(scope.sender.wechatId);
    if (open.length === 0) return false;
    // A promise already broken with none kept in its place (a call back nobody made): the apology comes with it.
    const lines = open.flatMap((t) => {
      const next = ledger.nextPromise(t);
      const broken = next
        ? undefined
        : store.commitments
            .byTicket(t.id)
            .filter((c) => c.status === 'broken' && c.party === 'office')
            .at(-1);
      const standing = ticketStanding(t, next);
      return broken ? [brokenPromiseApology(outbound, t, broken, scope.at), standing] : [standing];
    });
    this.say(scope, [{ key: 'reception.progress.header' }, ...lines]);
    return true;
  }

  acceptReschedule(answer: RescheduleAnswer, scope: EffectScope): void {
    const { ticket, old, proposed } = this.proposal(answer);
    if (!ticket || !proposed) return;
    if (old) this.deps.ledger.renegotiate(ticket, old, proposed, scope.sender.wechatId, scope.at);
    // A new time agreed after a missed visit answers for the broken promise: its ladder stops climbing (the manager
    // was told the next morning that a visit the resident had already moved was still overdue).
    this.deps.store.commitments.stopEscalating(ticket.id);
    if (proposed.kind === 'repair_visit') this.deps.reminders.schedule(proposed, ticket.conversationKey, scope.at);
    const notice = {
      key: 'staff.reschedule.accepted',
      params: { ticket: ticket.number },
      times: { time: proposed.id },
    };
    this.deps.outbound.notifyOwner(ticket, scope.sender, notice, scope.at);
  }

  declineReschedule(answer: FlowEffectParams['declineReschedule'], scope: EffectScope): void {
    const { ticket, proposed } = this.proposal(answer);
    if (!ticket || !proposed) return;
    this.deps.ledger.cancel(ticket, proposed, scope.sender.wechatId, scope.at);
    const notice = { key: `staff.reschedule.${answer.reason}`, params: { ticket: ticket.number } };
    this.deps.outbound.notifyOwner(ticket, scope.sender, notice, scope.at);
  }

  /** A photo, a voice note, a red packet: kept on the ticket it belongs to, or said what we can do. */
  acknowledgeMedia(media: FlowEffectParams['acknowledgeMedia'], scope: EffectScope): void {
    const ticket = media.messageId ? this.deps.store.attachments.ticketOf(media.messageId) : undefined;
    const kept = media.kind === 'image' || media.kind === 'video' || media.kind === 'file';
    const ref: PhraseRef =
      media.kind === 'money'
        ? { key: 'input.money' }
        : ticket
          ? { key: 'input.photo_kept_ticket', params: { ticket } }
          : kept && media.forTicketToCome
            ? { key: 'input.photo_kept' }
            : { key: 'input.non_text' };
    this.say(scope, ref);
  }

  private proposal(answer: RescheduleAnswer) {
    const { store } = this.deps;
    return {
      ticket: store.tickets.byNumber(answer.ticket),
      old: store.commitments.byId(answer.replacesId),
      proposed: store.commitments.byId(answer.commitmentId),
    };
  }

  private say(scope: EffectScope, refs: PhraseRef | PhraseRef[]): void {
    this.deps.outbound.say(scope.replyTo, scope.conversationKey, refs, scope.at);
  }
}

/** The separator between items of a list in a sentence (data/phrases: common.list_separator). */
export function separator(outbound: Outbound, at: number): string {
  return outbound.render({ key: 'common.list_separator' }, at).text;
}
