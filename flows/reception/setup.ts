import { assign, enqueueActions, setup } from 'xstate';
import { runtimeEffects } from '../runtime-effects.js';
import { asksKnownQuestion, isCancel } from '../interruptions.js';
import { complainsFirst } from '../complaint-heard.js';
import type { ConversationEvent, TextEvent } from '../events.js';
import type { PhraseRef } from '../../src/phrases/phrase-ref.js';
import type { Intent } from '../../src/nlu/intent.js';
import { unitIdOf } from '../unit-id.js';
import {
  CLARIFY_BELOW,
  FALLBACKS_BEFORE_HANDOFF,
  GUESS_NOTHING_BELOW,
  NOT_ABOUT_PAYING,
  OFFICE_QUESTION_OPEN_MS,
  OTHER_MATTERS,
  STALE_IDLE_MS,
  SURE_OF_OTHER_MATTER,
  TASKS,
  lastFour,
  partsSaid,
  withProblemToldBefore,
  scoresOf,
  unhappyWith,
  unitParts,
  type Context,
} from './reading.js';

/** Reception's context, events, named actions and named guards: what its states are written in. */
export const reception = setup({
  types: {
    context: {} as Context,
    events: {} as ConversationEvent,
  },
  actions: {
    ...runtimeEffects,
    resetFallbacks: assign({ fallbacks: 0 }),
    countFallback: assign({ fallbacks: ({ context }) => context.fallbacks + 1 }),
    rememberProposal: assign({
      proposal: ({ context, event }) =>
        event.type === 'RESCHEDULE_PROPOSED'
          ? {
              ticket: event.ticket,
              commitmentId: event.commitmentId,
              replacesId: event.replacesId,
              ...(event.from !== undefined && { from: event.from, to: event.to ?? event.from }),
            }
          : context.proposal,
    }),
    forgetProposal: assign({ proposal: undefined }),
    rememberMove: assign({
      move: ({ context, event }) =>
        event.type === 'MOVE_OFFER' ? { hold: event.hold, ticket: event.ticket } : context.move,
    }),
    forgetMove: assign({ move: undefined }),
    // The held window is given back whenever the move is not taken.
    releaseMove: enqueueActions(({ context, enqueue }) => {
      if (context.move) enqueue({ type: 'releaseHolds', params: { holds: [context.move.hold] } });
      enqueue.assign({ move: undefined });
    }),
    // Another time for the move: the held window given back and the new one asked for, on the held window's day when
    // only an hour is said (明天那个改到下午 … 4点以后).
    moveAgain: enqueueActions(({ context, event, enqueue }) => {
      const held = context.move;
      if (held) enqueue({ type: 'releaseHolds', params: { holds: [held.hold] } });
      enqueue.assign({ move: undefined });
      if (event.type !== 'TEXT') return;
      const dayOfHeld = event.slots.timeWithoutDay === true && held !== undefined;
      enqueue({
        type: 'proposeMove',
        params: { wanted: event.slots.time ?? '', ...(dayOfHeld && { onDayOfHold: held.hold }) },
      });
    }),
    rememberUnit: assign({
      bindingUnit: ({ context, event }) =>
        (event.type === 'TEXT' ? event.slots.unit : undefined) ?? unitIdOf(unitParts(context, event)),
      bindingParts: undefined,
    }),
    rememberUnitParts: assign({ bindingParts: ({ context, event }) => unitParts(context, event) }),
    rememberRepair: assign({ pendingRepair: ({ event }) => (event.type === 'TEXT' ? event : undefined) }),
    rememberCard: assign({ pendingCard: ({ event }) => (event.type === 'TEXT' ? event : undefined) }),
    rememberAsk: assign({ pendingAsk: ({ event }) => (event.type === 'TEXT' ? event : undefined) }),
    forgetBinding: assign({
      bindingUnit: undefined,
      bindingParts: undefined,
      pendingRepair: undefined,
      pendingCard: undefined,
      pendingAsk: undefined,
    }),
    rememberRefusal: assign({ refusedOthers: true as const }),
  },
  guards: {
    intentIs: ({ event }, intent: Intent) => event.type === 'TEXT' && event.intent === intent,
    knowsAnswer: ({ event }) => asksKnownQuestion(event),
    // Anger about something specific (its kind, where or when it happens) is heard out as a complaint; anger
    // with nothing to file goes to a person.
    angry: ({ event }) =>
      event.type === 'TEXT' &&
      (event.tone === 'angry' || event.tone === 'insult') &&
      // Annoyed at a fault, with a time for the visit (马桶一直漏水 滴滴答答的烦死了 明儿下午能来个师傅不): booked.
      !(event.tone === 'angry' && event.intent === 'repair' && event.slots.time !== undefined) &&
      (event.intent !== 'complaint' ||
        (event.slots.complaintCategory === undefined &&
          !event.complaint?.where?.length &&
          !event.complaint?.when?.length &&
          !event.complaint?.neighbour)),
    speaksOfOthers: ({ event }) => event.type === 'TEXT' && event.aboutOthers === true,
    asksAboutOthers: ({ context, event }) =>
      event.type === 'TEXT' &&
      event.aboutOthers === true &&
      (event.intent === 'arrears' || (context.refusedOthers === true && !TASKS.has(event.intent))),
    followsUpAnswer: ({ context, event }) =>
      event.type === 'TEXT' &&
      context.answered?.faq !== undefined &&
      event.faq === undefined &&
      !TASKS.has(event.intent) &&
      event.followsUp === true,
    findsOutAnswered: ({ context, event }) =>
      event.type === 'TEXT' && event.findOut === true && context.answered !== undefined && !TASKS.has(event.intent),
    fallbackLimitReached: ({ context }) => context.fallbacks + 1 >= FALLBACKS_BEFORE_HANDOFF,
    idleIsStale: ({ event }) => event.type === 'IDLE' && event.lateMs > STALE_IDLE_MS,
    questionStillOpen: ({ event }) => event.type === 'IDLE' && (event.silentMs ?? 0) < OFFICE_QUESTION_OPEN_MS,
    answered: ({ event }, answer: 'yes' | 'no' | 'correct') => event.type === 'TEXT' && event.answer === answer,
    // Unsure of the matter, we ask which; unhappy with us, they are heard first (findsFault), never quizzed.
    // "没了 谢谢哈" after "anything else?": a goodbye, however unsure the reading of the thanks in it.
    unsure: ({ event }) =>
      event.type === 'TEXT' &&
      !event.dissatisfied &&
      event.goodbye !== true &&
      event.intent !== 'other' &&
      event.alternative !== undefined &&
      event.alternative !== 'other' &&
      event.confidence < CLARIFY_BELOW &&
      event.confidence >= GUESS_NOTHING_BELOW,
    rated: ({ event }) =>
      event.type === 'TEXT' &&
      (scoresOf(event).length > 0 ||
        event.dissatisfied === true ||
        event.answer === 'yes' ||
        event.fixed === true ||
        event.praisesWork === true),
    praises: ({ event }) => event.type === 'TEXT' && event.praisesWork === true && event.tone === undefined,
    thanksOnly: ({ event }) =>
      event.type === 'TEXT' &&
      (event.thanks === true || event.intent === 'praise') &&
      !event.praisesWork &&
      !event.dissatisfied,
    // Fault found with us and nothing of theirs open to say it about: heard out as a complaint.
    findsFault: ({ event }) =>
      event.type === 'TEXT' &&
      event.dissatisfied === true &&
      !(event.openTickets ?? 0) &&
      !['repair', 'card', 'arrears', 'complaint'].includes(event.intent),
    ratedLow: ({ event }) => event.type === 'TEXT' && unhappyWith(event),
    cancels: ({ event }) => isCancel(event),
    namesCardBusiness: ({ event }) =>
      event.type === 'TEXT' &&
      event.intent === 'card' &&
      event.slots.cardType !== undefined &&
      event.slots.cardBusiness !== undefined,
    // A complaint telling what happens is heard, whatever cancel word is in it.
    saysGoodbye: ({ event }) =>
      event.type === 'TEXT' &&
      (event.goodbye === true || isCancel(event)) &&
      !(event.intent === 'complaint' && event.complaint?.describes === true),
    wantsPerson: ({ event }) => event.type === 'TEXT' && event.wantsPerson === true,
    asksIfBot: ({ event }) => event.type === 'TEXT' && event.asksIfBot === true,
    startsOtherMatter: ({ event }) =>
      event.type === 'TEXT' &&
      !event.dissatisfied &&
      (asksKnownQuestion(event) || (OTHER_MATTERS.has(event.intent) && event.confidence >= SURE_OF_OTHER_MATTER)),
    // After a complaint, a repair is a matter of its own (after a repair it would be more of the same).
    startsOtherMatterThanComplaint: ({ event }) =>
      event.type === 'TEXT' &&
      !event.dissatisfied &&
      event.intent === 'repair' &&
      event.confidence >= SURE_OF_OTHER_MATTER,
    // "不用回电话了", or a bare no (不用了, 不需要) to the call just offered.
    declinesCall: ({ event }) =>
      event.type === 'TEXT' &&
      event.dissatisfied !== true &&
      (event.complaint?.callback === false || (event.answer === 'no' && event.text.length <= 6)),
    onlyAcknowledges: ({ event }) =>
      event.type === 'TEXT' &&
      event.dissatisfied !== true &&
      (event.answer === 'yes' || event.intent === 'greeting' || event.intent === 'cancel') &&
      event.text.length <= 6,
    // Words of paying with a time are a promise only when paying is what the message is about:
    // "今天上午我去交停车费 她一直玩手机" in a complaint, "没提交上 那重新报" in a repair are not.
    promisesPayment: ({ event }) =>
      event.type === 'TEXT' &&
      event.paying === true &&
      event.identity === 'bound' &&
      event.slots.time !== undefined &&
      !NOT_ABOUT_PAYING.has(event.intent) &&
      // Asked as a proposal (下周五去前台交可以吗), it is the resident's day all the same.
      (event.question !== true || event.offersTime === true || event.paysOnDay === true),
    // Complaints that read like something else (a threat, 又吵了, 补充一下…): see complaint-heard.ts.
    complainsFirst: ({ event }) => event.type === 'TEXT' && complainsFirst(event),
    cancelsRepair: ({ event }) => event.type === 'TEXT' && event.repairChange === 'cancel',
    movesRepairTo: ({ event }) =>
      event.type === 'TEXT' &&
      event.repairChange === 'reschedule' &&
      event.slots.time !== undefined &&
      !event.slots.timeWithoutHour,
    movesRepair: ({ event }) => event.type === 'TEXT' && event.repairChange === 'reschedule',
    repairNow: ({ event }) => event.type === 'TEXT' && event.intent === 'repair' && event.identity === 'bound',
    /** Danger heard for sure, whoever writes and whatever else they said or were asked. */
    emergencyHeard: ({ event }) => event.type === 'TEXT' && event.emergency?.sure === true,
    /** About an open ticket (说好的…人呢, 几点到): answered from that ticket, never as a new matter. */
    /** A new time for the visit chased ("那今天下午四点以后来 这次别再放鸽子了"): a move, read back. */
    // …or asks for one at an hour with a repair of theirs not booked then (今天下午两点能不能来 别再放鸽子了).
    namesVisitTime: ({ event }) =>
      event.type === 'TEXT' &&
      (event.namesVisitTime === true || (event.openRepairs ?? 0) > 0) &&
      event.intent !== 'complaint',
    /** Someone wanted at a time still to come, asked or told (明天上午再来看看吧, 明天上午能来换吗). */
    asksForVisit: ({ event }) => event.type === 'TEXT' && event.asksVisitAt === true && event.intent !== 'complaint',
    /** What is heard now is about a repair found wanting (ticket numbers: R… is a repair). */
    hearsAboutRepair: ({ context }) => context.hearingAbout?.startsWith('R') === true,
    nothingOpen: ({ event }) => event.type === 'TEXT' && (event.openTickets ?? 0) === 0,
    /** "东门那块空地到底要建啥": a question that speaks of nothing of the resident's own with us. */
    asksAboutCommunity: ({ event }) => event.type === 'TEXT' && event.question === true && event.ownMatter !== true,
    // "今天下午4点 再不来我就投诉了" after a chase: about the open ticket, impatient, though no chase word is in it
    // ("今天下午还来吧" only asks after the booking as it stands).
    chasesWithoutWords: ({ event }) =>
      event.type === 'TEXT' &&
      (event.openTickets ?? 0) > 0 &&
      event.intent === 'progress' &&
      (event.complaint?.complaining === true || event.complaint?.refersBack !== undefined),
    // "周日到底上不上班啊" with a card ticket open asks the office's hours, not after the card: a known answer
    // wins unless the message speaks of their own matter.
    chasesTicket: ({ event }) =>
      event.type === 'TEXT' &&
      (event.openTickets ?? 0) > 0 &&
      event.aboutTicket !== undefined &&
      (!asksKnownQuestion(event) || event.ownMatter === true),
    /** Perhaps danger (a leak of unknown size) in a new matter: the emergency flow asks now or later. */
    dangerPerhaps: ({ event }) =>
      event.type === 'TEXT' &&
      event.emergency?.sure === false &&
      // A lift stopped is asked about (is anyone inside?) even said in anger (3栋电梯又坏了 停在1楼不动).
      (event.dissatisfied !== true || event.emergency.kind === 'trapped'),
    repairOfLocked: ({ event }) => event.type === 'TEXT' && event.intent === 'repair' && event.identity === 'locked',
    repairNamingUnit: ({ event }) =>
      event.type === 'TEXT' && event.intent === 'repair' && event.slots.unit !== undefined,
    repairPending: ({ context }) => context.pendingRepair !== undefined,
    givesWholePhone: ({ event }) =>
      event.type === 'TEXT' && event.slots.phone !== undefined && event.slots.phoneLast4 !== undefined,
    arrearsOfBound: ({ event }) => event.type === 'TEXT' && event.intent === 'arrears' && event.identity === 'bound',
    arrearsOfLocked: ({ event }) => event.type === 'TEXT' && event.intent === 'arrears' && event.identity === 'locked',
    /** A card for a household on file asked by someone not yet known (帮我给3-2-1201补办一张门禁卡): checked first. */
    cardForHouseholdOnFile: ({ event }) =>
      event.type === 'TEXT' &&
      event.intent === 'card' &&
      event.unitOnFile === true &&
      event.identity !== 'bound' &&
      // What it costs or needs is anyone's to ask (我是新搬来的租户 3-2-1202 办门禁卡要带啥).
      event.asksFees !== true &&
      event.question !== true,
    cardPending: ({ context }) => context.pendingCard !== undefined,
    askPending: ({ context }) => context.pendingAsk !== undefined,
    bindingContested: ({ event }) => event.type === 'BINDING_RESULT' && event.contested === true,
    arrearsNamingUnit: ({ event }) =>
      event.type === 'TEXT' && event.intent === 'arrears' && event.slots.unit !== undefined,
    namesUnit: ({ context, event }) =>
      event.type === 'TEXT' && (event.slots.unit !== undefined || unitIdOf(unitParts(context, event)) !== undefined),
    givesUnitPart: ({ event }) => event.type === 'TEXT' && Object.keys(partsSaid(event)).length > 0,
    triedUnit: ({ context }) => context.bindingUnit !== undefined,
    givesLastFour: ({ event }) => event.type === 'TEXT' && lastFour(event) !== undefined,
    bindingOk: ({ event }) => event.type === 'BINDING_RESULT' && event.ok,
    bindingLocked: ({ event }) => event.type === 'BINDING_RESULT' && event.locked,
    // "对", "行", "好的" with nothing asked: agreement with what was just said or done, not a message to puzzle over
    // (after "I did not understand" it is no answer: the resident is lost, and a person is offered on the second).
    onlyAgrees: ({ context, event }) =>
      event.type === 'TEXT' &&
      context.fallbacks === 0 &&
      event.answer === 'yes' &&
      event.question !== true &&
      (event.intent === 'other' || event.intent === 'greeting' || event.intent === 'cancel') &&
      event.slots.time === undefined &&
      event.goodbye !== true &&
      event.thanks !== true,
    lost: ({ event }) =>
      event.type === 'TEXT' &&
      event.goodbye !== true &&
      (event.intent === 'other' || event.confidence < GUESS_NOTHING_BELOW),
  },
});

export const bookRepair = {
  type: 'startFlow' as const,
  params: ({ context, event }: { context: Context; event: ConversationEvent }) => ({
    flow: 'repair',
    event: withProblemToldBefore(context, event),
  }),
};

/** Whatever was being asked, danger comes first: the emergency flow takes the conversation. */
export const emergencyFirst = {
  guard: 'emergencyHeard' as const,
  target: '#reception.listening' as const,
  actions: {
    type: 'startFlow' as const,
    params: ({ event }: { event: ConversationEvent }) => ({ flow: 'emergency', event }),
  },
};

export const recordPraise = {
  type: 'recordPraise' as const,
  params: ({ event }: { event: TextEvent }) => ({
    text: event.text,
    ...(event.slots.staff && { staff: event.slots.staff }),
    ...(event.slots.staffAlso && { also: event.slots.staffAlso }),
  }),
};

/** Staff's proposed time, named from the new commitment (a time is only ever said from one). */
export const proposeNewTime = {
  type: 'say' as const,
  params: ({ event }: { event: Extract<ConversationEvent, { type: 'RESCHEDULE_PROPOSED' }> }): PhraseRef => ({
    key: 'reschedule.proposal',
    params: { ticket: event.ticket },
    times: { time: event.commitmentId },
  }),
};

/** The resident would move their booked visit to the time they said: held and read back first (see movingVisit). */
export const proposeMove = {
  type: 'proposeMove' as const,
  params: ({ event }: { event: ConversationEvent }) => ({ wanted: event.type === 'TEXT' ? event.slots.time! : '' }),
};

export const askAgain = {
  type: 'say' as const,
  params: ({ context }: { context: Context }): PhraseRef => ({
    key: 'reschedule.ask_again',
    params: { ticket: context.proposal!.ticket },
    times: { time: context.proposal!.commitmentId },
  }),
};

/** The phone's last four digits checked against the unit just given (or just tried). */
export const verifyLastFour = {
  type: 'verifyBinding' as const,
  params: ({ context, event }: { context: Context; event: TextEvent }) => ({
    unit: context.bindingUnit!,
    last4: lastFour(event)!,
  }),
};
