import { say } from '../say.js';
import { answerAside } from '../interruptions.js';
import { card, explainAgain } from './setup.js';
import { needsPlate, type Context, type Field } from './reading.js';

/**
 * The form: one field at a time — what the office knows of a bound resident offered, never asked
 * blind — then the repeat-back (复述), and on the resident's yes the application with its ticket.
 */

const askKey = (field: Field, context: Context): { key: string; params?: Record<string, string> } => {
  if (field === 'name' && context.known?.name && !context.forOthers)
    return { key: 'card.ask_name_known', params: { name: context.known.name } };
  if (field === 'unit' && (context.known?.units.length ?? 0) > 1)
    return { key: 'card.ask_unit_which', params: { units: context.known!.units.join(' / ') } };
  return { key: `card.ask_${field}` };
};

const asking = (field: Field, state: string) =>
  card.createStateConfig({
    entry: { type: 'say', params: ({ context }) => askKey(field, context) },
    on: {
      TEXT: [
        { guard: 'cancels', target: '#card.cancelled' },
        // "押金退不退": this card's own standard, then the same question again.
        { guard: { type: 'asksFees', params: field }, target: state, reenter: true, actions: explainAgain },
        { guard: { type: 'fills', params: field }, target: '#card.route', actions: { type: 'learn', params: field } },
        // Another field told instead (不是我 是我妈 刘桂兰, asked which flat): taken, and this question asked again.
        { guard: 'corrects', target: state, reenter: true, actions: 'learn' },
        { guard: 'aside', target: state, reenter: true, actions: answerAside('card') },
        { actions: say(field === 'card' || field === 'business' ? `card.ask_${field}` : `card.ask_${field}_again`) },
      ],
    },
  });

export const askCard = asking('card', 'askCard');
export const askBusiness = asking('business', 'askBusiness');
export const askName = asking('name', 'askName');
export const askUnit = asking('unit', 'askUnit');
export const askPlate = asking('plate', 'askPlate');
export const askPhone = asking('phone', 'askPhone');

export const confirming = card.createStateConfig({
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
      { guard: ({ event }) => event.answer === 'no' || event.answer === 'correct', target: 'correcting' },
      { actions: say('card.confirm_again') },
    ],
  },
});

export const correcting = card.createStateConfig({
  entry: say('card.what_to_change'),
  on: {
    TEXT: [
      { guard: 'cancels', target: 'cancelled' },
      { guard: 'corrects', target: 'route', actions: 'learn' },
      { guard: 'asksFees', target: 'correcting', reenter: true, actions: explainAgain },
      { actions: say('card.what_to_change') },
    ],
  },
});
