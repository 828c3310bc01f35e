import { EventEmitter } from 'node:events';
import type { Transport } from '../runtime/transport.js';
import type { OutboundMessage } from '../domain/messages.js';

/**
 * The web simulator's transport: a message "sent" is announced to whoever watches that person's
 * chat window (server-sent events); the outbox has already recorded it, so a page that opens later
 * reads it from the message log.
 */
export class WebTransport implements Transport {
  readonly name = 'web';
  private readonly listeners = new EventEmitter().setMaxListeners(0);

  async send(message: OutboundMessage): Promise<void> {
    this.listeners.emit('sent', message);
  }

  /** Calls `listener` for every message sent; returns the function that stops it. */
  watch(listener: (message: OutboundMessage) => void): () => void {
    this.listeners.on('sent', listener);
    return () => this.listeners.off('sent', listener);
  }
}
