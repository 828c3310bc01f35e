import type { ConversationEvent, FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { isClosed, type Ledger } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Staff } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { ComplaintFollowUp } from './complaint-follow-up.js';

const DAY_MS = 86_400_000;
/** The same unit and kind of complaint within this time is a repeat; an open one this old is still "the" complaint. */
const REPEAT_WINDOW_MS = 30 * DAY_MS;
/** This many units complaining of the same thing is one shared issue for the manager. */
const SHARED_ISSUE_UNITS = 3;

/**
 * Complaints that belong together: a resident coming back about their open complaint (more to
 * add, or it is happening again) goes onto that ticket; a new ticket of the same unit and kind is
 * linked to the earlier one; three units with the same kind make one shared issue for the manager.
 */
export class ComplaintLinks {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly followUp: ComplaintFollowUp,
  ) {}

  /** The resident's latest complaint still being handled (finished by staff but not yet confirmed included). */
  lookBack(scope: EffectScope): ConversationEvent {
    const earlier = this.store.tickets
      .complaintsOfPartySince(scope.sender.wechatId, scope.at - REPEAT_WINDOW_MS)
      .filter((t) => t.status === 'done' || !isClosed(t))
      .at(-1);
    return {
      type: 'COMPLAINT_CONTEXT',
      ...(earlier && { earlier: { ticket: earlier.number, category: earlier.topic ?? 'other' } }),
    };
  }

  /**
   * More words on an earlier complaint. Happening again: raised, its handler told, the resident
   * told where it stands (with an apology when our promised time has passed); after staff called it
   * done, it is not solved: reopened for a supervisor. Adding to it: onto the ticket, handler told.
   */
  addTo(request: FlowEffectParams['addToComplaint'], scope: EffectScope): void {
    const ticket = this.store.tickets.byNumber(request.ticket);
    if (!ticket || ticket.party !== scope.sender.wechatId) return;
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'resident_added',
      ref: ticket.number,
      data: { text: request.text, again: request.again },
    });
    if (ticket.status === 'done') {
      this.followUp.resolve({ ticket: ticket.number, satisfied: false }, scope);
      const reopened = this.store.tickets.byNumber(ticket.number)!;
      this.outbound.notifyOwner(
        reopened,
        scope.sender,
        { key: 'staff.resident_adds', params: { ticket: ticket.number, text: request.text } },
        scope.at,
      );
      return;
    }
    const next = this.ledger.nextPromise(ticket);
    const late = next === undefined;
    if (request.again) this.store.tickets.raisePriority(ticket.id);
    const notice: PhraseRef = request.again
      ? { key: 'complaint.staff_again', params: { ticket: ticket.number, text: request.text } }
      : { key: 'staff.resident_adds', params: { ticket: ticket.number, text: request.text } };
    this.outbound.notifyOwner(ticket, scope.sender, notice, scope.at);
    // Our own time has passed and it is still going on: one step up (an ordinary matter when the office is open).
    if (request.again && late)
      this.outbound.notifyStaffAtWork(
        ticket,
        this.outbound.firstStaffedRole(['supervisor', 'manager']),
        this.named(scope, notice),
        scope.at,
      );
    const key = `complaint.linked_${request.again ? 'again' : 'added'}${late ? '_late' : ''}`;
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key, params: { ticket: ticket.number }, ...(next && { times: { due: next.id } }) },
      scope.at,
    );
  }

  /**
   * The same unit complaining of the same thing within 30 days: linked to the earlier ticket and
   * both raised. Three units complaining of the same thing: one shared issue for the manager.
   */
  linkRepeats(ticket: Ticket, staff: Staff[], at: number): void {
    if (!ticket.topic) return;
    const earlier = this.store.tickets.sameTopicSince(ticket.topic, at - REPEAT_WINDOW_MS, ticket.id);
    const previous = earlier.filter((t) => t.unitId !== null && t.unitId === ticket.unitId).at(-1);
    if (previous) {
      this.store.tickets.raisePriority(previous.id);
      this.store.tickets.raisePriority(ticket.id);
      this.store.events.record({
        at,
        actor: 'bot',
        type: 'complaint_repeated',
        ref: ticket.number,
        data: { earlier: previous.number },
      });
      this.outbound.notifyStaffMembers(
        staff,
        { key: 'complaint.staff_repeat', params: { ticket: ticket.number, earlier: previous.number } },
        at,
        ticket.number,
      );
    }
    const units = new Set([...earlier, ticket].map((t) => t.unitId).filter((u): u is string => u !== null));
    const ref = `shared:${ticket.topic}`;
    const alreadyShared = this.store.events.forRef(ref).some((e) => e.at >= at - REPEAT_WINDOW_MS);
    if (units.size >= SHARED_ISSUE_UNITS && !alreadyShared) {
      const tickets = [...earlier, ticket]
        .map((t) => t.number)
        .join(this.outbound.render({ key: 'common.list_separator' }, at).text);
      this.store.events.record({ at, actor: 'bot', type: 'shared_issue', ref, data: { tickets, units: [...units] } });
      this.outbound.notifyStaffMembers(
        this.outbound.firstStaffedRole(['manager']),
        {
          key: 'complaint.staff_shared',
          params: { topic: ticket.topic, count: units.size, tickets },
        },
        at,
        ref,
      );
    }
  }

  private named(scope: EffectScope, ref: PhraseRef): PhraseRef {
    return { ...ref, params: { ...ref.params, who: this.outbound.describe(scope.sender) } };
  }
}
