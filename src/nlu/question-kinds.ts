import type { Intent } from './intent.js';

/** Intents whose own answer comes first even when the words also resemble a known question. */
const NOT_A_QUESTION: ReadonlySet<Intent> = new Set<Intent>([
  'repair',
  'complaint',
  'human',
  'cancel',
  'praise',
  'progress',
  'greeting',
  'card',
]);

/** Intents a known question simply answers: a question, or a greeting wrapped around one. */
const ANSWERABLE: ReadonlySet<Intent> = new Set<Intent>(['inquiry', 'other', 'greeting']);

/** Below this the classifier is not sure the words ask for a task: a close known question wins. */
const SURE_OF_TASK = 0.6;

/**
 * Whether the understanding leaves room for a known question ("物业几点上班") rather than a task that
 * shares its words ("停水了" is a repair; a bare "物业费" asks for one's own fees, not the standard).
 */
export const mayBeQuestion = (u: { intent: Intent; confidence: number }): boolean =>
  ANSWERABLE.has(u.intent) || (u.confidence < SURE_OF_TASK && !NOT_A_QUESTION.has(u.intent));
