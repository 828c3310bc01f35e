/** A matter that waits its turn: whether what is said now is about it. */
import type { StaffName } from '../store/community-repo.js';
import type { IntentClassifier } from './classifier.js';
import type { Understanding } from './intent.js';
import type { IntentData } from './intent-data.js';
import { splitTowards, withdrawsWaiting } from './topics.js';

/** Understands one clause, at the message's time, asking `staffNames` when a name matters. */
type UnderstandOne = (text: string, staffNames: () => readonly StaffName[]) => Understanding;

/**
 * A matter waits its turn: what is said about it now goes to it. A clause is about it when it is
 * marked as that kind of matter, or names the thing the matter is about (灯的话… while 阳台灯坏了
 * waits); a call-back wish while a complaint waits is that complaint's.
 */
export function towardsWaiting(
  text: string,
  whole: Understanding,
  waitingText: string,
  staffNames: () => readonly StaffName[],
  data: IntentData,
  classifier: IntentClassifier,
  understandOne: UnderstandOne,
): Understanding {
  const waiting = understandOne(waitingText, () => []);
  const things = Object.values(data.repair_categories)
    .flat()
    .filter((w) => waitingText.includes(w));
  const words = {
    ...data.topics,
    markers: {
      ...data.topics.markers,
      [waiting.intent]: [...(data.topics.markers[waiting.intent] ?? []), ...things],
    },
  };
  const wishesCallback =
    waiting.intent === 'complaint' && whole.complaint?.callback !== undefined && whole.intent !== 'complaint';
  if (wishesCallback) return { ...whole, next: text, aboutWaiting: true };
  const withdrawn = withdrawsWaiting(
    text,
    words,
    waiting.intent,
    (piece) => understandOne(piece, () => []).cancels === true,
  );
  if (withdrawn) {
    if (withdrawn.rest === '') {
      // Nothing said for the task under way: it asks its question again.
      const { cancels: _cancels, answer: _answer, next: _next, ...kept } = whole;
      return { ...kept, intent: 'other', confidence: 0, slots: {}, topic: '', dropsWaiting: true };
    }
    const { next: _next, ...rest } = understandOne(withdrawn.rest, staffNames);
    return { ...rest, part: withdrawn.rest, dropsWaiting: true };
  }
  const towards = splitTowards(text, words, classifier, waiting.intent);
  if (!towards) return whole;
  if ('whole' in towards) return { ...whole, next: text, aboutWaiting: true };
  return { ...understandOne(towards.first, staffNames), next: towards.rest, part: towards.first };
}
