import type { Sender } from '../domain/sender.js';
import type { Commitment, CommitmentKind } from '../store/commitment-repo.js';
import { CLOSED_TICKET_STATUSES, type Ticket, type TicketStatus, type TicketType } from '../store/ticket-repo.js';
import type { Store } from '../store/store.js';
import type { ServiceLevels, Target } from './service-levels.js';

/** Which ticket states may follow which: new → claimed → in progress → done → confirmed/closed. */
const NEXT_STATES: Record<TicketStatus, readonly TicketStatus[]> = {
  new: ['claimed', 'cancelled'],
  claimed: ['new', 'in_progress', 'done', 'cancelled'],
  in_progress: ['done', 'cancelled'],
  done: ['confirmed', 'closed', 'reopened'],
  confirmed: ['closed'],
  closed: ['reopened'],
  reopened: ['claimed', 'in_progress', 'done', 'cancelled'],
  cancelled: [],
};

/** How far back a new ticket looks for photos sent in its conversation. */
const EVIDENCE_WINDOW_MS = 24 * 3_600_000;

export interface TicketRequest {
  type: TicketType;
  category: string;
  /** The promise made to the resident when the ticket is opened. */
  commitmentKind: CommitmentKind;
  target: Target;
  summary: string;
  sender: Sender;
  replyTo: string;
  conversationKey: string;
  sourceMessage?: string;
  /** What a complaint is about. */
  topic?: string;
  /** The home someone not yet verified says it is (a repair needs no check: it shows them nothing). */
  statedUnit?: string;
  /** A later time the resident asked for (晚上7点以后给我打电话): the promise is for then, not the service level's. */
  askedFor?: number;
}

export class TicketStateError extends Error {
  constructor(
    readonly ticket: Ticket,
    readonly to: TicketStatus,
  ) {
    super(`ticket ${ticket.number} cannot go from ${ticket.status} to ${to}`);
  }
}

export const isClosed = (ticket: Ticket) => CLOSED_TICKET_STATUSES.includes(ticket.status);

/**
 * Tickets and the promises made on them. Every change is written to the audit log with who and
 * when; callers run these inside the transaction of the turn or command that caused them.
 */
export class Ledger {
  constructor(
    private readonly store: Store,
    readonly levels: ServiceLevels,
  ) {}

  /**
   * A compensation the bot offered ("上门费和人工费全免…"): a promise like any other, so it is written
   * on the ticket, word for word, for the supervisor who keeps it.
   */
  recordCompensation(ticket: Ticket, offer: { key: string; text: string }, at: number): void {
    this.store.events.record({ at, actor: 'bot', type: 'compensation_offered', ref: ticket.number, data: offer });
  }

  /** Opens a ticket with its first promise, due by the service level of its category. */
  openTicket(
    request: TicketRequest,
    at: number,
    ownerId: string | null = null,
  ): { ticket: Ticket; commitment: Commitment } {
    const ticket = this.createTicket(request, at, ownerId);
    const deadline = this.levels.deadline(request.category, request.target, at);
    const commitment = this.promise(
      ticket,
      request.commitmentKind,
      request.askedFor !== undefined && request.askedFor > deadline ? request.askedFor : deadline,
      at,
      {
        sourceConversation: request.conversationKey,
        ...(request.sourceMessage && { sourceMessage: request.sourceMessage }),
      },
    );
    return { ticket, commitment };
  }

  /** A ticket without a promise yet (the caller attaches one it already holds). */
  createTicket(
    request: Pick<
      TicketRequest,
      'type' | 'category' | 'summary' | 'sender' | 'replyTo' | 'conversationKey' | 'topic' | 'statedUnit'
    >,
    at: number,
    ownerId: string | null = null,
  ): Ticket {
    const resident = request.sender.kind === 'resident' ? request.sender.residents[0] : undefined;
    const ticket = this.store.tickets.create({
      type: request.type,
      category: request.category,
      party: request.sender.wechatId,
      replyTo: request.replyTo,
      conversationKey: request.conversationKey,
      residentId: resident?.id ?? null,
      unitId: resident?.unitId ?? request.statedUnit ?? null,
      ownerId,
      summary: request.summary,
      createdAt: at,
      ...(request.topic && { topic: request.topic }),
    });
    this.store.events.record({
      at,
      actor: request.sender.wechatId,
      type: 'ticket_opened',
      ref: ticket.number,
      data: { category: request.category },
    });
    // Photos sent while the repair or complaint was being described are its evidence.
    if (ticket.type === 'repair' || ticket.type === 'complaint')
      this.store.attachments.linkRecent(ticket.conversationKey, ticket.id, at - EVIDENCE_WINDOW_MS);
    return ticket;
  }

  /** A promise held before the ticket existed (a visit window) becomes the ticket's, warned like any other. */
  attachPromise(ticket: Ticket, commitment: Commitment, at: number): void {
    this.store.commitments.attach(commitment.id, ticket.id, commitment.ownerId ?? ticket.ownerId);
    const warnAt = (commitment.windowStart ?? commitment.dueAt) - this.levels.warnBeforeMs;
    if (warnAt > at) this.store.commitments.setWarnAt(commitment.id, warnAt);
    this.store.events.record({
      at,
      actor: 'bot',
      type: 'commitment_made',
      ref: ticket.number,
      data: { id: commitment.id, kind: commitment.kind, dueAt: commitment.dueAt },
    });
  }

  /** Records a promise the office makes on a ticket; its owner is warned before it falls due. */
  promise(
    ticket: Ticket,
    kind: CommitmentKind,
    dueAt: number,
    at: number,
    extra: { sourceConversation?: string; sourceMessage?: string; replacesId?: number; windowStart?: number } = {},
  ): Commitment {
    const warnAt = (extra.windowStart ?? dueAt) - this.levels.warnBeforeMs;
    const commitment = this.store.commitments.create({
      kind,
      party: 'office',
      dueAt,
      warnAt: warnAt > at ? warnAt : null,
      ticketId: ticket.id,
      ownerId: ticket.ownerId,
      residentParty: ticket.party,
      residentId: ticket.residentId,
      unitId: ticket.unitId,
      summary: ticket.summary,
      createdAt: at,
      ...extra,
    });
    this.store.events.record({
      at,
      actor: 'bot',
      type: 'commitment_made',
      ref: ticket.number,
      data: { id: commitment.id, kind, dueAt },
    });
    return commitment;
  }

  /** Moves a ticket to a new state (and owner); throws TicketStateError for a move that is not allowed. */
  changeTicket(
    ticket: Ticket,
    to: TicketStatus,
    actor: string,
    at: number,
    ownerId: string | null = ticket.ownerId,
  ): Ticket {
    if (to !== ticket.status && !NEXT_STATES[ticket.status].includes(to)) throw new TicketStateError(ticket, to);
    const updated: Ticket = { ...ticket, status: to, ownerId, updatedAt: at };
    this.store.tickets.update(updated, at);
    if (ownerId !== ticket.ownerId) this.store.commitments.setOwnerForTicket(ticket.id, ownerId);
    if (isClosed(updated)) this.store.commitments.stopEscalating(ticket.id);
    this.store.events.record({
      at,
      actor,
      type: 'ticket_changed',
      ref: ticket.number,
      data: { from: ticket.status, to, ...(ownerId !== ticket.ownerId && { owner: ownerId }) },
    });
    return updated;
  }

  /** Marks the ticket's open promises of these kinds kept; returns the ones that were. */
  keep(ticket: Ticket, kinds: readonly CommitmentKind[], actor: string, at: number): Commitment[] {
    const kept = this.openCommitments(ticket).filter(
      (c) => kinds.includes(c.kind) && this.store.commitments.settle(c.id, 'kept', at),
    );
    for (const c of kept)
      this.store.events.record({
        at,
        actor,
        type: 'commitment_kept',
        ref: ticket.number,
        data: { id: c.id, kind: c.kind },
      });
    return kept;
  }

  /** Replaces a promise by a new one the resident agreed to. */
  renegotiate(ticket: Ticket, old: Commitment, replacement: Commitment, actor: string, at: number): boolean {
    if (!this.store.commitments.settle(old.id, 'renegotiated', at)) return false;
    this.store.events.record({
      at,
      actor,
      type: 'commitment_renegotiated',
      ref: ticket.number,
      data: { from: old.id, to: replacement.id },
    });
    return true;
  }

  cancel(ticket: Ticket, commitment: Commitment, actor: string, at: number): boolean {
    if (!this.store.commitments.settle(commitment.id, 'cancelled', at)) return false;
    this.store.events.record({
      at,
      actor,
      type: 'commitment_cancelled',
      ref: ticket.number,
      data: { id: commitment.id },
    });
    return true;
  }

  openCommitments(ticket: Ticket): Commitment[] {
    return this.store.commitments.byTicket(ticket.id).filter((c) => c.status === 'open');
  }

  /** The soonest open promise on a ticket: what to quote when a time must be named. */
  nextPromise(ticket: Ticket): Commitment | undefined {
    return this.openCommitments(ticket).sort((a, b) => a.dueAt - b.dueAt)[0];
  }

  /** The last promise of this kind the office broke on the ticket. */
  lastBroken(ticket: Ticket, kind: CommitmentKind): Commitment | undefined {
    return this.store.commitments
      .byTicket(ticket.id)
      .filter((c) => c.kind === kind && c.status === 'broken')
      .at(-1);
  }
}
