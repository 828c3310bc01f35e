import type { OutboundMessage } from '../domain/messages.js';

/**
 * One per platform (console, JSON lines, Wechaty, WeCom, web). The core sees only this; it never
 * imports a platform SDK. Inbound messages are pushed into `Bot.handleInbound` by the adapter.
 */
export interface Transport {
  readonly name: string;
  /** Delivers one message; throws when the platform refused it, so the outbox can retry. */
  send(message: OutboundMessage): Promise<void>;
  /**
   * Limits the platform puts on messages to one recipient, which it enforces by dropping the
   * excess silently (WeCom: 30 a minute, 1,000 an hour): the dispatcher keeps under them.
   */
  readonly recipientLimits?: ReadonlyArray<{ windowMs: number; max: number }>;
  /**
   * For a transport that collects what it takes and writes it out in one go (JSON lines): resolves
   * once everything taken so far is written. A message is marked sent only then, so a crash before
   * the write sends it again rather than losing it.
   */
  written?(): Promise<void>;
}

/** Not now, and not a failure: send it again at `until` (a platform's rate limit). */
export class DeliveryDeferred extends Error {
  constructor(
    readonly until: number,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * The platform cannot reach this person until they write again (WeCom customer service allows
 * replies only in a window after the customer's last message): the message waits for that.
 */
export class RecipientUnreachable extends Error {
  constructor(
    reason: string,
    /** False when there is nothing to tell staff (a welcome to someone who never wrote). */
    readonly tellStaff = true,
  ) {
    super(reason);
  }
}
