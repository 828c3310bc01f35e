import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The office's zone. Every time the bot stores, shows or reasons about is in it, whatever the machine's TZ. */
export const ZONE = 'Asia/Shanghai';

/** A wall-clock instant as `2026-11-26T09:30:00+08:00`. */
export function formatIso(ms: number): string {
  return dayjs(ms).tz(ZONE).format('YYYY-MM-DDTHH:mm:ssZ');
}

/** Parses an ISO instant; one without an offset is read as Shanghai wall-clock time. */
export function parseIso(text: string): number {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim());
  const parsed = hasOffset ? dayjs(text) : dayjs.tz(text, ZONE);
  if (!parsed.isValid()) throw new Error(`not a valid ISO time: ${text}`);
  return parsed.valueOf();
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `90m`, `2h`, `1d` → milliseconds. */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+)\s*([mhd])\s*$/.exec(text);
  if (!match) throw new Error(`not a duration (use 90m, 2h or 1d): ${text}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** Shanghai wall-clock view of an instant, for code that reasons in local days and hours. */
export function inZone(ms: number): dayjs.Dayjs {
  return dayjs(ms).tz(ZONE);
}
