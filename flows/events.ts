import type { Intent, Slots } from '../src/nlu/intent.js';

/** What the runtime tells a conversation flow. Flows see understood events, never raw transport messages. */
export type ConversationEvent =
  /** A new conversation; `restarted` when an older one was dropped because its flow changed. */
  | { type: 'START'; restarted?: boolean }
  | { type: 'TEXT'; text: string; intent: Intent; confidence: number; slots: Slots }
  /** Text with no words in it: blank, emoji or punctuation only. */
  | { type: 'NO_WORDS' }
  | { type: 'TOO_LONG'; length: number; limit: number }
  | { type: 'NON_TEXT'; kind: string }
  /** The idle timer: nobody wrote for a while. `lateMs` is how long after its due time it fired. */
  | { type: 'IDLE'; lateMs: number };

/** The parameters of the named effects every flow may ask for: `say` (to the resident) and `notifyStaff`. */
export type PhraseRef = { key: string; params?: Record<string, string | number> };
