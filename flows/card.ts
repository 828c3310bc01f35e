import { assign, enqueueActions } from 'xstate';
import { say } from './say.js';
import { acknowledgeMedia } from './interruptions.js';
import { card, explainAgain } from './card/setup.js';
import { hasFormData, needsPlate } from './card/reading.js';
import { explaining, offering, opening } from './card/opening.js';
import { askBusiness, askCard, askName, askPhone, askPlate, askUnit, confirming, correcting } from './card/form.js';

/**
 * Card business (门禁卡、停车卡、会员卡: new, replacement, renewal, cancellation, adding a plate):
 * which card and what business, then the fee standard and the documents to bring, then the form
 * one field at a time (who, unit, plate for a parking card, contact) — what the office knows of a
 * bound resident filled in or offered, never asked blind — repeated back (复述), and on the
 * resident's yes a ticket K… with its card_service promise.
 *
 * A question about the fee ("停车月卡多少钱") is answered as a question: the standard, then an offer
 * to register it, no form unless they want one. Inside the form a question about the fee, the
 * deposit or the documents is answered from this card business's own standard, and the form goes on.
 *
 * The states are in flows/card/: opening (the first message, the fee standard, the offer) and form
 * (the fields, the repeat-back, corrections); what a message fills in is read in reading.ts.
 */

export const CARD_VERSION = 3;

/** A card form left half-way is remembered this long: nothing is held meanwhile, so days do no harm. */
const CARD_REMEMBERED_MS = 3 * 24 * 60 * 60 * 1000;

export const cardMachine = card.createMachine({
  id: 'card',
  context: {},
  initial: 'starting',
  on: {
    SUSPEND: '.abandoned',
    NON_TEXT: { actions: acknowledgeMedia(false) },
    IDLE: [
      // Gone quiet half-way through the form: kept a few days, and they are told how to pick it up.
      {
        guard: ({ context }) => context.card !== undefined && context.business !== undefined && !context.inquiring,
        target: '.paused',
        actions: { type: 'farewellAfterSilence', params: { key: 'card.paused' } },
      },
      { target: '.abandoned', actions: { type: 'farewellAfterSilence', params: {} } },
    ],
  },
  states: {
    starting: { on: { START: 'opening' } },
    opening,
    // What is still missing decides the next question; the fee standard is explained once per business.
    route: {
      always: [
        { guard: ({ context }) => !context.card, target: 'askCard' },
        { guard: ({ context }) => !context.business, target: 'askBusiness' },
        {
          guard: ({ context }) => context.explainedFor !== `${context.card}:${context.business}`,
          target: 'explaining',
          actions: explainAgain,
        },
        { guard: ({ context }) => context.inquiring === true && context.moreToCome === true, target: 'done' },
        { guard: ({ context }) => context.inquiring === true, target: 'offering' },
        // A verified resident applies for themselves unless they say otherwise: the repeat-back names them, and
        // "办卡人是我老公" corrects it there — one question fewer.
        {
          guard: ({ context }) => !context.name && context.known?.name !== undefined && !context.forOthers,
          target: 'route',
          reenter: true,
          actions: assign({ name: ({ context }) => context.known!.name }),
        },
        { guard: ({ context }) => !context.name, target: 'askName' },
        { guard: ({ context }) => !context.unit, target: 'askUnit' },
        { guard: ({ context }) => needsPlate(context) && !context.plate, target: 'askPlate' },
        { guard: ({ context }) => !context.phone, target: 'askPhone' },
        { target: 'confirming' },
      ],
    },
    explaining,
    offering,
    askCard,
    askBusiness,
    askName,
    askUnit,
    askPlate,
    askPhone,
    confirming,
    correcting,
    cancelled: { entry: say('card.cancelled'), always: 'done' },
    // Coming back to it (上次讲到哪, 继续, a field's answer) carries on where it was; anything else is its own matter.
    paused: {
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          {
            guard: ({ event }) =>
              event.type === 'TEXT' &&
              (event.answer === 'yes' ||
                event.resumes === true ||
                event.intent === 'card' ||
                event.intent === 'progress' ||
                hasFormData(event)),
            target: 'route',
            // "继续" says nothing of the card (its 续 is no renewal): only what fills the form is taken.
            actions: enqueueActions(({ event, enqueue }) => {
              if (event.type === 'TEXT' && (!event.resumes || hasFormData(event))) enqueue({ type: 'learn' });
            }),
          },
          {
            target: 'abandoned',
            actions: { type: 'startFlow', params: ({ event }) => ({ flow: 'reception', event }) },
          },
        ],
        IDLE: [
          { guard: ({ event }) => event.type === 'IDLE' && (event.silentMs ?? 0) < CARD_REMEMBERED_MS },
          { target: 'abandoned' },
        ],
      },
    },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});
