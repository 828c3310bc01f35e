import type { TextEvent } from '../../flows/events.js';
import { asksCardPrice, paymentDayOf, promisesPaymentAside } from '../../flows/interruptions.js';
import type { Statements } from '../identity/statements.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Core } from '../runtime/core.js';
import type { EffectHandlers, EffectScope } from '../runtime/feature.js';
import { DESK, type CommandSpecs } from '../staff/commands.js';
import { ConsultationCommands } from '../staff/consultation-commands.js';
import type { ResidentRelay } from '../staff/resident-relay.js';
import { separator, type TicketEffects } from '../tickets/ticket-effects.js';
import { KnowledgeBase } from './knowledge-base.js';

/** Consultations (咨询): one approved answer for a known question; staff answer and teach the rest. */
export function faqFeature(
  core: Core,
  statements: Statements,
  tickets: TicketEffects,
  agreePayment: EffectHandlers['agreePayment'],
  relay: ResidentRelay,
) {
  const { store, ledger, outbound, fees } = core;
  const knowledge = KnowledgeBase.open(store, fees);
  const consultations = new ConsultationCommands(store, ledger, outbound, knowledge, relay);

  /**
   * A question of another kind: the approved answer, the resident's own arrears, or where their
   * tickets stand. Nothing is opened here: the flow it interrupted goes on right after.
   */
  const answerAside = (event: TextEvent, scope: EffectScope): void => {
    const say = (refs: PhraseRef | PhraseRef[]) => outbound.say(scope.replyTo, scope.conversationKey, refs, scope.at);
    if (event.faq) {
      // "停车费欠多少 微信上能直接交吗": a verified household's own bill first, then how to pay.
      if (event.intent === 'arrears' && event.identity === 'bound' && knowledge.withBill(event.faq))
        statements.show(scope, event.slots.unit);
      return say(knowledge.answer(event.faq, scope.at, separator(outbound, scope.at)));
    }
    // "欠的月底一起交" in the middle of a card form: the household's own day to pay, kept as their promise.
    if (promisesPaymentAside(event)) {
      agreePayment(paymentDayOf(event), scope);
      return;
    }
    if (asksCardPrice(event)) {
      const items = fees.cardItems(event.slots.cardType!, event.slots.cardBusiness ?? 'new', scope.at);
      if (items.length > 0)
        return say([{ key: 'fees.header' }, ...fees.cardLines(items, separator(outbound, scope.at))]);
    }
    if (event.intent === 'arrears') {
      // Another household's bill stays theirs, asked aside as much as asked outright.
      if (event.aboutOthers) return say({ key: 'arrears.others_refused' });
      if (event.identity === 'bound') return statements.show(scope, event.slots.unit);
      return say({ key: 'reception.aside.arrears_unbound' });
    }
    if (!tickets.listOpenTickets(scope)) say({ key: 'reception.aside.no_tickets' });
  };

  const effects = {
    answerAside: (p, s) => answerAside(p.event, s),
  } satisfies Partial<EffectHandlers>;
  const commands = {
    answer: { handler: (c) => consultations.answer(c), roles: DESK },
    learn: { handler: (c) => consultations.learn(c), roles: DESK },
    reply: { handler: (c) => consultations.reply(c), roles: DESK },
  } satisfies CommandSpecs;
  return { effects, commands, knowledge };
}
