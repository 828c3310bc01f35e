import { CLARIFY_BELOW } from '../../flows/reception/reading.js';
import { EmergencyDetector } from '../nlu/emergency.js';
import type { SecondOpinionFactory } from '../nlu/llm/load.js';
import type { SecondOpinion } from '../nlu/llm/second-opinion.js';
import type { Core } from './core.js';

/** The language model built from what the core knows: the emergency kinds, the clarify band, staff titles. */
export function wireSecondOpinion(core: Core, factory: SecondOpinionFactory): SecondOpinion {
  const { store, outbound } = core;
  return factory({
    clock: core.clock,
    log: core.log,
    emergencyKinds: new EmergencyDetector().kinds,
    clarifyBelow: CLARIFY_BELOW,
    staffTitles: Object.values(core.understander.staffTitles).flat(),
    // Told once when the model stops answering and the bot stops asking it.
    notifyPaused: (at, minutes) =>
      store.transaction(() => outbound.notifyDesk({ key: 'staff.ops.llm_paused', params: { minutes } }, at, 'ops')),
  });
}
