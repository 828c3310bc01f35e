import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { mayAskKnowledge } from '../nlu/understand.js';
import { parseIso } from '../domain/time.js';
import type { Understander } from '../nlu/understander.js';
import type { FaqIndex } from './faq-index.js';

const setSchema = z.object({
  now: z.union([z.string(), z.date()]).transform((v) => (typeof v === 'string' ? parseIso(v) : v.getTime())),
  items: z.array(z.object({ text: z.string().min(1), answer: z.string().nullable() })).min(1),
});

export type FaqEvaluationSet = z.infer<typeof setSchema>;

export function loadFaqEvaluationSet(file: string): FaqEvaluationSet {
  return setSchema.parse(parse(readFileSync(file, 'utf8')));
}

export interface FaqOutcome {
  text: string;
  expected: string | null;
  got: string | null;
  score: number;
}

export interface FaqEvaluation {
  threshold: number;
  items: number;
  /** Items with an approved answer. */
  answerable: number;
  /** Answered with the approved answer they ask for. */
  right: FaqOutcome[];
  /** Answered with another entry's answer, or answered when they should not be: worse than no answer. */
  wrong: FaqOutcome[];
  /** Not answered though an approved answer exists: they go to staff, who answer them. */
  missed: FaqOutcome[];
}

/**
 * What the bot would answer from the knowledge base for each item, as a resident's message is
 * handled: only when the understanding leaves room for a question, and only above `threshold`.
 */
export function evaluateFaq(
  set: FaqEvaluationSet,
  understander: Understander,
  index: FaqIndex,
  threshold = index.threshold,
): FaqEvaluation {
  const result: FaqEvaluation = { threshold, items: set.items.length, answerable: 0, right: [], wrong: [], missed: [] };
  for (const item of set.items) {
    const understood = understander.understand(item.text, set.now);
    const closest = mayAskKnowledge(understood) ? index.closest(item.text) : undefined;
    const got = closest && closest.score >= threshold ? closest.id : null;
    const outcome = { text: item.text, expected: item.answer, got, score: closest?.score ?? 0 };
    if (item.answer !== null) result.answerable += 1;
    if (got === item.answer) {
      if (got !== null) result.right.push(outcome);
    } else if (got === null) result.missed.push(outcome);
    else result.wrong.push(outcome);
  }
  return result;
}
