import type { Core } from './core.js';
import type { EffectHandlers } from './feature.js';

/** What every conversation does: say a phrase, and close after silence. */
export function conversationFeature(core: Core) {
  const { outbound, governor } = core;
  const effects = {
    say: (p, s) => outbound.say(s.replyTo, s.conversationKey, p, s.at),
    // Nobody is woken to be told a chat has closed: at night it closes without a word.
    farewellAfterSilence: (p, s) => {
      if (governor.quietUntil(s.at) !== undefined) return;
      outbound.say(s.replyTo, s.conversationKey, p.key ? { key: p.key } : { key: 'reception.farewell_idle' }, s.at);
    },
  } satisfies Partial<EffectHandlers>;
  return { effects };
}
