import type { Core } from '../runtime/core.js';
import type { EffectHandlers } from '../runtime/feature.js';
import { HandoffEffects } from './handoff-effects.js';

/** Handoff (转人工): a person takes the conversation; the resident's words are relayed to them. */
export function handoffFeature(core: Core) {
  const handoff = new HandoffEffects(core.store, core.ledger, core.outbound);
  const effects = {
    relayToStaff: (p, s) => handoff.relayToStaff(p, s),
    passOn: (p, s) => handoff.passOn(p, s),
    declineCall: (p, s) => handoff.declineCall(p, s),
    cancelHandoff: (_, s) => handoff.cancelHandoff(s),
  } satisfies Partial<EffectHandlers>;
  return { effects, handoff };
}
