import { assign, setup } from 'xstate';
import type { ConversationEvent, PhraseRef } from './events.js';
import type { Intent } from '../src/nlu/intent.js';

/**
 * Reception (接待): the standard greeting, the menu, the farewell, and a fallback that offers the
 * options and a person. Topics whose own flows do not exist yet are handed to the service desk.
 */

/** Bump when states or context change shape: stored conversations of an older version restart politely. */
export const RECEPTION_VERSION = 1;

/** Two misunderstandings in a row and a person takes over: a resident should not have to fight the bot. */
const FALLBACKS_BEFORE_HANDOFF = 2;

/** An idle timer that fires this late means the bot was down: a farewell now would only confuse. */
const STALE_IDLE_MS = 60 * 60 * 1000;

const HANDED_TO_DESK: ReadonlySet<Intent> = new Set(['repair', 'complaint', 'arrears', 'card', 'progress', 'inquiry']);

type TextEvent = Extract<ConversationEvent, { type: 'TEXT' }>;

const say = (key: string, params?: PhraseRef['params']) => ({ type: 'say' as const, params: { key, ...(params && { params }) } });

export const receptionMachine = setup({
  types: {
    context: {} as { fallbacks: number },
    events: {} as ConversationEvent,
  },
  actions: {
    // Performed by the runtime (src/runtime/effects.ts); here they only name the effect.
    say: (_, _params: PhraseRef) => {},
    notifyStaff: (_, _params: PhraseRef) => {},
    resetFallbacks: assign({ fallbacks: 0 }),
    countFallback: assign({ fallbacks: ({ context }) => context.fallbacks + 1 }),
  },
  guards: {
    intentIs: ({ event }, intent: Intent) => event.type === 'TEXT' && event.intent === intent,
    handedToDesk: ({ event }) => event.type === 'TEXT' && HANDED_TO_DESK.has(event.intent),
    fallbackLimitReached: ({ context }) => context.fallbacks + 1 >= FALLBACKS_BEFORE_HANDOFF,
    idleIsStale: ({ event }) => event.type === 'IDLE' && event.lateMs > STALE_IDLE_MS,
  },
}).createMachine({
  id: 'reception',
  context: { fallbacks: 0 },
  initial: 'new',
  states: {
    new: {
      on: {
        START: [
          { guard: ({ event }) => event.restarted === true, target: 'listening', actions: say('reception.restarted') },
          { target: 'listening', actions: say('reception.greeting') },
        ],
      },
    },
    listening: {
      on: {
        TEXT: [
          { guard: { type: 'intentIs', params: 'greeting' }, actions: ['resetFallbacks', say('reception.menu')] },
          { guard: { type: 'intentIs', params: 'cancel' }, target: 'closed', actions: say('reception.farewell') },
          { guard: { type: 'intentIs', params: 'praise' }, actions: ['resetFallbacks', say('reception.thanks')] },
          {
            guard: { type: 'intentIs', params: 'human' },
            actions: [
              'resetFallbacks',
              say('reception.handoff'),
              { type: 'notifyStaff', params: ({ event }) => ({ key: 'staff.handoff', params: { text: (event as TextEvent).text } }) },
            ],
          },
          {
            guard: 'handedToDesk',
            actions: [
              'resetFallbacks',
              { type: 'say', params: ({ event }) => ({ key: `reception.received.${(event as TextEvent).intent}` }) },
              {
                type: 'notifyStaff',
                params: ({ event }) => ({ key: `staff.request.${(event as TextEvent).intent}`, params: { text: (event as TextEvent).text } }),
              },
            ],
          },
          {
            guard: 'fallbackLimitReached',
            actions: [
              'resetFallbacks',
              say('reception.fallback_handoff'),
              { type: 'notifyStaff', params: ({ event }) => ({ key: 'staff.not_understood', params: { text: (event as TextEvent).text } }) },
            ],
          },
          { actions: ['countFallback', say('reception.fallback')] },
        ],
        NO_WORDS: { actions: say('input.no_words') },
        TOO_LONG: {
          actions: {
            type: 'say',
            params: ({ event }) => ({ key: 'input.too_long', params: { limit: (event as Extract<ConversationEvent, { type: 'TOO_LONG' }>).limit } }),
          },
        },
        NON_TEXT: { actions: say('input.non_text') },
        IDLE: [
          { guard: 'idleIsStale', target: 'closed' },
          { target: 'closed', actions: say('reception.farewell_idle') },
        ],
      },
    },
    closed: { type: 'final' },
  },
});
