import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Staff } from '../store/community-repo.js';

/** What a staff command handler is given: who typed it, the words, and when. */
export interface CommandContext {
  staff: Staff;
  /** The command word as typed, for messages. */
  word: string;
  args: string[];
  /** Everything after the ticket number, for free text (progress notes). */
  rest: (from: number) => string;
  at: number;
}

/** A refusal: the staff member is told why in one line, and nothing changes. */
export class CommandRefusal extends Error {
  constructor(readonly phrase: PhraseRef) {
    super(phrase.key);
  }
}
