import { assign, setup } from 'xstate';
import { say } from '../say.js';
import { runtimeEffects } from '../runtime-effects.js';
import { answerAside, isAside, isCancel } from '../interruptions.js';
import type { ConversationEvent, TextEvent } from '../events.js';
import { corrected, learned, otherHomeNamed, pickedIndex, pickedUnit, type RepairContext } from './reading.js';

/** A booking left half-way is remembered this long through silence (held windows are given back at once). */
const REMEMBERED_MS = 24 * 60 * 60 * 1000;

/**
 * A time said with little else ("明天下午可以吗", "改到周六"), or asked as an offer ("地漏的事 明天上午能来吗", "明天上午有人吗"):
 * a new time, even when put as a question.
 */
const proposesTime = (event: TextEvent) =>
  event.slots.time !== undefined &&
  ((event.topic ?? event.text).replace(/[\p{P}\s]/gu, '').length <= 6 ||
    event.offersTime === true ||
    // "能不能改成下午4点以后": a question in form, a new time in substance.
    event.movesTo === true ||
    event.repairChange === 'reschedule');

/** The repair booking's context, events, named actions and named guards: what its states are written in. */
export const repair = setup({
  types: { context: {} as RepairContext, events: {} as ConversationEvent },
  actions: {
    ...runtimeEffects,
    learn: assign(({ context, event }) => learned(context, event)),
    correct: assign(({ context, event }) => corrected(context, event)),
    correctUnit: assign(({ context, event }) => otherHomeNamed(context, event) ?? {}),
    forgetHolds: assign({ holds: [], chosen: undefined }),
    rememberContact: assign({ contact: ({ event }) => (event.type === 'TEXT' ? event.slots.phone : undefined) }),
    rememberSoonest: assign({ soonest: ({ event }) => (event.type === 'TEXT' ? event.soonest : undefined) }),
    forgetHoldsAtRepeatBack: assign({ holds: [], chosen: undefined, confirmedOnReturn: true }),
    // A piece told again is not told twice.
    addToProblem: assign({
      problem: ({ context, event }) => {
        if (event.type !== 'TEXT') return context.problem;
        const piece = event.matter ?? event.topic ?? event.text;
        return context.problem?.includes(piece) ? context.problem : `${context.problem ?? ''}${piece}`;
      },
    }),
  },
  guards: {
    cancels: ({ event }) => isCancel(event),
    /** More of what is broken, with no time and no answer in it (水管, 在漏水 滴滴答答的). */
    tellsMoreOfProblem: ({ event }) =>
      event.type === 'TEXT' &&
      event.slots.time === undefined &&
      event.answer === undefined &&
      event.question !== true &&
      (event.slots.category !== undefined || event.slots.location !== undefined),
    aside: ({ event }) => isAside(event),
    yes: ({ event }) => event.type === 'TEXT' && event.answer === 'yes' && !event.question,
    saysTime: ({ event }) =>
      event.type === 'TEXT' &&
      event.slots.time !== undefined &&
      !event.slots.timePast &&
      (!event.question || proposesTime(event)),
    pastTime: ({ event }) => event.type === 'TEXT' && event.slots.timePast === true,
    impossibleDate: ({ event }) => event.type === 'TEXT' && event.slots.timeImpossible === true,
    /** A phone to ring given on its own (姓吴 电话135…), no new time with it. */
    givesContact: ({ event }) =>
      event.type === 'TEXT' && event.slots.phone !== undefined && event.slots.time === undefined,
    // "明天下午都行" leaves the hour to us, not the day: that day and part of it are the time wanted.
    leavesItToUs: ({ event }) => event.type === 'TEXT' && event.anyTime === true && event.slots.time === undefined,
    picks: ({ context, event }) => pickedIndex(context, event) !== undefined,
    picksUnit: ({ context, event }) => pickedUnit(context, event) !== undefined,
    /** "说错了 不是厨房 是卫生间": the place or the problem corrected, not the time. */
    correctsUnit: ({ context, event }) => otherHomeNamed(context, event) !== undefined,
    correctsPlace: ({ event }) =>
      event.type === 'TEXT' &&
      (event.answer === 'correct' || event.answer === 'no') &&
      event.slots.location !== undefined,
    /** A question in reply — not a new time put as a question ("明天下午可以吗"). */
    asksPrice: ({ event }) => event.type === 'TEXT' && event.asksPrice === true && event.slots.time === undefined,
    asksBack: ({ event }) => event.type === 'TEXT' && event.question === true && !proposesTime(event),
    exact: ({ event }) => event.type === 'VISIT_OFFER' && event.exact,
    /** Coming back to the booking: a yes, a time, the repair itself or asking after it (还弄不弄了). */
    returnsToIt: ({ event }) =>
      event.type === 'TEXT' &&
      (event.answer === 'yes' ||
        event.resumes === true ||
        event.slots.time !== undefined ||
        event.intent === 'repair' ||
        event.intent === 'progress' ||
        event.aboutTicket !== undefined),
    stillRemembered: ({ event }) => event.type === 'IDLE' && (event.silentMs ?? 0) < REMEMBERED_MS,
  },
});

/** A time that has passed or a date that does not exist: said so, and the question stands. */
export const REFUSED_TIMES = [
  { guard: 'pastTime' as const, actions: say('repair.time_past') },
  { guard: 'impossibleDate' as const, actions: say('repair.time_impossible') },
];

/** What every question of the booking does first: a cancel ends it, another matter is answered aside. */
export const asking = (state: string) => [
  { guard: 'cancels' as const, target: 'cancelled' },
  { guard: 'aside' as const, target: state, reenter: true, actions: answerAside('repair') },
];

export const release = {
  type: 'releaseHolds' as const,
  params: ({ context }: { context: RepairContext }) => ({ holds: context.holds }),
};

export const findVisit = (mode: 'exact' | 'day' | 'soonest') => ({
  type: 'findVisit' as const,
  params: ({ context }: { context: RepairContext }) => ({
    mode,
    wanted: context.wanted ? Date.parse(context.wanted) : 0,
    ...(context.wantedOnwards && { onwards: true as const }),
    ...(context.wantedFromPeriod && { fromPeriod: true as const }),
    problem: context.problem!,
    ...(context.category && { category: context.category }),
    ...(context.unit && { unit: context.unit }),
  }),
});

/** Gone quiet: nothing stays held, and they are told how to pick it up (unless it is night). */
export const pause = (confirmedOnReturn: boolean) => [
  release,
  confirmedOnReturn ? ('forgetHoldsAtRepeatBack' as const) : ('forgetHolds' as const),
  { type: 'farewellAfterSilence' as const, params: { key: 'repair.paused' } },
];
