import type { ConversationEvent, FlowEffectParams, RescheduleAnswer, TextEvent, TicketOrder } from '../events.js';
import type { Intent } from '../../src/nlu/intent.js';
import type { UnitParts } from '../unit-id.js';

/** What reception reads from a message and keeps between messages; pure functions, no state. */

/**
 * Confidence bands of the understanding: below CLARIFY_BELOW the bot asks which of the two likeliest
 * topics is meant instead of guessing; below GUESS_NOTHING_BELOW it does not even offer a guess.
 */
export const CLARIFY_BELOW = 0.6;
export const GUESS_NOTHING_BELOW = 0.35;

/** Two misunderstandings in a row and a person takes over: a resident should not have to fight the bot. */
export const FALLBACKS_BEFORE_HANDOFF = 2;

/** An idle timer that fires this late means the bot was down: a farewell now would only confuse. */
export const STALE_IDLE_MS = 60 * 60 * 1000;
/**
 * A question the office asked (solved? how was the visit? may we come at another time?) is often
 * answered hours later, after work or the next morning: it stays open that long through silence.
 */
export const OFFICE_QUESTION_OPEN_MS = 24 * 60 * 60 * 1000;

type DeskIntent = 'inquiry' | 'human';

/** What each topic opens: ticket type, service-level category, and the promise made. */
export function orderFor(
  intent: DeskIntent | 'progress' | 'not_understood' | 'angry' | 'callback',
  event: TextEvent,
): TicketOrder {
  const base = {
    text: event.text,
    ...(event.messageId && { messageId: event.messageId }),
    ...(event.slots.staff && { staff: event.slots.staff }),
  };
  // A person takes over: told honestly when (the next opening, out of hours), with the conversation so far.
  const handoff = {
    ...base,
    type: 'handoff',
    category: 'handoff',
    kind: 'callback',
    target: 'first_response',
    afterHoursKey: 'reception.handoff_after_hours',
    withTranscript: true,
  } as const;
  // Someone gets back to the resident: a promise to call, not a takeover.
  const callback = {
    ...base,
    type: 'handoff',
    category: 'callback',
    kind: 'callback',
    target: 'first_response',
  } as const;
  switch (intent) {
    // Nothing open to report on: the desk finds out and gets back.
    case 'progress':
      return {
        ...callback,
        ackKey: 'reception.received.progress',
        staffKey: 'staff.request.progress',
      };
    case 'inquiry':
      return {
        ...base,
        type: 'handoff',
        category: 'inquiry',
        kind: 'inquiry_reply',
        target: 'reply',
        ackKey: 'reception.received.inquiry',
        staffKey: 'staff.request.inquiry',
      };
    case 'human':
      return { ...handoff, ackKey: 'reception.handoff', staffKey: 'staff.handoff' };
    // A call back asked beside a question answered (…晚上7点以后给我打个电话吧): a promise to call, at the time asked.
    case 'callback': {
      const at = event.slots.time;
      const asked = at !== undefined && !event.slots.timePast && !event.slots.timeWithoutHour;
      // 7点以后, 晚上: called then; 明天中午之前: by then.
      const callAt = asked && (event.slots.timeOnwards === true || event.slots.periodOnly === true);
      return {
        ...callback,
        ackKey: callAt ? 'reception.callback_at' : 'reception.callback_arranged',
        staffKey: callAt ? 'staff.request.callback_at' : 'staff.request.callback',
        ...(asked && { callbackAt: at }),
      };
    }
    case 'angry':
      return {
        ...handoff,
        ackKey: 'reception.handoff_angry',
        afterHoursKey: 'reception.handoff_angry_after_hours',
        staffKey: 'staff.handoff',
      };
    case 'not_understood':
      return { ...handoff, ackKey: 'reception.fallback_handoff', staffKey: 'staff.not_understood' };
  }
}

/** The parts of a unit this message gives (3栋1201, 2单元). */
export const partsSaid = ({ slots, text }: TextEvent): UnitParts => {
  // Asked for the home, a number alone ("1202", "1202室") is its room.
  const room = slots.room ?? (slots.building || slots.entrance ? undefined : ROOM_ALONE.exec(text)?.[1]);
  return {
    ...(slots.building && { building: slots.building }),
    ...(slots.entrance && { entrance: slots.entrance }),
    ...(room && { room: String(Number(room)) }),
  };
};
const ROOM_ALONE = /^\s*(\d{3,4})\s*(?:室|号|房)?\s*$/u;
/** What is known of the unit with this message: its parts added to those given before. */
export const unitParts = (context: Context, event: ConversationEvent): UnitParts =>
  event.type === 'TEXT' ? { ...context.bindingParts, ...partsSaid(event) } : { ...context.bindingParts };
export const chaseOf = (event: TextEvent) => ({
  text: event.text,
  chasing: event.aboutTicket === 'chase',
  ...(event.asksSuperior && { superior: event.asksSuperior }),
  ...(event.slots.time && { believed: event.slots.time }),
});
/** The last four digits of a phone, as a resident types them when asked (1201, 尾号1201). */
export const lastFour = (event: TextEvent) => event.slots.phoneLast4 ?? /^\D*(\d{4})\D*$/.exec(event.text)?.[1];

/** A digit 1–5 on its own: not part of a number, a home (1号楼1单元), a time (3点) or an amount. */
const SCORE = /(?<![\d.])([1-5])(?![\d.]|\s*(?:号|栋|幢|座|单元|楼|层|室|点|月|日|天|个|年|元|块|分钟|小时|周|次))/g;
/** Up to three scores of 1–5 in the order asked (speed, attitude, quality): 5 5 4, 554, or one digit for all three. */
export function scoresOf(event: TextEvent): number[] {
  const digits = [...event.text.matchAll(SCORE)].map((m) => Number(m[1]));
  if (digits.length === 1) return [digits[0]!, digits[0]!, digits[0]!];
  return digits.slice(0, 3);
}

export const statementFor = (event: TextEvent): FlowEffectParams['showStatement'] =>
  event.slots.unit ? { unit: event.slots.unit } : {};

/**
 * A time offered instead ("那周六上午呢", "改周六上午"): a full time, not one only mentioned in a
 * question about the visit ("师傅能准时到吗 我11点要出门").
 */
export const offersTime = (event: TextEvent) =>
  event.slots.time !== undefined &&
  !event.slots.timeWithoutHour &&
  !event.slots.timePast &&
  (event.movesTo === true || !event.asksArrival);

export interface Context {
  fallbacks: number;
  /**
   * The unit a not-yet-bound resident gave, while we ask for the phone's last four digits (kept after a failed check: a
   * corrected phone tries it again).
   */
  bindingUnit?: string;
  /** Parts of the unit given so far, when it comes in pieces (3栋1201, then 2单元). */
  bindingParts?: UnitParts;
  /** A repair request waiting for the resident to be bound; it is booked right after. */
  pendingRepair?: TextEvent;
  /** A card asked for a household on file by someone not yet known: ordered once the check passes. */
  pendingCard?: TextEvent;
  /** A household's matter asked after by someone not yet known (我是3-2-1201的 我老公报的修什么时候来): answered once checked. */
  pendingAsk?: TextEvent;
  /** A finished repair waiting for the resident's confirmation and rating. */
  rating?: string;
  /** The rating asked is of an emergency handled: asked again as safety first, not as a repair's quality. */
  ratingEmergency?: true;
  /** A finished complaint waiting for the resident's verdict. */
  resolution?: string;
  /** A new time staff proposed, waiting for the resident's yes or no. */
  proposal?: RescheduleAnswer;
  /** The resident's move of a booked visit, read back (the new window held), waiting for their yes. */
  move?: { hold: number; ticket: string };
  /** The ticket reopened after a low rating or an unsolved complaint: what the resident adds goes to its owner. */
  hearingAbout?: string;
  /** The question last answered from the knowledge base: "帮我问问" after it means the answer did not answer it. */
  answered?: TextEvent;
  /** Another household's bill was asked for and refused: pressing for it ("你就告诉我她交没交") is refused again. */
  refusedOthers?: true;
  /**
   * A trouble told while asking after a report there is no record of (上礼拜报的热水器 怎么还没人来): the repair
   * booked next, without a problem of its own (你现在给我登记 明天上午来), is for it.
   */
  toldProblem?: { text: string; category: string };
}

/** The repair asked for, given the trouble told just before when it names none itself. */
export const withProblemToldBefore = (context: Context, event: ConversationEvent): ConversationEvent =>
  event.type === 'TEXT' &&
  context.toldProblem &&
  event.slots.category === undefined &&
  event.slots.location === undefined
    ? {
        ...event,
        topic: context.toldProblem.text,
        matter: context.toldProblem.text,
        slots: { ...event.slots, category: context.toldProblem.category },
      }
    : event;

/** Below this a reading of another matter is not sure enough to leave what went wrong. */
export const SURE_OF_OTHER_MATTER = 0.9;
/**
 * Matters a resident may raise right after a complaint, each served by its own path. Not a
 * repair: right after a failed one, "it still flickers" is more of the same, for the supervisor.
 */
export const OTHER_MATTERS: ReadonlySet<Intent> = new Set<Intent>(['card', 'arrears', 'inquiry', 'human', 'progress']);

/** Intents of messages that mention paying in passing: a complaint, a repair, a card, a person wanted, thanks. */
export const NOT_ABOUT_PAYING: ReadonlySet<Intent> = new Set<Intent>([
  'repair',
  'complaint',
  'card',
  'human',
  'praise',
]);

/** Intents that ask for something to be done: never read as a follow-up to an answer. */
export const TASKS: ReadonlySet<Intent> = new Set<Intent>(['repair', 'complaint', 'arrears', 'card']);

export const unhappyWith = (event: TextEvent) => event.dissatisfied === true || scoresOf(event).some((s) => s <= 3);
