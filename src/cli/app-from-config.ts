import type { Logger } from '../log.js';
import type { Config } from '../config.js';
import type { SteerableClock } from '../domain/clock.js';
import { createApp, settingsFrom, type App } from '../main.js';
import { loadSecondOpinion } from '../nlu/llm/load.js';
import type { Transport } from '../runtime/transport.js';
import type { Store } from '../store/store.js';

/**
 * The app as `wuye start` and `wuye chat` run it: the configuration's settings, the language model
 * only when WUYE_LLM_MODE is on, and whatever a crash left half done finished before anything new
 * is read.
 */
export async function appFromConfig(
  config: Config,
  on: { store: Store; clock: SteerableClock; transport: Transport; log: Logger },
): Promise<App> {
  const secondOpinion = await loadSecondOpinion(config.llm);
  const app = createApp({ ...on, ...settingsFrom(config), ...(secondOpinion && { secondOpinion }) });
  await app.bot.recover();
  await app.tick();
  return app;
}
