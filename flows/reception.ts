import { and, assign, enqueueActions, or, raise, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import { acknowledgeMedia, asksKnownQuestion, isCancel } from './interruptions.js';
import { complainsFirst } from './complaint-heard.js';
import type { ConversationEvent, FlowEffectParams, PhraseRef, RescheduleAnswer, TextEvent, TicketOrder } from './events.js';
import type { Intent } from '../src/nlu/intent.js';
import { unitIdOf, type UnitParts } from '../src/domain/unit-id.js';

/**
 * Reception (接待): the standard greeting, the menu, the farewell, and a fallback that offers the
 * options and a person. Each topic whose own flow does not exist yet opens a ticket for the
 * service desk, with a promise of contact by the service level's deadline.
 */

/** Bump when states or context change shape: stored conversations of an older version restart politely. */
export const RECEPTION_VERSION = 13;

/**
 * Confidence bands of the understanding: below CLARIFY_BELOW the bot asks which of the two likeliest
 * topics is meant instead of guessing; below GUESS_NOTHING_BELOW it does not even offer a guess.
 */
const CLARIFY_BELOW = 0.6;
const GUESS_NOTHING_BELOW = 0.35;

/** Two misunderstandings in a row and a person takes over: a resident should not have to fight the bot. */
const FALLBACKS_BEFORE_HANDOFF = 2;

/** An idle timer that fires this late means the bot was down: a farewell now would only confuse. */
const STALE_IDLE_MS = 60 * 60 * 1000;
/**
 * A question the office asked (solved? how was the visit? may we come at another time?) is often
 * answered hours later, after work or the next morning: it stays open that long through silence.
 */
const OFFICE_QUESTION_OPEN_MS = 24 * 60 * 60 * 1000;

type DeskIntent = 'inquiry' | 'human';

const bookRepair = { type: 'startFlow' as const, params: ({ event }: { event: ConversationEvent }) => ({ flow: 'repair', event }) };

/** Whatever was being asked, danger comes first: the emergency flow takes the conversation. */
const emergencyFirst = {
  guard: 'emergencyHeard' as const,
  target: '#reception.listening' as const,
  actions: { type: 'startFlow' as const, params: ({ event }: { event: ConversationEvent }) => ({ flow: 'emergency', event }) },
};

/** What each topic opens: ticket type, service-level category, and the promise made. */
function orderFor(intent: DeskIntent | 'progress' | 'not_understood' | 'angry', event: TextEvent): TicketOrder {
  const base = { text: event.text, ...(event.messageId && { messageId: event.messageId }) };
  // A person takes over: told honestly when (the next opening, out of hours), with the conversation so far.
  const handoff = { ...base, type: 'handoff', category: 'handoff', kind: 'callback', target: 'first_response', afterHoursKey: 'reception.handoff_after_hours', withTranscript: true } as const;
  switch (intent) {
    // Nothing open to report on: the desk finds out and gets back (a callback, not a takeover).
    case 'progress':
      return { ...base, type: 'handoff', category: 'callback', kind: 'callback', target: 'first_response', ackKey: 'reception.received.progress', staffKey: 'staff.request.progress' };
    case 'inquiry':
      return { ...base, type: 'handoff', category: 'inquiry', kind: 'inquiry_reply', target: 'reply', ackKey: 'reception.received.inquiry', staffKey: 'staff.request.inquiry' };
    case 'human':
      return { ...handoff, ackKey: 'reception.handoff', staffKey: 'staff.handoff' };
    case 'angry':
      return { ...handoff, ackKey: 'reception.handoff_angry', afterHoursKey: 'reception.handoff_angry_after_hours', staffKey: 'staff.handoff' };
    case 'not_understood':
      return { ...handoff, ackKey: 'reception.fallback_handoff', staffKey: 'staff.not_understood' };
  }
}



/** The last four digits of a phone, as a resident types them when asked (1201, 尾号1201). */
/** The parts of a unit this message gives (3栋1201, 2单元). */
const partsSaid = ({ slots }: TextEvent): UnitParts => ({
  ...(slots.building && { building: slots.building }),
  ...(slots.entrance && { entrance: slots.entrance }),
  ...(slots.room && { room: slots.room }),
});
/** What is known of the unit with this message: its parts added to those given before. */
const unitParts = (context: Context, event: ConversationEvent): UnitParts => (event.type === 'TEXT' ? { ...context.bindingParts, ...partsSaid(event) } : { ...context.bindingParts });
const chaseOf = (event: TextEvent) => ({ text: event.text, chasing: event.aboutTicket === 'chase', ...(event.slots.time && { believed: event.slots.time }) });
const lastFour = (event: TextEvent) => event.slots.phoneLast4 ?? /^\D*(\d{4})\D*$/.exec(event.text)?.[1];

/** Up to three scores of 1–5 in the order asked (speed, attitude, quality): 5 5 4, 554, or one digit for all three. */
function scoresOf(event: TextEvent): number[] {
  const digits = [...event.text.matchAll(/[1-5]/g)].map((m) => Number(m[0]));
  if (digits.length === 1) return [digits[0]!, digits[0]!, digits[0]!];
  return digits.slice(0, 3);
}

const statementFor = (event: TextEvent): FlowEffectParams['showStatement'] => (event.slots.unit ? { unit: event.slots.unit } : {});

const text = (event: ConversationEvent) => event as TextEvent;

/**
 * A time offered instead ("那周六上午呢", "改周六上午"): a full time, not one only mentioned in a
 * question about the visit ("师傅能准时到吗 我11点要出门").
 */
const offersTime = (event: TextEvent) =>
  event.slots.time !== undefined && !event.slots.timeWithoutHour && !event.slots.timePast && (event.movesTo === true || !event.asksArrival);

const recordPraise = {
  type: 'recordPraise' as const,
  params: ({ event }: { event: ConversationEvent }) => ({ text: text(event).text, ...(text(event).slots.staff && { staff: text(event).slots.staff }) }),
};

/** Staff's proposed time, named from the new commitment (a time is only ever said from one). */
const proposeNewTime = {
  type: 'say' as const,
  params: ({ event }: { event: ConversationEvent }): PhraseRef => {
    const e = event as Extract<ConversationEvent, { type: 'RESCHEDULE_PROPOSED' }>;
    return { key: 'reschedule.proposal', params: { ticket: e.ticket }, times: { time: e.commitmentId } };
  },
};

const askAgain = {
  type: 'say' as const,
  params: ({ context }: { context: Context }): PhraseRef => ({
    key: 'reschedule.ask_again',
    params: { ticket: context.proposal!.ticket },
    times: { time: context.proposal!.commitmentId },
  }),
};

interface Context {
  fallbacks: number;
  /** The unit a not-yet-bound resident gave, while we ask for the phone's last four digits (kept after a failed check: a corrected phone tries it again). */
  bindingUnit?: string;
  /** Parts of the unit given so far, when it comes in pieces (3栋1201, then 2单元). */
  bindingParts?: UnitParts;
  /** A repair request waiting for the resident to be bound; it is booked right after. */
  pendingRepair?: TextEvent;
  /** A finished repair waiting for the resident's confirmation and rating. */
  rating?: string;
  /** A finished complaint waiting for the resident's verdict. */
  resolution?: string;
  /** A new time staff proposed, waiting for the resident's yes or no. */
  proposal?: RescheduleAnswer;
  /** The ticket reopened after a low rating or an unsolved complaint: what the resident adds goes to its owner. */
  hearingAbout?: string;
  /** The question last answered from the knowledge base: "帮我问问" after it means the answer did not answer it. */
  answered?: TextEvent;
  /** Another household's bill was asked for and refused: pressing for it ("你就告诉我她交没交") is refused again. */
  refusedOthers?: true;
}

/** Below this a reading of another matter is not sure enough to leave what went wrong. */
const SURE_OF_OTHER_MATTER = 0.9;
/**
 * Matters a resident may raise right after a complaint, each served by its own path. Not a
 * repair: right after a failed one, "it still flickers" is more of the same, for the supervisor.
 */
const OTHER_MATTERS: ReadonlySet<Intent> = new Set<Intent>(['card', 'arrears', 'inquiry', 'human', 'progress']);

/** Intents of messages that mention paying in passing: a complaint, a repair, a card, a person wanted, thanks. */
const NOT_ABOUT_PAYING: ReadonlySet<Intent> = new Set<Intent>(['repair', 'complaint', 'card', 'human', 'praise']);

/** Intents that ask for something to be done: never read as a follow-up to an answer. */
const TASKS: ReadonlySet<Intent> = new Set<Intent>(['repair', 'complaint', 'arrears', 'card']);

const unhappyWith = (event: TextEvent) => event.dissatisfied === true || scoresOf(event).some((s) => s <= 3);

export const receptionMachine = setup({
  types: {
    context: {} as Context,
    events: {} as ConversationEvent,
  },
  actions: {
    ...runtimeEffects,
    resetFallbacks: assign({ fallbacks: 0 }),
    countFallback: assign({ fallbacks: ({ context }) => context.fallbacks + 1 }),
    rememberProposal: assign({
      proposal: ({ event }) => {
        const e = event as Extract<ConversationEvent, { type: 'RESCHEDULE_PROPOSED' }>;
        return { ticket: e.ticket, commitmentId: e.commitmentId, replacesId: e.replacesId };
      },
    }),
    forgetProposal: assign({ proposal: undefined }),
    rememberUnit: assign({ bindingUnit: ({ context, event }) => (event as TextEvent).slots.unit ?? unitIdOf(unitParts(context, event)), bindingParts: undefined }),
    rememberUnitParts: assign({ bindingParts: ({ context, event }) => unitParts(context, event) }),
    rememberRepair: assign({ pendingRepair: ({ event }) => event as TextEvent }),
    forgetBinding: assign({ bindingUnit: undefined, bindingParts: undefined, pendingRepair: undefined }),
    rememberRefusal: assign({ refusedOthers: true as const }),
  },
  guards: {
    intentIs: ({ event }, intent: Intent) => event.type === 'TEXT' && event.intent === intent,
    knowsAnswer: ({ event }) => asksKnownQuestion(event),
    // Anger about something specific is heard out as a complaint; anger with nothing to file goes to a person.
    angry: ({ event }) =>
      event.type === 'TEXT' && (event.tone === 'angry' || event.tone === 'insult') && (event.intent !== 'complaint' || event.slots.complaintCategory === undefined),
    speaksOfOthers: ({ event }) => event.type === 'TEXT' && event.aboutOthers === true,
    asksAboutOthers: ({ context, event }) =>
      event.type === 'TEXT' && event.aboutOthers === true && (event.intent === 'arrears' || (context.refusedOthers === true && !TASKS.has(event.intent))),
    findsOutAnswered: ({ context, event }) => event.type === 'TEXT' && event.findOut === true && context.answered !== undefined && !TASKS.has(event.intent),
    fallbackLimitReached: ({ context }) => context.fallbacks + 1 >= FALLBACKS_BEFORE_HANDOFF,
    idleIsStale: ({ event }) => event.type === 'IDLE' && event.lateMs > STALE_IDLE_MS,
    questionStillOpen: ({ event }) => event.type === 'IDLE' && (event.silentMs ?? 0) < OFFICE_QUESTION_OPEN_MS,
    answered: ({ event }, answer: 'yes' | 'no' | 'correct') => event.type === 'TEXT' && event.answer === answer,
    unsure: ({ event }) =>
      event.type === 'TEXT' &&
      event.intent !== 'other' &&
      event.alternative !== undefined &&
      event.alternative !== 'other' &&
      event.confidence < CLARIFY_BELOW &&
      event.confidence >= GUESS_NOTHING_BELOW,
    rated: ({ event }) => event.type === 'TEXT' && (scoresOf(event).length > 0 || event.dissatisfied === true || event.answer === 'yes' || event.fixed === true || event.praisesWork === true),
    praises: ({ event }) => event.type === 'TEXT' && event.praisesWork === true && event.tone === undefined,
    thanksOnly: ({ event }) => event.type === 'TEXT' && event.intent === 'praise' && !event.praisesWork && !event.dissatisfied,
    // Fault found with us and nothing of theirs open to say it about: heard out as a complaint.
    findsFault: ({ event }) =>
      event.type === 'TEXT' && event.dissatisfied === true && !(event.openTickets ?? 0) && !['repair', 'card', 'arrears', 'complaint'].includes(event.intent),
    ratedLow: ({ event }) => event.type === 'TEXT' && unhappyWith(event),
    cancels: ({ event }) => isCancel(event),
    namesCardBusiness: ({ event }) => event.type === 'TEXT' && event.intent === 'card' && event.slots.cardType !== undefined && event.slots.cardBusiness !== undefined,
    // A complaint telling what happens is heard, whatever cancel word is in it.
    saysGoodbye: ({ event }) =>
      event.type === 'TEXT' && (event.goodbye === true || isCancel(event)) && !(event.intent === 'complaint' && event.complaint?.describes === true),
    wantsPerson: ({ event }) => event.type === 'TEXT' && event.wantsPerson === true,
    asksIfBot: ({ event }) => event.type === 'TEXT' && event.asksIfBot === true,
    startsOtherMatter: ({ event }) =>
      event.type === 'TEXT' &&
      !event.dissatisfied &&
      (asksKnownQuestion(event) || (OTHER_MATTERS.has(event.intent) && event.confidence >= SURE_OF_OTHER_MATTER)),
    // After a complaint, a repair is a matter of its own (after a repair it would be more of the same).
    startsOtherMatterThanComplaint: ({ event }) =>
      event.type === 'TEXT' && !event.dissatisfied && event.intent === 'repair' && event.confidence >= SURE_OF_OTHER_MATTER,
    onlyAcknowledges: ({ event }) =>
      event.type === 'TEXT' && event.dissatisfied !== true && (event.answer === 'yes' || event.intent === 'greeting' || event.intent === 'cancel') && event.text.length <= 6,
    // Words of paying with a time are a promise only when paying is what the message is about:
    // "今天上午我去交停车费 她一直玩手机" in a complaint, "没提交上 那重新报" in a repair are not.
    promisesPayment: ({ event }) =>
      event.type === 'TEXT' && event.paying === true && event.identity === 'bound' && event.slots.time !== undefined && !NOT_ABOUT_PAYING.has(event.intent) && event.question !== true,
    // Complaints that read like something else (a threat, 又吵了, 补充一下…): see complaint-heard.ts.
    complainsFirst: ({ event }) => event.type === 'TEXT' && complainsFirst(event),
    cancelsRepair: ({ event }) => event.type === 'TEXT' && event.repairChange === 'cancel',
    movesRepairTo: ({ event }) => event.type === 'TEXT' && event.repairChange === 'reschedule' && event.slots.time !== undefined && !event.slots.timeWithoutHour,
    movesRepair: ({ event }) => event.type === 'TEXT' && event.repairChange === 'reschedule',
    repairNow: ({ event }) => event.type === 'TEXT' && event.intent === 'repair' && event.identity === 'bound',
    /** Danger heard for sure, whoever writes and whatever else they said or were asked. */
    emergencyHeard: ({ event }) => event.type === 'TEXT' && event.emergency?.sure === true,
    /** About an open ticket (说好的…人呢, 几点到): answered from that ticket, never as a new matter. */
    chasesTicket: ({ event }) => event.type === 'TEXT' && (event.openTickets ?? 0) > 0 && event.aboutTicket !== undefined,
    /** Perhaps danger (a leak of unknown size) in a new matter: the emergency flow asks now or later. */
    dangerPerhaps: ({ event }) => event.type === 'TEXT' && event.emergency?.sure === false && event.dissatisfied !== true,
    repairOfLocked: ({ event }) => event.type === 'TEXT' && event.intent === 'repair' && event.identity === 'locked',
    repairNamingUnit: ({ event }) => event.type === 'TEXT' && event.intent === 'repair' && event.slots.unit !== undefined,
    repairPending: ({ context }) => context.pendingRepair !== undefined,
    givesWholePhone: ({ event }) => event.type === 'TEXT' && event.slots.phone !== undefined && event.slots.phoneLast4 !== undefined,
    arrearsOfBound: ({ event }) => event.type === 'TEXT' && event.intent === 'arrears' && event.identity === 'bound',
    arrearsOfLocked: ({ event }) => event.type === 'TEXT' && event.intent === 'arrears' && event.identity === 'locked',
    arrearsNamingUnit: ({ event }) => event.type === 'TEXT' && event.intent === 'arrears' && event.slots.unit !== undefined,
    namesUnit: ({ context, event }) => event.type === 'TEXT' && (event.slots.unit !== undefined || unitIdOf(unitParts(context, event)) !== undefined),
    givesUnitPart: ({ event }) => event.type === 'TEXT' && Object.keys(partsSaid(event)).length > 0,
    triedUnit: ({ context }) => context.bindingUnit !== undefined,
    givesLastFour: ({ event }) => event.type === 'TEXT' && lastFour(event) !== undefined,
    bindingOk: ({ event }) => event.type === 'BINDING_RESULT' && event.ok,
    bindingLocked: ({ event }) => event.type === 'BINDING_RESULT' && event.locked,
    bindingContested: ({ event }) => event.type === 'BINDING_RESULT' && event.contested === true,
    lost: ({ event }) => event.type === 'TEXT' && (event.intent === 'other' || event.confidence < GUESS_NOTHING_BELOW),
  },
}).createMachine({
  id: 'reception',
  context: { fallbacks: 0 },
  initial: 'new',
  on: {
    RATING_REQUESTED: {
      target: '.awaitingRating',
      actions: [
        assign({ rating: ({ event }) => (event as Extract<ConversationEvent, { type: 'RATING_REQUESTED' }>).ticket }),
        { type: 'say', params: ({ event }) => ({ key: 'repair.rate', params: { ticket: (event as Extract<ConversationEvent, { type: 'RATING_REQUESTED' }>).ticket } }) },
      ],
    },
    COMPLAINT_DONE: {
      target: '.awaitingResolution',
      actions: [
        assign({ resolution: ({ event }) => (event as Extract<ConversationEvent, { type: 'COMPLAINT_DONE' }>).ticket }),
        { type: 'say', params: ({ event }) => ({ key: 'complaint.ask_resolved', params: { ticket: (event as Extract<ConversationEvent, { type: 'COMPLAINT_DONE' }>).ticket } }) },
      ],
    },
    HANDOFF_ENDED: {
      target: '.listening',
      actions: { type: 'say', params: ({ event }) => ({ key: 'reception.handoff_ended', params: { ticket: (event as Extract<ConversationEvent, { type: 'HANDOFF_ENDED' }>).ticket } }) },
    },
    IDLE: [
      { guard: 'idleIsStale', target: '.closed' },
      { target: '.closed', actions: { type: 'farewellAfterSilence', params: {} } },
    ],
    RESCHEDULE_PROPOSED: [
      {
        guard: ({ context }) => context.proposal !== undefined,
        target: '.awaitingReschedule',
        actions: [
          { type: 'declineReschedule', params: ({ context }) => ({ ...context.proposal!, reason: 'superseded' as const }) },
          'rememberProposal',
          proposeNewTime,
        ],
      },
      { target: '.awaitingReschedule', actions: ['rememberProposal', proposeNewTime] },
    ],
  },
  states: {
    new: {
      on: {
        START: [
          // Someone chasing an open ticket is answered about it, not greeted as if they were new.
          { guard: ({ event }) => event.proactive === true || event.chasing === true, target: 'listening' },
          { guard: ({ event }) => event.restarted === true, target: 'listening', actions: say('reception.restarted') },
          { target: 'listening', actions: say('reception.greeting') },
        ],
      },
    },
    listening: {
      on: {
        ARRIVED: { actions: { type: 'say', params: [{ key: 'reception.greeting' }, { key: 'reception.menu' }] } },
        TEXT: [
          emergencyFirst,
          { guard: 'complainsFirst', actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) }] },
          // About fees: calm words and a person for a dispute; no more chat reminders on request.
          // Asked to be left alone: acknowledged, and the conversation ends there (no idle farewell later).
          { guard: ({ event }) => event.type === 'TEXT' && event.feeReply === 'opt_out', target: 'closed', actions: ['resetFallbacks', { type: 'optOutOfReminders', params: {} }] },
          // "服务这么差 不交了": a complaint about the service first of all, whoever says it.
          {
            guard: ({ event }) => event.type === 'TEXT' && event.feeReply === 'withhold',
            actions: ['resetFallbacks', { type: 'disputeFees', params: ({ event }) => ({ text: text(event).text, reason: 'service' as const }) }],
          },
          {
            guard: ({ event }) => event.type === 'TEXT' && event.feeReply === 'dispute' && event.identity === 'bound',
            actions: ['resetFallbacks', { type: 'disputeFees', params: ({ event }) => ({ text: text(event).text }) }],
          },
          // Arrears are one household's business: another's is refused, whoever asks and however often.
          { guard: 'asksAboutOthers', actions: ['resetFallbacks', say('arrears.others_refused'), 'rememberRefusal'] },
          // "周六上午来交": the resident's own promise to pay.
          {
            guard: 'promisesPayment',
            actions: ['resetFallbacks', { type: 'agreePayment', params: ({ event }) => ({ when: text(event).slots.time!, ...((text(event).slots.timeWithoutHour || text(event).slots.timeFromPeriod) && { dayOnly: true as const }) }) }],
          },
          // A booked repair is cancelled or moved by the resident (the runtime finds which one).
          { guard: 'cancelsRepair', actions: ['resetFallbacks', { type: 'changeRepair', params: { action: 'cancel' } }] },
          {
            guard: 'movesRepairTo',
            actions: ['resetFallbacks', { type: 'changeRepair', params: ({ event }) => ({ action: 'reschedule' as const, wanted: text(event).slots.time! }) }],
          },
          { guard: 'movesRepair', target: 'awaitingNewTime', actions: ['resetFallbacks', say('repair.ask_new_time')] },
          // A person asked for in so many words, whatever else the message says; asked whether we are one: answered.
          { guard: 'wantsPerson', target: 'withStaff', actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor(text(event).tone === 'angry' || text(event).tone === 'insult' ? 'angry' : 'human', text(event)) }] },
          { guard: 'asksIfBot', actions: ['resetFallbacks', say('reception.i_am_assistant')] },
          // The approved answer did not answer it ("帮我问问"): the question itself goes to staff.
          {
            guard: 'findsOutAnswered',
            actions: [
              'resetFallbacks',
              { type: 'openTicket', params: ({ context, event }) => orderFor('inquiry', { ...context.answered!, messageId: text(event).messageId }) },
              assign({ answered: undefined }),
            ],
          },
          // The open ticket is the context: the answer comes from its own promises.
          {
            guard: 'chasesTicket',
            actions: ['resetFallbacks', { type: 'chaseTicket', params: ({ event }) => chaseOf(text(event)) }],
          },
          // One approved answer for a known question (服务口径一致).
          {
            guard: 'knowsAnswer',
            actions: ['resetFallbacks', { type: 'answerAside', params: ({ event }) => ({ event: text(event) }) }, assign({ answered: ({ event }) => text(event) })],
          },
          // Anger is met with an apology and a person, not with more questions.
          { guard: 'angry', target: 'withStaff', actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('angry', text(event)) }] },
          {
            guard: 'unsure',
            actions: {
              type: 'say',
              params: ({ event }) => ({ key: 'reception.clarify', params: { first: text(event).intent, second: text(event).alternative! } }),
            },
          },
          {
            guard: and(['lost', 'fallbackLimitReached']),
            target: 'withStaff',
            actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('not_understood', text(event)) }],
          },
          { guard: 'lost', actions: ['countFallback', say('reception.fallback')] },
          { guard: { type: 'intentIs', params: 'greeting' }, actions: ['resetFallbacks', say('reception.menu')] },
          // "停车卡不用了 要注销": the card is what is no longer wanted, not the conversation.
          { guard: 'namesCardBusiness', actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'card', event }) }] },
          // A goodbye, or "never mind" in so many words, ends the conversation; a bare "吧" does not.
          { guard: 'saysGoodbye', target: 'closed', actions: say('reception.farewell') },
          // Praise is for someone's work; a bare thank-you is courtesy; a bad word about us is a complaint.
          { guard: 'praises', actions: ['resetFallbacks', recordPraise] },
          { guard: 'thanksOnly', actions: ['resetFallbacks', say('reception.you_are_welcome')] },
          { guard: 'findsFault', actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) }] },
          {
            guard: { type: 'intentIs', params: 'progress' },
            actions: [
              'resetFallbacks',
              {
                type: 'reportProgress',
                params: ({ event }) => orderFor('progress', text(event)),
              },
            ],
          },
          // A complaint is heard out by its own flow (no identity needed to be heard).
          {
            guard: { type: 'intentIs', params: 'complaint' },
            actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'complaint', event }) }],
          },
          // A leak of unknown size: the safety line, and someone now or at a time (any household).
          { guard: 'dangerPerhaps', actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'emergency', event }) }] },
          // A repair is booked for a known household.
          { guard: 'repairNow', actions: ['resetFallbacks', bookRepair] },
          { guard: 'repairOfLocked', actions: say('binding.locked') },
          // Unit and whole phone number in one message (我是803业主 手机137…): checked at once, not asked again.
          {
            guard: and(['repairNamingUnit', 'givesWholePhone']),
            target: 'binding.verifying',
            actions: ['resetFallbacks', 'rememberUnit', 'rememberRepair', { type: 'verifyBinding', params: ({ event }) => ({ unit: text(event).slots.unit!, last4: text(event).slots.phoneLast4! }) }],
          },
          { guard: 'repairNamingUnit', target: 'binding.askPhone', actions: ['resetFallbacks', 'rememberUnit', 'rememberRepair', say('binding.ask_phone')] },
          { guard: { type: 'intentIs', params: 'repair' }, target: 'binding.askUnit', actions: ['resetFallbacks', 'rememberRepair', 'rememberUnitParts', say('binding.ask_unit_repair')] },
          // Arrears are one household's business: shown only to a resident bound to the unit.
          {
            guard: 'arrearsOfBound',
            actions: ['resetFallbacks', { type: 'showStatement', params: ({ event }) => statementFor(text(event)) }],
          },
          {
            guard: 'arrearsOfLocked',
            actions: say('binding.locked'),
          },
          {
            guard: and(['arrearsNamingUnit', 'givesWholePhone']),
            target: 'binding.verifying',
            actions: ['resetFallbacks', 'rememberUnit', { type: 'verifyBinding', params: ({ event }) => ({ unit: text(event).slots.unit!, last4: text(event).slots.phoneLast4! }) }],
          },
          {
            guard: 'arrearsNamingUnit',
            target: 'binding.askPhone',
            actions: ['resetFallbacks', 'rememberUnit', say('binding.ask_phone')],
          },
          { guard: { type: 'intentIs', params: 'arrears' }, target: 'binding.askUnit', actions: ['resetFallbacks', 'rememberUnitParts', say('binding.ask_unit')] },
          { guard: { type: 'intentIs', params: 'card' }, actions: ['resetFallbacks', { type: 'startFlow', params: ({ event }) => ({ flow: 'card', event }) }] },
          { guard: { type: 'intentIs', params: 'human' }, target: 'withStaff', actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('human', text(event)) }] },
          // A question the knowledge base cannot answer: honestly said, and a person finds out.
          { guard: { type: 'intentIs', params: 'inquiry' }, actions: ['resetFallbacks', { type: 'openTicket', params: ({ event }) => orderFor('inquiry', text(event)) }] },
          { actions: ['countFallback', say('reception.fallback')] },
        ],
        NO_WORDS: { actions: say('input.no_words') },
        TOO_LONG: {
          actions: {
            type: 'say',
            params: ({ event }) => ({ key: 'input.too_long', params: { limit: (event as Extract<ConversationEvent, { type: 'TOO_LONG' }>).limit } }),
          },
        },
        NON_TEXT: { actions: acknowledgeMedia(false) },
      },
    },
    binding: {
      initial: 'askUnit',
      states: {
        askUnit: {
          on: {
            TEXT: [
              emergencyFirst,
              { guard: 'cancels', target: '#reception.listening', actions: ['forgetBinding', say('binding.cancelled')] },
              { guard: 'speaksOfOthers', target: '#reception.listening', actions: ['forgetBinding', say('arrears.others_refused'), 'rememberRefusal'] },
              // "5栋3单元803 手机尾号0803": both at once, checked at once.
              {
                guard: and(['namesUnit', ({ event }) => event.type === 'TEXT' && event.slots.phoneLast4 !== undefined]),
                target: 'verifying',
                actions: ['rememberUnit', { type: 'verifyBinding', params: ({ context, event }) => ({ unit: text(event).slots.unit ?? unitIdOf(unitParts(context, text(event)))!, last4: text(event).slots.phoneLast4! }) }],
              },
              { guard: 'namesUnit', target: 'askPhone', actions: ['rememberUnit', say('binding.ask_phone')] },
              { guard: 'givesUnitPart', actions: ['rememberUnitParts', say('binding.ask_unit_again')] },
              // "直接告诉我欠多少就行了" after a failed check: the bill stays with the verified household.
              { guard: and(['triedUnit', { type: 'intentIs', params: 'arrears' as const }]), actions: say('arrears.not_your_unit') },
              // After a failed check, four digits alone correct the phone for the unit just tried (打错了 0803): one more attempt.
              {
                guard: and(['triedUnit', 'givesLastFour']),
                target: 'verifying',
                actions: { type: 'verifyBinding', params: ({ context, event }) => ({ unit: context.bindingUnit!, last4: lastFour(text(event))! }) },
              },
              { actions: say('binding.ask_unit_again') },
            ],
          },
        },
        askPhone: {
          on: {
            TEXT: [
              emergencyFirst,
              { guard: 'cancels', target: '#reception.listening', actions: ['forgetBinding', say('binding.cancelled')] },
              // "我不知道他手机号 我是他朋友": not this household, so not the same question again — a polite no.
              { guard: 'speaksOfOthers', target: '#reception.listening', actions: ['forgetBinding', say('arrears.others_refused'), 'rememberRefusal'] },
              {
                guard: 'givesLastFour',
                target: 'verifying',
                actions: { type: 'verifyBinding', params: ({ context, event }) => ({ unit: context.bindingUnit!, last4: lastFour(text(event))! }) },
              },
              { actions: say('binding.ask_phone_again') },
            ],
          },
        },
        verifying: {
          on: {
            BINDING_RESULT: [
              {
                guard: and(['bindingOk', 'repairPending']),
                target: '#reception.listening',
                actions: [
                  say('binding.done'),
                  { type: 'startFlow', params: ({ context }) => ({ flow: 'repair', event: { ...context.pendingRepair!, identity: 'bound' as const } }) },
                  'forgetBinding',
                ],
              },
              {
                guard: 'bindingOk',
                target: '#reception.listening',
                actions: [say('binding.done'), { type: 'showStatement', params: {} }, 'forgetBinding'],
              },
              { guard: 'bindingLocked', target: '#reception.listening', actions: [say('binding.locked'), 'forgetBinding'] },
              // Someone else's household: never rebound from the chat; a person verifies.
              { guard: 'bindingContested', target: '#reception.listening', actions: [say('binding.desk_will_verify'), 'forgetBinding'] },
              { target: 'askUnit', actions: [say('binding.failed'), assign({ bindingParts: undefined })] },
            ],
          },
        },
      },
      on: {
        NO_WORDS: { actions: say('binding.ask_unit_again') },
        NON_TEXT: { actions: say('input.non_text') },
        TOO_LONG: { actions: say('binding.ask_unit_again') },
      },
    },
    awaitingNewTime: {
      on: {
        TEXT: [
          emergencyFirst,
          {
            guard: ({ event }) => event.type === 'TEXT' && event.slots.time !== undefined && !event.slots.timeWithoutHour,
            target: 'listening',
            actions: { type: 'changeRepair', params: ({ event }) => ({ action: 'reschedule' as const, wanted: text(event).slots.time! }) },
          },
          { guard: 'cancels', target: 'listening', actions: say('binding.cancelled') },
          // Anything else is a matter of its own, heard as such (no nagging for a time).
          { target: 'listening', actions: raise(({ event }) => event) },
        ],
      },
    },
    awaitingResolution: {
      on: {
        TEXT: [
          emergencyFirst,
          {
            // Not solved: a no, words of dissatisfaction, or it is happening again (没有 还是一样).
            guard: ({ event }) =>
              event.type === 'TEXT' &&
              (event.answer === 'no' || event.answer === 'correct' || event.dissatisfied === true || event.complaint?.answer === 'no' || event.complaint?.refersBack === 'again'),
            target: 'hearingMore',
            actions: [
              { type: 'resolveComplaint', params: ({ context }) => ({ ticket: context.resolution!, satisfied: false }) },
              assign({ hearingAbout: ({ context }) => context.resolution, resolution: undefined }),
            ],
          },
          {
            guard: { type: 'answered', params: 'yes' },
            target: 'listening',
            actions: [{ type: 'resolveComplaint', params: ({ context }) => ({ ticket: context.resolution!, satisfied: true }) }, assign({ resolution: undefined })],
          },
          // Another matter altogether (a new repair the next morning): heard as such; the question lapses.
          {
            guard: or(['startsOtherMatter', 'startsOtherMatterThanComplaint']),
            target: 'listening',
            actions: [assign({ resolution: undefined }), raise(({ event }) => event)],
          },
          { actions: { type: 'say', params: ({ context }) => ({ key: 'complaint.ask_resolved_again', params: { ticket: context.resolution! } }) } },
        ],
        IDLE: { guard: 'questionStillOpen' },
      },
    },
    awaitingRating: {
      on: {
        TEXT: [
          emergencyFirst,
          {
            guard: and(['rated', 'ratedLow']),
            target: 'hearingMore',
            actions: [
              { type: 'recordRating', params: ({ context, event }) => ({ ticket: context.rating!, scores: scoresOf(text(event)), unhappy: true, text: text(event).text }) },
              assign({ hearingAbout: ({ context }) => context.rating, rating: undefined }),
            ],
          },
          {
            guard: 'rated',
            target: 'listening',
            actions: enqueueActions(({ context, event, enqueue }) => {
              const said = text(event);
              enqueue({ type: 'recordRating', params: { ticket: context.rating!, scores: scoresOf(said), unhappy: false, text: said.text } });
              // Praise of the one who came, with the rating or instead of it, is recorded for them too.
              if (said.praisesWork) enqueue({ type: 'recordPraise', params: { text: said.text, ...(said.slots.staff && { staff: said.slots.staff }) } });
              enqueue.assign({ rating: undefined });
            }),
          },
          { guard: 'startsOtherMatter', target: 'listening', actions: [assign({ rating: undefined }), raise(({ event }) => event)] },
          { actions: { type: 'say', params: ({ context }) => ({ key: 'repair.rate_again', params: { ticket: context.rating! } }) } },
        ],
        IDLE: { guard: 'questionStillOpen' },
      },
    },
    // After a low rating or an unsolved complaint, what the resident adds is more of what went
    // wrong: it goes to the supervisor now handling it, until they raise another matter.
    hearingMore: {
      on: {
        TEXT: [
          emergencyFirst,
          { guard: 'startsOtherMatter', target: 'listening', actions: [assign({ hearingAbout: undefined }), raise(({ event }) => event)] },
          { guard: 'onlyAcknowledges', target: 'listening', actions: assign({ hearingAbout: undefined }) },
          { actions: { type: 'passOn', params: ({ context, event }) => ({ ticket: context.hearingAbout!, text: text(event).text }) } },
        ],
        NON_TEXT: {
          actions: {
            type: 'passOn',
            params: ({ context, event }) => ({ ticket: context.hearingAbout!, text: `[${(event as Extract<ConversationEvent, { type: 'NON_TEXT' }>).kind}]` }),
          },
        },
      },
    },
    awaitingReschedule: {
      on: {
        TEXT: [
          emergencyFirst,
          {
            guard: { type: 'answered', params: 'yes' },
            target: 'listening',
            actions: [
              { type: 'acceptReschedule', params: ({ context }) => context.proposal! },
              { type: 'say', params: ({ context }) => ({ key: 'reschedule.accepted', params: { ticket: context.proposal!.ticket }, times: { time: context.proposal!.commitmentId } }) },
              'forgetProposal',
            ],
          },
          {
            // "周四我上班 能不能改周六上午", "那周六上午呢": a time of their own instead — the proposal declined,
            // the visit moved there. "师傅能准时到吗 我11点要出门" names a time but offers none.
            guard: ({ event }) => event.type === 'TEXT' && event.answer !== 'yes' && offersTime(event),
            target: 'listening',
            actions: [
              { type: 'declineReschedule', params: ({ context }) => ({ ...context.proposal!, reason: 'declined' as const }) },
              { type: 'changeRepair', params: ({ event }) => ({ action: 'reschedule' as const, wanted: text(event).slots.time! }) },
              'forgetProposal',
            ],
          },
          {
            // 不行, or 改一下: the proposed time is not accepted; the old one stands, and they may give another.
            guard: ({ event }) => event.type === 'TEXT' && (event.answer === 'no' || event.answer === 'correct' || event.cancels === true),
            target: 'awaitingNewTime',
            actions: [
              { type: 'declineReschedule', params: ({ context }) => ({ ...context.proposal!, reason: 'declined' as const }) },
              { type: 'say', params: ({ context }) => ({ key: 'reschedule.declined', params: { ticket: context.proposal!.ticket } }) },
              'forgetProposal',
            ],
          },
          { actions: askAgain },
        ],
        NO_WORDS: { actions: askAgain },
        NON_TEXT: { actions: askAgain },
        TOO_LONG: { actions: askAgain },
        IDLE: [
          { guard: 'questionStillOpen' },
          {
          target: 'closed',
          actions: [
            { type: 'declineReschedule', params: ({ context }) => ({ ...context.proposal!, reason: 'no_answer' as const }) },
            'forgetProposal',
          ],
          },
        ],
      },
    },
    // A person handles the conversation: the resident's words go to them, and the bot says nothing
    // of its own (promises it owns still speak: reminders and the ladder do not pass through here).
    withStaff: {
      on: {
        TEXT: [
          emergencyFirst,
          { guard: 'cancels', target: 'listening', actions: { type: 'cancelHandoff', params: {} } },
          { actions: { type: 'relayToStaff', params: ({ event }) => ({ text: text(event).text }) } },
        ],
        NO_WORDS: {},
        TOO_LONG: {},
        NON_TEXT: { actions: { type: 'relayToStaff', params: ({ event }) => ({ text: `[${(event as Extract<ConversationEvent, { type: 'NON_TEXT' }>).kind}]` }) } },
        // Silence is not the end of a handoff: the person handling it ends it (#完成).
        IDLE: {},
      },
    },
    closed: { type: 'final' },
  },
});
