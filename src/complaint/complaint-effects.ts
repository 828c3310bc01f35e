import type { ComplaintSummary, FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Staff, StaffRole } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import type { ComplaintFollowUp } from './complaint-follow-up.js';
import type { ComplaintLinks } from './complaint-links.js';
import { staffNamedIn } from './staff-named.js';
import { COMPLAINED_OF } from '../domain/ticket-topics.js';

/** A call asked for from a time on (晚上七点以后) is made within this long of it. */
const CALL_WINDOW_MS = 3_600_000;

/** The runtime side of complaints: filing and routing, and the manager for threats. */
export class ComplaintEffects {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly followUp: ComplaintFollowUp,
    private readonly links: ComplaintLinks,
    /** What residents call each role after a surname (孙师傅): how a staff member is named. */
    private readonly staffTitles: Partial<Record<StaffRole, readonly string[]>>,
    /** The technicians working that day who take a repair category. */
    private readonly techniciansFor: (category: string, at: number) => Staff[] = () => [],
  ) {}

  fileComplaint(request: FlowEffectParams['fileComplaint'], scope: EffectScope): void {
    const summary = this.summary(request.summary, scope.at);
    // A complaint naming a staff member is about staff, and never goes to that person.
    const named = staffNamedIn(
      [request.summary.what, request.staff ?? ''].join(' '),
      { byRole: (r) => this.store.community.staffByRole(r) },
      this.staffTitles,
    );
    const category = named.length > 0 ? 'staff_attitude' : request.category;
    const notNamed = (staff: Staff[]) => staff.filter((s) => !named.some((n) => n.id === s.id));
    const roles =
      category === 'staff_attitude'
        ? (['supervisor', 'manager'] as const)
        : (['service', 'supervisor', 'manager'] as const);
    let recipients = notNamed(this.outbound.firstStaffedRole(roles));
    if (recipients.length === 0)
      recipients = notNamed(this.outbound.firstStaffedRole(['supervisor', 'manager'])).concat(
        notNamed(this.store.community.staffByRole('manager')),
      );
    const owner = category === 'staff_attitude' ? (recipients[0]?.id ?? null) : null;
    // "你们经理给我回个电话": the one asked to call back hears of it too.
    if (request.callbackBy)
      recipients = recipients.concat(notNamed(this.outbound.firstStaffedRole([request.callbackBy, 'manager'])));
    const level = category === 'safety' ? 'safety_complaint' : 'complaint';
    const { ticket, commitment } = this.ledger.openTicket(
      {
        type: 'complaint',
        category: level,
        commitmentKind: 'complaint_reply',
        target: 'reply',
        summary,
        sender: scope.sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        topic: category,
        ...(request.messageId && { sourceMessage: request.messageId }),
      },
      scope.at,
      owner,
    );
    // Kept on the record: whom it is about never reaches the resident's door unasked while it is open (a repair).
    if (named.length > 0)
      this.store.events.record({
        at: scope.at,
        actor: scope.sender.wechatId,
        type: COMPLAINED_OF,
        ref: ticket.number,
        data: { staff: named.map((s) => s.id) },
      });
    // The call is promised for the time the resident asked (明天中午之前, 晚上), else by the service level.
    const asked = request.callbackAt === undefined ? undefined : Date.parse(request.callbackAt);
    const callFrom = request.callbackFrom === true && asked !== undefined && asked > scope.at;
    const callback = request.callback
      ? this.ledger.promise(
          ticket,
          'callback',
          callFrom
            ? asked + CALL_WINDOW_MS
            : asked !== undefined && asked > scope.at
              ? asked
              : this.ledger.levels.deadline(level, 'first_response', scope.at),
          scope.at,
          // 晚上七点以后: called within the hour from then, neither before it nor counted late at 19:01.
          callFrom ? { windowStart: asked } : {},
        )
      : undefined;
    const times = { due: commitment.id, ...(callback && { call: callback.id }) };
    // A fault named (单元门锁坏了 一推就开) is mended, not only answered for: its technicians hear of it too.
    const fixers = request.fault
      ? this.techniciansFor(request.fault, scope.at).filter((s) => !recipients.some((r) => r.id === s.id))
      : [];

    if (request.how === 'away') this.followUp.tellFiled(ticket, scope.at);
    else {
      const filed: PhraseRef =
        request.how === 'as_said'
          ? { key: 'complaint.filed_as_said', params: { ticket: ticket.number, summary }, times }
          : { key: 'complaint.filed', params: { ticket: ticket.number }, times };
      this.outbound.say(
        scope.replyTo,
        scope.conversationKey,
        [
          filed,
          ...(callback ? [{ key: callFrom ? 'complaint.will_call_at' : 'complaint.will_call', times }] : []),
          ...(fixers.length > 0 ? [{ key: 'complaint.fault_passed' }] : []),
        ],
        scope.at,
      );
    }

    const who = this.outbound.describe(scope.sender);
    const notice: PhraseRef[] = [
      { key: 'complaint.staff_new', params: { ticket: ticket.number, who, summary }, times },
    ];
    if (callback)
      notice.push({
        key: callFrom ? 'complaint.staff_callback_at' : 'complaint.staff_callback',
        params: { phone: this.phoneFor(request, scope) },
        times,
      });
    if (request.how === 'away') notice.push({ key: 'complaint.staff_unconfirmed' });
    this.outbound.notifyStaffMembers(unique(recipients), notice, scope.at, ticket.number);
    if (fixers.length > 0)
      this.outbound.notifyStaffMembers(
        fixers,
        { key: 'complaint.staff_fault', params: { ticket: ticket.number, who, summary } },
        scope.at,
        ticket.number,
      );
    this.links.linkRepeats(ticket, unique(recipients), scope.at);
    if (request.how !== 'away') this.followUp.start(ticket, scope.at);
  }

  /** A threat of harm or self-harm: the manager at once, with the conversation so far; later words follow. */
  alertManager(request: FlowEffectParams['alertManager'], scope: EffectScope): void {
    const managers = this.outbound.firstStaffedRole(['manager', 'supervisor']);
    const who = this.outbound.describe(scope.sender);
    if (request.more) {
      this.outbound.notifyStaffMembers(
        managers,
        { key: 'complaint.staff_threat_more', params: { who, text: request.what } },
        scope.at,
        scope.sender.wechatId,
      );
      this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'complaint.staying' }, scope.at);
      return;
    }
    const transcript = this.store.messages
      .transcript(scope.conversationKey)
      .filter((m) => m.direction === 'in')
      .slice(-10)
      .map((m) => m.text ?? `[${m.kind}]`)
      .join(' / ');
    this.outbound.notifyStaffMembers(
      managers,
      { key: 'complaint.staff_threat', params: { who, transcript: transcript || request.what } },
      scope.at,
      scope.sender.wechatId,
    );
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'threat',
      ref: scope.sender.wechatId,
      data: { transcript },
    });
  }

  /** What happened, then each fact that was said, in the catalog's words. */
  private summary(s: ComplaintSummary, at: number): string {
    const render = (ref: PhraseRef) => this.outbound.render(ref, at).text;
    const facts = [
      ...(s.where ? [render({ key: 'complaint.summary_where', params: { where: s.where } })] : []),
      ...(s.when ? [render({ key: 'complaint.summary_when', params: { when: s.when } })] : []),
      ...(s.often ? [render({ key: 'complaint.summary_often', params: { often: s.often } })] : []),
    ];
    if (facts.length === 0) return s.what;
    return render({
      key: 'complaint.summary',
      params: { what: s.what, facts: facts.join(render({ key: 'complaint.summary_separator' })) },
    });
  }

  /** The number to call back: the one given, else the resident's registered one. */
  private phoneFor(request: FlowEffectParams['fileComplaint'], scope: EffectScope): string {
    const registered = scope.sender.kind === 'resident' ? scope.sender.residents[0]?.phone : undefined;
    return request.phone ?? registered ?? this.outbound.render({ key: 'complaint.phone_unknown' }, scope.at).text;
  }
}

const unique = (staff: Staff[]) => [...new Map(staff.map((s) => [s.id, s])).values()];
