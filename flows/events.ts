import type { PhraseRef } from '../src/phrases/phrase-ref.js';
import type { Understanding } from '../src/nlu/intent.js';

/** What the runtime tells a conversation flow. Flows see understood events, never raw transport messages. */
export type ConversationEvent =
  /** A new conversation; `restarted` when an older one was dropped because its flow changed,
   *  `proactive` when the office speaks first (no greeting as if the resident had asked). */
  | { type: 'START'; restarted?: boolean; proactive?: boolean; chasing?: boolean; danger?: boolean }
  /** The resident opened the chat without writing yet (WeCom's enter_session): greeted with the menu. */
  | { type: 'ARRIVED' }
  | TextEvent
  /** Text with no words in it: blank, emoji or punctuation only. */
  | { type: 'NO_WORDS' }
  | { type: 'TOO_LONG'; length: number; limit: number }
  | { type: 'NON_TEXT'; kind: string; messageId?: string }
  /** The idle timer: nobody wrote for a while. `lateMs` is how long after its due time it fired;
   *  `silentMs` how long since anything was said in the conversation. */
  | { type: 'IDLE'; lateMs: number; silentMs?: number }
  /** Staff proposed a new time (#改约); `commitmentId` is the new promise, `replacesId` the old one. */
  | {
      type: 'RESCHEDULE_PROPOSED';
      ticket: string;
      commitmentId: number;
      replacesId: number;
      from?: number;
      to?: number;
    }
  /** The runtime's answer to `verifyBinding`, in the same turn. */
  /** `contested`: the right digits for a household bound to another WeChat (not rebound from the chat). */
  | { type: 'BINDING_RESULT'; ok: boolean; locked: boolean; contested?: true }
  /** The runtime's answer to `findVisit`: windows held for the resident (exact: the one wanted). */
  | { type: 'VISIT_OFFER'; exact: boolean; holds: number[]; mode?: 'full' | 'day' | 'soonest' }
  | { type: 'VISIT_NONE'; horizonDays?: number; past?: true }
  /** The window a resident's move asks for, held and read back (MOVE_OFFER); or nothing to move, or no room. */
  | { type: 'MOVE_OFFER'; hold: number; ticket: string }
  | { type: 'MOVE_NONE'; booked: boolean }
  /** A repair was finished (#完成): ask the resident to confirm and rate it. */
  | { type: 'RATING_REQUESTED'; ticket: string; emergency?: true }
  /** A complaint was finished (#完成): ask the resident whether it is resolved. */
  | { type: 'COMPLAINT_DONE'; ticket: string }
  /** The runtime's answer to `lookBackForComplaint`: the resident's latest complaint still being handled. */
  | { type: 'COMPLAINT_CONTEXT'; earlier?: { ticket: string; category: string } }
  /** The runtime's answer to `explainCard`: whether the office does this business for this card,
   *  and what it already knows of a bound resident (nothing known is asked again). */
  | { type: 'CARD_FEES'; offered: boolean; known: KnownApplicant }
  /** Staff finished a handoff (#完成 on an H ticket): the bot speaks again. */
  | { type: 'HANDOFF_ENDED'; ticket: string }
  /** An emergency came in while a task was under way: the task lets go of what it holds and ends. */
  /** A task put aside; `danger`: for an emergency that came in (what was being told may be its first line). */
  | { type: 'SUSPEND'; danger?: true }
  /** The runtime's answer to `chaseEmergency` when no emergency is open any more: `event` goes to reception. */
  | { type: 'EMERGENCY_OVER'; event: ConversationEvent };

/** A bound resident's details, offered as the card form's answers: their name, their units, their phone. */
export interface KnownApplicant {
  name?: string;
  units: string[];
  phone?: string;
}

/** The card form (办卡), as repeated back and filed. */
export interface CardApplication {
  card: string;
  business: string;
  name: string;
  unit: string;
  plate?: string;
  phone: string;
}

/** A message with words, as understood (see `Understanding` for what each field means). */
export interface TextEvent extends Omit<Understanding, 'topic'> {
  type: 'TEXT';
  text: string;
  /** Optional here so a test can write an event by hand; understanding always sets it. */
  topic?: string;
  /** The inbound message id, recorded as the source of any promise made in this turn. */
  messageId?: string;
  /** A lift said to be stopped with nobody inside (asked first): its repair is urgent. */
  liftOut?: true;
  /** The unit named is a household on file, named by someone not known yet (its card, its progress are its own). */
  unitOnFile?: true;
  /** Whether the sender is bound to a unit (or may not try to bind for now). */
  identity?: 'bound' | 'unbound' | 'locked';
  /** The approved answer (data/faq.zh-CN.yaml or added by staff) this question matches. */
  faq?: string;
  /** The understanding leaves room for a known question (src/nlu/question-kinds.ts). */
  answerable?: true;
  /** How many tickets of the sender are still open: a chase is about one of them. */
  openTickets?: number;
  /** A visit time said with no repair described: how many repairs of the sender are open (it is for one of them). */
  openRepairs?: number;
  /** How many of those are complaints: 投诉 said in a chase is about one of them, not a new complaint. */
  openComplaints?: number;
  /** The sender's homes, when they have several (a repair asks which one). */
  units?: string[];
}

/** A complaint as filed: what happened, and where, when and how often, each as the resident said it. */
export interface ComplaintSummary {
  what: string;
  where?: string;
  when?: string;
  often?: string;
}

/** A ticket a flow opens, with the promise that comes with it and what both sides are told. */
export interface TicketOrder {
  type: 'repair' | 'complaint' | 'card' | 'handoff';
  /** Service-level category (data/service-levels.yaml). */
  category: string;
  kind: 'callback' | 'complaint_reply' | 'inquiry_reply' | 'repair_visit' | 'card_service';
  target: 'first_response' | 'reply' | 'resolution';
  /** What the resident is told: `{ticket}` and `{due:time}` are filled in. */
  ackKey: string;
  /** What the staff are told: `{ticket}`, `{who}`, `{text}` and `{due:time}` are filled in. */
  staffKey: string;
  text: string;
  messageId?: string;
  /** Explain the fee standards of this group (data/fees.yaml) after the acknowledgement. */
  explainFees?: string;
  /** Said instead of `ackKey` when the office is closed (the reply comes after it opens). */
  afterHoursKey?: string;
  /** A person takes over: the staff also get the conversation so far. */
  withTranscript?: true;
  /** The time the resident asked to be called (ISO), when later than the service level's. */
  callbackAt?: string;
  /** Page the on-call technicians too (an urgent repair). */
  pageOnCall?: true;
  /**
   * A report about the common parts: the same resident's report of the last hours still open is this one told again
   * or more of it (对 就是电梯口那一盏), added to it rather than opened twice.
   */
  joinsRecent?: true;
  /** A staff member the resident asked for by name (帮我找一下周师傅): told beside the desk. */
  staff?: string;
}

export interface RescheduleAnswer {
  ticket: string;
  commitmentId: number;
  replacesId: number;
  /** The proposed time (a visit's window, from–to; ms): a resident who names a time inside it says yes. */
  from?: number;
  to?: number;
}

/**
 * The named effects a flow may ask for, performed by the runtime (src/runtime/flow-effects.ts)
 * in the same transaction as the new snapshot.
 */
export interface FlowEffectParams {
  /** One message: a phrase, or several, one a line. */
  say: PhraseRef | PhraseRef[];
  /** A ticket with its promise, the resident and the desk told (and, urgent, the on-call technicians paged). */
  openTicket: TicketOrder;
  /** Tell the resident where their open tickets stand; with none, hand the question to the desk. */
  reportProgress: TicketOrder;
  acceptReschedule: RescheduleAnswer;
  /** Check a unit and the phone's last four digits; answered by a BINDING_RESULT event. */
  verifyBinding: { unit: string; last4: string };
  /** The itemized arrears of the sender's own units (or of `unit`, if it is one of them). */
  showStatement: { unit?: string };
  /** Hand the conversation to another flow, which gets `event` first. */
  startFlow: { flow: string; event: ConversationEvent };
  /**
   * Hold the wanted window if a technician can take it, else the nearest free ones; answered by VISIT_OFFER or
   * VISIT_NONE.
   */
  findVisit: {
    mode?: 'exact' | 'day' | 'soonest';
    wanted: number;
    /** From that hour on (三点以后), not at it. */
    onwards?: true;
    /** The hour of a part of the day (傍晚 is 18:00): a window ending within the hour before it will do. */
    fromPeriod?: true;
    category?: string;
    problem: string;
    unit?: string;
  };
  /** A question asked instead of the yes at the repeat-back: the fee if it asks what it costs, else what we can say. */
  answerRepairQuestion: { text: string; category?: string };
  /** The resident said yes: the held window becomes the booking (ticket, technician told). */
  bookVisit: {
    hold: number;
    problem: string;
    category?: string;
    location?: string;
    unit?: string;
    messageId?: string;
    /** A phone to call given in the chat (someone not yet verified): the technician's number to ring. */
    contact?: string;
  };
  /** Windows offered but not taken are given back. */
  releaseHolds: { holds: number[] };
  /**
   * A dispute about fees: apology, a ticket for the desk with the statement, reminders for the unit
   * paused. `service`: the resident will not pay because of the service — empathy first, and a supervisor told.
   */
  disputeFees: { text: string; reason?: 'billing' | 'service' };
  /** No more reminders by chat for this resident. */
  optOutOfReminders: Record<string, never>;
  /**
   * The resident says when they will pay: their promise, reminded the evening before; `dayOnly`: by that day's closing.
   */
  agreePayment: { when: string; dayOnly?: true };
  /** The resident cancels their booked repair; answered in words. */
  cancelRepair: Record<string, never>;
  /** The resident would move their visit to `wanted` (ISO): held and read back; answered by MOVE_OFFER/MOVE_NONE. */
  /** `onDayOfHold`: only an hour was said, on the day of this held window (the move read back before). */
  proposeMove: { wanted: string; onDayOfHold?: number };
  /** The resident's yes to the read-back: the held window becomes the visit. */
  confirmMove: { hold: number };
  /**
   * A complaint filed: ticket, reply promise (and a call-back promise), routing, repeat links. `how`:
   * read back and confirmed, filed as said on the resident's word ("就按我说的记"), or filed while
   * they went quiet (they are told so when the office may speak).
   */
  fileComplaint: {
    category: string;
    summary: ComplaintSummary;
    callback: boolean;
    /** Who the resident asked to call back, and on which number. */
    callbackBy?: 'manager' | 'supervisor';
    /** The time the resident asked to be called by, if they said one. */
    callbackAt?: string;
    /** …or from: 晚上七点以后 is called then, not before. */
    callbackFrom?: true;
    phone?: string;
    staff?: string;
    /** The trade of a fault it names: the technicians who take it hear of the complaint too. */
    fault?: string;
    messageId?: string;
    how: 'confirmed' | 'as_said' | 'away';
  };
  /** Answered by COMPLAINT_CONTEXT: the resident's latest complaint still being handled, if any. */
  lookBackForComplaint: Record<string, never>;
  /**
   * More about an earlier complaint, or it is happening again: onto that ticket, its handler told, the resident told
   * where it stands.
   */
  addToComplaint: { ticket: string; text: string; again: boolean };
  /** An emergency: its kind's advice, a ticket with the arrival promise, the people on call paged (once per kind). */
  /** `commonParts`: it is in the common parts (a bin on fire at a building's door), not in one of their homes. */
  openEmergency: {
    kind: string;
    text: string;
    messageId?: string;
    placeNamed?: boolean;
    commonParts?: boolean;
    /** Said in anger (气死我了 又漏了): an apology with the advice. */
    angry?: boolean;
  };
  /**
   * More from a resident in an emergency: to whoever handles it, and who is coming by when; EMERGENCY_OVER when none is
   * open.
   */
  chaseEmergency: { text: string; event?: ConversationEvent; asks?: boolean; over?: boolean; aside?: boolean };
  /** A message about the resident's open ticket: answered from its promises (sorry if one broke), its handler told. */
  /** `believed`: the time the resident says the visit was (不是今天下午吗), when they say one. */
  chaseTicket: { text: string; chasing: boolean; believed?: string; superior?: 'supervisor' | 'manager' };
  /** A threat of harm: the manager, at once, with what was said; `more`: what the resident says after. */
  alertManager: { what: string; more?: true };
  /** The resident's verdict on a finished complaint. */
  resolveComplaint: { ticket: string; satisfied: boolean };
  /** Scores 1–5 for speed, attitude and quality; `unhappy`: reopen for a supervisor with a callback. */
  /** `praised`: praise of the one who came said with it, thanked as such: the rating's own thanks is not said too. */
  recordRating: {
    ticket: string;
    scores: number[];
    unhappy: boolean;
    text: string;
    praised?: true;
    /** Told in words that the fault is still there (还在滴 只是小了点), not only scored low. */
    stillWrong?: true;
  };
  declineReschedule: RescheduleAnswer & { reason: 'declined' | 'no_answer' | 'superseded' };
  /** The fee standard and documents for this card business; answered by CARD_FEES. */
  explainCard: { card: string; business: string };
  /** A card lost or stolen (钱包被偷了 门禁卡停车卡都在里面): the desk told at once to stop it; a no-op otherwise. */
  reportCardLoss: { text: string; lost: boolean };
  /** The resident's yes to the repeated-back form: ticket K… with its card_service promise. */
  applyForCard: CardApplication & { messageId?: string };
  /** A question answered from the knowledge base, or another matter raised mid-flow (fees, progress). */
  answerAside: { event: TextEvent };
  /** Thanks recorded for the staff member named, or the one on the resident's latest ticket, and passed on. */
  recordPraise: { text: string; staff?: string; also?: string[] };
  /** During a handoff the resident's words go to the person handling it; the bot stays quiet. */
  relayToStaff: { text: string; chasing?: true };
  /** What the resident adds about a ticket goes to whoever handles it (its owner, else the desk); they are told so. */
  passOn: { ticket: string; text: string };
  /** The resident declines the call promised on this ticket (不用了, 别打电话了): no call, the handler told. */
  declineCall: { ticket: string };
  /** The resident no longer wants a person: the handoff ticket and its promise are cancelled. */
  cancelHandoff: Record<string, never>;
  /**
   * A photo, file, voice or money: says what became of it — kept on a ticket, kept for the ticket
   * about to be filed (`forTicketToCome`), or that only text can be handled.
   */
  acknowledgeMedia: { kind: string; messageId?: string; forTicketToCome?: true };
  /**
   * The conversation closes after silence: the idle farewell (or `key`), unless it would wake the resident (quiet
   * hours).
   */
  farewellAfterSilence: { key?: string };
}
