import { EmergencyDetector } from '../nlu/emergency.js';
import type { Schedule } from '../repair/schedule.js';
import type { Core } from '../runtime/core.js';
import type { EffectHandlers } from '../runtime/feature.js';
import { EmergencyEffects } from './emergency-effects.js';

/** Emergencies (紧急情况): the kind's advice, everyone on call paged at once, every later word relayed. */
export function emergencyFeature(core: Core, schedule: Schedule) {
  const { store, ledger, outbound } = core;
  const emergencies = new EmergencyEffects(store, ledger, outbound, schedule, new EmergencyDetector());
  // An emergency nobody claimed by its promised time: those paged are paged again, not only the rung above.
  core.ladder.handlersOfUnclaimed = (ticket) => emergencies.handlers(ticket);
  const effects = {
    openEmergency: (p, s) => emergencies.open(p, s),
    chaseEmergency: (p, s) => emergencies.chase(p, s),
  } satisfies Partial<EffectHandlers>;
  return { effects, emergencies };
}
