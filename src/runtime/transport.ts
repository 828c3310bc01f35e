import type { Hono } from 'hono';
import type { InboundMessage, OutboundMessage } from '../domain/messages.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';

/**
 * What the runtime does about 微信客服 events; the transport only reads and sends. Each resolves
 * once done (and anything it caused is handed to the dispatcher).
 */
export interface KfSessionEvents {
  /** enter_session: the resident opened the chat (greeted, with the menu). */
  arrived(party: string): Promise<void>;
  /** A servicer wrote to the resident in the WeCom client: the person the resident was promised. */
  servicerReplied(party: string, servicer: string): Promise<void>;
  /** The resident wrote while a person has the conversation: the bot stays quiet, but what waited for them goes. */
  heardWithPerson(party: string): Promise<void>;
  /** The servicer ended the session: the conversation is the bot's again. */
  sessionEnded(party: string): Promise<void>;
  /** msg_send_fail for one of our messages (an outbox row): held for the resident's next message, or failed. */
  sendFailed(outboxId: number, reason: string, held: boolean): Promise<void>;
  /** WeCom refused to put the resident in the servicers' queue: the bot goes on with the handoff, the desk is told. */
  handoffRefused(party: string, reason: string): Promise<void>;
}

/** What the runtime does when a staff member presses a card's button: the words that replace the buttons. */
export interface CardPressEvents {
  pressed(from: string, key: string): Promise<string>;
}

/**
 * What a transport delivers into and may drive: the app as a platform sees it. A chat platform
 * only delivers messages; the terminal chat and JSON lines also move the (simulated) clock.
 */
export interface TransportSink {
  /** A message received; resolves once it is answered and what it caused is handed on. */
  inbound(message: InboundMessage): Promise<void>;
  /** A word about the platform itself (logged in, logged out, an error) for the staff room or the desk. */
  ops(ref: PhraseRef): Promise<void>;
  /** 微信客服's session events (WeCom). */
  kf: KfSessionEvents;
  /** A button pressed on a staff card (WeCom): the same command as typed. */
  cards: CardPressEvents;
  now(): number;
  /** Moves the clock forward, firing every deadline on the way. */
  advanceTo(target: number): Promise<void>;
  /** Runs what is due now and sends what waits. */
  tick(): Promise<void>;
  /** Sends what waits now (the outbox), in order. */
  flush(): Promise<void>;
  /** Resolves once every send handed to the transport has finished. */
  settled(): Promise<void>;
}

/**
 * One per platform (console, JSON lines, Wechaty, WeCom, web). The core sees only this; it never
 * imports a platform SDK. `start` hands the transport its sink; what it receives goes there.
 */
export interface Transport {
  readonly name: string;
  /**
   * Starts receiving into `sink`. A chat platform resolves once connected; a driver that reads its
   * own input (the terminal chat, JSON lines) resolves when that input ends.
   */
  start?(sink: TransportSink): Promise<void>;
  /** HTTP routes the platform calls back on (WeCom): the server mounts them on its callback listener. */
  routes?(): Hono;
  stop?(): Promise<void>;
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
