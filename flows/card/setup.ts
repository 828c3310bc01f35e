import { assign, setup } from 'xstate';
import { runtimeEffects } from '../runtime-effects.js';
import { isAside, isCancel } from '../interruptions.js';
import type { ConversationEvent } from '../events.js';
import { asksFees, changes, hasFormData, learned, offersFormData, type Context, type Field } from './reading.js';

/** The card flow's context, events, named actions and named guards: what its states are written in. */
export const card = setup({
  types: { context: {} as Context, events: {} as ConversationEvent },
  actions: {
    ...runtimeEffects,
    learn: assign(({ context, event }, field?: Field) => (event.type === 'TEXT' ? learned(context, event, field) : {})),
  },
  guards: {
    // Only a clear cancel, and never a message that fills the form ("那办吧 张伟 3-2-1201…").
    cancels: ({ event }) => isCancel(event) && event.type === 'TEXT' && !hasFormData(event),
    aside: ({ event }) => isAside(event),
    asksFees: ({ context, event }, field?: Field) => asksFees(context, event, field),
    // Words about the matter waiting its turn (先看欠费) fill no field of this form.
    fills: ({ context, event }, field: Field) =>
      event.type === 'TEXT' && event.aboutWaiting !== true && changes(context, event, field),
    yes: ({ event }) => event.type === 'TEXT' && event.answer === 'yes',
    corrects: ({ context, event }) => event.type === 'TEXT' && changes(context, event),
    /** Wants it done after all: says so, names a business, says whom it is for, or gives the form's details. */
    wants: ({ context, event }) =>
      event.type === 'TEXT' &&
      (event.answer === 'yes' ||
        event.slots.cardRequest === true ||
        event.slots.cardForSelf === true ||
        event.slots.cardForOthers === true ||
        offersFormData(event) ||
        changes(context, event)),
  },
});

/** This card business's own fee standard, explained (again when asked about in the middle of the form). */
export const explainAgain = {
  type: 'explainCard' as const,
  params: ({ context }: { context: Context }) => ({ card: context.card!, business: context.business! }),
};
