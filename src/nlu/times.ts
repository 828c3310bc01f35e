import * as chrono from 'chrono-node';
import { readYaml } from '../data-file.js';
import { z } from 'zod';
import { dataPath } from '../data-path.js';
import { fromWallClock, inZone } from '../runtime/time.js';

export interface ParsedTime {
  at: number;
  /** The end of a range (下午两点到四点). */
  end?: number;
  /** False for a bare day (tomorrow, with no hour or period): ask for the hour rather than guess. */
  hasTime: boolean;
  /** The words that said the time, so they can be left out when judging what the message is about. */
  said: string[];
  /** False when only an hour or a period was said (上午, 3点): an answer to "which day" keeps its day. */
  dayGiven?: boolean;
}

export const timeWordsSchema = z.object({
  aliases: z.record(z.string(), z.string()),
  periods: z.record(z.string(), z.number().int().min(0).max(23)),
  morning: z.array(z.string()),
  afternoon_below: z.number().int(),
  weekend: z.array(z.string()),
  next_weekend: z.array(z.string()),
  month_end: z.array(z.string()),
  next_month: z.array(z.string()),
  day_suffix: z.array(z.string()),
  numerals: z.record(z.string(), z.number().int()),
  ten: z.string(),
  time_hints: z.array(z.string()),
  clock_suffix: z.array(z.string()),
  date_format: z.string(),
  today: z.array(z.string()),
  relative: z.object({ units: z.record(z.string(), z.number()), after: z.array(z.string()), half: z.string() }),
  month_word: z.string().min(1),
});

type Words = z.infer<typeof timeWordsSchema>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
const anyOf = (list: string[]) => longestFirst(list).map(escape).join('|');

/** The data, and the patterns built from it once: parsing runs on every message. */
interface Compiled extends Words {
  aliasPattern: RegExp;
  periodNames: string[];
  periodPattern: RegExp;
  nextWeekend: RegExp;
  weekendPattern: RegExp;
  monthEnd: RegExp;
  nextMonthDay: RegExp;
  relativePattern: RegExp;
  /** A text matching none of this holds no time: chrono is not asked. */
  hints: RegExp;
  /** Month and day numbers as written, to check the date exists. */
  calendarDate: RegExp;
}

let compiled: Compiled | undefined;

function loadWords(): Compiled {
  if (compiled) return compiled;
  const w = timeWordsSchema.parse(readYaml(dataPath('times.zh-CN.yaml')));
  const numeral = `\\d{1,2}|[${Object.keys(w.numerals).join('')}${w.ten}]{1,3}`;
  const timeWords = [
    ...Object.keys(w.aliases),
    ...Object.keys(w.periods),
    ...w.weekend,
    ...w.next_weekend,
    ...w.month_end,
    ...w.next_month,
    ...w.today,
    ...w.time_hints,
  ];
  compiled = {
    ...w,
    aliasPattern: new RegExp(anyOf(Object.keys(w.aliases)), 'g'),
    periodNames: longestFirst(Object.keys(w.periods)),
    periodPattern: new RegExp(anyOf(Object.keys(w.periods)), 'g'),
    nextWeekend: new RegExp(anyOf(w.next_weekend), 'g'),
    weekendPattern: new RegExp(anyOf(w.weekend), 'g'),
    monthEnd: new RegExp(anyOf(w.month_end), 'g'),
    nextMonthDay: new RegExp(`(?:${anyOf(w.next_month)})(${numeral})(?:${anyOf(w.day_suffix)})`, 'g'),
    relativePattern: new RegExp(`(${numeral}|${escape(w.relative.half)})(${anyOf(Object.keys(w.relative.units))})(?:${anyOf(w.relative.after)})`),
    calendarDate: new RegExp(`(\\d{1,2})\\s*${escape(w.month_word)}\\s*(\\d{1,2})\\s*(?:${anyOf(w.day_suffix)})`),
    hints: new RegExp(`${anyOf(timeWords)}|(?:${numeral}|${escape(w.relative.half)})\\s*(?:${anyOf([...w.clock_suffix, ...Object.keys(w.relative.units)])})`),
  };
  return compiled;
}

type Wall = ReturnType<typeof inZone>;
const DAY_MS = 86_400_000;

/**
 * Chinese times: chrono-node's zh.hans parser with its gaps patched here, in one place.
 * - chrono resolves 明天 in the machine's zone: it gets Shanghai wall-clock time as if local,
 *   and its fields are read back as Shanghai wall-clock time.
 * - Words it misses (周末, 月底, 下个月N号, 明儿, 礼拜六…) are rewritten to dates it reads.
 * - A bare period (上午, 下午, 傍晚…) means the start of that service period from data, not
 *   chrono's 06:00/15:00/22:00; a weekday followed by a bare period is read correctly.
 * - A bare small hour (3点) is the afternoon; a range's end keeps the start's afternoon.
 * - A time with no day that has already passed today means the next day; one said with 今天 stays.
 */
/**
 * A written date that no calendar has (2月30日, 13月1日): chrono silently drops it, and the period
 * said with it would then be taken for today. Checked against the year the date would fall in.
 */
export function isImpossibleDate(input: string, now: number): boolean {
  const m = loadWords().calendarDate.exec(input);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1) return true;
  const year = inZone(now).year();
  return day > new Date(Date.UTC(year + (month < inZone(now).month() + 1 ? 1 : 0), month, 0)).getUTCDate();
}

export function parseChineseTime(input: string, now: number): ParsedTime | undefined {
  const w = loadWords();
  if (!w.hints.test(input)) return undefined;
  const wall = inZone(now);
  const aliased = input.replace(w.aliasPattern, (alias) => w.aliases[alias]!);
  const later = relativeMinutes(aliased, w);
  if (later !== undefined) return { at: now + later.minutes * 60_000, hasTime: true, said: [later.said] };
  const text = rewriteDays(aliased, w, wall);
  const reference = new Date(wall.year(), wall.month(), wall.date(), wall.hour(), wall.minute(), wall.second());

  const period = w.periodNames.find((p) => text.includes(p));
  let result = chrono.zh.hans.parse(text, reference, { forwardDate: true })[0];
  let clock = result?.start.isCertain('hour') === true;
  if (result && !clock && period) {
    // chrono misreads a weekday followed by a bare period; without the period it gets the day right.
    const withoutPeriods = text.replace(w.periodPattern, ' ');
    // Nothing left once the period is gone: the period was all that was said (no day).
    result = chrono.zh.hans.parse(withoutPeriods, reference, { forwardDate: true })[0];
    clock = false;
  }
  if (!result && !period) return undefined;

  const start = result?.start;
  const said = [...(result ? [result.text.trim()] : []), ...(period ? [period] : [])].filter(Boolean);
  const dayGiven = start?.isCertain('day') === true || start?.isCertain('weekday') === true;
  const y = dayGiven ? start!.get('year')! : wall.year();
  const mo = dayGiven ? start!.get('month')! : wall.month() + 1;
  const d = dayGiven ? start!.get('day')! : wall.date();
  let hour: number;
  let minute = 0;
  if (clock) {
    hour = start!.get('hour')!;
    minute = start!.get('minute') ?? 0;
    const morning = w.morning.some((m) => text.includes(m));
    if (!period && !morning && hour > 0 && hour < w.afternoon_below) hour += 12;
  } else if (period) {
    hour = w.periods[period]!;
  } else {
    return { at: fromWallClock(y, mo, d, 9, 0), hasTime: false, said };
  }

  let at = fromWallClock(y, mo, d, hour, minute);
  if (!dayGiven && at < now && !w.today.some((t) => text.includes(t))) at += DAY_MS;
  const end = rangeEnd(result, at, hour);
  return { at, ...(end !== undefined && { end }), hasTime: true, said, dayGiven };
}

/** Rewrites the day words chrono misses into month-day dates it reads. */
function rewriteDays(text: string, w: Compiled, wall: Wall): string {
  const date = (day: Wall) => w.date_format.replace('{month}', String(day.month() + 1)).replace('{day}', String(day.date()));
  const saturdayAfter = (weeks: number) => wall.add((6 - wall.day() + 7) % 7 + weeks * 7, 'day');
  let out = text;
  out = out.replace(w.nextWeekend, () => date(saturdayAfter(1)));
  out = out.replace(w.weekendPattern, () => date(saturdayAfter(0)));
  out = out.replace(w.monthEnd, () => date(wall.endOf('month')));
  out = out.replace(w.nextMonthDay, (_, n: string) => {
    const day = Math.min(toNumber(n, w), 31);
    return date(wall.add(1, 'month').date(1).add(day - 1, 'day'));
  });
  return out;
}

/** Digits or Chinese numerals up to 99 (ten, ten-five, two-ten, two-ten-five): enough for days and hours. */
function toNumber(text: string, w: Words): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.includes(w.ten)) return w.numerals[text] ?? Number.NaN;
  const [tens = '', units = ''] = text.split(w.ten);
  return (tens === '' ? 1 : w.numerals[tens] ?? Number.NaN) * 10 + (units === '' ? 0 : w.numerals[units] ?? Number.NaN);
}

/** Minutes from now for "in N hours / minutes", or undefined. */
function relativeMinutes(text: string, w: Compiled): { minutes: number; said: string } | undefined {
  const match = w.relativePattern.exec(text);
  if (!match) return undefined;
  const amount = match[1] === w.relative.half ? 0.5 : toNumber(match[1]!, w);
  const minutes = amount * w.relative.units[match[2]!]!;
  return Number.isFinite(minutes) && minutes > 0 ? { minutes, said: match[0] } : undefined;
}

function rangeEnd(result: chrono.ParsedResult | undefined, startAt: number, startHour: number): number | undefined {
  if (!result?.end) return undefined;
  let hour = result.end.get('hour') ?? startHour;
  if (startHour >= 12 && hour < 12) hour += 12;
  const start = inZone(startAt);
  const end = fromWallClock(start.year(), start.month() + 1, start.date(), hour, result.end.get('minute') ?? 0);
  return end > startAt ? end : undefined;
}
