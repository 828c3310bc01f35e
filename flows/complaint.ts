import { assign, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import { acknowledgeMedia, answerAside, isAside, isCancel } from './interruptions.js';
import type { ConversationEvent, TextEvent } from './events.js';

/**
 * Complaints (接受投诉): acknowledge first, from the resident's side, with an empathy phrase for
 * the kind of complaint; then collect what happened, where, when, how often and whether a call
 * back is wanted — one question at a time, nothing already said asked again; repeat it back in
 * one sentence; on yes, file it (ticket C…, a reply promise by the service level). Insults get a
 * calm answer and the complaint still goes through; a threat of harm goes straight to the manager.
 */

export const COMPLAINT_VERSION = 3;

type Field = 'what' | 'where' | 'when' | 'often' | 'callback';

interface Context {
  category: string;
  what?: string;
  where?: string;
  when?: string;
  often?: string;
  callback?: boolean;
  staff?: string;
  asking?: Field;
  threat: boolean;
  messageId?: string;
}

const ask = (field: Field) => [{ type: 'setAsking' as const, params: field }, say(`complaint.ask_${field}`)];

export const complaintMachine = setup({
  types: { context: {} as Context, events: {} as ConversationEvent },
  actions: {
    ...runtimeEffects,
    /** What a message tells; the field just asked takes the answer as said. */
    learn: assign(({ context, event }) => {
      if (event.type !== 'TEXT') return {};
      const s = event.slots;
      const answer = event.topic || event.text;
      const first = context.what === undefined && context.asking === undefined;
      return {
        ...(s.complaintCategory && context.category === 'other' && { category: s.complaintCategory }),
        ...(first && { what: event.text }),
        ...(context.asking === 'what' && { what: answer }),
        ...(context.asking === 'where' && { where: answer }),
        ...(context.asking === 'when' && { when: event.text }),
        ...(context.asking === 'often' && { often: event.text }),
        ...(context.asking === 'callback' && event.answer && { callback: event.answer === 'yes' }),
        ...(!context.where && context.asking !== 'where' && (s.location || s.unit) && { where: s.location ?? s.unit }),
        ...(!context.when && context.asking !== 'when' && s.time && { when: event.text }),
        ...(!context.often && context.asking !== 'often' && s.frequency && { often: s.frequency }),
        ...(s.staff && !context.staff && { staff: s.staff }),
        ...(event.tone === 'threat' && { threat: true }),
        ...(event.messageId && !context.messageId && { messageId: event.messageId }),
        asking: undefined,
      };
    }),
    setAsking: assign((_, field: Field) => ({ asking: field })),
  },
  guards: {
    threat: ({ context }) => context.threat,
    cancels: ({ event }) => isCancel(event),
    aside: ({ event }) => isAside(event),
    insulted: ({ event }) => event.type === 'TEXT' && event.tone === 'insult',
    yes: ({ event }) => event.type === 'TEXT' && event.answer === 'yes',
    no: ({ event }) => event.type === 'TEXT' && (event.answer === 'no' || event.answer === 'correct'),
  },
}).createMachine({
  id: 'complaint',
  context: { category: 'other', threat: false },
  initial: 'starting',
  on: { SUSPEND: '.abandoned', NON_TEXT: { actions: acknowledgeMedia(true) }, IDLE: { target: '.abandoned', actions: { type: 'farewellAfterSilence', params: {} } } },
  states: {
    starting: { on: { START: 'opening' } },
    opening: {
      on: {
        TEXT: {
          target: 'route',
          actions: [
            'learn',
            { type: 'say', params: ({ event }) => ({ key: `complaint.empathy.${(event as TextEvent).slots.complaintCategory ?? 'other'}` }) },
          ],
        },
      },
    },
    route: {
      always: [
        {
          guard: 'threat',
          target: 'done',
          actions: [
            { type: 'alertManager', params: ({ context }) => ({ what: context.what ?? '' }) },
            say('complaint.threat_received'),
          ],
        },
        { guard: ({ context }) => !context.what, target: 'asking', actions: ask('what') },
        { guard: ({ context }) => !context.where, target: 'asking', actions: ask('where') },
        { guard: ({ context }) => !context.when, target: 'asking', actions: ask('when') },
        { guard: ({ context }) => !context.often, target: 'asking', actions: ask('often') },
        { guard: ({ context }) => context.callback === undefined, target: 'asking', actions: ask('callback') },
        { target: 'confirming' },
      ],
    },
    asking: {
      on: {
        TEXT: [
          // "不需要" answers whether to call back; it is not a cancellation.
          { guard: ({ context, event }) => context.asking === 'callback' && (event as TextEvent).answer !== undefined, target: 'route', actions: 'learn' },
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', actions: [...answerAside('complaint'), { type: 'say', params: ({ context }) => ({ key: `complaint.ask_${context.asking ?? 'what'}` }) }] },
          { guard: 'insulted', target: 'route', actions: [say('complaint.calm'), 'learn'] },
          // A call back is a yes or a no; anything else, the question again.
          { guard: ({ context, event }) => context.asking === 'callback' && (event as TextEvent).answer === undefined, actions: say('complaint.ask_callback') },
          { target: 'route', actions: 'learn' },
        ],
      },
    },
    confirming: {
      entry: { type: 'say', params: ({ context }) => ({ key: context.callback ? 'complaint.repeat_back_call' : 'complaint.repeat_back', params: summaryParams(context) }) },
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', target: 'confirming', reenter: true, actions: answerAside('complaint') },
          {
            guard: 'yes',
            target: 'done',
            actions: {
              type: 'fileComplaint',
              params: ({ context }) => ({
                category: context.category,
                summary: summaryParams(context),
                callback: context.callback === true,
                ...(context.staff && { staff: context.staff }),
                ...(context.messageId && { messageId: context.messageId }),
              }),
            },
          },
          { guard: 'no', target: 'asking', actions: [{ type: 'setAsking', params: 'what' }, say('complaint.what_to_change')] },
          { actions: say('complaint.confirm_again') },
        ],
      },
    },
    cancelled: { entry: say('complaint.cancelled'), always: 'done' },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});

function summaryParams(context: Context): { what: string; where: string; when: string; often: string } {
  return { what: context.what ?? '', where: context.where ?? '', when: context.when ?? '', often: context.often ?? '' };
}
