import type { Core } from './core.js';
import type { EffectHandlers } from './feature.js';

/** What every conversation does: say a phrase, and close after silence. */
export function conversationFeature(core: Core) {
  const { outbound, governor } = core;
  const effects = {
    say: (p, s) => outbound.say(s.replyTo, s.conversationKey, p, s.at),
    // Nobody is woken to be told a chat has closed: at night a plain goodbye is not said at all; what a task left
    // half-way needs them to know (the booking is not made, how to resume: repair.paused) waits for the morning.
    farewellAfterSilence: (p, s) => {
      const quietUntil = governor.quietUntil(s.at);
      if (quietUntil !== undefined && !p.key) return;
      outbound.say(
        s.replyTo,
        s.conversationKey,
        p.key ? { key: p.key } : { key: 'reception.farewell_idle' },
        s.at,
        quietUntil !== undefined ? { notBefore: quietUntil } : {},
      );
    },
  } satisfies Partial<EffectHandlers>;
  return { effects };
}
