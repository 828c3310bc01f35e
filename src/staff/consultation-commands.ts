import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { KnowledgeBase } from '../faq/knowledge-base.js';
import { isHandoff } from '../handoff/handoff-effects.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { CommandContext } from './command-context.js';
import type { ResidentRelay } from './resident-relay.js';
import { namedTicket, openNamedTicket, refuse } from './ticket-lookup.js';

/**
 * The desk talking through the bot: #答复 answers a question the bot could not (the resident gets
 * it, the reply promise is kept), #入库 adds that answer to the knowledge base, #回复 speaks to a
 * resident during a handoff.
 */
export class ConsultationCommands {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly knowledge: KnowledgeBase,
    private readonly relay: ResidentRelay,
  ) {}

  answer(ctx: CommandContext): PhraseRef {
    const ticket = openNamedTicket(this.store, this.outbound, ctx);
    if (ticket.type !== 'handoff' || ticket.category !== 'inquiry')
      refuse('staff.refused.not_inquiry', { ticket: ticket.number });
    const text = ctx.rest(1);
    if (!text) refuse('staff.usage.answer', { word: ctx.word });
    const worked = this.takeOn(ticket, ctx);
    this.ledger.keep(worked, ['inquiry_reply', 'callback'], ctx.staff.id, ctx.at);
    this.store.events.record({
      at: ctx.at,
      actor: ctx.staff.id,
      type: 'inquiry_answer',
      ref: ticket.number,
      data: { text },
    });
    const done = this.ledger.changeTicket(worked, 'done', ctx.staff.id, ctx.at);
    // Unless the resident is in the chat just now, the answer reaches them as the office speaking first,
    // paced and waiting out the quiet hours like any other message nobody asked for just now.
    const sendAt = this.relay.tell(
      done,
      { key: 'faq.answered', params: { ticket: done.number, question: done.summary, text } },
      ctx.at,
      { proactive: 'answer' },
    );
    return sendAt === undefined
      ? { key: 'staff.reply.answered', params: { ticket: done.number } }
      : { key: 'staff.reply.answered_held', params: { ticket: done.number }, moments: { send: sendAt } };
  }

  learn(ctx: CommandContext): PhraseRef {
    const ticket = namedTicket(this.store, ctx);
    if (ticket.type !== 'handoff' || ticket.category !== 'inquiry')
      refuse('staff.refused.not_inquiry', { ticket: ticket.number });
    const answer = this.store.events
      .forRef(ticket.number)
      .filter((e) => e.type === 'inquiry_answer')
      .at(-1);
    if (!answer) return refuse('staff.refused.not_answered', { ticket: ticket.number });
    const added = this.knowledge.learn(
      ticket.number,
      ticket.summary,
      (answer.data as { text: string }).text,
      ctx.staff.id,
      ctx.at,
    );
    if (!added) refuse('staff.refused.already_in_faq', { ticket: ticket.number });
    return { key: 'staff.reply.added_to_faq', params: { ticket: ticket.number } };
  }

  /** Words for the resident during a handoff; the first one keeps the promise to get back to them. */
  reply(ctx: CommandContext): PhraseRef {
    const ticket = openNamedTicket(this.store, this.outbound, ctx);
    if (!isHandoff(ticket)) refuse('staff.refused.not_handoff', { ticket: ticket.number });
    const text = ctx.rest(1);
    if (!text) refuse('staff.usage.reply', { word: ctx.word });
    const worked = this.takeOn(ticket, ctx);
    this.ledger.keep(worked, ['callback'], ctx.staff.id, ctx.at);
    this.outbound.say(
      worked.replyTo,
      worked.conversationKey,
      { key: 'relay.from_staff', params: { staff: ctx.staff.name, text } },
      ctx.at,
    );
    return { key: 'staff.reply.relayed', params: { ticket: worked.number } };
  }

  /**
   * A ticket nobody has claimed is claimed by whoever answers it; someone else's stays theirs unless a lead answers.
   */
  private takeOn(ticket: Ticket, ctx: CommandContext): Ticket {
    const lead = ctx.staff.role === 'supervisor' || ctx.staff.role === 'manager';
    if (ticket.ownerId && ticket.ownerId !== ctx.staff.id && !lead)
      refuse('staff.refused.owned_by_other', { ticket: ticket.number });
    if (ticket.status === 'new' || ticket.status === 'reopened')
      return this.ledger.changeTicket(ticket, 'claimed', ctx.staff.id, ctx.at, ticket.ownerId ?? ctx.staff.id);
    return ticket;
  }
}
