import { assign } from 'xstate';
import { say } from '../say.js';
import { alertManager, complaint } from './setup.js';
import { onlyAcknowledges, startsOtherMatter } from './reading.js';

/** After the complaint is with someone: the manager after a threat, or the earlier complaint it adds to. */

// A threat of harm: the manager knows; whatever the resident says next goes to them too.
export const withManager = complaint.createStateConfig({
  on: {
    TEXT: { actions: { type: 'alertManager', params: ({ event }) => ({ what: event.text, more: true as const }) } },
    NON_TEXT: {
      actions: { type: 'alertManager', params: ({ event }) => ({ what: `[${event.kind}]`, more: true as const }) },
    },
    // The manager is in touch: the chat closes without a farewell.
    IDLE: { target: 'done' },
  },
});

// Added to an earlier complaint: more words go onto it until another matter comes up.
export const following = complaint.createStateConfig({
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
});
