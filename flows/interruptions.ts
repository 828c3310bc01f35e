import type { Intent } from '../src/nlu/intent.js';
import type { ConversationEvent, FlowEffectParams, TextEvent } from './events.js';

/**
 * Interruptions shared by the task flows (repair, complaint, card): a question of another kind
 * asked in the middle ("对了，物业费多少？") is answered, then the flow says where it was and asks
 * its question again. A cancellation ends the flow; silence closes it (each flow's IDLE).
 */

/** Matters answered on the side without leaving the flow: fees owed, progress of earlier tickets. */
const ASIDE_INTENTS: ReadonlySet<Intent> = new Set<Intent>(['arrears', 'progress']);
/** Only a clear change of subject: an answer to our question must never be taken for one. */
const ASIDE_CONFIDENCE = 0.9;

/**
 * A known question ("物业几点上班"), not a task that happens to share its words: understanding says
 * which (`answerable`); the flow only reads it.
 */
export const asksKnownQuestion = (event: ConversationEvent): boolean =>
  event.type === 'TEXT' && event.faq !== undefined && event.answerable === true;

/**
 * The household's bill asked about while a flow asks no time of its own (an emergency): a time in it is the bill's
 * (上个月的交了没, 我今晚转), not an answer.
 */
export const asksBillAside = (event: ConversationEvent): event is TextEvent =>
  event.type === 'TEXT' && event.intent === 'arrears' && event.confidence >= ASIDE_CONFIDENCE;

/** The day to pay a resident named, as the promise agreed: a day or a part of one is kept by its closing time. */
export const paymentDayOf = (event: TextEvent): FlowEffectParams['agreePayment'] => ({
  when: event.slots.time!,
  ...((event.slots.timeWithoutHour || event.slots.timeFromPeriod) && { dayOnly: true as const }),
});

/** A verified household's own day to pay, said in the middle of a task ("欠的月底一起交"): kept as their promise. */
export const promisesPaymentAside = (event: TextEvent): boolean =>
  event.intent === 'arrears' &&
  event.paying === true &&
  event.identity === 'bound' &&
  event.slots.time !== undefined &&
  event.question !== true;

/** What a card costs or needs, asked of a card named (办停车卡要多少钱). */
export const asksCardPrice = (event: TextEvent): boolean =>
  event.intent === 'card' &&
  event.asksFees === true &&
  event.slots.cardType !== undefined &&
  event.confidence >= ASIDE_CONFIDENCE;

export function isAside(event: ConversationEvent): event is TextEvent {
  if (event.type !== 'TEXT') return false;
  if (asksKnownQuestion(event)) return true;
  if (promisesPaymentAside(event)) return true;
  // "房东的手机号我不知道 我的是159…": a whole number given during a task is for the task (how to reach them), not
  // a bill to look up, whatever its words share with checking one.
  if (event.intent === 'arrears' && event.slots.phone !== undefined && event.question !== true) return false;
  // "行 但是师傅来之前先给我打个电话": a yes with a wish about the visit answers the question; it asks after nothing.
  if (event.answer === 'yes' && event.aboutTicket === undefined) return false;
  // "等下 先问下办停车卡要多少钱" while a repair asks its time: the card's own standard, then back to the repair.
  if (asksCardPrice(event)) return true;
  return ASIDE_INTENTS.has(event.intent) && event.confidence >= ASIDE_CONFIDENCE && event.slots.time === undefined;
}

/**
 * Only a cancellation in so many words ends a flow (取消, 算了, 不修了, 不用了): a vague "吧" or "不知
 * 道" is an answer to ask again, and a bare "OK" is a yes.
 */
export const isCancel = (event: ConversationEvent) =>
  event.type === 'TEXT' && event.cancels === true && event.answer !== 'yes';

/** The aside answered, then the line that returns to the flow (its question follows). */
export const answerAside = (flow: string) => [
  {
    type: 'answerAside' as const,
    params: ({ event }: { event: ConversationEvent }) => ({ event: event as TextEvent }),
  },
  { type: 'say' as const, params: { key: 'reception.resume', params: { flow } } },
];

/** A photo or file in a flow that will file a ticket is kept for it; the runtime says so. */
export const acknowledgeMedia = (forTicketToCome: boolean) => ({
  type: 'acknowledgeMedia' as const,
  params: ({ event }: { event: ConversationEvent }) => {
    const e = event as Extract<ConversationEvent, { type: 'NON_TEXT' }>;
    return {
      kind: e.kind,
      ...(e.messageId && { messageId: e.messageId }),
      ...(forTicketToCome && { forTicketToCome: true as const }),
    };
  },
});
