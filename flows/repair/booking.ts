import { and, assign } from 'xstate';
import { say } from '../say.js';
import type { ConversationEvent, TextEvent } from '../events.js';
import { REFUSED_TIMES, asking, findVisit, pause, release, repair } from './setup.js';
import { describe, pickedIndex, windowsOffered, type RepairContext } from './reading.js';

/**
 * The visit: windows a technician can take are offered (each held as a promise), one is chosen,
 * repeated back (复述) and booked on the resident's yes; left half-way, it waits for their return.
 */

const bookChosen = {
  type: 'bookVisit' as const,
  params: ({ context, event }: { context: RepairContext; event: ConversationEvent }) => {
    // The number given with the yes (对 13912345678), when asked for at the read-back.
    const contact = context.contact ?? (event.type === 'TEXT' ? event.slots.phone : undefined);
    return {
      hold: context.chosen!,
      problem: context.problem!,
      ...(context.category && { category: context.category }),
      ...(context.location && { location: context.location }),
      ...(context.unit && { unit: context.unit }),
      ...(context.messageId && { messageId: context.messageId }),
      ...(contact && { contact }),
    };
  },
};

const answerQuestion = {
  type: 'answerRepairQuestion' as const,
  params: ({ context, event }: { context: RepairContext; event: TextEvent }) => ({
    text: event.text,
    ...(context.category && { category: context.category }),
  }),
};

export const offering = repair.createStateConfig({
  on: {
    VISIT_OFFER: [
      {
        // The yes was given before the night: the time it named is still free, so it is booked.
        guard: ({ context, event }) => context.bookOnOffer === true && event.exact,
        target: 'done',
        actions: [assign({ chosen: ({ event }) => event.holds[0], holds: ({ event }) => event.holds }), bookChosen],
      },
      {
        guard: 'exact',
        target: 'confirming',
        actions: assign({
          holds: ({ event }) => event.holds,
          chosen: ({ event }) => event.holds[0],
          bookOnOffer: undefined,
          offer: undefined,
        }),
      },
      // "那就最早那个": the first window is the one asked for; the others go back at once.
      {
        guard: ({ context, event }) => context.soonest === true && event.mode === 'soonest' && event.holds.length > 0,
        target: 'confirming',
        actions: [
          { type: 'releaseHolds', params: ({ event }) => ({ holds: event.holds.slice(1) }) },
          assign({
            chosen: ({ event }) => event.holds[0],
            holds: ({ event }) => event.holds.slice(0, 1),
            soonest: undefined,
          }),
        ],
      },
      // The yes on their return was for that time only: other times are chosen and confirmed as usual.
      {
        target: 'choosing',
        actions: assign({
          holds: ({ event }) => event.holds,
          offer: ({ event }) => event.mode,
          bookOnOffer: undefined,
        }),
      },
    ],
    VISIT_NONE: [
      {
        guard: ({ event }) => event.past === true,
        target: 'askTime',
        actions: [
          say('repair.time_gone_by'),
          assign({ wanted: undefined, wantedHasHour: undefined, bookOnOffer: undefined }),
        ],
      },
      {
        guard: ({ event }) => event.horizonDays !== undefined,
        target: 'askTime',
        actions: [
          { type: 'say', params: ({ event }) => ({ key: 'repair.too_far', params: { days: event.horizonDays! } }) },
          assign({ wanted: undefined, wantedHasHour: undefined, bookOnOffer: undefined }),
        ],
      },
      { target: 'done', actions: say('repair.no_window') },
    ],
  },
});

export const choosing = repair.createStateConfig({
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
      // "姓吴 电话135…" while the windows are offered: taken, and the choice asked again.
      { guard: 'givesContact', target: 'choosing', reenter: true, actions: 'rememberContact' },
      ...REFUSED_TIMES,
      { guard: 'saysTime', target: 'route', actions: [release, assign({ holds: [] }), 'learn'] },
      { actions: say('repair.choose_again') },
    ],
  },
});

export const confirming = repair.createStateConfig({
  // 复述: the service repeated back before anything is booked.
  entry: {
    type: 'say',
    params: ({ context }) => [
      { key: 'repair.repeat_back', params: { what: describe(context) }, times: { visit: context.chosen! } },
      // Someone not on file: the technician needs a number to ring before coming.
      ...(context.stranger && !context.contact ? [{ key: 'repair.contact_please' }] : []),
    ],
  },
  on: {
    TEXT: [
      { guard: 'cancels', target: 'cancelled' },
      // What this repair costs is asked of this repair, before any other answer.
      { guard: 'asksPrice', target: 'confirming', reenter: true, actions: answerQuestion },
      ...asking('confirming'),
      // Another of their homes named (唔係 係1102): that home, the same time, read back again — or booked, with a yes.
      { guard: and(['correctsUnit', 'yes']), target: 'done', actions: ['correctUnit', bookChosen] },
      { guard: 'correctsUnit', target: 'confirming', reenter: true, actions: 'correctUnit' },
      { guard: 'yes', target: 'done', actions: bookChosen },
      // "那行 就周六上午": the very time being read back, said again, is a yes to it.
      {
        guard: ({ context, event }) =>
          event.type === 'TEXT' &&
          event.slots.time !== undefined &&
          event.slots.time === context.wanted &&
          // The day said with it: "下午吧" alone changes the part of the day, it agrees to nothing.
          event.slots.timeWithoutDay !== true &&
          // …with a word of agreement (那行 就周六上午), not a bare restatement.
          (event.answer === 'yes' || event.complaint?.answer === 'yes') &&
          !event.question,
        target: 'done',
        actions: bookChosen,
      },
      // "没得问题 师傅姓啥子嘛": a yes said first, then a question: booked, and the question answered.
      {
        guard: ({ event }) => event.type === 'TEXT' && event.yesThenQuestion === true && event.slots.time === undefined,
        target: 'done',
        actions: [answerQuestion, bookChosen],
      },
      // A question in reply ("能保证今天修好吗", "多少钱") is answered, and the booking asked again.
      { guard: 'asksBack', target: 'confirming', reenter: true, actions: answerQuestion },
      ...REFUSED_TIMES,
      // A correction with a new time: only the time changes, and it is repeated back again.
      { guard: 'saysTime', target: 'route', actions: [release, assign({ holds: [], chosen: undefined }), 'learn'] },
      // "姓吴 电话135…": how to reach them, taken, and the booking read back again for its yes.
      { guard: 'givesContact', target: 'confirming', reenter: true, actions: 'rememberContact' },
      // "晚一点的" / "早点行不行": that day's free windows, to pick from.
      {
        guard: ({ event }) => event.relative !== undefined && event.slots.time === undefined,
        target: 'offering',
        actions: [release, assign({ holds: [], chosen: undefined }), findVisit('day')],
      },
      { guard: 'correctsPlace', target: 'confirming', reenter: true, actions: 'correct' },
      { actions: say('repair.what_to_change') },
    ],
    IDLE: { target: 'paused', actions: pause(true) },
  },
});

// Left half-way and gone quiet: remembered for a day. Coming back to it picks it up where it was
// (the windows looked for again: nothing was held meanwhile); anything else is its own matter.
export const paused = repair.createStateConfig({
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
});
