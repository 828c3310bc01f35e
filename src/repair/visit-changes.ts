import { fromWallClock, inZone } from '../domain/time.js';
import type { ConversationEvent, FlowEffectParams } from '../../flows/events.js';
import type { Ledger } from '../ledger/ledger.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Commitment } from '../store/commitment-repo.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { Schedule } from './schedule.js';
import { holdVisit } from './visit-holds.js';
import type { VisitReminders } from './visit-reminders.js';

/** An apology for a missed visit said this recently is not said again when a new time is agreed. */
const RECENT_APOLOGY_MS = 30 * 60_000;

interface Booked {
  ticket: Ticket;
  visit: Commitment;
}

/**
 * The resident cancels their booked visit, or moves it: the new window is held and read back first (复述), and moved
 * only on their yes. The technician is told either way; a visit already missed is apologised for, and stays on the
 * record as broken.
 */
export class VisitChanges {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly schedule: Schedule,
    private readonly reminders: VisitReminders,
  ) {}

  cancel(scope: EffectScope): void {
    const booked = this.booked(scope);
    if (!booked) return this.say(scope, { key: 'repair.nothing_to_change' });
    const { ticket } = booked;
    for (const c of this.ledger.openCommitments(ticket)) this.ledger.cancel(ticket, c, scope.sender.wechatId, scope.at);
    this.ledger.changeTicket(ticket, 'cancelled', scope.sender.wechatId, scope.at);
    const technician = this.technicianOf(ticket);
    if (technician)
      this.outbound.notifyStaffMembers(
        [technician],
        { key: 'repair.staff_cancelled', params: { ticket: ticket.number, who: this.outbound.describe(scope.sender) } },
        scope.at,
        ticket.number,
      );
    this.say(scope, [
      ...this.sorry(booked, scope),
      { key: 'repair.cancelled_booking', params: { ticket: ticket.number } },
    ]);
  }

  /** The wanted window held and read back; answered by MOVE_OFFER, or MOVE_NONE (nothing to move, or no room). */
  propose(request: FlowEffectParams['proposeMove'], scope: EffectScope): ConversationEvent {
    const booked = this.booked(scope);
    if (!booked) {
      this.say(scope, { key: 'repair.nothing_to_change' });
      return { type: 'MOVE_NONE', booked: false };
    }
    const window = this.schedule.windowAt(this.wantedAt(request), undefined, scope.at);
    if (!window) {
      this.say(scope, { key: 'repair.reschedule_full' });
      return { type: 'MOVE_NONE', booked: true };
    }
    const hold = holdVisit(this.store, window, booked.ticket.summary, scope, booked.ticket.unitId ?? undefined);
    this.say(scope, [
      ...this.sorry(booked, scope),
      {
        key: booked.visit.status === 'kept' ? 'repair.confirm_return' : 'repair.confirm_move',
        params: { ticket: booked.ticket.number },
        times: { visit: hold },
      },
    ]);
    return { type: 'MOVE_OFFER', hold, ticket: booked.ticket.number };
  }

  /** The time wanted; an hour said alone, on the day of the window read back before. */
  private wantedAt(request: FlowEffectParams['proposeMove']): number {
    const wanted = Date.parse(request.wanted);
    const day =
      request.onDayOfHold === undefined ? null : this.store.commitments.byId(request.onDayOfHold)?.windowStart;
    if (day === null || day === undefined) return wanted;
    const [d, t] = [inZone(day), inZone(wanted)];
    return fromWallClock(d.year(), d.month() + 1, d.date(), t.hour(), t.minute());
  }

  /** The resident's yes to the read-back: the held window becomes the visit, the technicians before and after told. */
  confirm(request: FlowEffectParams['confirmMove'], scope: EffectScope): void {
    const booked = this.booked(scope);
    const hold = this.store.commitments.byId(request.hold);
    if (!booked || !hold || hold.status !== 'open' || hold.windowStart === null) {
      return this.say(scope, { key: 'repair.nothing_to_change' });
    }
    const { ticket, visit } = booked;
    this.store.commitments.settle(hold.id, 'cancelled', scope.at); // the hold gives way to the promise itself
    const previous = this.technicianOf(ticket);
    const technicianId = hold.ownerId ?? ticket.ownerId;
    const moved =
      technicianId === ticket.ownerId
        ? ticket
        : this.ledger.changeTicket(ticket, ticket.status, scope.sender.wechatId, scope.at, technicianId);
    const next = this.ledger.promise(moved, 'repair_visit', hold.dueAt, scope.at, {
      replacesId: visit.id,
      windowStart: hold.windowStart,
    });
    // A missed visit stays broken, a visit made stays kept; one still to come is replaced by the new one.
    if (visit.status === 'open') this.ledger.renegotiate(moved, visit, next, scope.sender.wechatId, scope.at);
    this.reminders.schedule(next, ticket.conversationKey, scope.at);
    const times = { visit: next.id };
    const assigned = technicianId ? this.store.community.staffById(technicianId) : undefined;
    this.outbound.notifyStaffMembers(
      [previous, assigned],
      {
        key: 'repair.staff_rescheduled',
        params: { ticket: ticket.number, who: this.outbound.describe(scope.sender) },
        times,
      },
      scope.at,
      ticket.number,
    );
    this.say(scope, { key: 'repair.rescheduled', params: { ticket: ticket.number }, times });
  }

  /** The visit still to come — or the one last missed: moving or cancelling that one is owed an apology. */
  private booked(scope: EffectScope): Booked | undefined {
    return this.store.tickets
      .openForParty(scope.sender.wechatId)
      .filter((t) => t.type === 'repair')
      .map((ticket) => {
        const visits = this.store.commitments
          .byTicket(ticket.id)
          .filter((c) => c.kind === 'repair_visit' && c.windowStart !== null);
        // A repair reopened after its visit (修了又坏) is given a return visit in the same way.
        const visit =
          visits.find((c) => c.status === 'open') ??
          visits.filter((c) => c.status === 'broken').at(-1) ??
          visits.filter((c) => c.status === 'kept').at(-1);
        return visit && { ticket, visit };
      })
      .filter((b) => b !== undefined)
      .at(-1);
  }

  private sorry({ ticket, visit }: Booked, scope: EffectScope): PhraseRef[] {
    if (visit.status !== 'broken') return [];
    // Just apologised for it (the chase a moment ago): not again in the next breath.
    const chased = this.store.events
      .forRef(ticket.number)
      .some((e) => e.type === 'resident_chased' && e.at > scope.at - RECENT_APOLOGY_MS);
    if (chased) return [];
    const promise = this.outbound.render({ key: 'ledger.kind.repair_visit' }, scope.at).text;
    return [{ key: 'reception.chase.sorry', params: { ticket: ticket.number, promise } }];
  }

  private technicianOf(ticket: Ticket) {
    return ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
  }

  private say(scope: EffectScope, refs: PhraseRef | PhraseRef[]): void {
    this.outbound.say(scope.replyTo, scope.conversationKey, refs, scope.at);
  }
}
