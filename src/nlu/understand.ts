import type { StaffName } from '../store/community-repo.js';
import type { InboundMessage } from '../adapters/transport.js';
import type { ConversationEvent } from '../../flows/events.js';
import { mayBeQuestion } from '../../flows/interruptions.js';
import type { Understander } from './understander.js';

/** Longer messages are kept whole but answered with a request for a short summary. */
export const LONG_MESSAGE_LIMIT = 2000;

const HAS_WORDS = /[\p{L}\p{N}]/u;
// Control and zero-width characters some clients insert; they carry no meaning.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/** Turns a received message into the event a flow understands. */
export function understand(
  message: InboundMessage,
  understander: Understander,
  now: number,
  staffNames: () => readonly StaffName[] = () => [],
  identity: 'bound' | 'unbound' | 'locked' = 'unbound',
  knowledge?: { match(text: string): string | undefined },
): ConversationEvent {
  if (message.kind !== 'text') return { type: 'NON_TEXT', kind: message.kind, messageId: message.id };
  const text = (message.text ?? '').replace(INVISIBLE, '').trim();
  if (!HAS_WORDS.test(text)) return { type: 'NO_WORDS' };
  if (text.length > LONG_MESSAGE_LIMIT) return { type: 'TOO_LONG', length: text.length, limit: LONG_MESSAGE_LIMIT };
  const { part, ...understood } = understander.understand(text, now, staffNames);
  const said = part ?? text;
  // Matched only when the answer could be used: a repair or a complaint is never a question's answer,
  // and a bare yes or no answers the question just asked, not one of the knowledge base.
  const bareAnswer = understood.answer !== undefined && !understood.question;
  const faq = knowledge && mayBeQuestion(understood) && !bareAnswer ? knowledge.match(said) : undefined;
  return {
    ...(faq && { faq }),
    type: 'TEXT',
    text: said,
    ...understood,
    messageId: message.id,
    identity,
  };
}
