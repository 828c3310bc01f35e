import * as chrono from 'chrono-node';
import { fromWallClock, inZone } from '../runtime/time.js';

export interface ParsedTime {
  at: number;
  /** False for a bare day (tomorrow, with no hour): the caller must ask for the hour rather than guess one. */
  hasTime: boolean;
}

/**
 * Chinese times via chrono-node's zh.hans parser. chrono resolves 明天/后天 in the machine's own
 * zone, so it is handed Shanghai wall-clock time as if it were local, and its result is read back
 * as Shanghai wall-clock time: correct whatever the machine's TZ. (Gap patched here, in one place.)
 */
export function parseChineseTime(text: string, now: number): ParsedTime | undefined {
  const wall = inZone(now);
  const reference = new Date(wall.year(), wall.month(), wall.date(), wall.hour(), wall.minute(), wall.second());
  const result = chrono.zh.hans.parse(text, reference, { forwardDate: true })[0];
  if (!result) return undefined;
  const c = result.start;
  const at = fromWallClock(c.get('year') ?? wall.year(), c.get('month') ?? wall.month() + 1, c.get('day') ?? wall.date(), c.get('hour') ?? 0, c.get('minute') ?? 0);
  return Number.isNaN(at) ? undefined : { at, hasTime: c.isCertain('hour') };
}
