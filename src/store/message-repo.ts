import type { Db } from './db.js';
import type { InboundMessage } from '../adapters/transport.js';

export interface StoredInbound extends InboundMessage {
  conversationKey: string;
}

type Row = {
  msg_id: string;
  conversation_key: string;
  party: string;
  room: string | null;
  kind: string;
  text: string | null;
  mentions: string | null;
  at: number;
};

const toInbound = (r: Row): StoredInbound => ({
  id: r.msg_id,
  conversationKey: r.conversation_key,
  from: r.party,
  ...(r.room !== null && { room: r.room }),
  kind: r.kind as InboundMessage['kind'],
  ...(r.text !== null && { text: r.text }),
  ...(r.mentions !== null && { mentions: JSON.parse(r.mentions) as string[] }),
  at: r.at,
});

/** The message log, inbound and outbound; inbound rows double as the durable inbox. */
export class MessageRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insertIn: db.prepare(
        `INSERT INTO messages (msg_id, direction, conversation_key, party, room, kind, text, mentions, at)
         VALUES (?, 'in', ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(msg_id) DO NOTHING`,
      ),
      insertOut: db.prepare(
        `INSERT INTO messages (msg_id, direction, conversation_key, party, kind, text, at, processed_at)
         VALUES (?, 'out', ?, ?, 'text', ?, ?, ?)`,
      ),
      markProcessed: db.prepare('UPDATE messages SET processed_at = ? WHERE msg_id = ?'),
      unprocessed: db.prepare(
        `SELECT * FROM messages WHERE direction = 'in' AND processed_at IS NULL ORDER BY id`,
      ),
      transcript: db.prepare(
        'SELECT direction, party, kind, text, at FROM messages WHERE conversation_key = ? ORDER BY id',
      ),
    };
  }

  /** Records a received message; false when its id was seen before (a redelivery). */
  receive(message: InboundMessage, conversationKey: string): boolean {
    const result = this.stmts.insertIn.run(
      message.id,
      conversationKey,
      message.from,
      message.room ?? null,
      message.kind,
      message.text ?? null,
      message.mentions ? JSON.stringify(message.mentions) : null,
      message.at,
    );
    return result.changes === 1;
  }

  markProcessed(msgId: string, at: number): void {
    this.stmts.markProcessed.run(at, msgId);
  }

  logOutbound(outboxId: number, conversationKey: string, to: string, text: string, at: number): void {
    this.stmts.insertOut.run(`out:${outboxId}`, conversationKey, to, text, at, at);
  }

  /** Messages received but not yet answered, oldest first: what a crash left behind. */
  unprocessed(): StoredInbound[] {
    return (this.stmts.unprocessed.all() as Row[]).map(toInbound);
  }

  transcript(conversationKey: string): Array<{ direction: 'in' | 'out'; party: string; kind: string; text: string | null; at: number }> {
    return this.stmts.transcript.all(conversationKey) as never;
  }
}
