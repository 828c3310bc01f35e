import { assign, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import { acknowledgeMedia, answerAside, isAside, isCancel } from './interruptions.js';
import type { ConversationEvent, TextEvent } from './events.js';
import {
  corrected,
  describe,
  learned,
  pickedIndex,
  pickedUnit,
  windowsOffered,
  type RepairContext,
} from './repair-context.js';

/**
 * Repair booking (家庭维修): understand the problem from the first message, ask only for what is
 * missing, offer only windows a technician can take (each offered window is held as a promise),
 * repeat the booking back (复述) and book it on the resident's yes. A question in reply is answered
 * and the booking repeated again; a fault in the common parts needs nobody at home and no time.
 * Emergencies never come here: they have their own flow (flows/emergency.ts).
 */

export const REPAIR_VERSION = 7;

type Offer = Extract<ConversationEvent, { type: 'VISIT_OFFER' }>;

/** A time that has passed or a date that does not exist: said so, and the question stands. */
const REFUSED_TIMES = [
  { guard: 'pastTime' as const, actions: say('repair.time_past') },
  { guard: 'impossibleDate' as const, actions: say('repair.time_impossible') },
];

/** A time said with little else ("明天下午可以吗", "改到周六"): a new time, even when put as a question. */
const proposesTime = (event: TextEvent) =>
  event.slots.time !== undefined && (event.topic ?? event.text).replace(/[\p{P}\s]/gu, '').length <= 6;

const answerQuestion = {
  type: 'answerRepairQuestion' as const,
  params: ({ context, event }: { context: RepairContext; event: ConversationEvent }) => ({
    text: (event as TextEvent).text,
    ...(context.category && { category: context.category }),
  }),
};

const release = {
  type: 'releaseHolds' as const,
  params: ({ context }: { context: RepairContext }) => ({ holds: context.holds }),
};
const findVisit = (mode: 'exact' | 'day' | 'soonest') => ({
  type: 'findVisit' as const,
  params: ({ context }: { context: RepairContext }) => ({
    mode,
    wanted: context.wanted ? Date.parse(context.wanted) : 0,
    problem: context.problem!,
    ...(context.category && { category: context.category }),
    ...(context.unit && { unit: context.unit }),
  }),
});

const bookChosen = {
  type: 'bookVisit' as const,
  params: ({ context }: { context: RepairContext }) => ({
    hold: context.chosen!,
    problem: context.problem!,
    ...(context.category && { category: context.category }),
    ...(context.location && { location: context.location }),
    ...(context.unit && { unit: context.unit }),
    ...(context.messageId && { messageId: context.messageId }),
  }),
};

/** A booking left half-way is remembered this long through silence (held windows are given back at once). */
const REMEMBERED_MS = 24 * 60 * 60 * 1000;
/** Gone quiet: nothing stays held, and they are told how to pick it up (unless it is night). */
const pause = (confirmedOnReturn: boolean) => [
  release,
  confirmedOnReturn ? ('forgetHoldsAtRepeatBack' as const) : ('forgetHolds' as const),
  { type: 'farewellAfterSilence' as const, params: { key: 'repair.paused' } },
];

/** What every question of the booking does first: a cancel ends it, another matter is answered aside. */
const asking = (state: string) => [
  { guard: 'cancels' as const, target: 'cancelled' },
  { guard: 'aside' as const, target: state, reenter: true, actions: answerAside('repair') },
];
const askingForTime = (state: string) => [
  { guard: 'cancels' as const, target: 'cancelled' },
  // "不知道 / 都行 / 你们师傅啥时候有空": the soonest windows are offered (a question about us, not an aside).
  { guard: 'leavesItToUs' as const, target: 'offering', actions: findVisit('soonest') },
  ...asking(state),
  ...REFUSED_TIMES,
  { guard: 'saysTime' as const, target: 'route', actions: 'learn' as const },
  { actions: say('repair.ask_time_again') },
];

export const repairMachine = setup({
  types: { context: {} as RepairContext, events: {} as ConversationEvent },
  actions: {
    ...runtimeEffects,
    learn: assign(({ context, event }) => learned(context, event)),
    correct: assign(({ context, event }) => corrected(context, event)),
    forgetHolds: assign({ holds: [], chosen: undefined }),
    forgetHoldsAtRepeatBack: assign({ holds: [], chosen: undefined, confirmedOnReturn: true }),
  },
  guards: {
    cancels: ({ event }) => isCancel(event),
    aside: ({ event }) => isAside(event),
    yes: ({ event }) => event.type === 'TEXT' && event.answer === 'yes' && !event.question,
    saysTime: ({ event }) =>
      event.type === 'TEXT' &&
      event.slots.time !== undefined &&
      !event.slots.timePast &&
      (!event.question || proposesTime(event)),
    pastTime: ({ event }) => event.type === 'TEXT' && event.slots.timePast === true,
    impossibleDate: ({ event }) => event.type === 'TEXT' && event.slots.timeImpossible === true,
    leavesItToUs: ({ event }) => event.type === 'TEXT' && event.anyTime === true,
    picks: ({ context, event }) => pickedIndex(context, event) !== undefined,
    picksUnit: ({ context, event }) => pickedUnit(context, event) !== undefined,
    /** "说错了 不是厨房 是卫生间": the place or the problem corrected, not the time. */
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
        event.slots.time !== undefined ||
        event.intent === 'repair' ||
        event.intent === 'progress' ||
        event.aboutTicket !== undefined),
    stillRemembered: ({ event }) => event.type === 'IDLE' && (event.silentMs ?? 0) < REMEMBERED_MS,
  },
}).createMachine({
  id: 'repair',
  context: { holds: [] },
  initial: 'starting',
  on: {
    NON_TEXT: { actions: acknowledgeMedia(true) },
    // An emergency, or a person asked for: what was held is given back, and reception takes over.
    SUSPEND: { target: '.abandoned', actions: release },
    // Silence half-way: what is known is kept for their return (the problem, the time, the home).
    IDLE: [
      { guard: ({ context }) => context.problem !== undefined, target: '.paused', actions: pause(false) },
      { target: '.abandoned', actions: [release, { type: 'farewellAfterSilence', params: {} }] },
    ],
  },
  states: {
    starting: { on: { START: 'collecting' } },
    collecting: { on: { TEXT: { target: 'route', actions: 'learn' } } },
    route: {
      always: [
        { guard: ({ context }) => context.problem === undefined, target: 'askProblem' },
        { guard: ({ context }) => context.units !== undefined && context.unit === undefined, target: 'askUnit' },
        {
          // The common parts: no one need be at home; a ticket with its promise to fix, the desk told.
          guard: ({ context }) => context.publicArea === true,
          target: 'done',
          actions: {
            type: 'openTicket',
            params: ({ context }) => ({
              type: 'repair' as const,
              category: 'repair',
              kind: 'repair_visit' as const,
              target: 'resolution' as const,
              ackKey: 'repair.public_received',
              staffKey: 'staff.request.public_repair',
              text: describe(context),
              ...(context.messageId && { messageId: context.messageId }),
            }),
          },
        },
        { guard: ({ context }) => context.wanted === undefined && context.period !== undefined, target: 'askDay' },
        { guard: ({ context }) => context.wanted === undefined, target: 'askTime' },
        // A day without an hour: that day's free windows are offered.
        { guard: ({ context }) => context.wantedHasHour !== true, target: 'offering', actions: findVisit('day') },
        { target: 'offering', actions: findVisit('exact') },
      ],
    },
    askProblem: {
      entry: say('repair.ask_problem'),
      on: {
        TEXT: [
          ...asking('askProblem'),
          { target: 'route', actions: [assign({ problem: ({ event }) => (event as TextEvent).text }), 'learn'] },
        ],
      },
    },
    askUnit: {
      entry: {
        type: 'say',
        params: ({ context }) => ({ key: 'repair.ask_unit', params: { units: context.units!.join(' / ') } }),
      },
      on: {
        TEXT: [
          ...asking('askUnit'),
          {
            guard: 'picksUnit',
            target: 'route',
            actions: assign({ unit: ({ context, event }) => pickedUnit(context, event) }),
          },
          { target: 'askUnit', reenter: true },
        ],
      },
    },
    askTime: { entry: say('repair.ask_time'), on: { TEXT: askingForTime('askTime') } },
    askDay: { entry: say('repair.ask_day'), on: { TEXT: askingForTime('askDay') } },
    offering: {
      on: {
        VISIT_OFFER: [
          {
            // The yes was given before the night: the time it named is still free, so it is booked.
            guard: ({ context, event }) => context.bookOnOffer === true && event.type === 'VISIT_OFFER' && event.exact,
            target: 'done',
            actions: [
              assign({
                chosen: ({ event }) => (event as Offer).holds[0],
                holds: ({ event }) => (event as Offer).holds,
              }),
              bookChosen,
            ],
          },
          {
            guard: 'exact',
            target: 'confirming',
            actions: assign({
              holds: ({ event }) => (event as Offer).holds,
              chosen: ({ event }) => (event as Offer).holds[0],
              bookOnOffer: undefined,
              offer: undefined,
            }),
          },
          // The yes on their return was for that time only: other times are chosen and confirmed as usual.
          {
            target: 'choosing',
            actions: assign({
              holds: ({ event }) => (event as Offer).holds,
              offer: ({ event }) => (event as Offer).mode,
              bookOnOffer: undefined,
            }),
          },
        ],
        VISIT_NONE: [
          {
            guard: ({ event }) => event.type === 'VISIT_NONE' && event.past === true,
            target: 'askTime',
            actions: [
              say('repair.time_gone_by'),
              assign({ wanted: undefined, wantedHasHour: undefined, bookOnOffer: undefined }),
            ],
          },
          {
            guard: ({ event }) => event.type === 'VISIT_NONE' && event.horizonDays !== undefined,
            target: 'askTime',
            actions: [
              {
                type: 'say',
                params: ({ event }) => ({
                  key: 'repair.too_far',
                  params: { days: event.type === 'VISIT_NONE' ? event.horizonDays! : 0 },
                }),
              },
              assign({ wanted: undefined, wantedHasHour: undefined, bookOnOffer: undefined }),
            ],
          },
          { target: 'done', actions: say('repair.no_window') },
        ],
      },
    },
    choosing: {
      entry: { type: 'say', params: ({ context }) => windowsOffered(context) },
      on: {
        TEXT: [
          ...asking('choosing'),
          {
            guard: 'picks',
            target: 'confirming',
            actions: [
              {
                type: 'releaseHolds',
                params: ({ context, event }) => ({
                  holds: context.holds.filter((_, i) => i !== pickedIndex(context, event)),
                }),
              },
              assign(({ context, event }) => {
                const chosen = context.holds[pickedIndex(context, event)!]!;
                return { chosen, holds: [chosen] };
              }),
            ],
          },
          ...REFUSED_TIMES,
          { guard: 'saysTime', target: 'route', actions: [release, assign({ holds: [] }), 'learn'] },
          { actions: say('repair.choose_again') },
        ],
      },
    },
    confirming: {
      // 复述: the service repeated back before anything is booked.
      entry: {
        type: 'say',
        params: ({ context }) => ({
          key: 'repair.repeat_back',
          params: { what: describe(context) },
          times: { visit: context.chosen! },
        }),
      },
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          // What this repair costs is asked of this repair, before any other answer.
          { guard: 'asksPrice', target: 'confirming', reenter: true, actions: answerQuestion },
          ...asking('confirming'),
          { guard: 'yes', target: 'done', actions: bookChosen },
          // A question in reply ("能保证今天修好吗", "多少钱") is answered, and the booking asked again.
          { guard: 'asksBack', target: 'confirming', reenter: true, actions: answerQuestion },
          ...REFUSED_TIMES,
          // A correction with a new time: only the time changes, and it is repeated back again.
          { guard: 'saysTime', target: 'route', actions: [release, assign({ holds: [], chosen: undefined }), 'learn'] },
          { guard: 'correctsPlace', target: 'confirming', reenter: true, actions: 'correct' },
          { actions: say('repair.what_to_change') },
        ],
        IDLE: { target: 'paused', actions: pause(true) },
      },
    },
    // Left half-way and gone quiet: remembered for a day. Coming back to it picks it up where it was
    // (the windows looked for again: nothing was held meanwhile); anything else is its own matter.
    paused: {
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          {
            guard: 'returnsToIt',
            target: 'route',
            actions: [
              'learn',
              // Only the very time they asked for and confirmed is booked on a yes; a window picked among
              // others (or the soonest) is looked up again and asked about.
              assign(({ context, event }) => ({
                bookOnOffer:
                  context.confirmedOnReturn === true &&
                  context.offer === undefined &&
                  context.wantedHasHour === true &&
                  event.type === 'TEXT' &&
                  event.answer === 'yes'
                    ? (true as const)
                    : undefined,
                confirmedOnReturn: undefined,
              })),
            ],
          },
          {
            target: 'abandoned',
            actions: { type: 'startFlow', params: ({ event }) => ({ flow: 'reception', event }) },
          },
        ],
        IDLE: [{ guard: 'stillRemembered' }, { target: 'abandoned' }],
      },
    },
    cancelled: { entry: [release, say('repair.cancelled')], always: 'done' },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});
