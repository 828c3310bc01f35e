import { assign, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import { acknowledgeMedia, answerAside, isAside, isCancel } from './interruptions.js';
import type { ConversationEvent, PhraseRef, TextEvent } from './events.js';

/**
 * Repair booking (家庭维修): understand the problem from the first message, ask only for what is
 * missing, offer only windows a technician can take (each offered window is held as a promise),
 * repeat the booking back (复述) and book it on the resident's yes. Emergencies never come here:
 * they have their own flow (flows/emergency.ts), which reception and the runtime turn to first.
 */

export const REPAIR_VERSION = 5;

interface Context {
  problem?: string;
  category?: string;
  location?: string;
  /** The wanted time (ISO, +08:00), and whether an hour was given with it. */
  wanted?: string;
  wantedHasHour?: boolean;
  /** Windows held for the resident while they choose or confirm (commitment ids). */
  holds: number[];
  chosen?: number;
  messageId?: string;
}

type Offer = Extract<ConversationEvent, { type: 'VISIT_OFFER' }>;

/** A time that has passed or a date that does not exist: said so, and the question stands. */
const REFUSED_TIMES = [
  { guard: 'pastTime' as const, actions: say('repair.time_past') },
  { guard: 'impossibleDate' as const, actions: say('repair.time_impossible') },
];

const text = (event: ConversationEvent) => event as TextEvent;
/** A bare choice among the offered windows: 1, 2 or 3. */
const choice = (event: ConversationEvent) => (event.type === 'TEXT' ? /^\s*([1-3])\s*$/.exec(event.text)?.[1] : undefined);

export const repairMachine = setup({
  types: {
    context: {} as Context,
    events: {} as ConversationEvent,
  },
  actions: {
    ...runtimeEffects,
    /** What a message tells about the repair; later answers fill in, never erase, what was said. */
    learn: assign(({ context, event }) => {
      if (event.type !== 'TEXT') return {};
      const s = event.slots;
      // "我要报修" asks for a repair; "卧室窗户关不上" describes one (it names a kind of repair or a place).
      const describes = !event.menu && (s.category !== undefined || s.location !== undefined);
      return {
        ...(describes && !context.problem && { problem: event.topic ?? event.text }),
        ...(s.category && { category: s.category }),
        ...(s.location && !context.location && { location: s.location }),
        ...(s.time && !s.timePast && {
          // "上午" after "明天": the hour completes the day already given.
          wanted: context.wanted && !context.wantedHasHour && s.timeWithoutDay ? `${context.wanted.slice(0, 10)}${s.time.slice(10)}` : s.time,
          wantedHasHour: !s.timeWithoutHour,
        }),
        ...(event.messageId && !context.messageId && { messageId: event.messageId }),
      };
    }),
  },
  guards: {
    knowsProblem: ({ context }) => context.problem !== undefined,
    knowsDay: ({ context }) => context.wanted !== undefined,
    knowsHour: ({ context }) => context.wantedHasHour === true,
    cancels: ({ event }) => isCancel(event),
    aside: ({ event }) => isAside(event),
    yes: ({ event }) => event.type === 'TEXT' && event.answer === 'yes',
    saysTime: ({ event }) => event.type === 'TEXT' && event.slots.time !== undefined && !event.slots.timePast,
    pastTime: ({ event }) => event.type === 'TEXT' && event.slots.timePast === true,
    impossibleDate: ({ event }) => event.type === 'TEXT' && event.slots.timeImpossible === true,
    picks: ({ context, event }) => {
      const n = choice(event);
      return n !== undefined && Number(n) <= context.holds.length;
    },
    exact: ({ event }) => event.type === 'VISIT_OFFER' && event.exact,
  },
}).createMachine({
  id: 'repair',
  context: { holds: [] },
  initial: 'starting',
  on: {
    NON_TEXT: { actions: acknowledgeMedia(true) },
    // An emergency came in: what was held is given back, and the emergency takes the conversation.
    SUSPEND: { target: '.abandoned', actions: { type: 'releaseHolds', params: ({ context }) => ({ holds: context.holds }) } },
    IDLE: {
      target: '.abandoned',
      actions: [{ type: 'releaseHolds', params: ({ context }) => ({ holds: context.holds }) }, { type: 'farewellAfterSilence', params: {} }],
    },
  },
  states: {
    starting: { on: { START: 'collecting' } },
    collecting: { on: { TEXT: { target: 'route', actions: 'learn' } } },
    route: {
      always: [
        { guard: ({ context }) => context.problem === undefined, target: 'askProblem' },
        { guard: ({ context }) => context.wanted === undefined, target: 'askTime' },
        { guard: ({ context }) => context.wantedHasHour !== true, target: 'askHour' },
        {
          target: 'offering',
          actions: {
            type: 'findVisit',
            params: ({ context }) => ({ wanted: Date.parse(context.wanted!), ...(context.category && { category: context.category }), problem: context.problem! }),
          },
        },
      ],
    },
    askProblem: {
      entry: say('repair.ask_problem'),
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', target: 'askProblem', reenter: true, actions: answerAside('repair') },
          { target: 'route', actions: [assign({ problem: ({ event }) => text(event).text }), 'learn'] },
        ],
      },
    },
    askTime: {
      entry: say('repair.ask_time'),
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', target: 'askTime', reenter: true, actions: answerAside('repair') },
          ...REFUSED_TIMES,
          { guard: 'saysTime', target: 'route', actions: 'learn' },
          { actions: say('repair.ask_time_again') },
        ],
      },
    },
    askHour: {
      entry: say('repair.ask_hour'),
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', target: 'askHour', reenter: true, actions: answerAside('repair') },
          ...REFUSED_TIMES,
          { guard: 'saysTime', target: 'route', actions: 'learn' },
          { actions: say('repair.ask_time_again') },
        ],
      },
    },
    offering: {
      on: {
        VISIT_OFFER: [
          {
            guard: 'exact',
            target: 'confirming',
            actions: assign({ holds: ({ event }) => (event as Offer).holds, chosen: ({ event }) => (event as Offer).holds[0] }),
          },
          { target: 'choosing', actions: assign({ holds: ({ event }) => (event as Offer).holds }) },
        ],
        VISIT_NONE: { target: 'done', actions: say('repair.no_window') },
      },
    },
    choosing: {
      entry: { type: 'say', params: ({ context }) => alternatives(context.holds) },
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', target: 'choosing', reenter: true, actions: answerAside('repair') },
          {
            guard: 'picks',
            target: 'confirming',
            actions: [
              { type: 'releaseHolds', params: ({ context, event }) => ({ holds: context.holds.filter((_, i) => i !== Number(choice(event)) - 1) }) },
              assign({
                chosen: ({ context, event }) => context.holds[Number(choice(event)) - 1],
                holds: ({ context, event }) => [context.holds[Number(choice(event)) - 1]!],
              }),
            ],
          },
          ...REFUSED_TIMES,
          {
            guard: 'saysTime',
            target: 'route',
            actions: [{ type: 'releaseHolds', params: ({ context }) => ({ holds: context.holds }) }, assign({ holds: [] }), 'learn'],
          },
          { actions: say('repair.choose_again') },
        ],
      },
    },
    confirming: {
      // 复述: the service repeated back before anything is booked.
      entry: {
        type: 'say',
        params: ({ context }) => ({ key: 'repair.repeat_back', params: { what: describe(context) }, times: { visit: context.chosen! } }),
      },
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', target: 'confirming', reenter: true, actions: answerAside('repair') },
          {
            guard: 'yes',
            target: 'done',
            actions: {
              type: 'bookVisit',
              params: ({ context }) => ({
                hold: context.chosen!,
                problem: context.problem!,
                ...(context.category && { category: context.category }),
                ...(context.location && { location: context.location }),
                ...(context.messageId && { messageId: context.messageId }),
              }),
            },
          },
          ...REFUSED_TIMES,
          {
            // A correction with a new time: only the time changes, and it is repeated back again.
            guard: 'saysTime',
            target: 'route',
            actions: [{ type: 'releaseHolds', params: ({ context }) => ({ holds: context.holds }) }, assign({ holds: [], chosen: undefined }), 'learn'],
          },
          { actions: say('repair.what_to_change') },
        ],
      },
    },
    cancelled: {
      entry: [{ type: 'releaseHolds', params: ({ context }) => ({ holds: context.holds }) }, say('repair.cancelled')],
      always: 'done',
    },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});

/** The booking as repeated back: the place, then the problem (unless it already says where). */
function describe(context: Context): string {
  const problem = context.problem ?? '';
  return context.location && !problem.includes(context.location) ? `${context.location} ${problem}` : problem;
}

function alternatives(holds: number[]): PhraseRef {
  const times = Object.fromEntries(holds.map((id, i) => [`w${i + 1}`, id]));
  return { key: `repair.alternatives_${holds.length}`, times };
}
