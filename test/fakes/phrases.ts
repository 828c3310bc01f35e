import { PhraseCatalog, type PhraseParams } from '../../src/phrases/catalog.js';
import { parseIso } from '../../src/runtime/time.js';
import { START } from './test-app.js';

export const phrases = PhraseCatalog.load();

/** A phrase as the bot says it; `times` gives `{name:time}` values as ISO, said at `now`. */
export function p(key: string, params?: PhraseParams, times?: Record<string, string>, now = START): string {
  const values = Object.fromEntries(Object.entries(times ?? {}).map(([name, iso]) => [name, parseIso(iso)]));
  return phrases.render(key, params, { values, now: parseIso(now) });
}
