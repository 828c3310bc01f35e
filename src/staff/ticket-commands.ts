import type { ConversationEvent } from '../../flows/events.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import type { Ledger } from '../ledger/ledger.js';
import { TicketStateError } from '../ledger/ledger.js';
import { parseChineseTime } from '../nlu/times.js';
import type { Outbound } from '../runtime/outbound.js';
import type { CommitmentKind } from '../store/commitment-repo.js';
import type { Staff } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import { DESK } from './commands.js';
import type { ComplaintFollowUp } from '../complaint/complaint-follow-up.js';
import type { Ticket, TicketStatus } from '../store/ticket-repo.js';
import type { CommandContext } from './command-context.js';
import { namedTicket, openNamedTicket, refuse, statusName } from './ticket-lookup.js';
import type { CardEffects } from '../card/card-effects.js';
import { noteFromStaff, type ResidentRelay } from './resident-relay.js';
import { isHandoff } from '../handoff/handoff-effects.js';

/** Promises each command fulfils on its ticket (a departure keeps the visit appointment). */
const KEEPS: Record<'claim' | 'progress' | 'emergencyProgress' | 'depart' | 'done', readonly CommitmentKind[]> = {
  claim: ['callback'],
  progress: ['callback', 'complaint_reply', 'inquiry_reply'],
  emergencyProgress: ['callback', 'repair_visit'],
  depart: ['callback', 'repair_visit'],
  done: ['callback', 'complaint_reply', 'inquiry_reply', 'repair_visit', 'card_service'],
};

/** Who may claim which kind of ticket: repairs go to technicians, the rest to the service desk. */
const CLAIMERS: Record<Ticket['type'], readonly Staff['role'][]> = {
  repair: ['technician', 'supervisor', 'manager'],
  complaint: ['service', 'supervisor', 'manager'],
  card: ['service', 'supervisor', 'manager'],
  handoff: ['service', 'supervisor', 'manager'],
};

const isLead = (staff: Staff) => staff.role === 'supervisor' || staff.role === 'manager';

/** The commands that work a ticket: each changes it, answers the staff member, and tells the resident. */
export class TicketCommands {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    /** Delivers an event into a resident's conversation, durably (a timer due now). */
    private readonly toResident: (ticket: Ticket, event: ConversationEvent, name: string, at: number) => void,
    private readonly complaints: ComplaintFollowUp,
    private readonly cards: CardEffects,
    private readonly relay: ResidentRelay,
  ) {}

  /** Set by the repair feature: whether a technician works on the day of `at` (a visit handed to them then). */
  worksOn?: (staffId: string, at: number) => boolean;

  /** Set by the emergency feature: the others paged for an emergency hear who took it. */
  emergencyClaimed?: (ticket: Ticket, by: Staff, at: number) => void;

  claim(ctx: CommandContext): PhraseRef {
    const ticket = namedTicket(this.store, ctx);
    if (!CLAIMERS[ticket.type].includes(ctx.staff.role))
      refuse('staff.refused.not_for_role', { ticket: ticket.number });
    if (ticket.ownerId === ctx.staff.id && ticket.status !== 'new' && ticket.status !== 'reopened')
      refuse('staff.refused.already_yours', { ticket: ticket.number });
    // A ticket only assigned (by the schedule or a lead) and not yet taken up may be taken by a colleague of
    // the same trade; once someone has claimed it, it is theirs until handed on.
    const takenUp = ticket.status !== 'new' && ticket.status !== 'reopened';
    if (
      ticket.ownerId &&
      ticket.ownerId !== ctx.staff.id &&
      !isLead(ctx.staff) &&
      (takenUp || this.handedAway(ticket, ctx))
    )
      refuse('staff.refused.owned_by_other', { ticket: ticket.number });
    const previous =
      ticket.ownerId && ticket.ownerId !== ctx.staff.id ? this.store.community.staffById(ticket.ownerId) : undefined;
    const claimed = this.move(ticket, 'claimed', ctx, ctx.staff.id);
    this.tellTakenOver(previous, claimed, ctx);
    this.emergencyClaimed?.(claimed, ctx.staff, ctx.at);
    this.ledger.keep(claimed, KEEPS.claim, ctx.staff.id, ctx.at);
    this.relay.tell(
      claimed,
      { key: 'relay.claimed', params: { ticket: claimed.number, staff: ctx.staff.name } },
      ctx.at,
      { lapses: true },
    );
    return { key: 'staff.reply.claimed', params: { ticket: claimed.number, summary: claimed.summary } };
  }

  progress(ctx: CommandContext): PhraseRef {
    const ticket = this.ownTicket(ctx);
    const note = ctx.rest(1);
    if (!note) refuse('staff.usage.progress', { word: ctx.word });
    const moved = ticket.status === 'in_progress' ? ticket : this.move(ticket, 'in_progress', ctx);
    // In an emergency, word from whoever handles it (已到楼上 关了总阀) is the first response it promised.
    const keeps = this.ledger.levels.isEmergency(moved.category) ? KEEPS.emergencyProgress : KEEPS.progress;
    this.ledger.keep(moved, keeps, ctx.staff.id, ctx.at);
    this.store.events.record({
      at: ctx.at,
      actor: ctx.staff.id,
      type: 'progress',
      ref: moved.number,
      data: { text: note },
    });
    const said = noteFromStaff(moved.number, note);
    const sendAt = this.relay.tell(moved, said.ref, ctx.at, { held: said.held });
    return sendAt === undefined
      ? { key: 'staff.reply.progress', params: { ticket: moved.number } }
      : { key: 'staff.reply.progress_held', params: { ticket: moved.number }, moments: { send: sendAt } };
  }

  depart(ctx: CommandContext): PhraseRef {
    const ticket = this.ownTicket(ctx);
    if (ticket.type !== 'repair') refuse('staff.refused.not_repair', { ticket: ticket.number });
    const moved = ticket.status === 'in_progress' ? ticket : this.move(ticket, 'in_progress', ctx);
    this.ledger.keep(moved, KEEPS.depart, ctx.staff.id, ctx.at);
    this.relay.tell(
      moved,
      {
        // An emergency is wherever it happened (a lift, a corridor), not necessarily the resident's home.
        key: this.ledger.levels.isRoundTheClock(moved.category) ? 'relay.departed_site' : 'relay.departed',
        params: { ticket: moved.number, staff: ctx.staff.name },
      },
      ctx.at,
    );
    return { key: 'staff.reply.departed', params: { ticket: moved.number } };
  }

  done(ctx: CommandContext): PhraseRef {
    const ticket = this.ownTicket(ctx);
    const finished = this.move(ticket, 'done', ctx);
    this.ledger.keep(finished, KEEPS.done, ctx.staff.id, ctx.at);
    for (const rest of this.ledger.openCommitments(finished)) this.ledger.cancel(finished, rest, ctx.staff.id, ctx.at);
    // What staff wrote with it (人已救出 电梯停用等维保) is the resident's to read, before they are asked to confirm.
    const note = ctx.rest(1);
    if (note) {
      const said = noteFromStaff(finished.number, note);
      this.relay.tell(finished, said.ref, ctx.at, { held: said.held });
    }
    // Asked to confirm when the note would reach them too: at night, in the morning, after the note.
    const askAt = this.relay.heldUntil(finished, ctx.at) ?? ctx.at;
    // A home repair is confirmed and rated by the resident; anything else is simply reported done.
    if (finished.type === 'repair')
      this.toResident(
        finished,
        {
          type: 'RATING_REQUESTED',
          ticket: finished.number,
          ...(this.ledger.levels.isEmergency(finished.category) && { emergency: true as const }),
        },
        `rating:${finished.number}`,
        askAt,
      );
    else if (finished.type === 'complaint') {
      this.toResident(
        finished,
        { type: 'COMPLAINT_DONE', ticket: finished.number },
        `resolved:${finished.number}`,
        askAt,
      );
      this.complaints.askResolution(finished, ctx.at);
    } else if (finished.type === 'card') this.cards.ready(finished, ctx.at);
    // The person who took over hands the conversation back to the bot.
    else if (isHandoff(finished))
      this.toResident(
        finished,
        { type: 'HANDOFF_ENDED', ticket: finished.number },
        `handoff-ended:${finished.number}`,
        ctx.at,
      );
    else this.relay.tell(finished, { key: 'relay.done', params: { ticket: finished.number } }, ctx.at);
    return { key: 'staff.reply.done', params: { ticket: finished.number } };
  }

  /** Proposes a new time; the old promise stands until the resident agrees (the flow asks them). */
  reschedule(ctx: CommandContext): PhraseRef {
    const ticket = this.ownTicket(ctx);
    const when = parseChineseTime(ctx.rest(1), ctx.at);
    if (!when || !when.hasTime) return refuse('staff.usage.reschedule', { word: ctx.word });
    if (when.at <= ctx.at) refuse('staff.refused.time_past');
    // A visit already missed may be given a new time too: it stays missed on the record, the new one is proposed.
    const current = this.ledger.nextPromise(ticket) ?? this.ledger.lastBroken(ticket, 'repair_visit');
    if (!current) return refuse('staff.refused.nothing_to_reschedule', { ticket: ticket.number });
    // A visit moves as a window of the same length; any other promise to the new time.
    const proposed =
      current.windowStart === null
        ? this.ledger.promise(ticket, current.kind, when.at, ctx.at, { replacesId: current.id })
        : this.ledger.promise(ticket, current.kind, when.at + (current.dueAt - current.windowStart), ctx.at, {
            replacesId: current.id,
            windowStart: when.at,
          });
    // A question the resident must answer: asked in the morning, not at night, unless they are in the chat.
    const heldUntil = this.relay.heldUntil(ticket, ctx.at);
    this.toResident(
      ticket,
      {
        type: 'RESCHEDULE_PROPOSED',
        ticket: ticket.number,
        commitmentId: proposed.id,
        replacesId: current.id,
        from: proposed.windowStart ?? proposed.dueAt,
        to: proposed.dueAt,
      },
      `reschedule:${proposed.id}`,
      heldUntil ?? ctx.at,
    );
    return {
      key: heldUntil === undefined ? 'staff.reply.reschedule_proposed' : 'staff.reply.reschedule_proposed_held',
      params: { ticket: ticket.number },
      times: { time: proposed.id },
      ...(heldUntil !== undefined && { moments: { send: heldUntil } }),
    };
  }

  reassign(ctx: CommandContext): PhraseRef {
    const ticket = openNamedTicket(this.store, this.outbound, ctx);
    // A technician may hand on the ticket they hold (a part they cannot fit, a trade not theirs), nobody else's.
    if (!DESK.includes(ctx.staff.role) && ticket.ownerId !== ctx.staff.id)
      refuse('staff.refused.owned_by_other', { ticket: ticket.number });
    const name = ctx.rest(1);
    if (!name) refuse('staff.usage.reassign', { word: ctx.word });
    const matches = this.store.community.staffByName(name);
    if (matches.length !== 1)
      refuse(matches.length === 0 ? 'staff.refused.no_such_staff' : 'staff.refused.ambiguous_staff', { name });
    const target = matches[0]!;
    if (target.id === ticket.ownerId)
      refuse('staff.refused.already_theirs', { ticket: ticket.number, name: target.name });
    // A claimed ticket handed on waits for its new owner's claim; work under way stays under way.
    const status: TicketStatus = ticket.status === 'claimed' ? 'new' : ticket.status;
    const moved = this.move(ticket, status, ctx, target.id);
    // Never the target: handing a ticket to its own owner was refused above.
    const previous = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    this.store.events.record({
      at: ctx.at,
      actor: ctx.staff.id,
      type: 'reassigned',
      ref: moved.number,
      data: { from: ticket.ownerId, to: target.id },
    });
    // The one it was taken from hears so, and does not set out for it (or take it back) unawares.
    if (previous && previous.id !== ctx.staff.id)
      this.outbound.notifyStaffMembers(
        [previous],
        { key: 'staff.reassigned_away', params: { ticket: moved.number, by: ctx.staff.name, name: target.name } },
        ctx.at,
        moved.number,
      );
    const next = this.ledger.nextPromise(moved);
    const notice: PhraseRef = next
      ? {
          key: 'staff.assigned_due',
          params: { ticket: moved.number, summary: moved.summary, by: ctx.staff.name },
          times: { due: next.id },
        }
      : { key: 'staff.assigned', params: { ticket: moved.number, summary: moved.summary, by: ctx.staff.name } };
    this.outbound.notifyStaffMembers([target], notice, ctx.at, moved.number);
    // A visit handed to someone off that day (孙强 on a Sunday) would be missed: said at once, for a new time or name.
    const visitStart = next?.windowStart ?? undefined;
    if (next && visitStart !== undefined && this.worksOn && !this.worksOn(target.id, visitStart))
      return {
        key: 'staff.reply.reassigned_off_day',
        params: { ticket: moved.number, name: target.name },
        times: { due: next.id },
      };
    return { key: 'staff.reply.reassigned', params: { ticket: moved.number, name: target.name } };
  }

  /**
   * A ticket the staff member may work: their own, or any for a supervisor or the manager. Working a
   * ticket nobody has claimed yet — a technician reporting an emergency done, a lead's progress note
   * — claims it on the way: the work is what matters, not the order of the commands.
   */
  /**
   * The named ticket, for someone who may act on it: its owner, a lead, or — while nobody has taken it up — a
   * colleague of the trade, who takes it over as #接单 would (the one it was assigned to is told).
   */
  private ownTicket(ctx: CommandContext): Ticket {
    const ticket = openNamedTicket(this.store, this.outbound, ctx);
    const mayClaim = CLAIMERS[ticket.type].includes(ctx.staff.role) || isLead(ctx.staff);
    const takenUp = ticket.status !== 'new' && ticket.status !== 'reopened';
    const mine = ticket.ownerId === ctx.staff.id;
    if (!mine && !isLead(ctx.staff) && (!mayClaim || (ticket.ownerId && (takenUp || this.handedAway(ticket, ctx))))) {
      refuse(ticket.ownerId ? 'staff.refused.owned_by_other' : 'staff.refused.not_for_role', { ticket: ticket.number });
    }
    if (takenUp) return ticket;
    const previous =
      ticket.ownerId && !mine && !isLead(ctx.staff) ? this.store.community.staffById(ticket.ownerId) : undefined;
    const claimed = this.move(ticket, 'claimed', ctx, previous ? ctx.staff.id : (ticket.ownerId ?? ctx.staff.id));
    this.ledger.keep(claimed, KEEPS.claim, ctx.staff.id, ctx.at);
    this.tellTakenOver(previous, claimed, ctx);
    this.emergencyClaimed?.(claimed, ctx.staff, ctx.at);
    return claimed;
  }

  /** Whether the ticket was last handed on (#转派) away from this staff member: theirs again only by a lead. */
  private handedAway(ticket: Ticket, ctx: CommandContext): boolean {
    const last = this.store.events
      .forRef(ticket.number)
      .filter((e) => e.type === 'reassigned')
      .at(-1);
    return (last?.data as { from?: string } | undefined)?.from === ctx.staff.id;
  }

  /** The one a ticket was assigned to hears that a colleague took it over. */
  private tellTakenOver(previous: Staff | undefined, claimed: Ticket, ctx: CommandContext): void {
    if (!previous) return;
    this.outbound.notifyStaffMembers(
      [previous],
      { key: 'staff.taken_over', params: { ticket: claimed.number, name: ctx.staff.name } },
      ctx.at,
      claimed.number,
    );
  }

  private move(ticket: Ticket, to: TicketStatus, ctx: CommandContext, ownerId?: string): Ticket {
    try {
      return this.ledger.changeTicket(ticket, to, ctx.staff.id, ctx.at, ownerId ?? ticket.ownerId);
    } catch (error) {
      if (error instanceof TicketStateError) {
        refuse('staff.refused.wrong_state', {
          ticket: ticket.number,
          status: statusName(this.outbound, ticket),
          command: `#${ctx.word}`,
        });
      }
      throw error;
    }
  }
}
