import type { FlowEffectParams, PhraseRef } from '../../flows/events.js';
import type { Ledger } from '../ledger/ledger.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Staff } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { ComplaintFollowUp } from './complaint-follow-up.js';

const DAY_MS = 86_400_000;
/** The same unit and kind of complaint within this time is a repeat. */
const REPEAT_WINDOW_MS = 30 * DAY_MS;
/** This many units complaining of the same thing is one shared issue for the manager. */
const SHARED_ISSUE_UNITS = 3;

/** The runtime side of complaints: filing, routing, repeats, and the manager for threats. */
export class ComplaintEffects {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly followUp: ComplaintFollowUp,
  ) {}

  fileComplaint(request: FlowEffectParams['fileComplaint'], scope: EffectScope): void {
    const summary = this.outbound.render({ key: 'complaint.summary', params: request.summary }, scope.at).text;
    // A complaint about a named staff member never goes to that person.
    const named = request.staff ? this.store.community.staffByName(request.staff) : [];
    const notNamed = (staff: Staff[]) => staff.filter((s) => !named.some((n) => n.id === s.id));
    const roles = request.category === 'staff_attitude' ? (['supervisor', 'manager'] as const) : (['service', 'supervisor', 'manager'] as const);
    let recipients = notNamed(this.outbound.firstStaffedRole(roles));
    if (recipients.length === 0) recipients = notNamed(this.outbound.firstStaffedRole(['supervisor', 'manager'])).concat(notNamed(this.store.community.staffByRole('manager')));
    const owner = request.category === 'staff_attitude' ? (recipients[0]?.id ?? null) : null;
    const { ticket, commitment } = this.ledger.openTicket(
      {
        type: 'complaint',
        category: request.category === 'safety' ? 'safety_complaint' : 'complaint',
        commitmentKind: 'complaint_reply',
        target: 'reply',
        summary,
        sender: scope.sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        topic: request.category,
        ...(request.messageId && { sourceMessage: request.messageId }),
      },
      scope.at,
      owner,
    );
    const times = { due: commitment.id };
    const reply: PhraseRef[] = [{ key: 'complaint.filed', params: { ticket: ticket.number }, times }];
    if (request.callback) reply.push({ key: 'complaint.will_call' });
    this.outbound.say(scope.replyTo, scope.conversationKey, reply, scope.at);
    const who = this.outbound.describe(scope.sender);
    this.outbound.notifyStaffMembers(unique(recipients), { key: 'complaint.staff_new', params: { ticket: ticket.number, who, summary }, times }, scope.at, ticket.number);
    this.linkRepeats(ticket, unique(recipients), scope.at);
    this.followUp.start(ticket, scope.at);
  }

  /** A threat of harm or self-harm: the manager at once, with the conversation so far. */
  alertManager(request: FlowEffectParams['alertManager'], scope: EffectScope): void {
    const managers = this.outbound.firstStaffedRole(['manager', 'supervisor']);
    const transcript = this.store.messages
      .transcript(scope.conversationKey)
      .filter((m) => m.direction === 'in')
      .slice(-10)
      .map((m) => m.text ?? `[${m.kind}]`)
      .join(' / ');
    const who = this.outbound.describe(scope.sender);
    this.outbound.notifyStaffMembers(managers, { key: 'complaint.staff_threat', params: { who, transcript: transcript || request.what } }, scope.at, scope.sender.wechatId);
    this.store.events.record({ at: scope.at, actor: scope.sender.wechatId, type: 'threat', ref: scope.sender.wechatId, data: { transcript } });
  }

  /**
   * The same unit complaining of the same thing within 30 days: linked to the earlier ticket and
   * both raised. Three units complaining of the same thing: one shared issue for the manager.
   */
  private linkRepeats(ticket: Ticket, staff: Staff[], at: number): void {
    if (!ticket.topic) return;
    const earlier = this.store.tickets.sameTopicSince(ticket.topic, at - REPEAT_WINDOW_MS, ticket.id);
    const previous = earlier.filter((t) => t.unitId !== null && t.unitId === ticket.unitId).at(-1);
    if (previous) {
      this.store.tickets.raisePriority(previous.id);
      this.store.tickets.raisePriority(ticket.id);
      this.store.events.record({ at, actor: 'bot', type: 'complaint_repeated', ref: ticket.number, data: { earlier: previous.number } });
      this.outbound.notifyStaffMembers(staff, { key: 'complaint.staff_repeat', params: { ticket: ticket.number, earlier: previous.number } }, at, ticket.number);
    }
    const units = new Set([...earlier, ticket].map((t) => t.unitId).filter((u): u is string => u !== null));
    const ref = `shared:${ticket.topic}`;
    const alreadyShared = this.store.events.forRef(ref).some((e) => e.at >= at - REPEAT_WINDOW_MS);
    if (units.size >= SHARED_ISSUE_UNITS && !alreadyShared) {
      const tickets = [...earlier, ticket].map((t) => t.number).join(this.outbound.render({ key: 'common.list_separator' }, at).text);
      this.store.events.record({ at, actor: 'bot', type: 'shared_issue', ref, data: { tickets, units: [...units] } });
      this.outbound.notifyStaffMembers(this.outbound.firstStaffedRole(['manager']), {
        key: 'complaint.staff_shared',
        params: { topic: ticket.topic, count: units.size, tickets },
      }, at, ref);
    }
  }
}

const unique = (staff: Staff[]) => [...new Map(staff.map((s) => [s.id, s])).values()];
