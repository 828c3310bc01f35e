import type { PhraseRef } from '../../src/phrases/phrase-ref.js';
import type { TestApp } from '../fakes/test-app.js';

/** One message the transport delivered, with the phrase keys it was rendered from. */
export interface Sent {
  to: string;
  text: string;
  at: number;
  keys: string[];
  /** Commitments whose times the message names (a visit window offered or booked, a deadline). */
  commitmentIds: number[];
}

interface Written {
  to: string;
  text: string;
  keys: string[];
  commitmentIds: number[];
}

const keysOf = (refs: PhraseRef | PhraseRef[]) => [refs].flat().map((r) => r.key);

/**
 * Watches one app from outside: every phrase the bot writes goes through `Outbound` (to a resident
 * by `say`, to staff by the `notify…` methods) into the outbox; the transport later delivers the
 * text. The wrappers note which keys made each outbox row; `take()` pairs what was delivered with
 * them. Only what was delivered counts: a message held for the quiet hours belongs to the step in
 * which it left, and one rolled back with a failed turn was never said.
 */
export class Observer {
  private readonly written: Written[] = [];
  private delivered = 0;
  /** The keys of the outermost Outbound call under way (a notice goes through several methods). */
  private current: string[] | undefined;

  constructor(private readonly app: TestApp) {
    const outbound = app.outbound;
    const track =
      <A extends unknown[]>(method: (...args: A) => void, refsAt: number) =>
      (...args: A): void => {
        if (this.current) return method.apply(outbound, args);
        this.current = keysOf(args[refsAt] as PhraseRef | PhraseRef[]);
        try {
          method.apply(outbound, args);
        } finally {
          this.current = undefined;
        }
      };
    outbound.say = track(outbound.say, 2);
    outbound.notifyStaff = track(outbound.notifyStaff, 1);
    outbound.notifyDesk = track(outbound.notifyDesk, 0);
    outbound.notifyOwner = track(outbound.notifyOwner, 2);
    outbound.notifyStaffMembers = track(outbound.notifyStaffMembers, 1);
    const outbox = app.store.outbox;
    const enqueue = outbox.enqueue;
    // Every argument passed on as given: a row's own send time (notBefore) must reach the outbox.
    outbox.enqueue = (...args: Parameters<typeof enqueue>) => {
      const [recipient, text, , , commitmentIds = []] = args;
      this.written.push({ to: recipient, text, keys: this.current ?? [], commitmentIds });
      return enqueue.apply(outbox, args);
    };
  }

  /** What the transport delivered since the last call. */
  take(): Sent[] {
    const fresh = this.app.transport.sent.slice(this.delivered);
    this.delivered = this.app.transport.sent.length;
    return fresh.map((m) => {
      const i = this.written.findIndex((w) => w.to === m.to && w.text === m.text);
      const [w] = i >= 0 ? this.written.splice(i, 1) : [undefined];
      return { to: m.to, text: m.text, at: m.at, keys: w?.keys ?? [], commitmentIds: w?.commitmentIds ?? [] };
    });
  }
}
