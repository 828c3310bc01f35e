import { assign, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import type { ConversationEvent, TextEvent } from './events.js';
import { asksBillAside, asksKnownQuestion, isCancel } from './interruptions.js';

/**
 * Emergencies (紧急情况) come before everything: a trapped lift, gas, fire, water pouring, sparks,
 * someone hurt. The kind's own safety advice, a ticket with its arrival promise, and the people on
 * call paged at once, day or night. From then on the conversation stays with the emergency: every
 * word, photo or voice note goes to whoever handles it, and the resident hears who is coming and
 * by when — never a question about a convenient time. A leak whose size is not said gets the safety
 * line and one question: someone now, or at the time the resident wants?
 */

export const EMERGENCY_VERSION = 1;

interface Context {
  /** The message that raised a leak of unknown size, while the resident says now or later. */
  pending?: TextEvent;
}

/**
 * Replies that want someone now: words of hurry, or a yes to "now?" — but not to "now, or at the time you said?",
 * where a bare 嗯嗯 keeps to the time they gave.
 */
const wantsNow = (event: TextEvent, pending?: TextEvent) =>
  event.urgency === 'now' ||
  (event.answer === 'yes' && event.urgency !== 'later' && !event.slots.time && !pending?.slots.time);
/** Replies that can wait: a time, "不急", a no to "now?", or a bare yes to "at the time you said?". */
const canWait = (event: TextEvent, pending?: TextEvent) =>
  event.urgency === 'later' ||
  event.slots.time !== undefined ||
  event.answer === 'no' ||
  (event.answer === 'yes' && pending?.slots.time !== undefined);

/** Events for reception: the emergency's ticket was finished, or another matter came in meanwhile. */
const backToReception = {
  target: '.done' as const,
  actions: {
    type: 'startFlow' as const,
    params: ({ event }: { event: ConversationEvent }) => ({ flow: 'reception', event }),
  },
};

export const emergencyMachine = setup({
  types: { context: {} as Context, events: {} as ConversationEvent },
  actions: { ...runtimeEffects },
  guards: {
    sure: ({ event }) => event.type === 'TEXT' && event.emergency?.sure === true,
    perhaps: ({ event }) => event.type === 'TEXT' && event.emergency?.sure === false,
    perhapsTrapped: ({ event }) =>
      event.type === 'TEXT' && event.emergency?.sure === false && event.emergency.kind === 'trapped',
    wantsNow: ({ context, event }) => event.type === 'TEXT' && wantsNow(event, context.pending),
    canWait: ({ context, event }) => event.type === 'TEXT' && canWait(event, context.pending),
    cancels: ({ event }) => isCancel(event),
    /** A lift out of order: whether someone is inside was asked, and this reply says someone is (有, 我女儿在里面). */
    someoneTrapped: ({ context, event }) =>
      context.pending?.emergency?.kind === 'trapped' &&
      event.type === 'TEXT' &&
      (event.liftInside === 'someone' || (event.answer === 'yes' && event.liftInside !== 'nobody')),
    /** …or that nobody is (没人, 没有): the public repair it is. */
    nobodyTrapped: ({ context, event }) =>
      context.pending?.emergency?.kind === 'trapped' &&
      event.type === 'TEXT' &&
      (event.liftInside === 'nobody' || event.answer === 'no'),
    askedTrapped: ({ context }) => context.pending?.emergency?.kind === 'trapped',
    /** A question of another matter ("那停车费怎么交", "我家欠多少"), with no danger, hurry or news of the scene in it. */
    asksAside: ({ event }) =>
      event.type === 'TEXT' &&
      (asksKnownQuestion(event) || asksBillAside(event)) &&
      event.emergency === undefined &&
      event.urgency !== 'now' &&
      event.aboutTicket === undefined &&
      event.saysOver !== true,
  },
}).createMachine({
  id: 'emergency',
  context: {},
  initial: 'starting',
  on: {
    RATING_REQUESTED: backToReception,
    COMPLAINT_DONE: backToReception,
    HANDOFF_ENDED: backToReception,
    RESCHEDULE_PROPOSED: backToReception,
  },
  states: {
    starting: { on: { START: 'opening' } },
    opening: {
      on: {
        TEXT: [
          {
            guard: 'sure',
            target: 'active',
            actions: { type: 'openEmergency', params: ({ event }) => openOrder(event as TextEvent) },
          },
          // A lift out of order: whether someone is inside comes first (its advice would be for them).
          {
            guard: 'perhapsTrapped',
            target: 'askingNow',
            actions: [assign({ pending: ({ event }) => event as TextEvent }), say('emergency.ask_someone_trapped')],
          },
          {
            guard: 'perhaps',
            target: 'askingNow',
            actions: [
              assign({ pending: ({ event }) => event as TextEvent }),
              {
                type: 'say',
                params: ({ event }) => ({ key: `emergency.advice.${(event as TextEvent).emergency!.kind}` }),
              },
              {
                type: 'say',
                params: ({ event }) => ({
                  key: (event as TextEvent).slots.time ? 'emergency.ask_now_or_then' : 'emergency.ask_now_or_later',
                }),
              },
            ],
          },
          { target: 'done' },
        ],
      },
    },
    askingNow: {
      // Water may be coming in, or someone may be inside the lift: silence is not waited out for the usual hours.
      meta: { silenceAfterMs: 10 * 60_000 },
      on: {
        TEXT: [
          {
            guard: 'sure',
            target: 'active',
            actions: { type: 'openEmergency', params: ({ event }) => openOrder(event as TextEvent) },
          },
          // Someone inside the lift: the emergency, whatever else the words are (有人被困, 有).
          {
            guard: 'someoneTrapped',
            target: 'active',
            actions: {
              type: 'openEmergency',
              params: ({ context, event }) => ({
                ...openOrder(context.pending!, (event as TextEvent).text),
                kind: 'trapped',
              }),
            },
          },
          {
            guard: 'wantsNow',
            target: 'active',
            actions: {
              type: 'openEmergency',
              params: ({ context, event }) => openOrder(context.pending!, (event as TextEvent).text),
            },
          },
          {
            // It can wait: an ordinary booking (reception checks who they are), at the time said now or said first.
            guard: 'canWait',
            target: 'done',
            actions: {
              type: 'startFlow',
              params: ({ context, event }) => ({
                flow: 'reception',
                event: withTimeOf(context.pending!, event as TextEvent),
              }),
            },
          },
          // Nobody inside: the lift is booked as the public repair it is.
          {
            guard: 'nobodyTrapped',
            target: 'done',
            actions: {
              type: 'startFlow',
              params: ({ context }) => ({
                flow: 'reception',
                event: { ...withTimeOf(context.pending!, context.pending!), liftOut: true as const },
              }),
            },
          },
          { guard: 'cancels', target: 'done', actions: say('repair.cancelled') },
          // Unclear whether anyone is trapped: asked again; nobody is sent on a guess, nor left inside on one.
          { guard: 'askedTrapped', actions: say('emergency.ask_someone_trapped') },
          { actions: say('emergency.ask_now_or_later') },
        ],
        NO_WORDS: [
          { guard: 'askedTrapped', actions: say('emergency.ask_someone_trapped') },
          { actions: say('emergency.ask_now_or_later') },
        ],
        // A photo of the leak, a voice note: nobody is sent on a guess; the question stands.
        NON_TEXT: [
          { guard: 'askedTrapped', actions: say('emergency.ask_someone_trapped') },
          { actions: say('emergency.ask_now_or_later') },
        ],
        // No answer to "now or later?" (or "is anyone inside?"): nobody is left with water coming in, or inside a
        // lift, on a guess either: it is handled as the emergency it may be.
        IDLE: {
          target: 'active',
          actions: { type: 'openEmergency', params: ({ context }) => openOrder(context.pending!) },
        },
      },
    },
    active: {
      on: {
        TEXT: [
          // Another danger on top of the first is its own emergency (the runtime does not open one twice).
          { guard: 'sure', actions: { type: 'openEmergency', params: ({ event }) => openOrder(event as TextEvent) } },
          // "师傅来看过了 拧好了": over, as the resident tells it; those handling it are told to close it, and
          // whatever else the message asks is heard by reception.
          {
            guard: ({ event }) => event.type === 'TEXT' && event.saysOver === true,
            target: 'done',
            actions: {
              type: 'chaseEmergency',
              params: ({ event }) => ({ text: (event as TextEvent).text, over: true }),
            },
          },
          // "那停车费怎么交" while help is on its way: answered, with where the emergency stands; those running to the
          // scene are not sent it.
          {
            guard: 'asksAside',
            actions: [
              { type: 'answerAside', params: ({ event }) => ({ event: event as TextEvent }) },
              { type: 'chaseEmergency', params: { text: '', aside: true } },
            ],
          },
          // A question in the middle of it ("要不要拉闸", "总阀在哪") gets the kind's advice again, first.
          {
            actions: {
              type: 'chaseEmergency',
              params: ({ event }) => ({
                text: (event as TextEvent).text,
                event,
                asks: (event as TextEvent).question === true,
              }),
            },
          },
        ],
        NO_WORDS: { actions: { type: 'chaseEmergency', params: { text: '' } } },
        NON_TEXT: {
          actions: {
            type: 'chaseEmergency',
            params: ({ event }) => ({ text: `[${(event as Extract<ConversationEvent, { type: 'NON_TEXT' }>).kind}]` }),
          },
        },
        TOO_LONG: { actions: { type: 'chaseEmergency', params: { text: '' } } },
        // The emergency is over (finished, or cancelled by staff): reception takes the message.
        EMERGENCY_OVER: {
          target: 'done',
          actions: {
            type: 'startFlow',
            params: ({ event }) => ({
              flow: 'reception',
              event: event.type === 'EMERGENCY_OVER' ? event.event : event,
            }),
          },
        },
        // Silence is not the end of an emergency: the conversation stays with it until staff finish it.
        IDLE: {},
      },
    },
    done: { type: 'final' },
  },
});

function openOrder(event: TextEvent, more?: string) {
  return {
    kind: event.emergency!.kind,
    text: more ? `${event.text} / ${more}` : event.text,
    ...(event.messageId && { messageId: event.messageId }),
    placeNamed: Boolean(event.slots.unit ?? event.slots.building ?? event.slots.entrance),
    ...((event.tone === 'angry' || event.tone === 'insult') && { angry: true }),
    ...(event.publicArea && { commonParts: true }),
  };
}

/** The first message, with the time the resident gave in reply when they gave one. */
function withTimeOf(first: TextEvent, reply: TextEvent): TextEvent {
  const { emergency: _, ...rest } = first;
  if (!reply.slots.time) return rest;
  const slots = {
    ...first.slots,
    time: reply.slots.time,
    ...(reply.slots.timeWithoutHour ? { timeWithoutHour: true } : {}),
  };
  if (!reply.slots.timeWithoutHour) delete slots.timeWithoutHour;
  return { ...rest, slots };
}
