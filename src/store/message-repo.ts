import type { Db } from './db.js';
import type { InboundMessage } from '../domain/messages.js';

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

export interface TranscriptLine {
  direction: 'in' | 'out';
  party: string;
  kind: string;
  text: string | null;
  at: number;
}

/** Received messages (the durable inbox), and the two-way transcript over inbox and outbox. */
export class MessageRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insertIn: db.prepare(
        `INSERT INTO inbound_messages (msg_id, conversation_key, party, room, kind, text, mentions, at, processed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(conversation_key, msg_id) DO NOTHING`,
      ),
      markProcessed: db.prepare(
        'UPDATE inbound_messages SET processed_at = ? WHERE conversation_key = ? AND msg_id = ?',
      ),
      unprocessed: db.prepare('SELECT * FROM inbound_messages WHERE processed_at IS NULL ORDER BY id'),
      forParty: db.prepare(
        // What a message showed beyond its text (buttons) is on its outbox row: the same row, by id.
        `SELECT direction, party, kind, text, at,
           CASE direction WHEN 'out' THEN (SELECT rich FROM outbox WHERE id = seq) END AS rich
         FROM (SELECT direction, party, kind, text, at, seq FROM message_log WHERE party = ?
               ORDER BY at DESC, direction DESC, seq DESC LIMIT ?)
         ORDER BY at, direction, seq`,
      ),
      lastIn: db.prepare('SELECT max(at) FROM inbound_messages WHERE conversation_key = ?').pluck(),
      receivedAt: db.prepare('SELECT at FROM inbound_messages WHERE conversation_key = ? AND msg_id = ?').pluck(),
      recentTexts: db.prepare(
        `SELECT msg_id AS id, text, at FROM inbound_messages WHERE conversation_key = ? AND kind = 'text' AND at >= ?
         ORDER BY id DESC LIMIT ?`,
      ),
      transcript: db.prepare(
        `SELECT direction, party, kind, text, at FROM message_log WHERE conversation_key = ?
         ORDER BY at, direction, seq`,
      ),
    };
  }

  /**
   * Records a received message; false when its id was seen before (a redelivery). `processedAt` is
   * given when the caller answers it in this same transaction, so it never enters the unprocessed index.
   */
  receive(message: StoredInbound, processedAt: number | null = null): boolean {
    const result = this.stmts.insertIn.run(
      message.id,
      message.conversationKey,
      message.from,
      message.room ?? null,
      message.kind,
      message.text ?? null,
      message.mentions ? JSON.stringify(message.mentions) : null,
      message.at,
      processedAt,
    );
    return result.changes === 1;
  }

  markProcessed(message: Pick<StoredInbound, 'id' | 'conversationKey'>, at: number): void {
    this.stmts.markProcessed.run(at, message.conversationKey, message.id);
  }

  /** Messages received but not yet answered, oldest first: what a crash left behind. */
  unprocessed(): StoredInbound[] {
    return (this.stmts.unprocessed.all() as Row[]).map(toInbound);
  }

  /**
   * The latest messages to and from one person, everywhere (the simulator's chat window); `rich`: what
   * an outgoing one showed beyond its text (its buttons), as the outbox row holds it (JSON).
   */
  forParty(party: string, limit = 200): Array<TranscriptLine & { rich: string | null }> {
    return this.stmts.forParty.all(party, limit) as never;
  }

  /** When the person last wrote in this conversation, if ever. */
  lastReceived(conversationKey: string): number | undefined {
    return (this.stmts.lastIn.get(conversationKey) as number | null) ?? undefined;
  }

  /** When a message of this conversation was received, if it was. */
  receivedAt(conversationKey: string, messageId: string): number | undefined {
    return this.stmts.receivedAt.get(conversationKey, messageId) as number | undefined;
  }

  /** The latest texts received in a conversation since `since`, newest first. */
  recentTexts(
    conversationKey: string,
    since: number,
    limit: number,
  ): Array<{ id: string; text: string | null; at: number }> {
    return this.stmts.recentTexts.all(conversationKey, since, limit) as never;
  }

  /** A conversation's messages both ways, in order: inbound before the replies of the same instant. */
  transcript(conversationKey: string): TranscriptLine[] {
    return this.stmts.transcript.all(conversationKey) as never;
  }
}
