import type { Intent } from './intent.js';

/** What the splitter needs of the classifier: the likeliest intent of a piece of text. */
export interface Ranker {
  rank(text: string): Array<{ intent: Intent; confidence: number }>;
}

export interface TopicWords {
  /** Words that introduce another matter (顺便, 另外, 还有…). */
  joiners: readonly string[];
  /** Words that mark a matter of each kind in a piece of text (报修 → repair, 卡 → card…). */
  markers: Readonly<Partial<Record<Intent, readonly string[]>>>;
}

/** Matters that can stand as a topic of their own; chases, greetings and thanks cannot. */
const TOPICS: ReadonlySet<Intent> = new Set<Intent>(['repair', 'complaint', 'arrears', 'card', 'inquiry', 'praise']);
/** Below this a piece after a joiner is not clearly another matter. */
const JOINED_CONFIDENCE = 0.5;
/** Without a joiner, both pieces must be this clear, and each marked as its own kind. */
const UNJOINED_CONFIDENCE = 0.8;

const EDGE = /^[\s，,。！？!?；;、]+|[\s，,。！？!?；;、]+$/gu;
const BREAKS = /[\s，,。！？!?；;]+/gu;

/**
 * While a matter waits its turn, what the resident adds about it mid-way ("续费的话 李娜 3-2-1202 …
 * 灯明天上午来修"): the piece marked as that kind of matter goes to it. `whole` when the message is
 * all about the waiting matter.
 */
export function splitTowards(
  text: string,
  words: TopicWords,
  ranker: Ranker,
  waiting: Intent,
): { first: string; rest: string } | { whole: true } | undefined {
  const marks = (piece: string) => (words.markers[waiting] ?? []).some((w) => piece.includes(w));
  if (!marks(text)) return undefined;
  const [whole] = ranker.rank(text);
  for (const m of [...text.matchAll(BREAKS)]) {
    const at = m.index + m[0].length;
    const first = text.slice(0, at).replace(EDGE, '');
    const rest = text.slice(at).replace(EDGE, '');
    if (first.length >= 2 && rest.length >= 2 && marks(rest) && !marks(first)) return { first, rest };
  }
  return whole && whole.intent === waiting && whole.confidence >= UNJOINED_CONFIDENCE ? { whole: true } : undefined;
}

/**
 * Two matters in one message ("交物业费 顺便报个修"): where the message splits into a first matter
 * and the rest. A split is taken only where the rest is plainly a matter of another kind — after a
 * joiner, marked as its kind; without one, both pieces marked and clear — so a single matter told
 * in several clauses ("插座冒火花了 还有焦味") stays whole.
 */
export function splitTopics(text: string, words: TopicWords, ranker: Ranker): { first: string; rest: string } | undefined {
  const points: Array<{ at: number; joined: boolean }> = [];
  for (const joiner of words.joiners) for (let at = text.indexOf(joiner); at > 0; at = text.indexOf(joiner, at + 1)) points.push({ at, joined: true });
  for (const m of text.matchAll(BREAKS)) points.push({ at: m.index + m[0].length, joined: false });
  points.sort((a, b) => a.at - b.at);
  const marked = (piece: string) => new Set(Object.entries(words.markers).filter(([, ws]) => ws!.some((w) => piece.includes(w))).map(([k]) => k));
  for (const { at, joined } of points) {
    const first = text.slice(0, at).replace(EDGE, '');
    const rest = text.slice(at).replace(EDGE, '');
    if (first.length < 2 || rest.length < 2) continue;
    const [l] = ranker.rank(first);
    const [r] = ranker.rank(rest);
    if (!l || !r || l.intent === r.intent || !TOPICS.has(l.intent) || !TOPICS.has(r.intent)) continue;
    const firstMarks = marked(first);
    const restMarks = marked(rest);
    const clear = joined
      ? restMarks.has(r.intent) && r.confidence >= JOINED_CONFIDENCE
      : restMarks.has(r.intent) && firstMarks.has(l.intent) && !firstMarks.has(r.intent) && !restMarks.has(l.intent) &&
        l.confidence >= UNJOINED_CONFIDENCE && r.confidence >= UNJOINED_CONFIDENCE;
    if (clear) return { first, rest };
  }
  return undefined;
}
