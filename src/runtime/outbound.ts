import type { PhraseRef } from '../phrases/phrase-ref.js';
import { maskPhones } from '../domain/privacy.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import { Menus } from '../phrases/menus.js';
import type { Staff, StaffRole } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import type { Sender } from '../domain/sender.js';

export interface OutboundConfig {
  /** Room where staff notifications go; without one they go to each service-desk member privately. */
  staffRoom?: string;
  /**
   * The office's hours, for nudges that wait for them; without it they go at once. Categories on a
   * round-the-clock level (emergencies, safety) never wait.
   */
  workHours?: { nextOpen(at: number): number; isRoundTheClock(category: string): boolean };
  /**
   * When the staff's night ends, if `at` is in it: a notice about a matter that can wait (a booking, a complaint, a
   * handoff asked for "明天再说也行") reaches staff then, not in the middle of the night.
   */
  staffNight?: (at: number) => number | undefined;
}

/**
 * Writes what the bot will say: rendered from the catalog into the outbox (which is also the
 * outbound log). Callers run it inside the transaction of the turn that caused it, so a reply
 * exists exactly when the turn committed; the dispatcher sends it afterwards.
 *
 * A phrase that names a time takes it from a commitment row, looked up here in the same
 * transaction and recorded on the outbox row: the bot cannot say a time it has not promised.
 */
export class Outbound {
  constructor(
    private readonly store: Store,
    private readonly phrases: PhraseCatalog,
    private readonly config: OutboundConfig,
    private readonly menus: Menus = Menus.load(),
  ) {}

  render(ref: PhraseRef, at: number): { text: string; commitmentIds: number[] } {
    const values: Record<string, number> = {};
    const windows: Record<string, { start: number; end: number }> = {};
    const commitmentIds: number[] = [];
    for (const [name, id] of Object.entries(ref.times ?? {})) {
      const commitment = this.store.commitments.byId(id);
      if (!commitment) throw new Error(`phrase ${ref.key} names the time of commitment ${id}, which does not exist`);
      values[name] = commitment.dueAt;
      if (commitment.windowStart !== null) windows[name] = { start: commitment.windowStart, end: commitment.dueAt };
      commitmentIds.push(id);
    }
    return {
      text: this.phrases.render(ref.key, ref.params, {
        values,
        windows,
        now: at,
        ...(ref.moments && { moments: ref.moments }),
      }),
      commitmentIds,
    };
  }

  /**
   * Several phrases as one message, one per line (lists, command answers). `forStaff`: the text is
   * for staff, who see a resident's phone number only by its last four digits. `proactive`: the
   * office speaks first (a reminder, a notice), so the governor paces it. `lapsesWith`: a ticket whose
   * finishing, before a held message goes, makes it moot (it is then not sent).
   */
  say(
    to: string,
    conversationKey: string | null,
    refs: PhraseRef | PhraseRef[],
    at: number,
    options: { forStaff?: boolean; proactive?: string; notBefore?: number; lapsesWith?: string } = {},
  ): void {
    const list = Array.isArray(refs) ? refs : [refs];
    // Held for later, it is read then: 今天 and 明天 are said from that moment, not from now.
    const readAt = Math.max(at, options.notBefore ?? at);
    const rendered = list.map((ref) => this.render(ref, readAt));
    const text = rendered.map((r) => r.text).join('\n');
    this.store.outbox.enqueue(
      to,
      options.forStaff ? maskPhones(text) : text,
      conversationKey,
      at,
      rendered.flatMap((r) => r.commitmentIds),
      options.proactive ?? null,
      options.notBefore ?? at,
      this.rich(list, readAt, options.forStaff ?? false),
      options.lapsesWith ?? null,
    );
  }

  /** The choices or the card a message may show where a platform can (JSON for the outbox row). */
  private rich(refs: PhraseRef[], at: number, forStaff: boolean): string | null {
    return JSON.stringify(this.menus.rich(refs, (ref) => this.render(ref, at).text, forStaff));
  }

  /**
   * Tells the service desk, naming the resident; falls back up the ladder when nobody is on the desk. `ticket`: the
   * ticket it is about (one that can wait is told after the night).
   */
  notifyStaff(sender: Sender, refs: PhraseRef | PhraseRef[], at: number, ticket?: string): void {
    this.notifyDesk(this.naming(sender, refs), at, ticket ?? sender.wechatId);
  }

  /** The desk: the staff room when there is one, else each service-desk member privately (or the next role up). */
  notifyDesk(refs: PhraseRef | PhraseRef[], at: number, about: string): void {
    this.notify(this.config.staffRoom ? [this.config.staffRoom] : this.deskRecipients(), [refs].flat(), at, about);
  }

  /** Whoever owns the ticket, privately; while nobody does, the desk. Names the resident either way. */
  notifyOwner(ticket: Ticket, sender: Sender, refs: PhraseRef | PhraseRef[], at: number): void {
    const owner = ticket.ownerId ? this.store.community.staffById(ticket.ownerId) : undefined;
    if (owner?.wechatId) this.notifyNaming([owner], sender, refs, at, ticket.number);
    else this.notifyStaff(sender, refs, at, ticket.number);
  }

  /** Particular staff members, privately, about a resident named as the desk would see them. */
  notifyNaming(staff: Staff[], sender: Sender, refs: PhraseRef | PhraseRef[], at: number, about: string): void {
    this.notifyStaffMembers(staff, this.naming(sender, refs), at, about);
  }

  /**
   * Tells particular staff members (an owner, the supervisors), privately: each once, however often named (the
   * technician who is also the desk), and nobody for a role left empty.
   */
  notifyStaffMembers(
    staff: ReadonlyArray<Staff | undefined>,
    refs: PhraseRef | PhraseRef[],
    at: number,
    about: string,
  ): void {
    this.notify(
      [...new Set(staff.map((s) => s?.wechatId).filter((id): id is string => id !== null && id !== undefined))],
      [refs].flat(),
      at,
      about,
    );
  }

  /**
   * A nudge or an escalation about a ticket: sent now when the office is open or the matter runs
   * round the clock (an emergency, a safety complaint); otherwise it waits for the office to open,
   * so nobody's phone rings at night over a matter that can wait.
   */
  notifyStaffAtWork(
    ticket: Pick<Ticket, 'number' | 'category'>,
    staff: Staff[],
    refs: PhraseRef | PhraseRef[],
    at: number,
  ): void {
    const hours = this.config.workHours;
    const notBefore = hours && !hours.isRoundTheClock(ticket.category) ? hours.nextOpen(at) : at;
    this.notify(
      staff.map((s) => s.wechatId).filter((id): id is string => id !== null),
      [refs].flat(),
      at,
      ticket.number,
      notBefore,
    );
  }

  /** The people one step up: the first role of `roles` that has anyone with a wechat id. */
  firstStaffedRole(roles: readonly StaffRole[]): Staff[] {
    for (const role of roles) {
      const staff = this.store.community.staffByRole(role).filter((s) => s.wechatId !== null);
      if (staff.length > 0) return staff;
    }
    return [];
  }

  /** A notice about a ticket that can wait, written at night: when the night ends; otherwise now. */
  private afterNight(about: string, at: number): number {
    const night = this.config.staffNight?.(at);
    if (night === undefined) return at;
    const ticket = this.store.tickets.byNumber(about);
    return ticket && !(this.config.workHours?.isRoundTheClock(ticket.category) ?? false) ? night : at;
  }

  enqueue(
    to: string,
    text: string,
    conversationKey: string | null,
    at: number,
    commitmentIds: number[] = [],
    notBefore = at,
    rich: string | null = null,
  ): void {
    this.store.outbox.enqueue(to, text, conversationKey, at, commitmentIds, null, notBefore, rich);
  }

  /** A description of a resident for staff: name and units, or the unbound wechat id. */
  /** `unit`: the home the matter is about, of the resident's several: only that one is named. */
  describe(sender: Sender, unit?: string): string {
    if (sender.kind === 'resident') {
      const chosen = sender.residents.find((r) => r.unitId === unit);
      const first = chosen ?? sender.residents[0]!;
      const units = chosen
        ? chosen.unitId
        : sender.residents.map((r) => r.unitId).join(this.phrases.render('common.list_separator'));
      return this.phrases.render('staff.who.resident', { name: first.name, units });
    }
    return this.phrases.render('staff.who.unknown', { party: sender.wechatId });
  }

  private naming(sender: Sender, refs: PhraseRef | PhraseRef[]): PhraseRef[] {
    const who = this.describe(sender);
    return [refs].flat().map((ref) => ({ ...ref, params: { ...ref.params, who } }));
  }

  private notify(recipients: string[], refs: PhraseRef[], at: number, about: string, heldTill = at): void {
    const notBefore = heldTill > at ? heldTill : this.afterNight(about, at);
    // Held for office hours, it is read then: 今天 and 明天 are said from that morning, not from the night before.
    const rendered = refs.map((ref) => this.render(ref, notBefore));
    const text = maskPhones(rendered.map((r) => r.text).join('\n'));
    const commitmentIds = rendered.flatMap((r) => r.commitmentIds);
    if (recipients.length === 0) {
      this.store.events.record({ at, actor: 'bot', type: 'notify_unrouted', ref: about, data: { text } });
      return;
    }
    const rich = this.rich(refs, notBefore, true);
    for (const to of recipients) this.enqueue(to, text, null, at, commitmentIds, notBefore, rich);
  }

  /** Who the desk is just now: the service desk, or the next role up when nobody is on it. */
  deskRecipients(): string[] {
    return this.firstStaffedRole(['service', 'supervisor', 'manager']).map((s) => s.wechatId!);
  }
}
