import { assign, setup } from 'xstate';
import { say } from './say.js';
import { runtimeEffects } from './runtime-effects.js';
import { acknowledgeMedia, answerAside, isAside, isCancel } from './interruptions.js';
import type { CardApplication, ConversationEvent, KnownApplicant, TextEvent } from './events.js';

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
 */

export const CARD_VERSION = 3;

type Field = 'card' | 'business' | 'name' | 'unit' | 'plate' | 'phone';

interface Context extends Partial<CardApplication> {
  /** The card and business whose fee standard was explained: a correction of either explains again. */
  explainedFor?: string;
  messageId?: string;
  /** What the office knows of a bound resident (from the fee standard's answer). */
  known?: KnownApplicant;
  /** Room numbers said along the way ("1102那套"): one of the resident's own units, once known. */
  rooms?: string[];
  /** Only asked what it costs: answered and offered, no form unless they want one. */
  inquiring?: true;
  /** The question came with another matter: answered, and that matter comes next rather than an offer. */
  moreToCome?: true;
}

const needsPlate = (c: Context) => c.card === 'parking';
/** A name as a resident types it: a few letters, no digits (a unit or phone is not a name). */
const NAME = /^[\p{L}·\s]{2,20}$/u;
/** A room number on its own: three or four digits, not part of a phone, a plate or a longer number. */
const ROOM = /(?<![\dA-Za-z])\d{3,4}(?![\dA-Za-z])/g;

const text = (event: ConversationEvent) => event as TextEvent;

/** Only a name, as the answer to "办卡人是？": no yes or no, no question, nothing about the card. */
const isBareName = (e: TextEvent) =>
  NAME.test(e.text.trim()) &&
  e.answer === undefined &&
  !e.question &&
  !e.asksFees &&
  !e.slots.cardForSelf &&
  !e.slots.cardType &&
  !e.slots.cardBusiness &&
  !e.slots.cardRequest &&
  !e.slots.cardGeneric;

/** The form's own fields in a message: then it is filling the form, whatever else its words say. */
const hasFormData = (e: TextEvent) => Boolean(e.slots.phone || e.slots.unit || e.slots.plate || e.slots.name);

/**
 * The card holder's name: introduced, bare when asked for, shaped like one among other fields, or "本人" when offered.
 */
function nameIn(context: Context, event: TextEvent, asking?: Field): string | undefined {
  const s = event.slots;
  if (s.name) return s.name;
  const askingName = asking === 'name';
  if (s.nameGuess && (askingName || hasFormData(event))) return s.nameGuess;
  if (askingName && isBareName(event)) return event.text.trim();
  if (askingName && context.known?.name && (s.cardForSelf || event.answer === 'yes')) return context.known.name;
  return undefined;
}

/** Once chosen, the business changes only when another is named: "那办吧" asks for this one. */
function businessIn(context: Context, s: TextEvent['slots']): string | undefined {
  if (s.cardBusiness) return s.cardBusiness;
  if (context.business) return undefined;
  if (s.plate && context.card === 'parking') return 'add_plate';
  return s.cardRequest || s.cardGeneric ? 'new' : undefined;
}

/** What a message fills in; `asking` takes a bare answer (a name has no other mark). */
function learned(context: Context, event: TextEvent, asking?: Field): Partial<Context> {
  const s = event.slots;
  const name = nameIn(context, event, asking);
  const business = businessIn(context, s);
  const rooms = [...event.text.matchAll(ROOM)].map((m) => m[0]);
  const unit = s.unit ?? roomOf(context.known, rooms);
  return {
    ...(s.cardType && { card: s.cardType }),
    ...(business && { business }),
    ...(name && { name }),
    ...(unit && { unit }),
    ...(s.plate && { plate: s.plate }),
    ...(s.phone && { phone: s.phone }),
    ...(rooms.length > 0 && { rooms: [...(context.rooms ?? []), ...rooms] }),
    ...(event.messageId && !context.messageId && { messageId: event.messageId }),
  };
}

/** The one of the resident's own units a room number names ("1102那套"). */
function roomOf(known: KnownApplicant | undefined, rooms: readonly string[] = []): string | undefined {
  const named = (known?.units ?? []).filter((u) => rooms.includes(u.split('-').at(-1)!));
  return named.length === 1 ? named[0] : undefined;
}

/** The household's unit when the resident has one, else the one of theirs they named. */
const ownUnit = (known: KnownApplicant, rooms?: readonly string[]) =>
  known.units.length === 1 ? known.units[0] : roomOf(known, rooms);

const FIELDS = ['card', 'business', 'name', 'unit', 'plate', 'phone'] as const;
const changes = (context: Context, event: TextEvent, asking?: Field) => {
  const found = learned(context, event, asking);
  return FIELDS.some((k) => found[k] !== undefined && context[k] !== found[k]);
};

/** A question about what this business costs or needs, not a change to the form. */
const asksFees = (context: Context, event: ConversationEvent, asking?: Field) =>
  event.type === 'TEXT' &&
  event.asksFees === true &&
  context.card !== undefined &&
  context.business !== undefined &&
  !changes(context, event, asking);

const explainAgain = {
  type: 'explainCard' as const,
  params: ({ context }: { context: Context }) => ({ card: context.card!, business: context.business! }),
};

const askKey = (field: Field, context: Context): { key: string; params?: Record<string, string> } => {
  if (field === 'name' && context.known?.name)
    return { key: 'card.ask_name_known', params: { name: context.known.name } };
  if (field === 'unit' && (context.known?.units.length ?? 0) > 1)
    return { key: 'card.ask_unit_which', params: { units: context.known!.units.join(' / ') } };
  return { key: `card.ask_${field}` };
};

const asking = (field: Field, state: string) => ({
  entry: { type: 'say' as const, params: ({ context }: { context: Context }) => askKey(field, context) },
  on: {
    TEXT: [
      { guard: 'cancels' as const, target: '#card.cancelled' },
      // "押金退不退": this card's own standard, then the same question again.
      { guard: { type: 'asksFees' as const, params: field }, target: state, reenter: true, actions: explainAgain },
      {
        guard: { type: 'fills' as const, params: field },
        target: '#card.route',
        actions: { type: 'learn' as const, params: field },
      },
      { guard: 'aside' as const, target: state, reenter: true, actions: answerAside('card') },
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
    // Only a clear cancel, and never a message that fills the form ("那办吧 张伟 3-2-1201…").
    cancels: ({ event }) => isCancel(event) && !hasFormData(text(event)),
    aside: ({ event }) => isAside(event),
    asksFees: ({ context, event }, field?: Field) => asksFees(context, event, field),
    fills: ({ context, event }, field: Field) => event.type === 'TEXT' && changes(context, event, field),
    yes: ({ event }) => event.type === 'TEXT' && event.answer === 'yes',
    corrects: ({ context, event }) => event.type === 'TEXT' && changes(context, event),
    /** Wants it done after all: says so, names a business, or gives the form's details. */
    wants: ({ context, event }) =>
      event.type === 'TEXT' &&
      (event.answer === 'yes' || event.slots.cardRequest === true || hasFormData(event) || changes(context, event)),
  },
}).createMachine({
  id: 'card',
  context: {},
  initial: 'starting',
  on: {
    SUSPEND: '.abandoned',
    NON_TEXT: { actions: acknowledgeMedia(false) },
    IDLE: { target: '.abandoned', actions: { type: 'farewellAfterSilence', params: {} } },
  },
  states: {
    starting: { on: { START: 'opening' } },
    opening: {
      on: {
        TEXT: [
          // No card named, and a question the office has an answer for ("访客停车收费吗"): that answer.
          {
            guard: ({ event }) =>
              event.type === 'TEXT' && event.faq !== undefined && !event.slots.cardType && !event.slots.cardBusiness,
            target: 'done',
            actions: { type: 'answerAside', params: ({ event }) => ({ event: text(event) }) },
          },
          {
            target: 'route',
            actions: [
              'learn',
              // "停车月卡多少钱": a question, not yet a request; the price of a card is the price of getting one.
              assign(({ context, event }) =>
                event.type === 'TEXT' && event.asksFees && !event.slots.cardRequest && !hasFormData(event)
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
    },
    route: {
      always: [
        { guard: ({ context }) => !context.card, target: 'askCard' },
        { guard: ({ context }) => !context.business, target: 'askBusiness' },
        {
          guard: ({ context }) => context.explainedFor !== `${context.card}:${context.business}`,
          target: 'explaining',
          actions: {
            type: 'explainCard',
            params: ({ context }) => ({ card: context.card!, business: context.business! }),
          },
        },
        { guard: ({ context }) => context.inquiring === true && context.moreToCome === true, target: 'done' },
        { guard: ({ context }) => context.inquiring === true, target: 'offering' },
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
            // The household's unit and phone fill in what was not said; the name is offered, not assumed
            // (cards are often for a parent, a helper or a tenant); the repeat-back lets them change any.
            actions: assign(({ context, event }) => {
              const known: KnownApplicant = event.type === 'CARD_FEES' ? event.known : { units: [] };
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
    },
    // The fee was asked about: answered; registering it is offered, not pressed.
    offering: {
      entry: say('card.offer'),
      on: {
        TEXT: [
          {
            guard: ({ event }) => isCancel(event) || (event.type === 'TEXT' && event.answer === 'no'),
            target: 'done',
            actions: say('card.offer_declined'),
          },
          {
            guard: ({ event }) => event.type === 'TEXT' && event.asksFees === true && !event.slots.cardRequest,
            target: 'route',
            actions: ['learn', assign({ explainedFor: undefined })],
          },
          { guard: 'wants', target: 'route', actions: ['learn', assign({ inquiring: undefined })] },
          // Something else entirely: the card matter rests, and reception hears it.
          { target: 'done', actions: { type: 'startFlow', params: ({ event }) => ({ flow: 'reception', event }) } },
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
          params: {
            card: context.card!,
            business: context.business!,
            name: context.name!,
            unit: context.unit!,
            phone: context.phone!,
            plate: context.plate ?? '',
          },
        }),
      },
      on: {
        TEXT: [
          { guard: 'cancels', target: 'cancelled' },
          // A correction that names the new value ("车牌是浙A54321") is taken and repeated back.
          { guard: 'corrects', target: 'route', actions: 'learn' },
          // "多少钱啊": the fee of this business, then the repeat-back again — a question is no yes.
          { guard: 'asksFees', target: 'confirming', reenter: true, actions: explainAgain },
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
          { guard: 'aside', target: 'confirming', reenter: true, actions: answerAside('card') },
          {
            guard: ({ event }) => event.type === 'TEXT' && (event.answer === 'no' || event.answer === 'correct'),
            target: 'correcting',
          },
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
          { guard: 'asksFees', target: 'correcting', reenter: true, actions: explainAgain },
          { actions: say('card.what_to_change') },
        ],
      },
    },
    cancelled: { entry: say('card.cancelled'), always: 'done' },
    abandoned: { type: 'final' },
    done: { type: 'final' },
  },
});
