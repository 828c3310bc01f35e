/** A resident's message read in its context: who sent it, what waits in the conversation, what is open. */
import { parseIso } from '../domain/time.js';
import type { StaffName } from '../store/community-repo.js';
import type { InboundMessage } from '../domain/messages.js';
import type { ConversationEvent, TextEvent } from '../../flows/events.js';
import { mayAskKnowledge, understand } from '../nlu/understand.js';
import type { ModelAnswer } from '../nlu/llm/client.js';
import type { Sender } from '../domain/sender.js';
import { VERDICT_WINDOW_MS } from '../tickets/chase-effects.js';
import type { BotDeps } from './bot-deps.js';

/** A word or two sent alone (电梯, 救命, 快来人): the start of something told in pieces. */
const FRAGMENT_CHARS = 4;
/** A short clause (不动了 灯也黑了) is a piece too, before what follows it or as what follows a fragment. */
const PIECE_CHARS = 12;
/** How many such fragments before a message are read with it. */
const FRAGMENTS = 2;
const COURTESY: ReadonlySet<string> = new Set(['greeting', 'praise']);
/** How far back a fragment still belongs to what is said now. */
const FRAGMENT_WINDOW_MS = 10 * 60_000;

/** A room number said as a household (1201的欠费, 1203家): an amount (交了806) is none. */
/** Characters in a row two texts share to be about the same thing (热水器, 水龙头): a word of the fault, not of manner. */
const SAME_THING_CHARS = 3;
const HAN_RUN = /\p{Script=Han}+/gu;

/** Whether two texts share a run of Chinese characters long enough to name the same thing. */
function sharesThing(a: string, b: string): boolean {
  const runs = b.match(HAN_RUN) ?? [];
  return runs.some((run) => {
    for (let i = 0; i + SAME_THING_CHARS <= run.length; i++)
      if (a.includes(run.slice(i, i + SAME_THING_CHARS))) return true;
    return false;
  });
}

// A home's number, named by what follows it (1201的, 1201家) or by its bill asked after (1201交了没, 1201欠多少).
const ROOM = /(?<![\d.])(\d{3,4})(?=的|家|室|号|那户|那家|交了|交没|欠|缴了|缴没|有没有交|有没有欠)/;

export class MessageReader {
  constructor(
    private readonly deps: Pick<BotDeps, 'store' | 'understander' | 'knowledge' | 'secondOpinion' | 'binder'>,
  ) {}

  /** A message understood in its context: who sent it, and whether anything of theirs is under way. */
  read(
    message: InboundMessage,
    sender: Sender,
    at: number,
    conversation?: string,
    advice?: ModelAnswer,
  ): ConversationEvent {
    // A matter waiting its turn in this conversation: what the resident adds about it goes to it.
    const waiting = conversation ? this.deps.store.conversations.firstQueued(conversation) : undefined;
    let event = understand(
      message,
      this.deps.understander,
      at,
      () => this.staffNames(),
      this.identityOf(sender, at),
      this.deps.knowledge,
      waiting,
    );
    // The model's opinion, asked before this transaction, weighed now; a time it points at is read here.
    if (advice && event.type === 'TEXT' && this.deps.secondOpinion) {
      event = this.deps.secondOpinion.decide(
        event,
        advice,
        message.text ?? '',
        (span) => this.deps.understander.understand(span, at).slots,
      );
      if (!event.faq && this.deps.knowledge && mayAskKnowledge(event))
        event.faq = this.deps.knowledge.match(event.text);
      if (event.faq === undefined) delete event.faq;
    }
    // Thanks, a greeting or a question with an approved answer goes on from nothing in danger.
    if (
      event.type === 'TEXT' &&
      !event.emergency &&
      !event.faq &&
      !message.choice &&
      !COURTESY.has(event.intent) &&
      conversation
    )
      event = this.dangerInPieces(event, message.id, conversation, at);
    // Someone with several homes: a repair asks which one.
    if (event.type === 'TEXT' && sender.kind === 'resident') {
      const units = [...new Set(sender.residents.map((r) => r.unitId))];
      if (units.length > 1) event.units = units;
      // "1201的欠费你就告诉我嘛": a home named that is none of theirs is another household's business.
      // (A whole unit named is checked where the bill is shown: arrears.not_your_unit.)
      const room = event.slots.unit ? undefined : ROOM.exec(event.text)?.[1];
      if (event.intent === 'arrears' && room && !units.some((u) => u.split('-').at(-1) === room))
        event.aboutOthers = true;
    }
    // A card for a household on file, asked by someone the office does not know yet: theirs to show first.
    // …and a repair's progress asked for one by someone the office does not know (3-2-1201报修的师傅几点来).
    if (
      event.type === 'TEXT' &&
      (event.intent === 'card' || event.intent === 'progress') &&
      sender.kind === 'unknown' &&
      event.slots.unit
    )
      if (this.deps.store.community.residentsOfUnit(event.slots.unit).length > 0) event.unitOnFile = true;
    // "热水器还是不出热水 要派人来修" with that very repair booked: asked after it, not booked twice.
    if (event.type === 'TEXT' && event.intent === 'repair' && event.stillWrong && !event.aboutTicket) {
      const same = this.deps.store.tickets
        .openForParty(sender.wechatId)
        .some((t) => t.type === 'repair' && sharesThing(t.summary, event.text));
      if (same) event.aboutTicket = 'chase';
    }
    // Asking after something under way, or calling it off: whether anything is open decides what it is about.
    if (
      event.type === 'TEXT' &&
      (event.aboutTicket ||
        event.intent === 'progress' ||
        event.complaint?.refersBack ||
        event.repairChange ||
        event.findOutOnly)
    ) {
      const recent =
        event.aboutTicket === 'chase'
          ? this.deps.store.tickets.doneForParty(sender.wechatId, at - VERDICT_WINDOW_MS).length
          : 0;
      const open = this.deps.store.tickets.openForParty(sender.wechatId);
      event.openTickets = open.length + recent;
      const complaints = open.filter((t) => t.type === 'complaint').length;
      if (complaints > 0) event.openComplaints = complaints;
      // "灯坏了 啥时候能来整一下", "业委会什么时候换届": with nothing under way, a when-question is the
      // matter itself, not a chase.
      // A fault named (吸顶灯不亮了 你们什么时候能来) makes it a repair — not a complaint about a past visit
      // (投诉一哈 昨天来修水管的那个师傅…) nor someone asked for by name (帮我找一下周师傅).
      // A card asked after (我上次办的门禁卡好了没) is no fault of a door.
      const faultNow =
        event.slots.category !== undefined &&
        event.slots.cardType === undefined &&
        !event.slots.timePast &&
        !event.slots.staff &&
        event.complaint?.complaining !== true;
      const matter =
        event.alternative === 'repair' || event.alternative === 'inquiry'
          ? event.alternative
          : faultNow
            ? 'repair'
            : undefined;
      if (event.openTickets === 0 && event.intent === 'progress' && !event.aboutTicket && !event.asksPending && matter)
        event.intent = matter;
      // "在不在啊 到底有没有人" with nothing under way: someone wanting an answer at all, greeted — no question to pass on.
      if (event.openTickets === 0 && event.intent === 'progress' && event.alternative === 'greeting')
        event.intent = 'greeting';
    }
    // "今天下午4点以后能来不" with a repair booked (its visit missed, or still to come): a time for that visit,
    // not a new repair with nothing said of what is broken.
    // A time inside a visit already booked asks after it (今天下午还来吧), moves nothing.
    if (
      event.type === 'TEXT' &&
      // A time named, or offered and nothing else said (今天下午行不行), or asked for at an hour (今天下午两点能不能来
      // 别再放鸽子了).
      (event.namesVisitTime === true ||
        // …or nothing but a day ahead (那明天上午), said to whoever has a visit to make.
        (event.timeAlone === true && event.slots.timePast !== true) ||
        (event.asksVisitAt === true &&
          (event.timeOfferOnly === true ||
            event.slots.timeFromPeriod !== true ||
            // "那个能不能早点 上午来": earlier or later than the visit, a part of the day is enough.
            event.relative !== undefined))) &&
      event.slots.category === undefined &&
      event.slots.location === undefined &&
      event.slots.time !== undefined
    ) {
      const at = parseIso(event.slots.time);
      const repairs = this.deps.store.tickets.openForParty(sender.wechatId).filter((t) => t.type === 'repair');
      const booked = repairs.some((t) =>
        this.deps.store.commitments
          .byTicket(t.id)
          .some((c) => c.kind === 'repair_visit' && c.status === 'open' && at >= c.windowStart! && at < c.dueAt),
      );
      if (!booked) event.openRepairs = repairs.length;
    }
    return event;
  }

  /**
   * "电梯" … "不动了 门也打不开 我跟孙子在里面": a danger told in pieces is heard from the pieces together, up to two
   * short fragments sent just before with what is said now (电梯 / 不动了 / 我在里面); staff read it whole.
   */
  private dangerInPieces(event: TextEvent, id: string, conversation: string, at: number): TextEvent {
    const pieces: string[] = [];
    for (const m of this.deps.store.messages.recentTexts(conversation, at - FRAGMENT_WINDOW_MS, FRAGMENTS + 1)) {
      if (m.id === id) continue;
      const fragment = m.text?.trim();
      if (!fragment || fragment.length > PIECE_CHARS || pieces.length === FRAGMENTS) break;
      pieces.unshift(fragment);
    }
    // Only fragments naming what a danger is about (电梯, 着火, 漏水) are read again with what follows them.
    if (!pieces.some((p) => p.length <= FRAGMENT_CHARS && this.deps.understander.namesDanger(p))) return event;
    // A short clause of its own, not a matter with its own place or time (卧室灯坏了, 明天上午来修).
    const clause =
      event.text.trim().length <= PIECE_CHARS && event.slots.location === undefined && event.slots.time === undefined;
    for (let n = pieces.length; n >= 1; n--) {
      const whole = [...pieces.slice(-n), event.text].join(' ');
      // A danger a rule is sure of, or a lift stopped told in fragments alone (电梯 / 不动了: asked whether anyone is
      // inside); pieces that merely might be a danger (你好 / 漏水), or a whole matter after one (电梯 / 卧室灯坏了
      // 要报修), are read as they come.
      const emergency = this.deps.understander.dangerByRules(whole);
      const liftInPieces = emergency?.kind === 'trapped' && (event.text.trim().length <= FRAGMENT_CHARS || clause);
      if (emergency?.sure || liftInPieces) return { ...event, emergency, text: whole };
    }
    return event;
  }

  private identityOf(sender: Sender, at: number): 'bound' | 'unbound' | 'locked' {
    if (sender.kind === 'resident') return 'bound';
    return this.deps.binder.isLocked(sender.wechatId, at) ? 'locked' : 'unbound';
  }

  /** Names a resident may mention in praise or a complaint. */
  staffNames(): readonly StaffName[] {
    return this.deps.store.community.staffNames();
  }
}
