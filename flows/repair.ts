import { assign, enqueueActions } from 'xstate';
import { say } from './say.js';
import { acknowledgeMedia } from './interruptions.js';
import { findVisit, pause, release, repair } from './repair/setup.js';
import { describe } from './repair/reading.js';
import { askDay, askProblem, askTime, askUnit } from './repair/asking.js';
import { choosing, confirming, offering, paused } from './repair/booking.js';

/**
 * Repair booking (家庭维修): understand the problem from the first message, ask only for what is
 * missing, offer only windows a technician can take (each offered window is held as a promise),
 * repeat the booking back (复述) and book it on the resident's yes. A question in reply is answered
 * and the booking repeated again; a fault in the common parts needs nobody at home and no time.
 * Emergencies never come here: they have their own flow (flows/emergency.ts).
 *
 * The states are in flows/repair/: asking (what is missing) and booking (the windows, the
 * repeat-back, the pause); what a message tells is read in reading.ts.
 */

export const REPAIR_VERSION = 7;

export const repairMachine = repair.createMachine({
  id: 'repair',
  context: { holds: [] },
  initial: 'starting',
  on: {
    NON_TEXT: { actions: acknowledgeMedia(true) },
    // An emergency, or a person asked for: what was held is given back, and reception takes over.
    SUSPEND: { target: '.abandoned', actions: release },
    // Silence half-way: what is known is kept for their return (the problem, the time, the home).
    IDLE: [
      { guard: ({ context }) => context.problem !== undefined, target: '.paused', actions: pause(false) },
      { target: '.abandoned', actions: [release, { type: 'farewellAfterSilence', params: {} }] },
    ],
  },
  states: {
    starting: { on: { START: 'collecting' } },
    collecting: {
      on: {
        TEXT: {
          target: 'route',
          actions: [
            'learn',
            // "家里跳闸了 全黑": what to do while waiting, before any time is asked.
            enqueueActions(({ event, enqueue }) => {
              if (event.type === 'TEXT' && event.breakerTripped) enqueue(say('repair.breaker_tip'));
            }),
          ],
        },
      },
    },
    route: {
      always: [
        { guard: ({ context }) => context.problem === undefined, target: 'askProblem' },
        {
          // The common parts: no one need be at home; a ticket with its promise to fix, the desk told.
          guard: ({ context }) => context.publicArea === true,
          target: 'done',
          actions: {
            type: 'openTicket',
            params: ({ context }) => ({
              type: 'repair' as const,
              category: context.liftDown ? 'lift_repair' : 'repair',
              kind: 'repair_visit' as const,
              target: 'resolution' as const,
              ackKey: 'repair.public_received',
              staffKey: 'staff.request.public_repair',
              joinsRecent: true as const,
              text: describe(context),
              ...(context.messageId && { messageId: context.messageId }),
            }),
          },
        },
        // Which of their homes, for a fault inside one (the common parts need none: 部电梯坏咗).
        { guard: ({ context }) => context.units !== undefined && context.unit === undefined, target: 'askUnit' },
        // "…你们啥时候有空": the time left to us in the first message, the soonest windows are offered.
        {
          guard: ({ context }) => context.wanted === undefined && context.leftToUs === true,
          target: 'offering',
          actions: [assign({ leftToUs: undefined }), findVisit('soonest')],
        },
        { guard: ({ context }) => context.wanted === undefined && context.period !== undefined, target: 'askDay' },
        { guard: ({ context }) => context.wanted === undefined, target: 'askTime' },
        // A day without an hour: that day's free windows are offered.
        { guard: ({ context }) => context.wantedHasHour !== true, target: 'offering', actions: findVisit('day') },
        { target: 'offering', actions: findVisit('exact') },
      ],
    },
    askProblem,
    askUnit,
    askTime,
    askDay,
    offering,
    choosing,
    confirming,
    paused,
    cancelled: { entry: [release, say('repair.cancelled')], always: 'done' },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});
