import { assign } from 'xstate';
import { say } from '../say.js';
import { REFUSED_TIMES, asking, findVisit, repair } from './setup.js';
import { pickedUnit } from './reading.js';

/** The questions for what the first message did not say: the problem, which home, the day and the time. */

/** An answer this short names no problem (对 快点, 好的好的). */
const SHORT_ANSWER = 6;

export const askProblem = repair.createStateConfig({
  entry: {
    type: 'say',
    params: ({ context }) => ({ key: context.urgent ? 'repair.ask_what_happened' : 'repair.ask_problem' }),
  },
  on: {
    TEXT: [
      ...asking('askProblem'),
      // "对 快点", "好的": an answer, with nothing said of what is broken; the question stands.
      {
        guard: ({ event }) =>
          event.type === 'TEXT' &&
          event.answer !== undefined &&
          event.slots.category === undefined &&
          event.slots.location === undefined &&
          event.text.replace(/[\s\p{P}]/gu, '').length <= SHORT_ANSWER,
        target: 'askProblem',
        reenter: true,
      },
      // "明天上午": when, not what; kept for the booking, and what is broken asked again.
      {
        guard: ({ event }) =>
          event.type === 'TEXT' &&
          event.slots.time !== undefined &&
          event.slots.category === undefined &&
          event.slots.location === undefined &&
          event.intent === 'other',
        target: 'askProblem',
        reenter: true,
        actions: 'learn',
      },
      { target: 'route', actions: [assign({ problem: ({ event }) => event.text }), 'learn'] },
    ],
  },
});

export const askUnit = repair.createStateConfig({
  entry: {
    type: 'say',
    params: ({ context }) => ({ key: 'repair.ask_unit', params: { units: context.units!.join(' / ') } }),
  },
  on: {
    TEXT: [
      // The answer to the question just asked comes first: "1102那套 出租的那个" picks a home, whatever else it reads as.
      {
        guard: 'picksUnit',
        target: 'route',
        // A time said with it ("1101那套 上午10点左右") is taken too.
        actions: [assign({ unit: ({ context, event }) => pickedUnit(context, event) }), 'learn'],
      },
      ...asking('askUnit'),
      { target: 'askUnit', reenter: true },
    ],
  },
});

const askingForTime = (state: string) => [
  { guard: 'cancels' as const, target: 'cancelled' },
  // "不知道 / 都行 / 你们师傅啥时候有空": the soonest windows are offered (a question about us, not an aside).
  {
    guard: 'leavesItToUs' as const,
    target: 'offering',
    actions: ['rememberSoonest' as const, findVisit('soonest')],
  },
  ...asking(state),
  ...REFUSED_TIMES,
  { guard: 'saysTime' as const, target: 'route', actions: 'learn' as const },
  // "我家厨房的" / "水管" / "在漏水 滴滴答答的": still telling what is broken, in pieces; all of it is kept for the
  // technician, and the time asked for once it is told.
  { guard: 'tellsMoreOfProblem' as const, actions: ['addToProblem' as const, say('repair.ask_time')] },
  { actions: say('repair.ask_time_again') },
];

export const askTime = repair.createStateConfig({
  entry: say('repair.ask_time'),
  on: { TEXT: askingForTime('askTime') },
});
export const askDay = repair.createStateConfig({ entry: say('repair.ask_day'), on: { TEXT: askingForTime('askDay') } });
