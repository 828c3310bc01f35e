import { setup } from 'xstate';
import { say } from '../say.js';
import { runtimeEffects } from '../runtime-effects.js';
import { asksKnownQuestion, isAside } from '../interruptions.js';
import { factsOf, summaryOf, tellsFacts, tellsMore } from '../complaint-heard.js';
import type { ConversationEvent, FlowEffectParams, TextEvent } from '../events.js';
import type { PhraseRef } from '../../src/phrases/phrase-ref.js';
import type { Context } from './reading.js';

/** The complaint flow's context, events, named actions and named guards: what its states are written in. */
export const complaint = setup({
  types: { context: {} as Context, events: {} as ConversationEvent },
  actions: runtimeEffects,
  guards: {
    threatened: ({ context }) => context.threat,
    heardEnough: ({ context }) => context.described,
    fileNow: ({ context }) => context.fileNow,
    // Another matter asked on the side (a known question, fees, progress); an answer (可以, 不用回电话)
    // is not one, nor is a message telling facts of the complaint, unless it asks a known question.
    aside: ({ event }) => {
      if (!isAside(event)) return false;
      const f = factsOf(event);
      if (f.answer !== undefined || f.callback !== undefined) return false;
      // "我的报修到哪一步了" with a repair open: it asks after that matter, whatever words it has beyond this one's facts.
      const asksAfterOpen = event.intent === 'progress' && (event.openTickets ?? 0) > 0 && !tellsFacts(event);
      return asksKnownQuestion(event) || asksAfterOpen || !tellsMore(event);
    },
  },
});

export const empathy = {
  type: 'say' as const,
  params: ({ context }: { context: Context }): PhraseRef => ({ key: `complaint.empathy.${context.category}` }),
};

/** The question for a fact, or for a correction. */
const questionFor = (asking: Context['asking']): PhraseRef => ({
  key: asking === 'change' ? 'complaint.what_to_change' : `complaint.ask_${asking ?? 'what'}`,
});
export const askAgain = {
  type: 'say' as const,
  params: ({ context }: { context: Context }) => questionFor(context.asking),
};

/** A question in reply: whether they will be named, how long it takes, or anything else (noted for the staff). */
export const answerQuestion = {
  type: 'say' as const,
  params: ({ event }: { event: TextEvent }): PhraseRef => {
    const q = factsOf(event).question;
    return {
      key:
        q === 'anonymity'
          ? 'complaint.answer_anonymity'
          : q === 'how_long'
            ? 'complaint.answer_how_long'
            : 'complaint.question_noted',
    };
  },
};

export const file = (how: FlowEffectParams['fileComplaint']['how']) => ({
  type: 'fileComplaint' as const,
  params: ({ context }: { context: Context }): FlowEffectParams['fileComplaint'] => ({
    category: context.category,
    summary: summaryOf(context),
    callback: context.callback === true,
    how,
    ...(context.callbackBy && { callbackBy: context.callbackBy }),
    ...(context.callback === true && context.callbackAt && { callbackAt: context.callbackAt }),
    ...(context.callback === true && context.callbackAt && context.callbackFrom && { callbackFrom: true as const }),
    ...(context.phone && { phone: context.phone }),
    ...(context.staff && { staff: context.staff }),
    ...(context.fault && { fault: context.fault }),
    ...(context.messageId && { messageId: context.messageId }),
  }),
});

export const alertManager = [
  { type: 'alertManager' as const, params: ({ context }: { context: Context }) => ({ what: context.what.join('，') }) },
  say('complaint.threat_received'),
];
