import type { Db } from './db.js';

export const TICKET_PREFIX = { repair: 'R', complaint: 'C', card: 'K', handoff: 'H' } as const;
export type TicketType = keyof typeof TICKET_PREFIX;
export type TicketStatus =
  'new' | 'claimed' | 'in_progress' | 'done' | 'confirmed' | 'closed' | 'reopened' | 'cancelled';
export const CLOSED_TICKET_STATUSES: readonly TicketStatus[] = ['done', 'confirmed', 'closed', 'cancelled'];

export interface Ticket {
  id: number;
  number: string;
  type: TicketType;
  category: string;
  status: TicketStatus;
  party: string;
  replyTo: string;
  conversationKey: string;
  residentId: string | null;
  unitId: string | null;
  ownerId: string | null;
  summary: string;
  createdAt: number;
  updatedAt: number;
  /** What a complaint is about (noise, parking…). */
  topic: string | null;
  priority: 'normal' | 'high';
}

export type NewTicket = Omit<Ticket, 'id' | 'number' | 'status' | 'updatedAt' | 'ownerId' | 'topic' | 'priority'> & {
  ownerId?: string | null;
  topic?: string | null;
};

type Row = Record<string, unknown>;
const toTicket = (r: Row): Ticket => ({
  id: r.id as number,
  number: r.number as string,
  type: r.type as TicketType,
  category: r.category as string,
  status: r.status as TicketStatus,
  party: r.party as string,
  replyTo: r.reply_to as string,
  conversationKey: r.conversation_key as string,
  residentId: r.resident_id as string | null,
  unitId: r.unit_id as string | null,
  ownerId: r.owner_id as string | null,
  summary: r.summary as string,
  createdAt: r.created_at as number,
  updatedAt: r.updated_at as number,
  topic: (r.topic as string | null) ?? null,
  priority: (r.priority as 'normal' | 'high') ?? 'normal',
});

const OPEN = `status NOT IN ('done', 'confirmed', 'closed', 'cancelled')`;

export class TicketRepo {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      nextNumber: db.prepare(
        `INSERT INTO ticket_counters (prefix, last) VALUES (?, 1)
         ON CONFLICT(prefix) DO UPDATE SET last = last + 1 RETURNING last`,
      ),
      insert: db.prepare(
        `INSERT INTO tickets (number, type, category, status, party, reply_to, conversation_key, resident_id, unit_id,
           owner_id, summary, created_at, updated_at, topic)
         VALUES (@number, @type, @category, 'new', @party, @replyTo, @conversationKey, @residentId, @unitId,
           @ownerId, @summary, @createdAt, @createdAt, @topic) RETURNING *`,
      ),
      byNumber: db.prepare('SELECT * FROM tickets WHERE number = ?'),
      byId: db.prepare('SELECT * FROM tickets WHERE id = ?'),
      update: db.prepare('UPDATE tickets SET status = ?, owner_id = ?, updated_at = ? WHERE id = ?'),
      openForParty: db.prepare(`SELECT * FROM tickets WHERE party = ? AND ${OPEN} ORDER BY id`),
      doneSince: db.prepare(
        `SELECT * FROM tickets WHERE party = ? AND status = 'done' AND updated_at >= ? ORDER BY id`,
      ),
      latestOwnedForParty: db.prepare(
        `SELECT * FROM tickets WHERE party = ? AND owner_id IS NOT NULL ORDER BY updated_at DESC, id DESC LIMIT 1`,
      ),
      openForOwner: db.prepare(`SELECT * FROM tickets WHERE owner_id = ? AND ${OPEN} ORDER BY id`),
      openUnowned: db.prepare(`SELECT * FROM tickets WHERE owner_id IS NULL AND ${OPEN} ORDER BY id`),
      allOpen: db.prepare(`SELECT * FROM tickets WHERE ${OPEN} ORDER BY id`),
      sameTopicSince: db.prepare(
        `SELECT * FROM tickets WHERE type = 'complaint' AND topic = ? AND created_at >= ? AND id <> ? ORDER BY id`,
      ),
      raise: db.prepare(`UPDATE tickets SET priority = 'high' WHERE id = ?`),
      complaintsOfPartySince: db.prepare(
        `SELECT * FROM tickets WHERE party = ? AND type = 'complaint' AND created_at >= ? ORDER BY id`,
      ),
    };
  }

  create(ticket: NewTicket): Ticket {
    const prefix = TICKET_PREFIX[ticket.type];
    const { last } = this.stmts.nextNumber.get(prefix) as { last: number };
    return toTicket(
      this.stmts.insert.get({
        ...ticket,
        ownerId: ticket.ownerId ?? null,
        topic: ticket.topic ?? null,
        number: `${prefix}${last}`,
      }) as Row,
    );
  }

  /** Ticket numbers are case-insensitive for staff typing on a phone: r1024 is R1024. */
  byNumber(number: string): Ticket | undefined {
    const row = this.stmts.byNumber.get(number.trim().toUpperCase()) as Row | undefined;
    return row && toTicket(row);
  }

  byId(id: number): Ticket | undefined {
    const row = this.stmts.byId.get(id) as Row | undefined;
    return row && toTicket(row);
  }

  update(ticket: Pick<Ticket, 'id' | 'status' | 'ownerId'>, at: number): void {
    this.stmts.update.run(ticket.status, ticket.ownerId, at, ticket.id);
  }

  /** The resident's most recently worked ticket that someone handled (for praise without a name). */
  latestOwnedForParty(party: string): Ticket | undefined {
    const row = this.stmts.latestOwnedForParty.get(party) as Row | undefined;
    return row && toTicket(row);
  }

  openForParty(party: string): Ticket[] {
    return (this.stmts.openForParty.all(party) as Row[]).map(toTicket);
  }

  /** Reported done since `since` and not yet confirmed by the resident: their verdict is still awaited. */
  doneForParty(party: string, since: number): Ticket[] {
    return (this.stmts.doneSince.all(party, since) as Row[]).map(toTicket);
  }

  openForOwner(ownerId: string): Ticket[] {
    return (this.stmts.openForOwner.all(ownerId) as Row[]).map(toTicket);
  }

  openUnowned(): Ticket[] {
    return (this.stmts.openUnowned.all() as Row[]).map(toTicket);
  }

  /** Complaints about the same thing since `since` (other than `exceptId`), oldest first. */
  sameTopicSince(topic: string, since: number, exceptId: number): Ticket[] {
    return (this.stmts.sameTopicSince.all(topic, since, exceptId) as Row[]).map(toTicket);
  }

  /** A resident's complaints opened since `since`, whatever their state, oldest first. */
  complaintsOfPartySince(party: string, since: number): Ticket[] {
    return (this.stmts.complaintsOfPartySince.all(party, since) as Row[]).map(toTicket);
  }

  raisePriority(id: number): void {
    this.stmts.raise.run(id);
  }

  allOpen(): Ticket[] {
    return (this.stmts.allOpen.all() as Row[]).map(toTicket);
  }
}
