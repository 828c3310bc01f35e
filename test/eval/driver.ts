import type { Staff } from '../../src/store/community-repo.js';
import type { TestApp } from '../fakes/test-app.js';
import type { Observer, Sent } from './observer.js';
import type { StaffDirectory } from './world.js';

/** A person typing: each message a resident sends comes this long after the clock's last move. */
const TYPING_MS = 30_000;

/** Non-text messages carry what the transport stored (a photo, a video, a file); a voice note carries nothing. */
const STORED = new Set(['image', 'video', 'file']);

/**
 * Plays one person's side against one app (the givens and the steps alike) and returns what the
 * bot delivered because of each move. Remembers every phrase key said to the resident over the
 * whole run: advice given when an emergency was reported still counts later.
 */
export class Driver {
  readonly keysToResident: string[] = [];
  private messages = 0;

  constructor(
    readonly app: TestApp,
    private readonly observer: Observer,
    readonly resident: string,
    readonly directory: StaffDirectory,
  ) {}

  now(): number {
    return this.app.clock.now();
  }

  /** Time passes until `ms` (never backwards); every deadline on the way fires. */
  async advanceTo(ms: number): Promise<Sent[]> {
    await this.app.advanceTo(Math.max(ms, this.now()));
    return this.collect();
  }

  async say(text: string): Promise<Sent[]> {
    await this.app.advanceTo(this.now() + TYPING_MS);
    await this.app.say(this.resident, text, { id: this.nextId() });
    return this.collect();
  }

  async send(kind: 'image' | 'voice' | 'video' | 'file'): Promise<Sent[]> {
    await this.app.advanceTo(this.now() + TYPING_MS);
    const id = this.nextId();
    await this.app.bot.handleInbound({
      id,
      from: this.resident,
      kind,
      at: this.now(),
      ...(STORED.has(kind) && { attachment: `media/${id}.${kind}` }),
    });
    return this.collect();
  }

  /** A staff member writes in their chat with the bot. */
  async command(staff: Staff, text: string): Promise<Sent[]> {
    if (!staff.wechatId) throw new Error(`${staff.name} has no wechat id`);
    await this.app.say(staff.wechatId, text, { id: this.nextId() });
    return this.collect();
  }

  toResident(sent: readonly Sent[]): Sent[] {
    return sent.filter((m) => m.to === this.resident);
  }

  /** Delivered since the last move: anything that happened between moves belongs to the next one. */
  collect(): Sent[] {
    const sent = this.observer.take();
    for (const m of this.toResident(sent)) this.keysToResident.push(...m.keys);
    return sent;
  }

  private nextId(): string {
    this.messages += 1;
    return `eval-${this.messages}`;
  }
}
