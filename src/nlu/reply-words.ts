/** Replies read from a message: yes, no or a correction, a question, a reply of its own, an option by order. */
import type { IntentData } from './intent-data.js';

/** "1", "2", "3" alone, or 第一个…: an option picked by its order. */
export function ordinalOf(text: string, ordinals: readonly string[]): number | undefined {
  const bare = /^\s*([1-3])\s*[号个]?\s*$/.exec(text)?.[1];
  if (bare) return Number(bare);
  const index = ordinals.findIndex((w) => text.includes(w));
  return index >= 0 ? index + 1 : undefined;
}

/**
 * A correction, a no, or a yes; no before yes, because most Chinese no's contain a yes word. A yes
 * must be a reply of its own (see `answers` in data/intents.zh-CN.yaml), and a question is none.
 */
export function answerOf(text: string, data: IntentData): 'yes' | 'no' | 'correct' | undefined {
  const lower = text.toLowerCase();
  const { correct, no, not_no: notNo, yes, yes_anywhere: yesAnywhere, yes_tails: tails } = data.answers;
  if (correct.some((w) => lower.includes(w))) return 'correct';
  const withoutNotNo = notNo.reduce((t, w) => t.split(w).join(' '), lower);
  if (no.some((w) => withoutNotNo.includes(w))) return 'no';
  if (asks(lower, data)) return undefined;
  if (yesAnywhere.some((w) => lower.includes(w))) return 'yes';
  const words = lower.split(/[\s\p{P}]+/u).filter((w) => w !== '');
  // 好的谢谢, 嗯对, 对对对: yes words run together, perhaps with a tail.
  const yesThenTail = (word: string): boolean =>
    yes.includes(word) ||
    tails.includes(word) ||
    yes.some((y) => word.startsWith(y) && yesThenTail(word.slice(y.length)));
  const isYes = (word: string): boolean =>
    yes.some((y) => word.startsWith(y) && (word.length === y.length || yesThenTail(word.slice(y.length))));
  const first = words[0];
  const last = words.at(-1);
  return (first !== undefined && (isYes(first) || repeatsYes(first, yes))) ||
    (last !== undefined && words.length > 1 && isYes(last))
    ? 'yes'
    : undefined;
}

/** 对对对…, 是的是的…: a yes said over and over before anything else is a yes, whatever follows it. */
function repeatsYes(word: string, yes: readonly string[]): boolean {
  const longestFirst = [...yes].sort((a, b) => b.length - a.length);
  let rest = word;
  let said = 0;
  for (let y = longestFirst.find((w) => rest.startsWith(w)); y; y = longestFirst.find((w) => rest.startsWith(w))) {
    rest = rest.slice(y.length);
    said += 1;
  }
  return said >= 2;
}

/** The message is one of `words`, perhaps with a tail (不用啦, 不用谢谢) — a reply of its own. */
export function isReply(lower: string, words: readonly string[], data: IntentData): boolean {
  const first = lower.split(/[\s\p{P}]+/u).find((w) => w !== '');
  const { yes_tails: tails } = data.answers;
  return (
    first !== undefined &&
    words.some((w) => first === w || (first.startsWith(w) && tails.includes(first.slice(w.length))))
  );
}

/** Whether the message asks something (a question in reply is not an answer). */
export function asks(text: string, data: IntentData): boolean {
  // "不对不对" says no twice; it holds 对不对 but asks nothing.
  const said = data.not_questions.reduce((t, w) => t.split(w).join(' '), text);
  return data.questions.some((w) => said.includes(w)) || A_NOT_A.test(said);
}

/** 停不停, 来不来, 修不修: the A-not-A form asks, whatever the verb. */
const A_NOT_A = /(\p{Script=Han})不\1/u;
