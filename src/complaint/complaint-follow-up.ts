import type { FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ledger } from '../ledger/ledger.js';
import { isClosed } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Notes nobody answered before the bot stops writing and leaves the matter to the ladder. */
const UNANSWERED_NOTES = 2;
/** Another complaint of the same resident due for a note this soon rides along in the same message. */
const MERGE_WITHIN_MS = HOUR_MS;

const updateTimer = (ticket: string) => `complaint-update:${ticket}`;

/**
 * Following a complaint up until it is solved (及时跟踪和反馈): progress notes while staff are
 * silent, the resident's verdict after #完成, and a close as resolved-unconfirmed when none comes.
 * Notes are few and say something: at most one a day per complaint, never in quiet hours, merged
 * per resident, worded differently the second time, and none after two went unanswered.
 */
export class ComplaintFollowUp {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly quietHours: { quietUntil(at: number): number | undefined },
  ) {}

  /** A complaint was filed and the resident told: the first look after `update_every`. */
  start(ticket: Ticket, at: number): void {
    this.armUpdate(ticket, at, 0);
  }

  /**
   * A complaint filed while the resident had gone quiet: they are told so (ticket and promise) as
   * soon as the office may speak first, worded when it is said.
   */
  tellFiled(ticket: Ticket, at: number): void {
    const told = this.awake(at);
    this.store.timers.arm(
      `complaint-filed:${ticket.number}`,
      ticket.conversationKey,
      { type: 'complaintFollowUp', ticket: ticket.number, step: 'filed' },
      told,
    );
    // Progress notes count from when they were told, not from a filing they did not yet know of.
    this.armUpdate(ticket, told, 0);
  }

  /** #完成 on a complaint: ask the resident within this transaction's timers; remind after a day, close after two. */
  askResolution(ticket: Ticket, at: number): void {
    const timer = (step: 'remind' | 'close', when: number) =>
      this.store.timers.arm(
        `complaint-${step}:${ticket.number}`,
        ticket.conversationKey,
        { type: 'complaintFollowUp', ticket: ticket.number, step },
        when,
      );
    timer('remind', this.awake(at + DAY_MS));
    timer('close', at + 2 * DAY_MS);
  }

  /** A follow-up timer fired. */
  fire(
    payload: { ticket: string; step: 'filed' | 'update' | 'remind' | 'close'; notes?: number; since?: number },
    at: number,
  ): void {
    const ticket = this.store.tickets.byNumber(payload.ticket);
    if (!ticket) return;
    if (payload.step === 'filed') return this.sayFiled(ticket, at);
    if (payload.step === 'update')
      return this.update(ticket, payload.notes ?? 0, payload.since ?? at - this.ledger.levels.updateEveryMs, at);
    if (ticket.status !== 'done') return; // answered meanwhile
    if (payload.step === 'remind') {
      this.outbound.say(
        ticket.replyTo,
        ticket.conversationKey,
        { key: 'complaint.ask_resolved_again', params: { ticket: ticket.number } },
        at,
        { proactive: 'reminder' },
      );
      return;
    }
    this.ledger.changeTicket(ticket, 'closed', 'bot', at);
    this.store.events.record({ at, actor: 'bot', type: 'resolved_unconfirmed', ref: ticket.number });
  }

  /** The resident's verdict: thanks, or the apology, compensation and a supervisor. */
  resolve(request: FlowEffectParams['resolveComplaint'], scope: EffectScope): void {
    const ticket = this.store.tickets.byNumber(request.ticket);
    if (!ticket || ticket.party !== scope.sender.wechatId || ticket.status !== 'done') return;
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'complaint_verdict',
      ref: ticket.number,
      data: { satisfied: request.satisfied },
    });
    if (request.satisfied) {
      this.ledger.changeTicket(ticket, 'confirmed', scope.sender.wechatId, scope.at);
      // Thanks, and the door left open: the resident may have more to say.
      this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'complaint.thanks' }, scope.at);
      return;
    }
    const supervisor = this.outbound.firstStaffedRole(['supervisor', 'manager'])[0];
    const reopened = this.ledger.changeTicket(
      ticket,
      'reopened',
      scope.sender.wechatId,
      scope.at,
      supervisor?.id ?? ticket.ownerId,
    );
    const promise = this.ledger.promise(
      reopened,
      'complaint_reply',
      this.ledger.levels.deadline(ticket.category, 'reply', scope.at),
      scope.at,
    );
    const times = { due: promise.id };
    // A compensation the bot offers is a promise too: written on the ticket, and the supervisor told what was offered.
    const compensation: PhraseRef = { key: 'complaint.compensation' };
    this.ledger.recordCompensation(
      reopened,
      { key: compensation.key, text: this.outbound.render(compensation, scope.at).text },
      scope.at,
    );
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      [{ key: 'complaint.sorry' }, compensation, { key: 'complaint.reopened', times }],
      scope.at,
    );
    const who = this.outbound.describe(scope.sender);
    const notice: PhraseRef[] = [
      { key: 'complaint.staff_unsatisfied', params: { ticket: ticket.number, who }, times },
      { key: 'staff.compensation_offered' },
      compensation,
    ];
    // The desk hears it too: it is the desk the resident will call next.
    this.outbound.notifyStaffMembers(
      [supervisor, ...this.outbound.firstStaffedRole(['service'])],
      notice,
      scope.at,
      ticket.number,
    );
    this.start(reopened, scope.at);
  }

  private sayFiled(ticket: Ticket, at: number): void {
    const next = this.ledger.nextPromise(ticket);
    const ref: PhraseRef = next
      ? { key: 'complaint.filed_away', params: { ticket: ticket.number }, times: { due: next.id } }
      : { key: 'complaint.filed_away_late', params: { ticket: ticket.number } };
    this.outbound.say(ticket.replyTo, ticket.conversationKey, ref, at, { proactive: 'progress' });
  }

  private update(ticket: Ticket, notes: number, since: number, at: number): void {
    if (isClosed(ticket)) return;
    const every = this.ledger.levels.updateEveryMs;
    if (this.heardFromStaff(ticket, since)) return this.armUpdate(ticket, at, 0);
    // The resident wrote since the last note: it was answered, the count starts again.
    const answered = (this.store.messages.lastReceived(ticket.conversationKey) ?? 0) > since;
    const sent = answered ? 0 : notes;
    if (sent >= UNANSWERED_NOTES) {
      this.store.events.record({
        at,
        actor: 'bot',
        type: 'follow_up_stopped',
        ref: ticket.number,
        data: { notes: sent },
      });
      return;
    }
    // Others of the same resident due about now go in the same message, not three in a row.
    const riding = this.store.tickets
      .openForParty(ticket.party)
      .filter((t) => t.id !== ticket.id && t.type === 'complaint')
      .flatMap((t) => {
        const timer = this.store.timers.pending(updateTimer(t.number));
        if (!timer || timer.dueAt > at + MERGE_WITHIN_MS || timer.event.type !== 'complaintFollowUp') return [];
        const since = timer.event.since ?? at - every;
        return this.heardFromStaff(t, since) ? [] : [{ ticket: t, notes: answered ? 0 : (timer.event.notes ?? 0) }];
      })
      .filter((r) => r.notes < UNANSWERED_NOTES);
    const all = [{ ticket, notes: sent }, ...riding];
    const tickets = all
      .map((r) => r.ticket.number)
      .join(this.outbound.render({ key: 'common.list_separator' }, at).text);
    // Never the same sentence twice in a row: the second note says something else.
    const key = all.some((r) => r.notes > 0) ? 'complaint.still_working_again' : 'complaint.still_working';
    this.outbound.say(ticket.replyTo, ticket.conversationKey, { key, params: { ticket: tickets } }, at, {
      proactive: 'progress',
    });
    for (const r of all) {
      const owner = r.ticket.ownerId ? this.store.community.staffById(r.ticket.ownerId) : undefined;
      const staff = owner ? [owner] : this.outbound.firstStaffedRole(['service', 'supervisor', 'manager']);
      this.outbound.notifyStaffAtWork(
        r.ticket,
        staff,
        { key: 'complaint.staff_nudge', params: { ticket: r.ticket.number, summary: r.ticket.summary } },
        at,
      );
      this.armUpdate(r.ticket, at, r.notes + 1);
    }
  }

  /** Staff moved it (a progress note, a claim, a change of state) since `since`. */
  private heardFromStaff(ticket: Ticket, since: number): boolean {
    return this.store.events
      .forRef(ticket.number)
      .some(
        (e) =>
          e.at >= since &&
          e.actor !== 'bot' &&
          e.actor !== ticket.party &&
          (e.type === 'progress' || e.type === 'ticket_changed'),
      );
  }

  /** The next look: after `update_every` while nothing was said, a day after a note; never in quiet hours. */
  private armUpdate(ticket: Ticket, at: number, notes: number): void {
    const wait = notes > 0 ? Math.max(this.ledger.levels.updateEveryMs, DAY_MS) : this.ledger.levels.updateEveryMs;
    this.store.timers.arm(
      updateTimer(ticket.number),
      ticket.conversationKey,
      { type: 'complaintFollowUp', ticket: ticket.number, step: 'update', notes, since: at },
      this.awake(at + wait),
    );
  }

  /** The first moment at or after `at` outside quiet hours. */
  private awake(at: number): number {
    return this.quietHours.quietUntil(at) ?? at;
  }
}
