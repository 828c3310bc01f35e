import type { Core } from '../runtime/core.js';
import type { EffectHandlers } from '../runtime/feature.js';
import { PraiseEffects } from './praise-effects.js';

/** Praise (表扬): passed to whoever it is for, and counted in the report. */
export function praiseFeature(core: Core) {
  const praise = new PraiseEffects(core.store, core.outbound);
  const effects = {
    recordPraise: (p, s) => praise.recordPraise(p, s),
  } satisfies Partial<EffectHandlers>;
  return { effects };
}
