import { assign, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import { acknowledgeMedia, answerAside, asksKnownQuestion, isAside } from './interruptions.js';
import {
  asking,
  factsOf,
  hear,
  hearFirst,
  missing,
  readBack,
  summaryOf,
  tellsMore,
  type Field,
  type Heard,
} from './complaint-heard.js';
import type { ConversationEvent, FlowEffectParams, TextEvent } from './events.js';
import type { PhraseRef } from '../src/phrases/phrase-ref.js';
import type { Intent } from '../src/nlu/intent.js';

/**
 * Complaints (接受投诉), heard out the way a trusted service desk hears them: first an empathy
 * phrase for the kind of complaint; every fact the resident tells, in any message, is taken
 * (complaint-heard.ts) and only what is still missing is asked, one question at a time; then it is
 * read back and, on yes, filed (ticket C…, a reply promise, a call-back promise if wanted).
 *
 * - Answers are read against the question asked: 要/不用 answer the call-back question; a question
 *   in reply is answered and ours asked again; only an explicit withdrawal (不投诉了) ends it; at the
 *   read-back a no (不用) means it is not filed, a correction is taken and read back again.
 * - A complaint about an earlier one still open (又吵了, 补充一下) goes onto that ticket.
 * - A threat of harm or self-harm: the manager at once, and the conversation stays with them.
 * - Silence: a complaint whose facts are known is filed (the resident is told when the office may
 *   speak); otherwise the conversation closes (without a word at night).
 */

export const COMPLAINT_VERSION = 4;

interface Context extends Heard {
  /** The question just asked: a short answer is read against it. */
  asking?: Field | 'change';
  threat: boolean;
  /** "就按我说的记": filed without the read-back once everything is known. */
  fileNow: boolean;
  /** The opening refers to an earlier complaint: adds to it, or it is happening again. */
  refersBack?: 'adds' | 'again';
  /** The earlier complaint this conversation adds to. */
  following?: string;
  /** Not read as a complaint: more about something open (补充一下, 又…), heard here in case it is about a complaint. */
  aboutOpenMatter: boolean;
  messageId?: string;
}

/** Matters a resident may turn to after adding to a complaint, each served by its own path. */
const OTHER_MATTERS: ReadonlySet<Intent> = new Set<Intent>([
  'repair',
  'card',
  'arrears',
  'inquiry',
  'human',
  'praise',
  'progress',
]);
const SURE_OF_OTHER_MATTER = 0.9;

// ── Reading a message ─────────────────────────────────────────────────────────────────────────

const withdraws = (e: TextEvent) => factsOf(e).withdraws === true;
/**
 * A question in reply: ours is asked again after it is answered (a question that also tells facts is taken as facts).
 */
const asksUs = (e: TextEvent) => {
  const q = factsOf(e).question;
  return (
    q === 'anonymity' ||
    q === 'how_long' ||
    (q === 'other' && !tellsMore(e) && factsOf(e).answer === undefined && !asksKnownQuestion(e))
  );
};
/** A yes: ours (要的, 那行 提交吧), or the general one when the message is nothing more than that. */
const agrees = (e: TextEvent) => {
  const f = factsOf(e);
  return (
    f.answer === 'yes' || (f.answer === undefined && e.answer === 'yes' && !tellsMore(e) && f.question === undefined)
  );
};
const declines = (e: TextEvent) => factsOf(e).answer === 'no' && !tellsMore(e);
const wantsChange = (e: TextEvent) => e.answer === 'no' || e.answer === 'correct';
/** After adding to a complaint, another matter (a repair, a question) — unless said to be more of the same. */
const startsOtherMatter = (e: TextEvent) =>
  factsOf(e).refersBack !== 'adds' &&
  (asksKnownQuestion(e) || (OTHER_MATTERS.has(e.intent) && e.confidence >= SURE_OF_OTHER_MATTER));
const onlyAcknowledges = (e: TextEvent) =>
  !tellsMore(e) && (factsOf(e).answer !== undefined || e.intent === 'greeting' || e.intent === 'cancel');

/** More about an earlier complaint still open: said to add to it, or it is happening again (and of the same kind). */
function linksTo(context: Context, earlier: { category: string } | undefined): boolean {
  if (!earlier) return false;
  if (context.refersBack === 'adds') return true;
  return (
    context.refersBack === 'again' &&
    (context.category === earlier.category || context.category === 'other' || earlier.category === 'other')
  );
}

// ── What the flow says and does ───────────────────────────────────────────────────────────────

const empathy = {
  type: 'say' as const,
  params: ({ context }: { context: Context }): PhraseRef => ({ key: `complaint.empathy.${context.category}` }),
};

/** The question for a fact, or for a correction. */
const questionFor = (asking: Context['asking']): PhraseRef => ({
  key: asking === 'change' ? 'complaint.what_to_change' : `complaint.ask_${asking ?? 'what'}`,
});
const askAgain = { type: 'say' as const, params: ({ context }: { context: Context }) => questionFor(context.asking) };

/** A question in reply: whether they will be named, how long it takes, or anything else (noted for the staff). */
const answerQuestion = {
  type: 'say' as const,
  params: ({ event }: { event: ConversationEvent }): PhraseRef => {
    const q = event.type === 'TEXT' ? factsOf(event).question : undefined;
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

const file = (how: FlowEffectParams['fileComplaint']['how']) => ({
  type: 'fileComplaint' as const,
  params: ({ context }: { context: Context }): FlowEffectParams['fileComplaint'] => ({
    category: context.category,
    summary: summaryOf(context),
    callback: context.callback === true,
    how,
    ...(context.callbackBy && { callbackBy: context.callbackBy }),
    ...(context.phone && { phone: context.phone }),
    ...(context.staff && { staff: context.staff }),
    ...(context.messageId && { messageId: context.messageId }),
  }),
});

const alertManager = [
  { type: 'alertManager' as const, params: ({ context }: { context: Context }) => ({ what: context.what.join('，') }) },
  say('complaint.threat_received'),
];

export const complaintMachine = setup({
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
      return f.answer === undefined && f.callback === undefined && (asksKnownQuestion(event) || !tellsMore(event));
    },
  },
}).createMachine({
  id: 'complaint',
  context: {
    category: 'other',
    what: [],
    described: false,
    where: [],
    when: [],
    since: [],
    often: [],
    once: false,
    asked: {},
    threat: false,
    fileNow: false,
    aboutOpenMatter: false,
  },
  initial: 'starting',
  on: {
    // An emergency came in: it comes first; what is known of the complaint is filed, not dropped.
    SUSPEND: [{ guard: 'heardEnough', target: '.done', actions: file('away') }, { target: '.abandoned' }],
    NON_TEXT: { actions: acknowledgeMedia(true) },
    // Nothing a resident starts is dropped: what is known is filed; they are told when we may speak.
    IDLE: [
      { guard: 'heardEnough', target: '.done', actions: file('away') },
      { target: '.abandoned', actions: { type: 'farewellAfterSilence', params: {} } },
    ],
  },
  states: {
    starting: { on: { START: 'opening' } },

    // ── The first message: everything it tells, then a look for an earlier complaint it is about ──
    opening: {
      on: {
        TEXT: {
          target: 'lookingBack',
          actions: [
            assign(({ event }) => {
              const f = factsOf(event);
              return {
                ...hearFirst(event),
                threat: event.tone === 'threat',
                fileNow: f.fileNow === true,
                refersBack: f.refersBack,
                aboutOpenMatter: f.refersBack !== undefined && event.intent !== 'complaint',
                messageId: event.messageId,
              };
            }),
            { type: 'lookBackForComplaint', params: {} },
          ],
        },
      },
    },
    lookingBack: {
      on: {
        COMPLAINT_CONTEXT: [
          { guard: 'threatened', target: 'withManager', actions: [empathy, ...alertManager] },
          {
            guard: ({ context, event }) => linksTo(context, event.earlier),
            target: 'following',
            actions: [
              assign({ following: ({ event }) => event.earlier?.ticket }),
              {
                type: 'addToComplaint',
                params: ({ context, event }) => ({
                  ticket: event.earlier?.ticket ?? '',
                  text: context.what.join('，'),
                  again: context.refersBack === 'again',
                }),
              },
            ],
          },
          // More about an open matter that is not a complaint (a repair): to whoever handles it.
          {
            guard: ({ context }) => context.aboutOpenMatter,
            target: 'done',
            actions: {
              type: 'chaseTicket',
              params: ({ context }) => ({ text: context.what.join('，'), chasing: context.refersBack === 'again' }),
            },
          },
          { target: 'hearing', actions: empathy },
        ],
      },
    },

    // ── Hearing it out: ask what is missing, read it back when nothing is ──
    hearing: {
      always: [
        { guard: 'threatened', target: 'withManager', actions: alertManager },
        {
          guard: ({ context }) => missing(context) !== undefined,
          target: 'asking',
          actions: [
            assign(({ context }) => {
              const field = missing(context) ?? 'what';
              return { asking: field, asked: asking(context, field) };
            }),
            askAgain,
          ],
        },
        { guard: 'fileNow', target: 'done', actions: file('as_said') },
        { target: 'confirming' },
      ],
    },
    asking: {
      on: {
        TEXT: [
          { guard: ({ event }) => withdraws(event), target: 'cancelled' },
          { guard: ({ event }) => asksUs(event), actions: [answerQuestion, askAgain] },
          { guard: 'aside', actions: [...answerAside('complaint'), askAgain] },
          // Insults get a calm answer, and what the message tells is still taken.
          {
            guard: ({ event }) => event.tone === 'insult',
            target: 'hearing',
            actions: [say('complaint.calm'), assign(({ context, event }) => takeIn(context, event, context.asking))],
          },
          { target: 'hearing', actions: assign(({ context, event }) => takeIn(context, event, context.asking)) },
        ],
      },
    },
    confirming: {
      entry: { type: 'say', params: ({ context }) => readBack(context) },
      on: {
        TEXT: [
          {
            guard: ({ event }) => event.tone === 'threat',
            target: 'hearing',
            actions: assign(({ context, event }) => takeIn(context, event, undefined)),
          },
          { guard: ({ event }) => withdraws(event), target: 'cancelled' },
          { guard: ({ event }) => declines(event), target: 'notFiled' },
          { guard: ({ event }) => asksUs(event), target: 'confirming', reenter: true, actions: answerQuestion },
          { guard: 'aside', target: 'confirming', reenter: true, actions: answerAside('complaint') },
          {
            guard: ({ event }) => agrees(event),
            target: 'done',
            actions: [assign(({ context, event }) => takeIn(context, event, undefined, true)), file('confirmed')],
          },
          // A correction that names the new fact ("不对 是1303") is taken and read back again.
          {
            guard: ({ event }) => tellsMore(event),
            target: 'confirming',
            reenter: true,
            actions: assign(({ context, event }) => takeIn(context, event, undefined, true)),
          },
          {
            guard: ({ event }) => wantsChange(event),
            target: 'asking',
            actions: [assign({ asking: 'change' as const }), say('complaint.what_to_change')],
          },
          { actions: say('complaint.confirm_again') },
        ],
      },
    },

    // ── A threat of harm: the manager knows; whatever the resident says next goes to them too ──
    withManager: {
      on: {
        TEXT: { actions: { type: 'alertManager', params: ({ event }) => ({ what: event.text, more: true as const }) } },
        NON_TEXT: {
          actions: { type: 'alertManager', params: ({ event }) => ({ what: `[${event.kind}]`, more: true as const }) },
        },
        // The manager is in touch: the chat closes without a farewell.
        IDLE: { target: 'done' },
      },
    },

    // ── Added to an earlier complaint: more words go onto it until another matter comes up ──
    following: {
      on: {
        TEXT: [
          {
            guard: ({ event }) => event.tone === 'threat',
            target: 'withManager',
            actions: [assign(({ context, event }) => ({ what: [...context.what, event.text] })), ...alertManager],
          },
          {
            guard: ({ event }) => startsOtherMatter(event),
            target: 'done',
            actions: { type: 'startFlow', params: ({ event }) => ({ flow: 'reception', event }) },
          },
          { guard: ({ event }) => onlyAcknowledges(event), actions: say('complaint.noted') },
          {
            actions: {
              type: 'passOn',
              params: ({ context, event }) => ({ ticket: context.following ?? '', text: event.text }),
            },
          },
        ],
        NON_TEXT: {
          actions: {
            type: 'passOn',
            params: ({ context, event }) => ({ ticket: context.following ?? '', text: `[${event.kind}]` }),
          },
        },
        IDLE: { target: 'done', actions: { type: 'farewellAfterSilence', params: {} } },
      },
    },

    cancelled: { entry: say('complaint.cancelled'), always: 'done' },
    notFiled: { entry: say('complaint.not_filed'), always: 'done' },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});

/** Every fact of the message added to what is known; a threat noted; the question answered. */
function takeIn(context: Context, event: TextEvent, asked: Context['asking'], replace = false): Partial<Context> {
  const f = factsOf(event);
  return {
    ...hear(context, event, asked, replace),
    asking: undefined,
    ...(event.tone === 'threat' && { threat: true }),
    ...(f.fileNow && { fileNow: true }),
  };
}
