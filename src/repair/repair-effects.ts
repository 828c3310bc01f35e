import type { ConversationEvent, FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Schedule } from './schedule.js';
import type { VisitReminders } from './visit-reminders.js';
import type { FeeStandards } from '../fees/fee-standards.js';
import { formatYuan } from '../domain/money.js';
import { inZone } from '../domain/time.js';
import { RepairRating } from './repair-rating.js';
import { holdVisit } from './visit-holds.js';
import { COMPLAINED_OF } from '../domain/ticket-topics.js';

/** How many nearest free windows are offered when the wanted one is full. */
const ALTERNATIVES = 3;

/** The runtime side of the repair booking flow: holds, bookings, changes, ratings and urgent pages. */
/** How far before a part of the day's hour a window may lie and still be that part (傍晚 18:00 → 16:00–18:00). */
const PERIOD_LEEWAY_MS = 3_600_000;

export class RepairEffects {
  private readonly rating: RepairRating;

  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly schedule: Schedule,
    private readonly reminders: VisitReminders,
    private readonly fees: FeeStandards,
    /** Words that ask what something costs (多少钱, 收费): a repair's fee is the answer. */
    private readonly costWords: readonly string[] = [],
  ) {
    this.rating = new RepairRating(store, ledger, outbound);
  }

  /** Staff this resident has an open complaint about ("别派他了"): sent to their home only when nobody else can go. */
  private complainedOf(party: string): ReadonlySet<string> {
    const open = this.store.tickets.openForParty(party).filter((t) => t.type === 'complaint');
    return new Set(
      open.flatMap((t) =>
        this.store.events
          .forRef(t.number)
          .filter((e) => e.type === COMPLAINED_OF)
          .flatMap((e) => (e.data as { staff: string[] }).staff),
      ),
    );
  }

  /**
   * Holds windows as promises the resident may take: the wanted one if free (else the nearest), the
   * free ones of the day said (when no hour was), or the soonest (when the time was left to us).
   */
  findVisit(request: FlowEffectParams['findVisit'], scope: EffectScope): ConversationEvent {
    const mode = request.mode ?? 'exact';
    // "三点以后": a window that begins at that hour or later, not the one it falls in (14:00–16:00).
    if (request.onwards) request = { ...request, wanted: this.schedule.firstStartFrom(request.wanted) };
    // A time named before a night's silence may have gone by meanwhile: asked again, not "all full".
    // A day said alone (今天能来人看看吗) is gone by only once it is over: its windows still ahead are offered.
    const gone = mode === 'day' ? inZone(request.wanted).endOf('day').valueOf() < scope.at : request.wanted < scope.at;
    if (mode !== 'soonest' && gone) return { type: 'VISIT_NONE', past: true };
    const avoid = this.complainedOf(scope.sender.wechatId);
    const exact =
      mode !== 'exact'
        ? undefined
        : (this.schedule.windowAt(request.wanted, request.category, scope.at, avoid) ??
          // 傍晚 (18:00) is the evening's first hour: the window that ends as it begins (16:00–18:00) is it.
          (request.fromPeriod
            ? this.schedule.windowAt(request.wanted - PERIOD_LEEWAY_MS, request.category, scope.at, avoid)
            : undefined));
    // A day said with an hour no technician comes at (明天晚上7点): that day's windows, before any other day's.
    const dayOnly = mode === 'day' || (mode === 'exact' && this.schedule.outsideWindows(request.wanted));
    const onDay = dayOnly
      ? this.schedule.freeOnDay(request.wanted, request.category, scope.at, avoid).slice(0, ALTERNATIVES)
      : [];
    const from = mode === 'soonest' ? scope.at : request.wanted;
    const windows = exact
      ? [exact]
      : onDay.length > 0
        ? onDay
        : this.schedule.nextFree(from, request.category, scope.at, ALTERNATIVES, avoid);
    // Farther ahead than visits are booked: said so, and another time asked — it is not "all full".
    const horizonDays = windows.length === 0 ? this.schedule.beyondHorizon(request.wanted, scope.at) : undefined;
    if (horizonDays) return { type: 'VISIT_NONE', horizonDays };
    if (windows.length === 0) return { type: 'VISIT_NONE' };
    // A paid repair: the fee is told before anything is confirmed.
    const fee = this.fees.repairFee(request.category, scope.at);
    if (fee)
      this.outbound.say(
        scope.replyTo,
        scope.conversationKey,
        { key: 'repair.fee', params: { name: fee.name, fee: formatYuan(fee.fee) } },
        scope.at,
      );
    const offered = onDay.length > 0 ? 'day' : mode === 'soonest' ? 'soonest' : 'full';
    return {
      type: 'VISIT_OFFER',
      exact: exact !== undefined,
      holds: windows.map((w) => holdVisit(this.store, w, request.problem, scope, request.unit)),
      mode: offered,
    };
  }

  /**
   * A question instead of a yes: what it costs when that is asked, else the honest line; the booking is asked again
   * after.
   */
  answerQuestion(request: FlowEffectParams['answerRepairQuestion'], scope: EffectScope): void {
    const fee = this.fees.repairFee(request.category, scope.at);
    const asksPrice = this.costWords.some((w) => request.text.includes(w));
    const ref: PhraseRef = !asksPrice
      ? { key: 'repair.question_answer' }
      : fee
        ? { key: 'repair.fee', params: { name: fee.name, fee: formatYuan(fee.fee) } }
        : { key: 'repair.fee_none' };
    this.outbound.say(scope.replyTo, scope.conversationKey, ref, scope.at);
  }

  releaseHolds(request: FlowEffectParams['releaseHolds'], scope: EffectScope): void {
    for (const id of request.holds) {
      if (this.store.commitments.settle(id, 'cancelled', scope.at)) {
        this.store.events.record({
          at: scope.at,
          actor: scope.sender.wechatId,
          type: 'visit_released',
          ref: String(id),
        });
      }
    }
  }

  /** The resident's yes: a ticket, the held window as its visit promise, the technician told. */
  bookVisit(request: FlowEffectParams['bookVisit'], scope: EffectScope): void {
    const hold = this.store.commitments.byId(request.hold);
    if (!hold || hold.status !== 'open') return;
    const summary =
      request.location && !request.problem.includes(request.location)
        ? `${request.location} ${request.problem}`
        : request.problem;
    // One of several homes chosen: the ticket is that home's.
    const sender =
      request.unit && scope.sender.kind === 'resident'
        ? { ...scope.sender, residents: scope.sender.residents.filter((r) => r.unitId === request.unit) }
        : scope.sender;
    const ticket = this.ledger.createTicket(
      {
        type: 'repair',
        category: 'repair',
        summary,
        sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        ...(scope.sender.kind !== 'resident' && request.unit && { statedUnit: request.unit }),
      },
      scope.at,
      hold.ownerId,
    );
    this.ledger.attachPromise(ticket, hold, scope.at);
    this.reminders.schedule(hold, scope.conversationKey, scope.at);
    const times = { visit: hold.id };
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: 'repair.booked', params: { ticket: ticket.number }, times },
      scope.at,
    );
    const technician = hold.ownerId ? this.store.community.staffById(hold.ownerId) : undefined;
    // Someone not yet verified: the technician is told the home as they gave it.
    const who =
      scope.sender.kind !== 'resident' && request.unit
        ? this.outbound.render(
            { key: 'staff.who.stated_unit', params: { who: this.outbound.describe(scope.sender), unit: request.unit } },
            scope.at,
          ).text
        : this.outbound.describe(scope.sender, request.unit);
    const phone = scope.sender.kind === 'resident' ? scope.sender.residents[0]!.phone : (request.contact ?? '-');
    const notice = {
      key: 'repair.staff_booked',
      params: { ticket: ticket.number, who, problem: summary, phone },
      times,
    };
    if (technician) this.outbound.notifyStaffMembers([technician], notice, scope.at, ticket.number);
  }

  /** An urgent repair: the on-call technicians get the page the desk got. */
  pageOnCall(page: PhraseRef, ticket: Ticket, at: number): void {
    const onCall = this.schedule
      .onCall()
      .map((id) => this.store.community.staffById(id))
      .filter((s) => s !== undefined);
    this.outbound.notifyStaffMembers(onCall, page, at, ticket.number);
  }

  /** The resident's verdict on a finished repair: see RepairRating. */
  recordRating(request: FlowEffectParams['recordRating'], scope: EffectScope): void {
    this.rating.record(request, scope);
  }
}
