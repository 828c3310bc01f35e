import type { Db } from './db.js';

export interface FaqAddition {
  id: string;
  question: string;
  answer: string;
  ticket: string;
  addedBy: string;
  addedAt: number;
}

/** Knowledge-base answers added by staff from the chat; the shipped ones live in data/. */
export class FaqRepo {
  private readonly insert;
  private readonly all_;

  constructor(db: Db) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO faq_additions (id, question, answer, ticket, added_by, added_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.all_ = db.prepare(
      `SELECT id, question, answer, ticket, added_by AS addedBy, added_at AS addedAt FROM faq_additions
         ORDER BY added_at, id`,
    );
  }

  /** False when the ticket's answer is already in (nothing is added twice). */
  add(entry: FaqAddition): boolean {
    return (
      this.insert.run(entry.id, entry.question, entry.answer, entry.ticket, entry.addedBy, entry.addedAt).changes === 1
    );
  }

  all(): FaqAddition[] {
    return this.all_.all() as FaqAddition[];
  }
}
