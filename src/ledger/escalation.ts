import { DISTRESS_TOPIC } from '../domain/ticket-topics.js';
import { promiseNameKey } from './service-levels.js';
import type { Logger } from '../log.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Commitment } from '../store/commitment-repo.js';
import type { Staff, StaffRole } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import { isClosed, type Ledger } from './ledger.js';

/** Rows handled per transaction: big passes commit in slices so one bad row cannot stall them all. */
const SLICE = 500;

/** The ladder above each role; a breach goes one rung up from the promise's owner. */
const LADDER: readonly StaffRole[] = ['supervisor', 'manager'];

/**
 * The escalation ladder. Before a promise falls due its owner is warned; when it falls due unkept
 * it is marked broken, the next rung is told and the resident gets an apology; while the ticket
 * stays open it climbs one rung per interval. Each step is a row change committed together with
 * its messages, so a step happens once: never twice, and not lost across a restart.
 */
export class EscalationLadder {
  /**
   * Who handles an unclaimed matter that runs round the clock (an emergency: the desk and the on-call
   * technicians), told again when its promise breaks: nobody claimed it, so the ones paged may not have seen it.
   * Set by the feature that pages them.
   */
  handlersOfUnclaimed: ((ticket: Ticket) => Staff[]) | undefined;

  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly log: Logger,
    private readonly quietUntil: (at: number) => number | undefined = () => undefined,
  ) {}

  /** When the ladder next has work, for a clock that jumps ahead. */
  nextDueAt(): number | undefined {
    return this.store.commitments.nextEventAt();
  }

  /** Does everything due by `now`: warnings, breaches, further escalations. Returns the steps taken. */
  runDue(now: number): number {
    // Asked after every message: the repository knows without a query whether anything can be due.
    if (!this.store.commitments.mayBeDue(now)) return 0;
    let steps = 0;
    steps += this.inSlices(
      () => this.store.commitments.warnBy(now, SLICE),
      (c) => this.warn(c, now),
    );
    steps += this.inSlices(
      () => this.store.commitments.dueBy(now, SLICE),
      (c) => this.breach(c, now),
    );
    steps += this.inSlices(
      () => this.store.commitments.escalateBy(now, SLICE),
      (c) => this.climb(c, now),
    );
    this.store.commitments.doneDue();
    return steps;
  }

  private inSlices(fetch: () => Commitment[], step: (c: Commitment) => void): number {
    let done = 0;
    for (let slice = fetch(); slice.length > 0; slice = fetch()) {
      this.store.transaction(() => slice.forEach(step));
      done += slice.length;
    }
    return done;
  }

  private warn(commitment: Commitment, now: number): void {
    if (!this.store.commitments.markWarned(commitment.id, now)) return;
    // Already due (the bot was down over the warning time): the breach, in this same pass, says so instead.
    if (now >= commitment.dueAt) return;
    const ticket = this.ticketOf(commitment);
    if (!ticket) return;
    // A warning that would wait for the office to open past the deadline ("将于昨天19:00到期") warns of nothing:
    // the breach says it.
    const levels = this.ledger.levels;
    if (
      !levels.isRoundTheClock(ticket.category) &&
      !levels.isBusinessTime(now) &&
      levels.nextOpen(now) >= commitment.dueAt
    )
      return;
    const owner = this.owner(commitment);
    const recipients = owner ? [owner] : this.outbound.firstStaffedRole(['service', 'supervisor', 'manager']);
    this.outbound.notifyStaffAtWork(ticket, recipients, this.staffPhrase('ladder.warn', commitment, ticket), now);
  }

  private breach(commitment: Commitment, now: number): void {
    if (commitment.party === 'resident') return this.residentMissed(commitment, now);
    const ticket = this.ticketOf(commitment);
    const owner = this.owner(commitment);
    const rung = this.rungAbove(owner);
    const climbsLater = ticket && !isClosed(ticket) && rung < LADDER.length - 1;
    const nextClimb =
      ticket && climbsLater
        ? this.ledger.levels.later(ticket.category, now, this.ledger.levels.escalateAfter(ticket.category))
        : null;
    if (!this.store.commitments.breach(commitment.id, now, rung + 1, nextClimb)) return;
    this.store.events.record({
      at: now,
      actor: 'bot',
      type: 'commitment_broken',
      ...(ticket && { ref: ticket.number }),
      data: { id: commitment.id, kind: commitment.kind },
    });
    if (!ticket) return;
    const phrase = this.staffPhrase('ladder.escalated', commitment, ticket, owner);
    const stillUnclaimed =
      !owner && this.ledger.levels.isRoundTheClock(ticket.category) ? (this.handlersOfUnclaimed?.(ticket) ?? []) : [];
    if (owner || stillUnclaimed.length > 0)
      this.outbound.notifyStaffAtWork(
        ticket,
        owner ? [owner] : stillUnclaimed,
        this.staffPhrase('ladder.broken_owner', commitment, ticket),
        now,
      );
    this.outbound.notifyStaffAtWork(ticket, this.rung(rung), phrase, now);
    this.apologise(ticket, commitment, now);
  }

  private climb(commitment: Commitment, now: number): void {
    const ticket = this.ticketOf(commitment);
    if (!ticket || isClosed(ticket)) {
      this.store.commitments.escalate(commitment.id, commitment.escalationLevel, null);
      return;
    }
    const rung = commitment.escalationLevel; // the next rung up, 0-based into LADDER
    // Climbs count office hours, except for matters that run round the clock.
    const next =
      rung < LADDER.length - 1
        ? this.ledger.levels.later(ticket.category, now, this.ledger.levels.escalateAfter(ticket.category))
        : null;
    this.store.commitments.escalate(commitment.id, rung + 1, next);
    this.store.events.record({
      at: now,
      actor: 'bot',
      type: 'commitment_escalated',
      ref: ticket.number,
      data: { id: commitment.id, level: rung + 1 },
    });
    this.outbound.notifyStaffAtWork(
      ticket,
      this.rung(rung),
      this.staffPhrase('ladder.escalated', commitment, ticket, this.owner(commitment)),
      now,
    );
  }

  /**
   * A resident's promise (to pay) passed unkept: one polite follow-up to them, and the desk calls.
   * Never a series of messages from the bot, and no ladder: it is not the office's promise.
   */
  private residentMissed(commitment: Commitment, now: number): void {
    if (!this.store.commitments.breach(commitment.id, now, 0, null)) return;
    this.store.events.record({
      at: now,
      actor: 'bot',
      type: 'commitment_broken',
      ref: commitment.unitId ?? undefined,
      data: { id: commitment.id, kind: commitment.kind },
    });
    const times = { due: commitment.id };
    if (commitment.residentParty) {
      this.outbound.say(
        commitment.residentParty,
        commitment.residentParty,
        { key: 'arrears.payment_missed', times },
        now,
        { proactive: 'reminder' },
      );
    }
    const desk = this.outbound.firstStaffedRole(['service', 'supervisor', 'manager']);
    // The desk's call about a missed payment is ordinary office work: it waits for office hours.
    const about = { number: commitment.unitId ?? 'payment', category: 'callback' };
    this.outbound.notifyStaffAtWork(
      about,
      desk,
      { key: 'arrears.staff_payment_missed', params: { unit: commitment.unitId ?? '-' }, times },
      now,
    );
  }

  /**
   * The resident hears of the breach at once, with a new time only when one is promised — at once outside
   * the quiet hours: a breach found at 23:40 (a restart, a deadline in the evening) is apologised for when they
   * end, unless the matter runs round the clock (an emergency). Not paced as a notice: a reply due to the same
   * resident (the answer that was late) must not wait behind it.
   */
  private apologise(ticket: Ticket, commitment: Commitment, now: number): void {
    // Someone in despair is not sent a form apology for a late arrival: staff are chased instead (the ladder).
    if (ticket.topic === DISTRESS_TOPIC) return;
    const params = { ticket: ticket.number, promise: this.kindName(commitment, ticket) };
    const next = this.ledger.nextPromise(ticket);
    const levels = this.ledger.levels;
    const urgent = levels.isRoundTheClock(ticket.category);
    // The supervisor hears of it when the office opens (notifyStaffAtWork): the resident is told so, not "reported".
    const reported = urgent || levels.isBusinessTime(now) ? now : levels.nextOpen(now);
    // Held past the quiet hours itself, it is read once the supervisor has heard.
    const sentAt = urgent ? now : (this.quietUntil(now) ?? now);
    const refs: PhraseRef[] = [
      reported > sentAt
        ? { key: 'ladder.apology_held', params, moments: { reported } }
        : { key: 'ladder.apology', params },
    ];
    if (next) refs.push({ key: 'ladder.apology_new_time', params, times: { due: next.id } });
    this.outbound.say(ticket.replyTo, ticket.conversationKey, refs, now, {
      notBefore: sentAt,
      // Held past the quiet hours, it is not said of a matter finished meanwhile.
      lapsesWith: ticket.number,
    });
  }

  /** The index into LADDER of the first rung above the owner (supervisors above desk and technicians). */
  private rungAbove(owner: Staff | undefined): number {
    if (owner?.role === 'manager') return LADDER.length - 1;
    if (owner?.role === 'supervisor') return 1;
    return 0;
  }

  /** Staff on a rung, or the next staffed rung above it. */
  private rung(index: number): Staff[] {
    return this.outbound.firstStaffedRole(LADDER.slice(Math.min(index, LADDER.length - 1)));
  }

  /** Whoever answers for the promise: its own owner, else whoever took its ticket since (#接单 after it broke). */
  private owner(commitment: Commitment): Staff | undefined {
    const id =
      commitment.ownerId ??
      (commitment.ticketId === null ? null : (this.store.tickets.byId(commitment.ticketId)?.ownerId ?? null));
    return id ? this.store.community.staffById(id) : undefined;
  }

  private ticketOf(commitment: Commitment): Ticket | undefined {
    const ticket = commitment.ticketId === null ? undefined : this.store.tickets.byId(commitment.ticketId);
    if (!ticket) this.log.warn({ commitment: commitment.id }, 'commitment without a ticket');
    return ticket;
  }

  private kindName(commitment: Commitment, ticket: Ticket): string {
    return this.outbound.render({ key: promiseNameKey(commitment.kind, ticket.category) }, 0).text;
  }

  private staffPhrase(key: string, commitment: Commitment, ticket: Ticket, owner?: Staff): PhraseRef {
    return {
      key,
      params: {
        ticket: ticket.number,
        promise: this.kindName(commitment, ticket),
        summary: ticket.summary,
        owner: owner?.name ?? this.outbound.render({ key: 'ledger.no_owner' }, 0).text,
      },
      times: { due: commitment.id },
    };
  }
}
