/**
 * One serial queue per key (per conversation): a resident's messages are handled strictly in
 * order, while different residents do not wait for each other.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** True when nothing for this key is running or waiting. */
  isIdle(key: string): boolean {
    return !this.tails.has(key);
  }

  /**
   * With nothing ahead, the task starts at once (synchronously, up to its first await): a message
   * that arrives in the same instant behind it must find it already under way, not overtake it.
   */
  run<T>(key: string, task: () => T | Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    const next = previous ? previous.then(task, task) : (async () => task())();
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    // Forget idle keys so the map does not grow with every resident ever seen.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }
}
