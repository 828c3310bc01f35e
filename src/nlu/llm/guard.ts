import { inZone } from '../../domain/time.js';

/** After this many failures in a row the model is not asked for a while… */
const FAILURES_TO_OPEN = 3;
/** …this while; then one message tries it again. */
export const OPEN_FOR_MS = 5 * 60_000;
/** Answers kept, by masked text: residents say the same few things again and again. */
const CACHE_SIZE = 500;

export type Refusal = 'breaker_open' | 'budget_spent';

/**
 * Keeps the model from getting in the way or running up a bill: a circuit breaker (closed → open
 * after repeated failures → one trial after a pause → closed on success), a daily call budget by
 * the Shanghai calendar, and a cache of answers by masked text. Time is the caller's clock.
 */
export class CallGuard<T> {
  private failures = 0;
  private openUntil: number | undefined;
  private trialInFlight = false;
  /** The desk has been told of this outage: not again until the model has answered once more. */
  private told = false;
  private day = '';
  private callsToday = 0;
  private readonly cache = new Map<string, T>();

  constructor(
    private readonly dailyCalls: number,
    /** Called once when the breaker opens after answering well (not again while it stays down). */
    private readonly onOpen: (at: number) => void,
  ) {}

  cached(key: string): T | undefined {
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Most recently used last: the first key is the one to drop.
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** Whether a call may go out now; when it may, it is counted against today's budget. */
  admit(now: number): Refusal | undefined {
    if (this.openUntil !== undefined) {
      if (now < this.openUntil || this.trialInFlight) return 'breaker_open';
      this.trialInFlight = true;
    }
    const day = inZone(now).format('YYYY-MM-DD');
    if (day !== this.day) [this.day, this.callsToday] = [day, 0];
    if (this.dailyCalls > 0 && this.callsToday >= this.dailyCalls) {
      this.trialInFlight = false;
      return 'budget_spent';
    }
    this.callsToday += 1;
    return undefined;
  }

  succeeded(key: string, answer: T): void {
    [this.failures, this.openUntil, this.trialInFlight, this.told] = [0, undefined, false, false];
    this.cache.set(key, answer);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  failed(now: number): void {
    this.failures += 1;
    this.trialInFlight = false;
    if (this.openUntil === undefined && this.failures < FAILURES_TO_OPEN) return;
    this.openUntil = now + OPEN_FOR_MS;
    if (!this.told) {
      this.told = true;
      this.onOpen(now);
    }
  }

  get state(): 'closed' | 'open' {
    return this.openUntil === undefined ? 'closed' : 'open';
  }

  get calls(): number {
    return this.callsToday;
  }
}
