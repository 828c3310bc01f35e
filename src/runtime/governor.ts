import { fromWallClock, inZone } from '../domain/time.js';

export interface GovernorConfig {
  /** Proactive messages per minute, all recipients together. */
  perMinute: number;
  /** Wall-clock windows (Shanghai) in which proactive messages wait, e.g. 21:00–08:30, 12:00–14:00. */
  quiet: Array<{ start: string; end: string }>;
  /** Proactive messages in any sliding hour, at most (WeCom allows 1,000 per member). */
  perHour: number;
  /** Proactive messages per day, at most. */
  perDay: number;
  /** Random spread added to each wait, so sends are not in lockstep. */
  jitterMs: number;
  /**
   * Staff's night (Shanghai wall clock): a notice about a matter that can wait, written then, reaches them when it
   * ends. Narrower than the residents' quiet hours: technicians start before the office opens.
   */
  staffNight?: Array<{ start: string; end: string }>;
}

/** The staff's night when none is configured. */
const STAFF_NIGHT = [{ start: '22:00', end: '07:00' }];

export type Decision =
  { send: true } | { send: false; until: number; reason: 'quiet_hours' | 'rate' | 'hourly_cap' | 'daily_cap' };

/** What the governor reads of past sends, so a restart does not reset its counts. */
export interface SendHistory {
  /** Proactive messages sent since `from`. */
  sentSince(from: number): number;
  /** When each proactive message since `from` was sent, oldest first. */
  sendTimesSince(from: number): number[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

/**
 * The outbound governor, in one place, for every message the office sends first: quiet hours,
 * a pace per minute (with jitter), an hourly and a daily total keep the account safe and respect residents'
 * habits. Replies to a resident's own message never come here.
 */
export class OutboundGovernor {
  /** Sends of the last hour, oldest first; loaded from the history on the first decision. */
  private recent: number[] | undefined;

  constructor(
    private readonly config: GovernorConfig,
    private readonly history: SendHistory,
    private readonly random: () => number = Math.random,
  ) {}

  decide(now: number): Decision {
    const quietEnd = this.quietUntil(now);
    if (quietEnd !== undefined) return { send: false, until: quietEnd + this.jitter(), reason: 'quiet_hours' };
    const day = inZone(now).startOf('day').valueOf();
    if (this.history.sentSince(day) >= this.config.perDay) {
      const tomorrow = inZone(day).add(1, 'day').valueOf();
      return { send: false, until: (this.quietUntil(tomorrow) ?? tomorrow) + this.jitter(), reason: 'daily_cap' };
    }
    const recent = (this.recent ??= this.history.sendTimesSince(now - HOUR_MS));
    while (recent.length > 0 && recent[0]! <= now - HOUR_MS) recent.shift();
    if (recent.length >= this.config.perHour) {
      return {
        send: false,
        until: recent[recent.length - this.config.perHour]! + HOUR_MS + this.jitter(),
        reason: 'hourly_cap',
      };
    }
    const lastMinute = recent.filter((t) => t > now - MINUTE_MS);
    if (lastMinute.length >= this.config.perMinute)
      return { send: false, until: lastMinute[0]! + MINUTE_MS + this.jitter(), reason: 'rate' };
    // Evenly spaced, not in bursts: an account that fires twenty messages in a second looks like a bot.
    const last = recent.at(-1);
    const gap = MINUTE_MS / this.config.perMinute;
    if (last !== undefined && now - last < gap)
      return { send: false, until: last + gap + this.jitter(), reason: 'rate' };
    return { send: true };
  }

  /** Call after each proactive send. */
  sent(at: number): void {
    (this.recent ??= this.history.sendTimesSince(at - HOUR_MS)).push(at);
  }

  /** The latest moment at or before `at` outside the quiet hours (a reminder that must not come late). */
  lastAllowedAtOrBefore(at: number): number {
    const window = this.quietWindow(at);
    return window ? window.start - MINUTE_MS : at;
  }

  /** The end of the quiet window `at` falls in, if any (windows may wrap midnight). */
  quietUntil(at: number): number | undefined {
    return this.quietWindow(at)?.end;
  }

  /** When the staff's night ends, if `at` is in it. */
  staffNightUntil(at: number): number | undefined {
    return this.quietWindow(at, this.config.staffNight ?? STAFF_NIGHT)?.end;
  }

  private quietWindow(at: number, windows = this.config.quiet): { start: number; end: number } | undefined {
    const day = inZone(at);
    for (const w of windows) {
      const [sh, sm] = w.start.split(':').map(Number) as [number, number];
      const [eh, em] = w.end.split(':').map(Number) as [number, number];
      for (const offset of [-1, 0]) {
        const d = day.add(offset, 'day');
        const start = fromWallClock(d.year(), d.month() + 1, d.date(), sh, sm);
        let end = fromWallClock(d.year(), d.month() + 1, d.date(), eh, em);
        if (end <= start) end = inZone(end).add(1, 'day').valueOf();
        if (at >= start && at < end) return { start, end };
      }
    }
    return undefined;
  }

  private jitter(): number {
    return Math.floor(this.random() * this.config.jitterMs);
  }
}
