import type { StaffName } from '../store/community-repo.js';
import type { InboundMessage } from '../domain/messages.js';
import type { ConversationEvent } from '../../flows/events.js';
import { mayBeQuestion } from './question-kinds.js';
import type { Understanding } from './intent.js';
import type { Understander } from './understander.js';

/** Longer messages are kept whole but answered with a request for a short summary. */
const LONG_MESSAGE_LIMIT = 2000;

const HAS_WORDS = /[\p{L}\p{N}]/u;
// Control and zero-width characters some clients insert; they carry no meaning.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * Whether the knowledge base is asked at all: only when its answer could be used — a repair or a
 * complaint is never a question's answer, and a reply ("可以", "好的谢谢", "不用了") asks nothing,
 * whatever words it shares with a question.
 */
export const mayAskKnowledge = (
  u: Pick<Understanding, 'intent' | 'confidence' | 'answer' | 'question' | 'slots'>,
): boolean => (mayBeQuestion(u) || namesNoCard(u)) && (u.answer === undefined || u.question === true);

/** Read as card business, but no card or business is named ("访客停车收费吗"): the knowledge base may know it. */
const namesNoCard = (u: Pick<Understanding, 'intent' | 'slots'>) =>
  u.intent === 'card' && !u.slots.cardType && !u.slots.cardBusiness && !u.slots.cardRequest && !u.slots.plate;

/** Where a message divides into clauses: spaces and punctuation. */
const CLAUSE_BREAK = /[\s\p{P}]+/u;
/** Shorter than this, a clause asks too little to be matched alone. */
const MIN_CLAUSE = 4;

/** Turns a received message into the event a flow understands. */
export function understand(
  message: InboundMessage,
  understander: Understander,
  now: number,
  staffNames: () => readonly StaffName[] = () => [],
  identity: 'bound' | 'unbound' | 'locked' = 'unbound',
  knowledge?: { match(text: string): string | undefined; answersBeside?(id: string, intent: string): boolean },
  /** The words of a matter waiting its turn in this conversation. */
  waiting?: string,
): ConversationEvent {
  if (message.kind !== 'text') return { type: 'NON_TEXT', kind: message.kind, messageId: message.id };
  const text = (message.text ?? '').replace(INVISIBLE, '').trim();
  // 👌 and 👍 are answers (data/intents.zh-CN.yaml `answers`), other symbols alone are not words.
  if (!HAS_WORDS.test(text) && understander.answer(text) === undefined) return { type: 'NO_WORDS' };
  if (text.length > LONG_MESSAGE_LIMIT) return { type: 'TOO_LONG', length: text.length, limit: LONG_MESSAGE_LIMIT };
  const reading = understander.understand(text, now, staffNames, waiting);
  const { part, ...understood } =
    identity === 'unbound' ? arrearsFirst(reading, understander, now, staffNames) : reading;
  const said = part ?? text;
  // Asked again without the day and the home in it ("明天早上几点上班啊" → 几点上班啊): when is a slot, not the question.
  // A time that asks nothing ("明天", the answer to "when?") is no question about tomorrow's outages.
  const onlyWhen =
    (understood.slots.time !== undefined && understood.question !== true && understood.intent !== 'inquiry') ||
    // "明天下午三点可以吗": a time offered, asking only whether it will do; "能不能改成下午4点以后": a visit moved.
    understood.timeOfferOnly === true ||
    understood.timeAlone === true ||
    // "名字李娜 电话13800001202": a number given, not the office's number asked for.
    (understood.slots.phone !== undefined && understood.question !== true) ||
    (understood.slots.time !== undefined && (understood.movesTo === true || understood.repairChange === 'reschedule'));
  const faq =
    knowledge && mayAskKnowledge(understood) && !onlyWhen && !understander.asksUndecided(said)
      ? (knowledge.match(said) ??
        (understood.question && understood.topic !== said ? knowledge.match(understood.topic) : undefined) ??
        // Anger in question form (你们这什么破物业) asks nothing the knowledge base answers.
        (understood.question && !understood.tone ? askedClause(said, understander, knowledge) : undefined))
      : undefined;
  // "停车费怎么交 支付宝可以吗": how to pay asked in the words of the bill — an entry that answers beside that task.
  const beside =
    !faq && knowledge?.answersBeside && understood.question === true && !onlyWhen ? knowledge.match(said) : undefined;
  const besideTask = beside !== undefined && knowledge!.answersBeside!(beside, understood.intent);
  return {
    ...(faq && { faq }),
    ...(besideTask && { faq: beside }),
    ...((mayBeQuestion(understood) || besideTask) && { answerable: true as const }),
    type: 'TEXT',
    text: said,
    ...understood,
    messageId: message.id,
    identity,
  };
}

/**
 * Someone not yet verified who asks their arrears beside another matter ("办个门禁卡 顺便查一下欠费 5栋3单元803"): the
 * arrears go first, for the check they need opens the household's business for the other matter too. The home named
 * anywhere in the message is the one checked.
 */
function arrearsFirst(
  reading: Understanding,
  understander: Understander,
  now: number,
  staffNames: () => readonly StaffName[],
): Understanding {
  if (!reading.next || !reading.part || reading.intent === 'arrears' || reading.emergency) return reading;
  const rest = understander.understand(reading.next, now, staffNames);
  // "今儿个上班不 俺想过去交物业费": going to pay at the desk asks for no bill; the question comes first.
  if (rest.intent !== 'arrears' || rest.next || rest.paying === true) return reading;
  const unit = rest.slots.unit ?? reading.slots.unit;
  return { ...rest, slots: { ...rest.slots, ...(unit && { unit }) }, part: reading.next, next: reading.part };
}

/**
 * The clause that asks, matched alone when the whole message did not match ("你们今天上班吗 想去前台问点事"):
 * the rest says why they ask, not what.
 */
function askedClause(
  said: string,
  understander: Understander,
  knowledge: { match(text: string): string | undefined },
): string | undefined {
  const clauses = said.split(CLAUSE_BREAK).filter((c) => c.length >= MIN_CLAUSE && c !== said);
  for (const clause of clauses) {
    const answer = understander.asks(clause) ? knowledge.match(clause) : undefined;
    if (answer) return answer;
  }
  return undefined;
}
