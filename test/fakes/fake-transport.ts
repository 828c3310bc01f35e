import type { Transport } from '../../src/runtime/transport.js';
import type { OutboundMessage } from '../../src/domain/messages.js';

/** Records what the bot sends; `failNext` makes the platform refuse sends, as a real one sometimes does. */
export class FakeTransport implements Transport {
  readonly name = 'fake';
  readonly sent: OutboundMessage[] = [];
  private failures = 0;
  private hanging = false;

  failNext(count: number): void {
    this.failures = count;
  }

  /** From now on every send hangs: the process is about to be killed mid-send. */
  hang(): void {
    this.hanging = true;
  }

  async send(message: OutboundMessage): Promise<void> {
    if (this.hanging) return new Promise(() => {});
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error('platform refused the message');
    }
    this.sent.push(message);
  }

  /** Texts sent to one recipient, in order. */
  to(recipient: string): string[] {
    return this.sent.filter((m) => m.to === recipient).map((m) => m.text);
  }

  clear(): void {
    this.sent.length = 0;
  }
}
