import type { ConversationEvent, FlowEffectParams } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { isClosed, type Ledger } from '../ledger/ledger.js';
import type { EmergencyDetector } from '../nlu/emergency.js';
import type { EffectScope } from '../runtime/flow-effects.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Schedule } from '../repair/schedule.js';
import type { Staff } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import { DISTRESS_TOPIC } from '../domain/ticket-topics.js';
import { emergencyCategory, emergencyKindOf } from './emergency-category.js';

const kindOf = emergencyKindOf;
/** Still being handled: not closed, and not yet reported finished. */
const stillOpen = (ticket: Ticket) => !isClosed(ticket) && ticket.status !== 'done';

/**
 * The runtime side of emergencies: the ticket and its arrival promise, the kind's advice, the
 * people on call paged at once (day or night, whatever the quiet hours), and every later word of the
 * resident relayed to whoever handles it with an answer of who is coming and by when.
 */
export class EmergencyEffects {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly schedule: Schedule,
    private readonly detector: EmergencyDetector,
  ) {}

  open(request: FlowEffectParams['openEmergency'], scope: EffectScope): void {
    // The same danger reported again (火苗子都窜出来了), or what comes with it (a burning smell in a fire), is the same
    // emergency: passed on, not a second ticket, and its advice said again, for it is getting worse.
    // The advice is the new danger's own (smoking wires during a fire: switch off, no water on it).
    const same = this.openFor(scope).find((t) => this.detector.partOf(request.kind, kindOf(t)!));
    if (same) return this.relayAndAnswer(same, request.text, scope, true, 'more', request.kind);
    // Despair said of oneself is answered with feeling first; of someone else seen at risk, with what to do for them.
    const distress = this.detector.distressed(request.text);
    const { ticket, commitment } = this.ledger.openTicket(
      {
        type: 'repair',
        category: emergencyCategory(request.kind),
        commitmentKind: 'repair_visit',
        target: 'first_response',
        summary: request.text,
        sender: scope.sender,
        replyTo: scope.replyTo,
        conversationKey: scope.conversationKey,
        // Someone in despair: no form apology if help is late, and 没事了 is no all-clear (src/ledger/escalation.ts).
        topic: distress === 'self' ? DISTRESS_TOPIC : request.kind,
        ...(request.messageId && { sourceMessage: request.messageId }),
      },
      scope.at,
    );
    const times = { due: commitment.id };
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      [
        ...(distress === 'self' ? [{ key: 'emergency.distress' }] : []),
        // First aid for bleeding is no answer to despair; another danger told with it keeps its own advice.
        ...(distress === 'self' && request.kind === 'injury'
          ? []
          : [{ key: distress === 'other' ? 'emergency.other_in_danger' : `emergency.advice.${request.kind}` }]),
        ...(request.angry ? [{ key: 'emergency.sorry_angry' }] : []),
        {
          key: request.kind === 'trapped' ? 'emergency.received_trapped' : 'emergency.received',
          params: { ticket: ticket.number },
          times,
        },
      ],
      scope.at,
    );
    // Someone with several homes is asked which one after help is on its way; the answer is relayed.
    const units = scope.sender.kind === 'resident' ? [...new Set(scope.sender.residents.map((r) => r.unitId))] : [];
    const named = units.some((u) => request.text.includes(u.split('-').at(-1)!));
    // A stranger who names no building: help is paged first, then where it is, for whoever runs there.
    if (units.length === 0 && request.placeNamed === false) {
      this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'emergency.ask_place' }, scope.at);
    }
    if (units.length > 1 && !named && request.kind !== 'trapped' && request.commonParts !== true) {
      this.outbound.say(
        scope.replyTo,
        scope.conversationKey,
        { key: 'emergency.ask_unit', params: { units: units.join(' / ') } },
        scope.at,
      );
    }
    const page: PhraseRef = {
      key: 'staff.emergency',
      params: {
        ticket: ticket.number,
        kind: distress === 'self' ? DISTRESS_TOPIC : request.kind,
        who: this.outbound.describe(scope.sender),
        text: request.text,
      },
      times,
    };
    this.outbound.notifyStaffMembers(this.paged(request.kind), page, scope.at, ticket.number);
  }

  /** More from the resident in an emergency; when none is open any more, reception takes the message. */
  chase(request: FlowEffectParams['chaseEmergency'], scope: EffectScope): ConversationEvent | void {
    const ticket = this.openFor(scope).at(-1);
    if (!ticket) return { type: 'EMERGENCY_OVER', event: request.event ?? { type: 'NO_WORDS' } };
    if (request.over) return this.overAsTold(ticket, request.text, scope);
    // "人呢", "快点" hurry them; a place, a photo or what is happening now adds to what they know.
    const event = request.event;
    const hurries = event?.type === 'TEXT' && (event.aboutTicket === 'chase' || event.urgency === 'now');
    // Danger perhaps heard in it (里面好闷 有个阿姨说有点头晕) gets that danger's advice; someone still waiting
    // (还没人来啊), what to do meanwhile again.
    const worse = event?.type === 'TEXT' ? event.emergency?.kind : undefined;
    // "好的谢谢" while help is on its way: answered, not passed on to someone running to the scene.
    const courtesy =
      event?.type === 'TEXT' && (event.intent === 'greeting' || event.thanks === true) && event.text.length <= 8;
    if (courtesy && !hurries && !worse && request.asks !== true) {
      // Thanks are answered as thanks (不客气); a bare 好的 / 对, as heard.
      const key = event.type === 'TEXT' && event.thanks === true ? 'emergency.stay_safe' : 'emergency.noted_safe';
      this.outbound.say(scope.replyTo, scope.conversationKey, { key }, scope.at);
      return;
    }
    // "医生说骨裂了 你们这个门关得也太猛了吧 必须给我修好": upset with us, heard with feeling before anything else.
    const upset =
      event?.type === 'TEXT' &&
      (event.tone === 'angry' ||
        event.tone === 'insult' ||
        event.dissatisfied === true ||
        event.intent === 'complaint' ||
        event.alternative === 'complaint');
    this.relayAndAnswer(
      ticket,
      request.text,
      scope,
      request.asks === true || hurries || worse !== undefined,
      hurries ? 'chase' : 'more',
      worse,
      request.aside === true,
      upset,
    );
  }

  /** The resident says it is over: those handling it are asked to check and close it; the resident is thanked. */
  private overAsTold(ticket: Ticket, text: string, scope: EffectScope): void {
    // "算了 没事了" after 不想活了: no all-clear — everyone paged is asked to ring and make sure, and the resident is
    // told someone will call, and where help is meanwhile.
    if (ticket.topic === DISTRESS_TOPIC) {
      this.relay(ticket, text, scope, 'staff.emergency_distress_over', this.paged(kindOf(ticket) ?? 'injury'));
      this.outbound.say(scope.replyTo, scope.conversationKey, { key: 'emergency.distress_over' }, scope.at);
      return;
    }
    this.relay(ticket, text, scope, 'staff.emergency_resident_over', this.allOnTheirWay(ticket));
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      { key: 'emergency.resident_over', params: { ticket: ticket.number } },
      scope.at,
    );
  }

  /** To whoever handles it, and the answer of who is coming by when (an apology once that time has passed). */
  private relayAndAnswer(
    ticket: Ticket,
    text: string,
    scope: EffectScope,
    asks = false,
    said: 'chase' | 'more' = 'chase',
    /** The danger whose advice is said, when not the ticket's own. */
    adviceKind?: string,
    /** After an answer to another matter: where the emergency stands, nothing passed on. */
    aside = false,
    /** Said in anger or as a grievance: an apology with feeling comes first. */
    upset = false,
  ): void {
    const promise = this.ledger.nextPromise(ticket);
    const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    const who = owner?.name ?? this.outbound.render({ key: 'emergency.on_duty' }, scope.at).text;
    // Late only when a promise of arrival has passed: one kept once someone took it is no lateness (a thank-you after
    // #接单 told the supervisor "overdue" before its time). Taken, its arrival broken and nothing new promised
    // (还没人来！！！ hours on): still late, not "being handled".
    const late = promise
      ? promise.dueAt <= scope.at
      : !owner || this.ledger.lastBroken(ticket, 'repair_visit') !== undefined;
    // A hurry goes to those who handle it; what is happening and where, to all on their way; once late, to everyone
    // the kind pages, since whoever took it has not come.
    const told = late
      ? this.paged(kindOf(ticket) ?? 'water')
      : said === 'more'
        ? this.allOnTheirWay(ticket)
        : this.handlers(ticket);
    if (text) this.relay(ticket, text, scope, `staff.emergency_${said}`, told);
    if (late) {
      // The promised arrival has passed: an apology, and the supervisors hear of it too.
      this.outbound.notifyStaffMembers(
        this.outbound.firstStaffedRole(['supervisor', 'manager']),
        { key: 'staff.emergency_late', params: { ticket: ticket.number } },
        scope.at,
        ticket.number,
      );
    }
    // Nobody has answered yet: they are paged again, not said to be on their way.
    const answer: PhraseRef = late
      ? { key: 'emergency.late', params: { ticket: ticket.number, who } }
      : !promise
        ? { key: 'emergency.handling', params: { ticket: ticket.number, who } }
        : owner
          ? {
              key: aside ? 'emergency.still_coming' : 'emergency.coming',
              params: { ticket: ticket.number, who },
              times: { due: promise.id },
            }
          : {
              key: aside ? 'emergency.still_paged' : 'emergency.paged_again',
              params: { ticket: ticket.number },
              times: { due: promise.id },
            };
    const kind = adviceKind ?? kindOf(ticket);
    this.outbound.say(
      scope.replyTo,
      scope.conversationKey,
      [
        ...(upset ? [{ key: 'emergency.sorry_angry' }] : []),
        ...(asks && kind ? [{ key: `emergency.advice.${kind}` }] : []),
        answer,
      ],
      scope.at,
    );
  }

  /** What the resident said, kept on the ticket and passed to whoever handles it under `key`. */
  private relay(ticket: Ticket, text: string, scope: EffectScope, key: string, told = this.handlers(ticket)): void {
    this.store.events.record({
      at: scope.at,
      actor: scope.sender.wechatId,
      type: 'resident_added',
      ref: ticket.number,
      data: { text },
    });
    const relay: PhraseRef = {
      key,
      params: { ticket: ticket.number, who: this.outbound.describe(scope.sender), text },
    };
    this.outbound.notifyStaffMembers(told, relay, scope.at, ticket.number);
  }

  /** An emergency taken (#接单): the others paged hear who has it, so nobody runs to it thinking nobody does. */
  tellClaimed(ticket: Ticket, by: Staff, at: number): void {
    const kind = kindOf(ticket);
    if (!kind) return;
    const others = this.paged(kind).filter((s) => s.id !== by.id);
    this.outbound.notifyStaffMembers(
      others,
      { key: 'staff.emergency_claimed', params: { ticket: ticket.number, name: by.name } },
      at,
      ticket.number,
    );
  }

  /** The resident's emergencies still being handled, oldest first. */
  private openFor(scope: EffectScope): Ticket[] {
    return this.store.tickets
      .openForParty(scope.sender.wechatId)
      .filter((t) => kindOf(t) !== undefined && stillOpen(t));
  }

  /** Everyone the kind pages: the desk, the on-call technicians, the supervisors, the manager. */
  private paged(kind: string): Staff[] {
    const roles = this.detector.paged(kind);
    const staff = roles.flatMap((role) =>
      role === 'technician'
        ? this.schedule
            .onCall()
            .map((id) => this.store.community.staffById(id))
            .filter((s) => s !== undefined)
        : this.outbound.firstStaffedRole([role]),
    );
    return [...new Map(staff.map((s) => [s.id, s])).values()];
  }

  /**
   * What is happening and where (一辆电瓶车在烧 B区电梯口那边), or that it is over, reaches everyone who was paged until
   * someone takes it: they are all on their way with only the first line.
   */
  private allOnTheirWay(ticket: Ticket): Staff[] {
    return ticket.ownerId ? this.handlers(ticket) : this.paged(kindOf(ticket) ?? 'water');
  }

  /** Whoever handles it: its owner once claimed; until then the desk and the on-call technicians. */
  handlers(ticket: Ticket): Staff[] {
    const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    if (owner) return [owner];
    const kind = kindOf(ticket) ?? 'water';
    return this.paged(kind).filter((s) => s.role === 'service' || s.role === 'technician');
  }
}
