import { assign, or } from 'xstate';
import { say } from '../say.js';
import { isCancel } from '../interruptions.js';
import type { KnownApplicant } from '../events.js';
import { card } from './setup.js';
import { hasFormData, ownUnit } from './reading.js';

/**
 * Before the form: the first message (which card, what business, or only what it costs), the fee
 * standard with what the office knows of the resident, and the offer to register after a question.
 */
export const opening = card.createStateConfig({
  on: {
    TEXT: [
      // No card named, and a question the office has an answer for ("访客停车收费吗"): that answer.
      {
        guard: ({ event }) => event.faq !== undefined && !event.slots.cardType && !event.slots.cardBusiness,
        target: 'done',
        actions: { type: 'answerAside', params: ({ event }) => ({ event }) },
      },
      {
        target: 'route',
        actions: [
          { type: 'reportCardLoss', params: ({ event }) => ({ text: event.text, lost: event.reportsLoss === true }) },
          'learn',
          // "停车月卡多少钱": a question, not yet a request; the price of a card is the price of getting one.
          assign(({ context, event }) =>
            event.asksFees && !event.slots.cardRequest && !hasFormData(event)
              ? {
                  inquiring: true as const,
                  business: context.business ?? 'new',
                  ...(event.next && { moreToCome: true as const }),
                }
              : {},
          ),
        ],
      },
    ],
  },
});

export const explaining = card.createStateConfig({
  on: {
    CARD_FEES: [
      {
        guard: ({ event }) => event.offered,
        target: 'route',
        // The household's unit and phone fill in what was not said; the name is offered, not assumed
        // (cards are often for a parent, a helper or a tenant); the repeat-back lets them change any.
        actions: assign(({ context, event }) => {
          const known: KnownApplicant = event.known;
          const unit = context.unit ?? ownUnit(known, context.rooms);
          return {
            explainedFor: `${context.card}:${context.business}`,
            known,
            ...(unit && { unit }),
            ...((context.phone ?? known.phone) && { phone: context.phone ?? known.phone }),
          };
        }),
      },
      {
        target: 'askBusiness',
        actions: [
          {
            type: 'say',
            params: ({ context }) => ({
              key: 'card.not_offered',
              params: { card: context.card!, business: context.business! },
            }),
          },
          assign({ business: undefined, inquiring: undefined }),
        ],
      },
    ],
  },
});

// The fee was asked about: answered; registering it is offered, not pressed.
export const offering = card.createStateConfig({
  entry: say('card.offer'),
  on: {
    TEXT: [
      // "不是我 给我妈办的" is no "no": it is for someone else, and the form is for them.
      {
        guard: ({ event }) =>
          (isCancel(event) || event.answer === 'no') && !(event.type === 'TEXT' && event.slots.cardForOthers === true),
        target: 'done',
        actions: say('card.offer_declined'),
      },
      {
        guard: ({ event }) => event.asksFees === true && !event.slots.cardRequest,
        target: 'route',
        actions: ['learn', assign({ explainedFor: undefined })],
      },
      // A yes, or the business named as the go-ahead ("续", "那补一张吧").
      {
        guard: or(['wants', ({ event }) => event.slots.cardBusiness !== undefined]),
        target: 'route',
        actions: ['learn', assign({ inquiring: undefined })],
      },
      // Something else entirely: the card matter rests, and reception hears it.
      { target: 'done', actions: { type: 'startFlow', params: ({ event }) => ({ flow: 'reception', event }) } },
    ],
  },
});
