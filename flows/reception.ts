import { assign } from 'xstate';
import { say } from './say.js';
import { isCancel } from './interruptions.js';
import { proposeNewTime, reception, emergencyFirst } from './reception/setup.js';
import { listening } from './reception/listening.js';
import { binding } from './reception/binding.js';
import { movingVisit } from './reception/moving.js';
import {
  awaitingNewTime,
  awaitingRating,
  awaitingReschedule,
  awaitingResolution,
  hearingMore,
} from './reception/follow-ups.js';

/**
 * Reception (接待): the standard greeting, the menu, the farewell, and a fallback that offers the
 * options and a person; every topic goes from here to its own flow or ticket. The states are in
 * flows/reception/: listening (the topic dispatch), binding, and the follow-ups after a ticket.
 */

/** Bump when states or context change shape: stored conversations of an older version restart politely. */
export const RECEPTION_VERSION = 13;

export const receptionMachine = reception.createMachine({
  id: 'reception',
  context: { fallbacks: 0 },
  initial: 'new',
  on: {
    // A move being read back (its window held) gives way to whatever the office says next.
    RATING_REQUESTED: {
      target: '.awaitingRating',
      actions: [
        'releaseMove',
        assign({ rating: ({ event }) => event.ticket, ratingEmergency: ({ event }) => event.emergency || undefined }),
        // An emergency handled is asked after first as safety, not as a repair's quality.
        {
          type: 'say',
          params: ({ event }) => ({
            key: event.emergency ? 'repair.rate_emergency' : 'repair.rate',
            params: { ticket: event.ticket },
          }),
        },
      ],
    },
    COMPLAINT_DONE: {
      target: '.awaitingResolution',
      actions: [
        'releaseMove',
        assign({ resolution: ({ event }) => event.ticket }),
        { type: 'say', params: ({ event }) => ({ key: 'complaint.ask_resolved', params: { ticket: event.ticket } }) },
      ],
    },
    HANDOFF_ENDED: {
      target: '.listening',
      actions: [
        'releaseMove',
        {
          type: 'say',
          params: ({ event }) => ({ key: 'reception.handoff_ended', params: { ticket: event.ticket } }),
        },
      ],
    },
    IDLE: [
      { guard: 'idleIsStale', target: '.closed' },
      { target: '.closed', actions: { type: 'farewellAfterSilence', params: {} } },
    ],
    RESCHEDULE_PROPOSED: [
      {
        guard: ({ context }) => context.proposal !== undefined,
        target: '.awaitingReschedule',
        actions: [
          {
            type: 'declineReschedule',
            params: ({ context }) => ({ ...context.proposal!, reason: 'superseded' as const }),
          },
          'rememberProposal',
          proposeNewTime,
        ],
      },
      { target: '.awaitingReschedule', actions: ['releaseMove', 'rememberProposal', proposeNewTime] },
    ],
  },
  states: {
    new: {
      on: {
        START: [
          // Someone chasing an open ticket is answered about it, not greeted as if they were new; a danger is met
          // with its advice first, not with "what can I do for you?".
          {
            guard: ({ event }) => event.proactive === true || event.chasing === true || event.danger === true,
            target: 'listening',
          },
          { guard: ({ event }) => event.restarted === true, target: 'listening', actions: say('reception.restarted') },
          { target: 'listening', actions: say('reception.greeting') },
        ],
      },
    },
    listening,
    binding,
    awaitingNewTime,
    awaitingResolution,
    awaitingRating,
    hearingMore,
    awaitingReschedule,
    movingVisit,
    // A person handles the conversation: the resident's words go to them, and the bot says nothing
    // of its own (promises it owns still speak: reminders and the ladder do not pass through here).
    withStaff: {
      on: {
        TEXT: [
          emergencyFirst,
          // "算了明天再说": put off to the day they name, not called off; the person still gets back to them.
          {
            guard: ({ event }) => isCancel(event) && !(event.type === 'TEXT' && event.slots.time !== undefined),
            target: 'listening',
            actions: { type: 'cancelHandoff', params: {} },
          },
          {
            actions: {
              type: 'relayToStaff',
              params: ({ event }) => ({
                text: event.text,
                // 还有人吗 / 在吗 while waiting for a person asks after them as much as 人呢 does.
                ...(event.type === 'TEXT' &&
                  (event.aboutTicket === 'chase' || (event.intent === 'greeting' && event.question === true)) && {
                    chasing: true as const,
                  }),
              }),
            },
          },
        ],
        NO_WORDS: {},
        TOO_LONG: {},
        NON_TEXT: { actions: { type: 'relayToStaff', params: ({ event }) => ({ text: `[${event.kind}]` }) } },
        // Silence is not the end of a handoff: the person handling it ends it (#完成).
        IDLE: {},
      },
    },
    closed: { type: 'final' },
  },
});
