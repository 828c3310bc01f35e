/**
 * A platform's limits on messages to one recipient (WeCom: 30 a minute, 1,000 an hour), kept by
 * sliding windows. The platform drops the excess silently, so it must never be reached. What was
 * sent before a restart is read back from the outbox the first time a recipient is seen.
 */
export class RecipientLimits {
  private readonly sent = new Map<string, number[]>();
  private readonly longestMs: number;

  constructor(
    private readonly limits: ReadonlyArray<{ windowMs: number; max: number }>,
    private readonly history: (recipient: string, since: number) => number[],
  ) {
    this.longestMs = Math.max(0, ...limits.map((l) => l.windowMs));
  }

  /** When a message to `recipient` may go: `now`, or the moment the fullest window frees a place. */
  nextAllowed(recipient: string, now: number): number {
    const times = this.times(recipient, now);
    let allowed = now;
    for (const { windowMs, max } of this.limits) {
      const inWindow = times.filter((t) => t > now - windowMs);
      if (inWindow.length >= max) allowed = Math.max(allowed, inWindow[inWindow.length - max]! + windowMs);
    }
    return allowed;
  }

  record(recipient: string, at: number): void {
    this.times(recipient, at).push(at);
  }

  private times(recipient: string, now: number): number[] {
    let times = this.sent.get(recipient);
    if (!times) {
      times = this.history(recipient, now - this.longestMs);
      this.sent.set(recipient, times);
    }
    // Forget what no window looks at any more: memory stays bounded by the limits.
    const keepFrom = times.findIndex((t) => t > now - this.longestMs);
    if (keepFrom !== 0) times.splice(0, keepFrom === -1 ? times.length : keepFrom);
    return times;
  }
}
