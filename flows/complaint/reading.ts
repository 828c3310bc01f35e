import { asksKnownQuestion } from '../interruptions.js';
import { factsOf, hear, tellsMore, type Field, type Heard } from '../complaint-heard.js';
import type { TextEvent } from '../events.js';
import type { Intent } from '../../src/nlu/intent.js';

/**
 * What the complaint flow keeps between messages and how it reads an answer against its question;
 * the facts themselves are heard in complaint-heard.ts. Pure functions, no state.
 */

export interface Context extends Heard {
  /** The question just asked: a short answer is read against it. */
  asking?: Field | 'change';
  threat: boolean;
  /** "就按我说的记": filed without the read-back once everything is known. */
  fileNow: boolean;
  /** The opening refers to an earlier complaint: adds to it, or it is happening again. */
  refersBack?: 'adds' | 'again';
  /** The earlier complaint this conversation adds to. */
  following?: string;
  /** Not read as a complaint: more about something open (补充一下, 又…), heard here in case it is about a complaint. */
  aboutOpenMatter: boolean;
  messageId?: string;
}

/** Matters a resident may turn to after adding to a complaint, each served by its own path. */
const OTHER_MATTERS: ReadonlySet<Intent> = new Set<Intent>([
  'repair',
  'card',
  'arrears',
  'inquiry',
  'human',
  'praise',
  'progress',
]);
const SURE_OF_OTHER_MATTER = 0.9;

export const withdraws = (e: TextEvent) => factsOf(e).withdraws === true;
/**
 * A question in reply: ours is asked again after it is answered (a question that also tells facts is taken as facts).
 */
export const asksUs = (e: TextEvent) => {
  const q = factsOf(e).question;
  return (
    q === 'anonymity' ||
    q === 'how_long' ||
    (q === 'other' && !tellsMore(e) && factsOf(e).answer === undefined && !asksKnownQuestion(e))
  );
};
/** A yes: ours (要的, 那行 提交吧), or the general one when the message is nothing more than that. */
export const agrees = (e: TextEvent) => {
  const f = factsOf(e);
  return (
    f.answer === 'yes' || (f.answer === undefined && e.answer === 'yes' && !tellsMore(e) && f.question === undefined)
  );
};
export const wantsChange = (e: TextEvent) => e.answer === 'no' || e.answer === 'correct';
/** After adding to a complaint, another matter (a repair, a question) — unless said to be more of the same. */
export const startsOtherMatter = (e: TextEvent) =>
  factsOf(e).refersBack !== 'adds' &&
  (asksKnownQuestion(e) || (OTHER_MATTERS.has(e.intent) && e.confidence >= SURE_OF_OTHER_MATTER));
export const onlyAcknowledges = (e: TextEvent) =>
  !tellsMore(e) && (factsOf(e).answer !== undefined || e.intent === 'greeting' || e.intent === 'cancel');

/** More about an earlier complaint still open: said to add to it, or it is happening again (and of the same kind). */
export function linksTo(context: Context, earlier: { category: string } | undefined): boolean {
  if (!earlier) return false;
  if (context.refersBack === 'adds') return true;
  return (
    context.refersBack === 'again' &&
    (context.category === earlier.category || context.category === 'other' || earlier.category === 'other')
  );
}

/** Every fact of the message added to what is known; a threat noted; the question answered. */
export function takeIn(
  context: Context,
  event: TextEvent,
  asked: Context['asking'],
  replace = false,
): Partial<Context> {
  const f = factsOf(event);
  return {
    ...hear(context, event, asked, replace),
    asking: undefined,
    ...(event.tone === 'threat' && { threat: true }),
    ...(f.fileNow && { fileNow: true }),
  };
}
