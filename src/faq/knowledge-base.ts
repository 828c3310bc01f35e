import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { FeeStandards } from '../fees/fee-standards.js';
import type { Store } from '../store/store.js';
import { FaqIndex } from './faq-index.js';

/** The id of an answer staff added: from the ticket it answered, so it is added once. */
const addedId = (ticket: string) => `staff:${ticket}`;

/**
 * Consultations answered with one voice (服务口径一致): the office's approved answers and those
 * staff added from the chat, matched by meaning; the answer is said word for word every time.
 */
export class KnowledgeBase {
  private constructor(
    private readonly store: Store,
    private readonly index: FaqIndex,
    private readonly fees: FeeStandards,
  ) {}

  static open(store: Store, fees: FeeStandards, index = FaqIndex.load()): KnowledgeBase {
    for (const a of store.faq.all()) index.add({ id: a.id, questions: [a.question], answer: a.answer });
    return new KnowledgeBase(store, index, fees);
  }

  /** The approved answer this question asks for, if one is close enough. */
  match(text: string): string | undefined {
    return this.index.match(text)?.id;
  }

  /** Whether the entry answers a question asked in the words of this task (how to pay, beside the bill). */
  answersBeside(id: string, intent: string): boolean {
    return this.index.entry(id)?.beside_task?.includes(intent) ?? false;
  }

  /** Whether the household's own bill comes before this answer (how to pay it), not only the answer (燃气费在哪交). */
  withBill(id: string): boolean {
    return this.index.entry(id)?.with_bill === true;
  }

  /** `at`: the day whose fee standards are in force; `separator`: between the documents of a fee line. */
  answer(id: string, at: number, separator: string): PhraseRef[] {
    const entry = this.index.entry(id);
    if (!entry) throw new Error(`no knowledge-base entry ${id}`);
    if (entry.fees === 'management') return [{ key: 'faq.fee_header' }, ...this.fees.managementFee()];
    if (entry.fees === 'late_fee') return [{ key: 'faq.header' }, this.fees.lateFeePolicy()];
    const answer: PhraseRef[] = [{ key: 'faq.header' }, { key: 'faq.answer', params: { text: entry.answer! } }];
    const fees = entry.fee_group ? this.fees.explain(entry.fee_group, at, separator) : [];
    return fees.length > 0 ? [...answer, { key: 'fees.header' }, ...fees] : answer;
  }

  /** A staff answer to a resident's question joins the knowledge base; false if it already had. */
  learn(ticket: string, question: string, answer: string, staffId: string, at: number): boolean {
    const id = addedId(ticket);
    if (!this.store.faq.add({ id, question, answer, ticket, addedBy: staffId, addedAt: at })) return false;
    this.index.add({ id, questions: [question], answer });
    return true;
  }
}
