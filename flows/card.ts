import { assign, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import { acknowledgeMedia, answerAside, isAside, isCancel } from './interruptions.js';
import type { CardApplication, ConversationEvent, KnownApplicant, TextEvent } from './events.js';

/**
 * Card business (门禁卡、停车卡、会员卡: new, replacement, renewal, cancellation, adding a plate):
 * which card and what business, then the fee standard and the documents to bring, then the form
 * one field at a time (who, unit, plate for a parking card, contact) — nothing known asked again —
 * repeated back (复述), and on the resident's yes a ticket K… with its card_service promise.
 */

export const CARD_VERSION = 2;

type Field = 'card' | 'business' | 'name' | 'unit' | 'plate' | 'phone';

interface Context extends Partial<CardApplication> {
  /** The card and business whose fee standard was explained: a correction of either explains again. */
  explainedFor?: string;
  messageId?: string;
}

const needsPlate = (c: Context) => c.card === 'parking';
/** A name as a resident types it: a few letters, no digits (a unit or phone is not a name). */
const NAME = /^[\p{L}·\s]{2,20}$/u;

/** What a message fills in; `asking` takes a bare answer (a name has no other mark). */
function learned(context: Context, event: TextEvent, asking?: Field): Partial<Context> {
  const s = event.slots;
  const bareName = asking === 'name' && !s.name && NAME.test(event.text.trim()) ? event.text.trim() : undefined;
  const business = s.cardBusiness ?? (s.plate && context.card === 'parking' && !context.business ? 'add_plate' : undefined);
  return {
    ...(s.cardType && { card: s.cardType }),
    ...(business && { business }),
    ...((s.name ?? bareName) && { name: s.name ?? bareName }),
    ...(s.unit && { unit: s.unit }),
    ...(s.plate && { plate: s.plate }),
    ...(s.phone && { phone: s.phone }),
    ...(event.messageId && !context.messageId && { messageId: event.messageId }),
  };
}

const changes = (context: Context, event: TextEvent) => Object.entries(learned(context, event)).some(([k, v]) => k !== 'messageId' && context[k as keyof Context] !== v);

const asking = (field: Field, state: string) => ({
  entry: say(`card.ask_${field}`),
  on: {
    TEXT: [
      { guard: 'cancels' as const, target: '#card.cancelled' },
      { guard: 'aside' as const, target: state, reenter: true, actions: answerAside('card') },
      { guard: { type: 'answers' as const, params: field }, target: '#card.route', actions: { type: 'learn' as const, params: field } },
      { actions: say(field === 'card' || field === 'business' ? `card.ask_${field}` : `card.ask_${field}_again`) },
    ],
  },
});

export const cardMachine = setup({
  types: { context: {} as Context, events: {} as ConversationEvent },
  actions: {
    ...runtimeEffects,
    learn: assign(({ context, event }, field?: Field) => (event.type === 'TEXT' ? learned(context, event, field) : {})),
  },
  guards: {
    cancels: ({ event }) => isCancel(event),
    aside: ({ event }) => isAside(event),
    answers: ({ context, event }, field: Field) => {
      if (event.type !== 'TEXT') return false;
      const value = learned(context, event, field)[field];
      return value !== undefined;
    },
    yes: ({ event }) => event.type === 'TEXT' && event.answer === 'yes',
    corrects: ({ context, event }) => event.type === 'TEXT' && changes(context, event),
  },
}).createMachine({
  id: 'card',
  context: {},
  initial: 'starting',
  on: { SUSPEND: '.abandoned', NON_TEXT: { actions: acknowledgeMedia(false) }, IDLE: { target: '.abandoned', actions: { type: 'farewellAfterSilence', params: {} } } },
  states: {
    starting: { on: { START: 'opening' } },
    opening: { on: { TEXT: { target: 'route', actions: 'learn' } } },
    route: {
      always: [
        { guard: ({ context }) => !context.card, target: 'askCard' },
        { guard: ({ context }) => !context.business, target: 'askBusiness' },
        {
          guard: ({ context }) => context.explainedFor !== `${context.card}:${context.business}`,
          target: 'explaining',
          actions: { type: 'explainCard', params: ({ context }) => ({ card: context.card!, business: context.business! }) },
        },
        { guard: ({ context }) => !context.name, target: 'askName' },
        { guard: ({ context }) => !context.unit, target: 'askUnit' },
        { guard: ({ context }) => needsPlate(context) && !context.plate, target: 'askPlate' },
        { guard: ({ context }) => !context.phone, target: 'askPhone' },
        { target: 'confirming' },
      ],
    },
    explaining: {
      on: {
        CARD_FEES: [
          {
            guard: ({ event }) => event.type === 'CARD_FEES' && event.offered,
            target: 'route',
            // A bound resident's own details fill in what was not said; the repeat-back lets them change it.
            actions: assign(({ context, event }) => {
              const known: KnownApplicant = event.type === 'CARD_FEES' ? event.known : {};
              return { explainedFor: `${context.card}:${context.business}`, name: context.name ?? known.name, unit: context.unit ?? known.unit, phone: context.phone ?? known.phone };
            }),
          },
          {
            target: 'askBusiness',
            actions: [
              { type: 'say', params: ({ context }) => ({ key: 'card.not_offered', params: { card: context.card!, business: context.business! } }) },
              assign({ business: undefined }),
            ],
          },
        ],
      },
    },
    askCard: asking('card', 'askCard'),
    askBusiness: asking('business', 'askBusiness'),
    askName: asking('name', 'askName'),
    askUnit: asking('unit', 'askUnit'),
    askPlate: asking('plate', 'askPlate'),
    askPhone: asking('phone', 'askPhone'),
    confirming: {
      entry: {
        type: 'say',
        params: ({ context }) => ({
          key: needsPlate(context) ? 'card.repeat_back_plate' : 'card.repeat_back',
          params: { card: context.card!, business: context.business!, name: context.name!, unit: context.unit!, phone: context.phone!, plate: context.plate ?? '' },
        }),
      },
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'aside', target: 'confirming', reenter: true, actions: answerAside('card') },
          // A correction that names the new value ("车牌是浙A54321") is taken and repeated back.
          { guard: 'corrects', target: 'route', actions: 'learn' },
          {
            guard: 'yes',
            target: 'done',
            actions: {
              type: 'applyForCard',
              params: ({ context }) => ({
                card: context.card!,
                business: context.business!,
                name: context.name!,
                unit: context.unit!,
                phone: context.phone!,
                ...(needsPlate(context) && { plate: context.plate! }),
                ...(context.messageId && { messageId: context.messageId }),
              }),
            },
          },
          { guard: ({ event }) => event.type === 'TEXT' && (event.answer === 'no' || event.answer === 'correct'), target: 'correcting' },
          { actions: say('card.confirm_again') },
        ],
      },
    },
    correcting: {
      entry: say('card.what_to_change'),
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          { guard: 'corrects', target: 'route', actions: 'learn' },
          { actions: say('card.what_to_change') },
        ],
      },
    },
    cancelled: { entry: say('card.cancelled'), always: 'done' },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});
