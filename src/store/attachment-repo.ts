import type { Db } from './db.js';

export interface Attachment {
  messageId: string;
  party: string;
  conversationKey: string;
  kind: string;
  path: string;
  at: number;
}

/** What a repair or complaint ticket was shown with: the flow's photos first, later ones too. */
const EVIDENCE_TYPES = `('repair', 'complaint')`;
const OPEN = `status NOT IN ('done', 'confirmed', 'closed', 'cancelled')`;

/** Photos and files residents send, kept as evidence on their repair or complaint ticket. */
export class AttachmentRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare(
        `INSERT OR IGNORE INTO attachments (message_id, party, conversation_key, kind, path, at, ticket_id)
         VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM tickets
           WHERE party = ? AND type IN ${EVIDENCE_TYPES} AND ${OPEN} ORDER BY id DESC LIMIT 1))`,
      ),
      link: db.prepare(
        `UPDATE attachments SET ticket_id = ? WHERE conversation_key = ? AND ticket_id IS NULL AND at >= ?`,
      ),
      forTicket: db.prepare(
        `SELECT message_id AS messageId, party, conversation_key AS conversationKey, kind, path, at FROM attachments
           WHERE ticket_id = ? ORDER BY id`,
      ),
      linkedTo: db
        .prepare(`SELECT t.number FROM attachments a JOIN tickets t ON t.id = a.ticket_id WHERE a.message_id = ?`)
        .pluck(),
    };
  }

  /** Kept at once; linked to the sender's open repair or complaint ticket, if there is one already. */
  keep(a: Attachment): void {
    this.stmts.insert.run(a.messageId, a.party, a.conversationKey, a.kind, a.path, a.at, a.party);
  }

  /** A new ticket takes what was sent in its conversation while it was being described. */
  linkRecent(conversationKey: string, ticketId: number, since: number): number {
    return this.stmts.link.run(ticketId, conversationKey, since).changes;
  }

  forTicket(ticketId: number): Attachment[] {
    return this.stmts.forTicket.all(ticketId) as Attachment[];
  }

  /** The ticket number a message's attachment went to, if any. */
  ticketOf(messageId: string): string | undefined {
    return this.stmts.linkedTo.get(messageId) as string | undefined;
  }
}
