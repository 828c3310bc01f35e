import type { ConversationEvent } from '../../flows/events.js';
import type { KfSessionEvents } from '../runtime/transport.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Clock } from '../domain/clock.js';
import { identify } from '../domain/sender.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import { isHandoff } from './handoff-effects.js';

export interface KfSessionDeps {
  store: Store;
  ledger: Ledger;
  outbound: Outbound;
  clock: Clock;
  /** Greets the resident who opened the chat, in their conversation's turn. */
  arrive(party: string): Promise<void>;
  /** Delivers an event into the resident's conversation (a timer due now). */
  toResident(ticket: Ticket, event: ConversationEvent, name: string, at: number): void;
  /** Sends what the above queued (and whatever else is due). */
  flush(): Promise<void>;
}

/**
 * What the office does about 微信客服's own session events: the handoff ticket and its callback
 * promise stay the bot's record while a servicer talks with the resident in the WeCom client; the
 * servicer's first word keeps the promise, the end of the session hands the conversation back.
 */
export class KfSessionEffects implements KfSessionEvents {
  constructor(private readonly deps: KfSessionDeps) {}

  arrived(party: string): Promise<void> {
    return this.deps.arrive(party);
  }

  async servicerReplied(party: string, servicer: string): Promise<void> {
    const { store, ledger, clock } = this.deps;
    const at = clock.now();
    store.transaction(() => {
      const ticket = this.handoff(party);
      if (!ticket) return;
      const actor = store.community.staffByWechat(servicer)?.id ?? servicer;
      if (ledger.keep(ticket, ['callback'], actor, at).length > 0) {
        store.events.record({ at, actor, type: 'servicer_replied', ref: ticket.number, data: { servicer } });
      }
    });
    await this.deps.flush();
  }

  async heardWithPerson(party: string): Promise<void> {
    const { store, clock } = this.deps;
    store.transaction(() => store.outbox.release(party, clock.now()));
    await this.deps.flush();
  }

  async sessionEnded(party: string): Promise<void> {
    const { store, ledger, clock } = this.deps;
    const at = clock.now();
    store.transaction(() => {
      const ticket = this.handoff(party);
      if (!ticket) return;
      // Done as by #完成: what was promised is kept, and the conversation is the bot's again.
      const finished = ticket.status === 'new' ? ledger.changeTicket(ticket, 'claimed', 'wecom', at) : ticket;
      const done = ledger.changeTicket(finished, 'done', 'wecom', at);
      ledger.keep(done, ['callback'], 'wecom', at);
      this.deps.toResident(done, { type: 'HANDOFF_ENDED', ticket: done.number }, `handoff-ended:${done.number}`, at);
    });
    await this.deps.flush();
  }

  async sendFailed(outboxId: number, reason: string, held: boolean): Promise<void> {
    const { store, outbound, clock } = this.deps;
    const at = clock.now();
    store.transaction(() => {
      const recipient = store.outbox.failAfterSend(outboxId, reason, held, at);
      if (recipient === undefined) return;
      const who = identify(store, recipient);
      outbound.notifyStaff(
        who,
        held ? { key: 'staff.delivery_held' } : { key: 'staff.delivery_refused', params: { reason } },
        at,
      );
    });
    await this.deps.flush();
  }

  async handoffRefused(party: string, reason: string): Promise<void> {
    const { store, outbound, clock } = this.deps;
    const at = clock.now();
    store.transaction(() =>
      outbound.notifyStaff(identify(store, party), { key: 'staff.handoff_not_transferred', params: { reason } }, at),
    );
    await this.deps.flush();
  }

  private handoff(party: string): Ticket | undefined {
    return this.deps.store.tickets.openForParty(party).filter(isHandoff).at(-1);
  }
}
