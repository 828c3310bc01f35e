import type { Core } from '../runtime/core.js';
import type { EffectHandlers } from '../runtime/feature.js';
import { CardEffects } from './card-effects.js';

/** Card business (办卡): fees and documents explained, applications, readiness and receipts. */
export function cardFeature(core: Core) {
  const cards = new CardEffects(core.store, core.ledger, core.outbound, core.fees);
  const effects = {
    explainCard: (p, s) => cards.explainCard(p, s),
    reportCardLoss: (p, s) => cards.reportLoss(p, s),
    applyForCard: (p, s) => cards.applyForCard(p, s),
  } satisfies Partial<EffectHandlers>;
  return { effects, cards };
}
