import type { PhraseRef } from '../phrases/phrase-ref.js';
import { fromWallClock, inZone } from '../domain/time.js';
import type { Outbound } from '../runtime/outbound.js';
import type { OutboundGovernor } from '../runtime/governor.js';
import type { Commitment } from '../store/commitment-repo.js';
import type { Store } from '../store/store.js';

/** The evening before a visit, at this hour, resident and technician are reminded. */
const EVENING_HOUR = 19;
const HOUR_MS = 3_600_000;
/**
 * An hour-before reminder that quiet hours would push this far ahead of the visit is dropped (the evening one
 * suffices).
 */
const EARLIEST_BEFORE_MS = 3 * HOUR_MS;

/**
 * Reminders before a promise falls due. A visit (按时赴约): the evening before and an hour before,
 * to the resident and the technician. A resident's promise to pay: once, gently, the evening before.
 * Durable timers; a promise moved, cancelled or already kept is not recalled.
 */
export class VisitReminders {
  constructor(
    private readonly store: Store,
    private readonly outbound: Outbound,
    private readonly governor: OutboundGovernor,
  ) {}

  /** Call when a visit is booked or agreed anew (in the same transaction). */
  schedule(visit: Commitment, conversationKey: string, at: number): void {
    const start = visit.windowStart ?? visit.dueAt;
    const day = inZone(start).subtract(1, 'day');
    const evening = fromWallClock(day.year(), day.month() + 1, day.date(), EVENING_HOUR, 0);
    if (evening > at)
      this.store.timers.arm(
        `visit:${visit.id}:evening`,
        conversationKey,
        { type: 'visitReminder', commitmentId: visit.id, moment: 'evening' },
        evening,
      );
    if (visit.kind === 'payment') return; // a payment is reminded once, gently, the evening before
    // Quiet hours would hold an hour-before reminder until too late: it comes before them instead.
    const hour = this.governor.lastAllowedAtOrBefore(start - HOUR_MS);
    if (hour > at && start - hour <= EARLIEST_BEFORE_MS) {
      this.store.timers.arm(
        `visit:${visit.id}:hour`,
        conversationKey,
        { type: 'visitReminder', commitmentId: visit.id, moment: 'hour' },
        hour,
      );
    }
  }

  remind(commitmentId: number, moment: 'evening' | 'hour', at: number): void {
    const visit = this.store.commitments.byId(commitmentId);
    if (!visit || visit.status !== 'open') return;
    // Fired late (the bot was down meanwhile): a reminder of a visit already begun, or a day already due, says nothing
    // useful; the promise's own ladder speaks for it now.
    if (at >= (visit.windowStart ?? visit.dueAt)) return;
    if (visit.kind === 'payment' && visit.residentParty) {
      this.outbound.say(
        visit.residentParty,
        visit.residentParty,
        { key: 'arrears.payment_reminder', times: { due: visit.id } },
        at,
        { proactive: 'reminder' },
      );
      return;
    }
    if (visit.ticketId === null) return;
    const ticket = this.store.tickets.byId(visit.ticketId);
    if (!ticket) return;
    const times = { visit: visit.id };
    this.outbound.say(
      ticket.replyTo,
      ticket.conversationKey,
      { key: `repair.remind_resident_${moment}`, params: { ticket: ticket.number }, times },
      at,
      {
        proactive: 'reminder',
      },
    );
    const technician = visit.ownerId ? this.store.community.staffById(visit.ownerId) : undefined;
    const note: PhraseRef = {
      key: 'repair.remind_technician',
      params: { ticket: ticket.number, summary: ticket.summary, unit: ticket.unitId ?? '-' },
      times,
    };
    if (technician) this.outbound.notifyStaffMembers([technician], note, at, ticket.number);
    // Nobody has said they will go (#接单) by the evening before: the desk hears it while there is time to send someone.
    if (moment === 'evening' && ticket.status === 'new')
      this.outbound.notifyStaffMembers(
        this.outbound.firstStaffedRole(['service', 'supervisor']),
        {
          key: 'repair.remind_desk_unclaimed',
          params: {
            ticket: ticket.number,
            summary: ticket.summary,
            unit: ticket.unitId ?? '-',
            name: technician?.name ?? '-',
          },
          times,
        },
        at,
        ticket.number,
      );
  }
}
