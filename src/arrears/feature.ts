import type { CardEffects } from '../card/card-effects.js';
import type { VisitReminders } from '../repair/visit-reminders.js';
import type { Core } from '../runtime/core.js';
import type { EffectHandlers, TimerHandlers } from '../runtime/feature.js';
import { DESK, type CommandSpecs } from '../staff/commands.js';
import { PaymentCommands } from '../staff/payment-commands.js';
import { ArrearsCampaign } from './campaign.js';
import { PaymentPromises } from './payment-promises.js';
import { Receipts } from './receipts.js';
import { ScheduledCampaign } from './scheduled-campaign.js';

/**
 * Property fees (物业费): the resident's own promises to pay, disputes, receipts, and the monthly
 * reminders when a day is configured (armed at start).
 */
export function arrearsFeature(
  core: Core,
  reminders: VisitReminders,
  cards: CardEffects,
  reminderDay: number | undefined,
) {
  const { store, clock, outbound, ledger, levels } = core;
  const payments = new PaymentPromises(store, outbound, reminders, ledger, levels);
  const paid = new PaymentCommands(store, new Receipts(store, outbound), cards);
  const campaign = reminderDay
    ? new ScheduledCampaign(store, new ArrearsCampaign(store, outbound), reminderDay)
    : undefined;
  campaign?.ensureArmed(clock.now());
  const effects = {
    disputeFees: (p, s) => payments.dispute(p, s),
    optOutOfReminders: (_, s) => payments.optOut(s),
    agreePayment: (p, s) => payments.agree(p, s),
  } satisfies Partial<EffectHandlers>;
  const timers = {
    arrearsCampaign: (_, at) => campaign?.runScheduled(at),
  } satisfies Partial<TimerHandlers>;
  const commands = { payment: { handler: (c) => paid.pay(c), roles: DESK } } satisfies CommandSpecs;
  return { effects, timers, commands };
}
