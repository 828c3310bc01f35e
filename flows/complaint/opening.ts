import { assign } from 'xstate';
import { factsOf, hearFirst } from '../complaint-heard.js';
import { alertManager, complaint, empathy } from './setup.js';
import { linksTo } from './reading.js';

/** The first message: everything it tells, then a look for an earlier complaint it is about. */

export const opening = complaint.createStateConfig({
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
            // "又坏了" with nothing of theirs open is a new complaint, not a chase of an open repair.
            aboutOpenMatter: f.refersBack !== undefined && event.intent !== 'complaint' && (event.openTickets ?? 0) > 0,
            messageId: event.messageId,
          };
        }),
        { type: 'lookBackForComplaint', params: {} },
      ],
    },
  },
});

export const lookingBack = complaint.createStateConfig({
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
});
