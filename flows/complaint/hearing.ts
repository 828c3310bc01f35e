import { and, assign } from 'xstate';
import { say } from '../say.js';
import { answerAside } from '../interruptions.js';
import { asking as askedFor, missing, readBack, tellsMore } from '../complaint-heard.js';
import { alertManager, answerQuestion, askAgain, complaint, file } from './setup.js';
import { agrees, asksUs, takeIn, wantsChange, withdraws } from './reading.js';

/** Hearing it out: ask what is missing, one question at a time; read it back when nothing is. */

export const hearing = complaint.createStateConfig({
  always: [
    { guard: 'threatened', target: 'withManager', actions: alertManager },
    // "就按我说的记", "你们赶紧去处理": filed with what is known, once what happened is.
    { guard: and(['fileNow', ({ context }) => missing(context) !== 'what']), target: 'done', actions: file('as_said') },
    {
      guard: ({ context }) => missing(context) !== undefined,
      target: 'asking',
      actions: [
        assign(({ context }) => {
          const field = missing(context) ?? 'what';
          return { asking: field, asked: askedFor(context, field) };
        }),
        askAgain,
      ],
    },
    { target: 'confirming' },
  ],
});

export const asking = complaint.createStateConfig({
  on: {
    TEXT: [
      { guard: ({ event }) => withdraws(event), target: 'cancelled' },
      // Asked what to change, a bare yes (对, 没错) says it was right after all: filed, not read back once more.
      {
        guard: ({ context, event }) => context.asking === 'change' && agrees(event) && !tellsMore(event),
        target: 'done',
        actions: file('confirmed'),
      },
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
});

export const confirming = complaint.createStateConfig({
  entry: { type: 'say', params: ({ context }) => readBack(context) },
  on: {
    TEXT: [
      {
        guard: ({ event }) => event.tone === 'threat',
        target: 'hearing',
        actions: assign(({ context, event }) => takeIn(context, event, undefined)),
      },
      { guard: ({ event }) => withdraws(event), target: 'cancelled' },
      // "不用" to "以上对吗？" says it is not right, never that the complaint is dropped: only a withdrawal drops it.
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
});
