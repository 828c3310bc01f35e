import { raise } from 'xstate';
import { emergencyFirst, reception } from './setup.js';
import { offersTime } from './reading.js';
import type { Context } from './reading.js';

/** The move read back again: the same held window, the same question. */
const askMoveAgain = {
  type: 'say' as const,
  params: ({ context }: { context: Context }) => ({
    key: 'repair.confirm_move',
    params: { ticket: context.move!.ticket },
    times: { visit: context.move!.hold },
  }),
};

/**
 * The resident asked to move their booked visit: the new window is held and read back (复述), and the visit moves
 * only on their yes. Another time is read back in its turn; a no keeps the visit as it was.
 */
export const movingVisit = reception.createStateConfig({
  on: {
    MOVE_OFFER: { actions: 'rememberMove' },
    // No room at that time: they are asked for another; nothing booked to move: back to listening.
    MOVE_NONE: [{ guard: ({ event }) => event.booked, target: 'awaitingNewTime' }, { target: 'listening' }],
    TEXT: [
      { ...emergencyFirst, actions: ['releaseMove', emergencyFirst.actions] },
      {
        guard: ({ context, event }) => event.answer === 'yes' && context.move !== undefined && event.question !== true,
        target: 'listening',
        actions: [{ type: 'confirmMove', params: ({ context }) => ({ hold: context.move!.hold }) }, 'forgetMove'],
      },
      {
        guard: ({ event }) => offersTime(event),
        target: 'movingVisit',
        reenter: true,
        actions: 'moveAgain',
      },
      {
        guard: ({ event }) => event.answer === 'no' || event.answer === 'correct' || event.cancels === true,
        target: 'awaitingNewTime',
        actions: [
          {
            type: 'say',
            params: ({ context }) => ({ key: 'repair.move_kept', params: { ticket: context.move?.ticket ?? '' } }),
          },
          'releaseMove',
        ],
      },
      // A question in reply, or words that say nothing: the read-back is asked again.
      {
        guard: ({ context, event }) =>
          context.move !== undefined && (event.question === true || event.intent === 'other'),
        actions: askMoveAgain,
      },
      // Another matter: the move is not made, and that matter is heard.
      { target: 'listening', actions: ['releaseMove', raise(({ event }) => event)] },
    ],
    NO_WORDS: { guard: ({ context }) => context.move !== undefined, actions: askMoveAgain },
    NON_TEXT: { guard: ({ context }) => context.move !== undefined, actions: askMoveAgain },
    IDLE: [
      { guard: 'questionStillOpen' },
      { target: 'closed', actions: ['releaseMove', { type: 'farewellAfterSilence', params: {} }] },
    ],
  },
});
