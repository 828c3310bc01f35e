import type { Intent } from './intent.js';

/** What the splitter needs of the classifier: the likeliest intent of a piece of text. */
export interface Ranker {
  rank(text: string): Array<{ intent: Intent; confidence: number }>;
}

export interface TopicWords {
  /** Words that introduce another matter (顺便, 另外, 还有…). */
  joiners: readonly string[];
  /** A joiner inside a phrase where it joins nothing (会另外收费吗: 另外 as "extra"). */
  not_joining?: readonly string[];
  /** Words that mark a matter of each kind in a piece of text (报修 → repair, 卡 → card…). */
  markers: Readonly<Partial<Record<Intent, readonly string[]>>>;
}

/** Matters that can stand as a topic of their own; chases, greetings and thanks cannot. */
const TOPICS: ReadonlySet<Intent> = new Set<Intent>(['repair', 'complaint', 'arrears', 'card', 'inquiry', 'praise']);
/** After a joiner, what may come before the other matter: a matter, or a task's own answer (a name, 不用). */
const BEFORE_JOINER: ReadonlySet<Intent> = new Set<Intent>([...TOPICS, 'other', 'cancel']);
/** Tasks whose own flow answers a question asked of them (the fee, the time). */
const TASKS_ASKED_ABOUT: ReadonlySet<Intent> = new Set<Intent>(['repair', 'card']);
/** Tasks a resident may call off, each named by its markers. */
const TASKS_CALLED_OFF: ReadonlySet<Intent> = new Set<Intent>(['repair', 'complaint', 'card', 'arrears']);
/** Below this a piece after a joiner is not clearly another matter. */
const JOINED_CONFIDENCE = 0.5;
/**
 * Without a joiner, both pieces must be this clear, and each marked as its own kind (a question's
 * marks — 吗, 几点, 要带 — may come with any matter, so they do not tie the rest to a question).
 */
const UNJOINED_CONFIDENCE = 0.8;
/** Praise this clear may speak of the work it praises and still be a matter apart from the next. */
const SURE_PRAISE = 0.95;

const EDGE = /^[\s，,。！？!?；;、]+|[\s，,。！？!?；;、]+$/gu;
const BREAKS = /[\s，,。！？!?；;]+/gu;

/** Whether `piece` holds a word marking a matter of `intent`. */
const marksAs = (words: TopicWords, intent: Intent, piece: string) =>
  (words.markers[intent] ?? []).some((w) => piece.includes(w));

/** Intents that are no matter of their own: a person wanted, a chase, chat. */
const NO_MATTER: ReadonlySet<Intent> = new Set<Intent>(['human', 'progress', 'other', 'greeting']);

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
  const marks = (piece: string) => marksAs(words, waiting, piece);
  if (!marks(text)) return undefined;
  const [whole] = ranker.rank(text);
  // From the end: the last clause that names the waiting matter starts what is said of it; the
  // clauses before it (a name, a unit, a phone) fill the task under way.
  for (const m of [...text.matchAll(BREAKS)].reverse()) {
    const at = m.index + m[0].length;
    const first = text.slice(0, at).replace(EDGE, '');
    const rest = text.slice(at).replace(EDGE, '');
    if (first.length >= 2 && rest.length >= 2 && marks(rest) && !marks(first)) return { first, rest };
  }
  // Naming the waiting matter and no matter of its own, or one of the same kind ("灯的话明天上午来"): it is about
  // that one.
  const ownMatter = whole !== undefined && !NO_MATTER.has(whole.intent);
  return whole && (whole.intent === waiting || !ownMatter) ? { whole: true } : undefined;
}

/**
 * The matter that waits is called off before the rest is said ("投诉算了 不投了 窗户下礼拜一来看看"): the
 * clauses that name it and call it off, then what is left for the task under way (empty when nothing is).
 */
export function withdrawsWaiting(
  text: string,
  words: TopicWords,
  waiting: Intent,
  callsOff: (piece: string) => boolean,
): { rest: string } | undefined {
  const marks = (piece: string) => marksAs(words, waiting, piece);
  // Calling off the task under way too (修也不修了 投诉也算了) is no withdrawal of the waiting matter alone.
  const marksTask = (piece: string) =>
    [...TASKS_CALLED_OFF].some((intent) => intent !== waiting && marksAs(words, intent, piece));
  // Called off in a clause of its own: the whole may ask for a visit after it (投诉算了 … 窗户下礼拜一来看看).
  const callsOffSomewhere = callsOff(text) || text.split(BREAKS).some((clause) => clause !== '' && callsOff(clause));
  if (!marks(text) || !callsOffSomewhere || words.joiners.some((j) => text.includes(j))) return undefined;
  // The shortest opening that names the waiting matter and calls it off, with nothing of it after.
  for (const m of text.matchAll(BREAKS)) {
    const at = m.index + m[0].length;
    const first = text.slice(0, at).replace(EDGE, '');
    const rest = text.slice(at).replace(EDGE, '');
    if (marks(first) && callsOff(first) && !marksTask(first) && !marks(rest) && !callsOff(rest)) return { rest };
  }
  return marksTask(text) ? undefined : { rest: '' };
}

/** A room number (1101, 502): where one of a resident's homes is named in a message. */
const ROOM = /(?<![\d.\-/])(\d{3,4})(?![\d.\-/:])/u;
const ROOM_FIRST = new RegExp(`^${ROOM.source}`, 'u');

/**
 * A repair in each of two homes ("1101马桶堵了 1102门铃不响了 都明天上午来吧"): the first home's piece and the rest,
 * each a repair, the rest starting with another room. Two visits, two tickets, as two matters.
 */
export function splitHomes(text: string, ranker: Ranker): { first: string; rest: string } | undefined {
  for (const m of text.matchAll(BREAKS)) {
    const at = m.index + m[0].length;
    const first = text.slice(0, at).replace(EDGE, '');
    const rest = text.slice(at).replace(EDGE, '');
    const [, room] = ROOM.exec(first) ?? [];
    const [, other] = ROOM_FIRST.exec(rest) ?? [];
    if (!room || !other || room === other) continue;
    if (ranker.rank(first)[0]?.intent === 'repair' && ranker.rank(rest)[0]?.intent === 'repair') return { first, rest };
  }
  return undefined;
}

/**
 * Two matters in one message ("交物业费 顺便报个修"): where the message splits into a first matter
 * and the rest. A split is taken only where the rest is plainly a matter of another kind — after a
 * joiner, marked as its kind; without one, both pieces marked and clear — so a single matter told
 * in several clauses ("插座冒火花了 还有焦味") stays whole.
 */
export function splitTopics(
  text: string,
  words: TopicWords,
  ranker: Ranker,
): { first: string; rest: string } | undefined {
  const points: Array<{ at: number; joined: boolean }> = [];
  const notJoining = (at: number) => (words.not_joining ?? []).some((w) => text.startsWith(w, at));
  for (const joiner of words.joiners)
    for (let at = text.indexOf(joiner); at > 0; at = text.indexOf(joiner, at + 1))
      if (!notJoining(at)) points.push({ at, joined: true });
  for (const m of text.matchAll(BREAKS)) points.push({ at: m.index + m[0].length, joined: false });
  // A joiner said (另外, 顺便) is where the resident turns to the other matter: tried before any bare pause, so
  // a first matter told in several clauses (表扬周师傅 昨天修门修得很好 人也客气 另外要投诉…) stays whole.
  points.sort((a, b) => Number(b.joined) - Number(a.joined) || a.at - b.at);
  const marked = (piece: string) =>
    new Set(
      Object.entries(words.markers)
        .filter(([, ws]) => ws!.some((w) => piece.includes(w)))
        .map(([k]) => k),
    );
  for (const { at, joined } of points) {
    const first = text.slice(0, at).replace(EDGE, '');
    // The joiner only joins: the matter after it is told without it (对了顺便报个修 → 报个修).
    const rest = withoutJoiners(text.slice(at).replace(EDGE, ''), words.joiners);
    if (first.length < 2 || rest.length < 2) continue;
    const [l] = ranker.rank(first);
    const [r] = ranker.rank(rest);
    // Two questions after a joiner are two matters (滞纳金收不收 还有明年涨不涨); two of any other kind are one.
    const twoQuestions = joined && l?.intent === 'inquiry' && r?.intent === 'inquiry';
    if (
      !l ||
      !r ||
      (l.intent === r.intent && !twoQuestions) ||
      !(joined ? BEFORE_JOINER : TOPICS).has(l.intent) ||
      !TOPICS.has(r.intent)
    )
      continue;
    // A question right after a task, with no joiner, asks about that task ("再办一张停车卡 怎么收费", "窗帘轨道掉了
    // 明天晚上能来吗"): the task's own flow answers it.
    if (!joined && r.intent === 'inquiry' && TASKS_ASKED_ABOUT.has(l.intent)) continue;
    const firstMarks = marked(first);
    const restMarks = marked(rest);
    const clear = joined
      ? restMarks.has(r.intent) && r.confidence >= JOINED_CONFIDENCE
      : restMarks.has(r.intent) &&
        firstMarks.has(l.intent) &&
        // Praise of past work names that work (周师傅修的门很好): its marks are no sign of the same matter.
        (!firstMarks.has(r.intent) || (l.intent === 'praise' && l.confidence >= SURE_PRAISE)) &&
        (l.intent === 'inquiry' || !restMarks.has(l.intent)) &&
        l.confidence >= UNJOINED_CONFIDENCE &&
        r.confidence >= UNJOINED_CONFIDENCE;
    if (clear) return { first, rest };
  }
  return undefined;
}

function withoutJoiners(text: string, joiners: readonly string[]): string {
  let rest = text;
  for (let joiner = joiners.find((j) => rest.startsWith(j)); joiner; joiner = joiners.find((j) => rest.startsWith(j)))
    rest = rest.slice(joiner.length).replace(EDGE, '');
  return rest;
}
