import { PhraseCatalog, type PhraseParams } from '../../src/phrases/catalog.js';
import { parseIso } from '../../src/domain/time.js';
import { START } from './test-app.js';

export const phrases = PhraseCatalog.load();

/**
 * A phrase as the bot says it, said at `now`; `times` gives each `{name:time}` as ISO, or a visit
 * window as [start, end].
 */
export function p(
  key: string,
  params?: PhraseParams,
  times?: Record<string, string | [string, string]>,
  now = START,
): string {
  const entries = Object.entries(times ?? {});
  const values = Object.fromEntries(entries.map(([name, t]) => [name, parseIso(Array.isArray(t) ? t[1] : t)]));
  const windows = Object.fromEntries(
    entries
      .filter(([, t]) => Array.isArray(t))
      .map(([name, t]) => [name, { start: parseIso(t[0]), end: parseIso(t[1]) }]),
  );
  return phrases.render(key, params, { values, windows, now: parseIso(now) });
}
