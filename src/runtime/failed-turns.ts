import type { Logger } from '../log.js';
import type { Ledger } from '../ledger/ledger.js';
import type { StoredInbound } from '../store/message-repo.js';
import type { Store } from '../store/store.js';
import { identify } from '../domain/sender.js';
import type { Outbound } from './outbound.js';

/**
 * A turn that failed still owes the resident what its apology promises ("工作人员会跟进处理"):
 * their message is kept, the desk is told at once (who, what they wrote, the incident id to find
 * the log line), and a callback promise on a ticket of its own puts it on the ladder like any other.
 */
export class FailedTurns {
  constructor(
    private readonly store: Store,
    private readonly ledger: Ledger,
    private readonly outbound: Outbound,
    private readonly log: Logger,
  ) {}

  /** In a transaction of its own (the turn's was rolled back). */
  followUp(message: StoredInbound, replyTo: string, incident: string, at: number): void {
    const what = message.text ?? `[${message.kind}]`;
    try {
      this.store.transaction(() => {
        this.store.messages.receive(message, at);
        const sender = identify(this.store, message.from);
        const { ticket, commitment } = this.ledger.openTicket(
          {
            type: 'handoff',
            category: 'callback',
            commitmentKind: 'callback',
            target: 'first_response',
            summary: what,
            sender,
            replyTo,
            conversationKey: message.conversationKey,
            sourceMessage: message.id,
          },
          at,
        );
        const times = { due: commitment.id };
        this.outbound.say(
          replyTo,
          message.conversationKey,
          { key: 'common.internal_error_followup', params: { ticket: ticket.number }, times },
          at,
        );
        this.outbound.notifyStaff(
          sender,
          { key: 'staff.turn_failed', params: { ticket: ticket.number, text: what, incident }, times },
          at,
        );
        this.store.messages.markProcessed(message, at);
      });
    } catch (error) {
      // The database itself may be what failed: the plain apology at least, and the log keeps the rest.
      this.log.error({ err: error, incident }, 'could not record the follow-up of a failed turn');
      this.store.transaction(() => {
        this.store.messages.receive(message, at);
        this.outbound.say(replyTo, message.conversationKey, { key: 'common.internal_error' }, at);
        this.store.messages.markProcessed(message, at);
      });
    }
  }
}
