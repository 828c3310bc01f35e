import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);

// The office's zone is Asia/Shanghai: every time the bot stores, shows or reasons about is in it,
// whatever the machine's TZ.

/**
 * Shanghai has kept UTC+08:00, without daylight saving, since 1991: a fixed offset is exact for
 * every date the bot handles, and far cheaper than asking Intl for the zone on each conversion
 * (dayjs's timezone plugin made that the pipeline's largest cost).
 */
const OFFSET_MINUTES = 8 * 60;

/** Shanghai wall-clock view of an instant, for code that reasons in local days and hours. */
export function inZone(ms: number): dayjs.Dayjs {
  return dayjs(ms).utcOffset(OFFSET_MINUTES);
}

/** The instant of a Shanghai wall-clock time (month 1–12). */
export function fromWallClock(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - OFFSET_MINUTES * 60_000;
}

let lastFormatted = { ms: Number.NaN, text: '' };

/** A wall-clock instant as `2026-11-26T09:30:00+08:00`. */
export function formatIso(ms: number): string {
  // Every reply is stamped, and a burst of replies shares one instant: formatting a zoned time costs ~10 us.
  if (ms !== lastFormatted.ms) lastFormatted = { ms, text: inZone(ms).format('YYYY-MM-DDTHH:mm:ssZ') };
  return lastFormatted.text;
}

/** Parses an ISO instant; one without an offset is read as Shanghai wall-clock time. */
export function parseIso(text: string): number {
  const trimmed = text.trim();
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed);
  const ms = Date.parse(hasOffset ? trimmed : `${trimmed}+08:00`);
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed) || Number.isNaN(ms)) throw new Error(`not a valid ISO time: ${text}`);
  return ms;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export interface DurationParts {
  count: number;
  unit: keyof typeof UNIT_MS;
}

/** `90m`, `2h`, `1d` → its count and unit (a day means a working day on a business clock). */
export function durationParts(text: string): DurationParts {
  const match = /^\s*(\d+)\s*([mhd])\s*$/.exec(text);
  if (!match) throw new Error(`not a duration (use 90m, 2h or 1d): ${text}`);
  return { count: Number(match[1]), unit: match[2] as DurationParts['unit'] };
}

export const durationMs = ({ count, unit }: DurationParts): number => count * UNIT_MS[unit];

/** `90m`, `2h`, `1d` → milliseconds. */
export function parseDuration(text: string): number {
  return durationMs(durationParts(text));
}

/**
 * The ISO-8601 week (Monday first; week 1 holds the year's first Thursday) of an instant, in
 * Shanghai. Computed here: dayjs's isoWeek plugin gave wrong weeks once exceljs had added its own
 * dayjs plugins to the shared instance.
 */
export function isoWeekOf(ms: number): { year: number; week: number } {
  const wall = new Date(ms + OFFSET_MINUTES * 60_000);
  const weekday = wall.getUTCDay() || 7;
  const thursday = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate() + 4 - weekday);
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: Math.floor((thursday - Date.UTC(year, 0, 1)) / 604_800_000) + 1 };
}
