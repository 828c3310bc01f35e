import type { Logger } from '../../log.js';
import type { Clock } from '../../domain/clock.js';
import type { SecondOpinion } from './second-opinion.js';
import type { LlmSettings } from './settings.js';

/** What the runtime gives the second opinion when it builds it (src/main.ts). */
export interface SecondOpinionWiring {
  clock: Clock;
  log: Logger;
  notifyPaused: (at: number, minutes: number) => void;
  emergencyKinds: readonly string[];
  clarifyBelow: number;
  staffTitles: readonly string[];
}

export type SecondOpinionFactory = (wiring: SecondOpinionWiring) => SecondOpinion;

/**
 * The language model's code is loaded only when the setting is on: with WUYE_LLM_MODE=off nothing
 * of it is imported, and nothing is ever called. Only types cross this file statically.
 */
export async function loadSecondOpinion(
  settings: LlmSettings,
  fetchImpl?: typeof fetch,
): Promise<SecondOpinionFactory | undefined> {
  if (settings.mode === 'off') return undefined;
  const [{ SecondOpinion }, { loadIntentData }] = await Promise.all([
    import('./second-opinion.js'),
    import('../intent-data.js'),
  ]);
  const intents = loadIntentData();
  return ({ staffTitles, ...wiring }) =>
    new SecondOpinion(settings, {
      ...wiring,
      nameWords: { surnames: intents.surnames, compoundSurnames: intents.compound_surnames, staffTitles },
      ...(fetchImpl && { fetch: fetchImpl }),
    });
}
