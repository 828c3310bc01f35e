import * as chrono from 'chrono-node';
import { readYaml } from '../domain/data-file.js';
import { z } from 'zod';
import { dataPath } from '../domain/data-path.js';
import { fromWallClock, inZone } from '../domain/time.js';

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

const wordList = z.array(z.string().min(1));

export const timeWordsSchema = z.object({
  aliases: z.record(z.string(), z.string()),
  typos: z.record(z.string(), z.string()),
  typo_not_before: wordList,
  day_with_period: z.record(z.string(), z.tuple([z.string(), z.string()])),
  periods: z.record(z.string(), z.number().int().min(0).max(23)),
  morning: wordList,
  afternoon_below: z.number().int(),
  week: z.object({
    prefixes: z.record(z.string(), z.number().int()),
    not_after: wordList,
    words: wordList,
    days: z.record(z.string(), z.number().int().min(1).max(7)),
    weekend: z.string().min(1),
  }),
  weekend: wordList,
  month_end: wordList,
  months: z.record(z.string(), z.number().int()),
  years: z.record(z.string(), z.number().int()),
  last_week: wordList,
  day_suffix: wordList,
  day_not_before: wordList,
  numeric_date: z.object({
    separators: wordList,
    not_before: wordList,
    not_after: wordList,
    clock_minutes: wordList,
    clock_separator: z.string().min(1),
  }),
  range_words: wordList,
  greetings: wordList,
  a_little: z.object({ word: z.string().min(1), not_after: wordList, not_before: wordList }),
  numerals: z.record(z.string(), z.number().int()),
  ten: z.string(),
  time_hints: wordList,
  clock_suffix: wordList,
  date_format: z.string(),
  hour_word: z.string().min(1),
  range_format: z.string(),
  today: wordList,
  relative: z.object({ units: z.record(z.string(), z.number()), after: wordList, half: z.string() }),
  relative_days: z.record(z.string(), z.number().int().positive()),
  month_word: z.string().min(1),
  year_word: z.string().min(1),
  time_reply_words: wordList,
});

type Words = z.infer<typeof timeWordsSchema>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
/** Latin words are matched whole (tmr, not the letters inside another word). */
const word = (w: string) => (/^[a-z]+$/i.test(w) ? `(?<![A-Za-z])${escape(w)}(?![A-Za-z])` : escape(w));
const anyOf = (list: string[]) => longestFirst(list).map(word).join('|');

/** The data, and the patterns built from it once: parsing runs on every message. */
interface Compiled extends Words {
  numeral: string;
  aliasPattern: RegExp;
  typoPattern: RegExp;
  dayWithPeriod: RegExp;
  clockPattern: RegExp;
  periodNames: string[];
  periodPattern: RegExp;
  weekPattern: RegExp;
  gluedPrefix: RegExp;
  numericClock: RegExp;
  aLittle: RegExp;
  greetingPattern: RegExp;
  weekendPattern: RegExp;
  monthEnd: RegExp;
  monthOffsetDay: RegExp;
  monthOffsetEnd: RegExp;
  monthAlone: RegExp;
  yearDate: RegExp;
  yearAlone: RegExp;
  lastWeek: RegExp;
  monthDay: RegExp;
  dayOfMonth: RegExp;
  numericDate: RegExp;
  hourRange: RegExp;
  neighbourHours: RegExp;
  relativePattern: RegExp;
  relativeDays: RegExp;
  /** A text matching none of this holds no time: chrono is not asked. */
  hints: RegExp;
  /** Month and day numbers as written, to check the date exists. */
  calendarDate: RegExp;
}

let compiled: Compiled | undefined;

function loadWords(): Compiled {
  if (compiled) return compiled;
  const w = timeWordsSchema.parse(readYaml(dataPath('times.zh-CN.yaml')));
  const digits = Object.keys(w.numerals).join('');
  const numeral = `\\d{1,2}|[${digits}${w.ten}]{1,3}`;
  const suffix = anyOf(w.day_suffix);
  const after = anyOf(w.relative.after);
  const timeWords = [
    ...Object.keys(w.aliases),
    ...Object.keys(w.typos),
    ...Object.keys(w.day_with_period),
    ...Object.keys(w.periods),
    ...w.weekend,
    ...w.month_end,
    ...Object.keys(w.months),
    ...Object.keys(w.years),
    ...w.today,
    ...w.time_hints,
  ];
  const dates = `\\d{1,2}(?:${anyOf(w.numeric_date.separators)})\\d{1,2}`;
  compiled = {
    ...w,
    numeral,
    aliasPattern: new RegExp(anyOf(Object.keys(w.aliases)), 'gi'),
    typoPattern: new RegExp(`(?:${anyOf(Object.keys(w.typos))})(?!${anyOf(w.typo_not_before)})`, 'g'),
    dayWithPeriod: new RegExp(anyOf(Object.keys(w.day_with_period)), 'g'),
    clockPattern: new RegExp(`(?:${numeral})\\s*(?:${anyOf(w.clock_suffix.filter((c) => !w.day_suffix.includes(c)))})`),
    periodNames: longestFirst(Object.keys(w.periods)),
    periodPattern: new RegExp(anyOf(Object.keys(w.periods)), 'g'),
    weekPattern: new RegExp(
      `(?<!${anyOf(w.week.not_after)})(${anyOf(Object.keys(w.week.prefixes))})(?:${anyOf(w.week.words)})(${anyOf([...Object.keys(w.week.days), w.week.weekend])})`,
      'g',
    ),
    gluedPrefix: new RegExp(
      `(?<=${anyOf(w.week.not_after)})(?:${anyOf(Object.keys(w.week.prefixes))})(?=${anyOf(w.week.words)})`,
      'g',
    ),
    numericClock: new RegExp(
      `(?<![\\d./])(1\\d|2[0-3]|0?\\d)\\.(${anyOf(w.numeric_date.clock_minutes)})(?![\\d./])`,
      'g',
    ),
    aLittle: new RegExp(
      `(?<=${anyOf(w.a_little.not_after)})${escape(w.a_little.word)}|${escape(w.a_little.word)}(?=${anyOf(w.a_little.not_before)})`,
      'g',
    ),
    greetingPattern: new RegExp(anyOf(w.greetings), 'g'),
    weekendPattern: new RegExp(anyOf(w.weekend), 'g'),
    monthEnd: new RegExp(anyOf(w.month_end), 'g'),
    monthOffsetDay: new RegExp(`(${anyOf(Object.keys(w.months))})(${numeral})(?:${suffix})`, 'g'),
    // 上个月底: the month's own word is the first of 月底.
    monthOffsetEnd: new RegExp(
      `(${anyOf(Object.keys(w.months))})(?:${anyOf(w.month_end.map((e) => e.replace(w.month_word, '')))})`,
      'g',
    ),
    monthAlone: new RegExp(anyOf(Object.keys(w.months)), 'g'),
    yearDate: new RegExp(
      `(${anyOf(Object.keys(w.years))})(${numeral})${escape(w.month_word)}(${numeral})(?:${suffix})`,
      'g',
    ),
    yearAlone: new RegExp(`(?:${anyOf(Object.keys(w.years))})(?!\\s*(?:${numeral}))`, 'g'),
    lastWeek: new RegExp(`(?:${anyOf(w.last_week)})(?!${anyOf([...Object.keys(w.week.days), w.week.weekend])})`, 'g'),
    monthDay: new RegExp(
      `(?<![\\d${escape(w.year_word)}]\\s*)(${numeral})\\s*${escape(w.month_word)}\\s*(${numeral})\\s*(?:${suffix})`,
      'g',
    ),
    dayOfMonth: new RegExp(
      `(?<![\\dA-Za-z${escape(digits + w.ten)}${escape(w.month_word)}#./\\-－])(${numeral})(?:${suffix})(?!${anyOf(w.day_not_before)})`,
      'g',
    ),
    numericDate: new RegExp(
      `(?<![\\d./:：])(?<!(?:${anyOf(w.numeric_date.not_after)})\\s*)(1[0-2]|0?[1-9])(?:${anyOf(w.numeric_date.separators)})(3[01]|[12]\\d|0?[1-9])(?:${suffix})?(?![\\d./])(?!\\s*(?:${anyOf(w.numeric_date.not_before)}))`,
      'g',
    ),
    hourRange: new RegExp(
      `(${numeral})\\s*(?:${anyOf(w.range_words)})\\s*(${numeral})\\s*(?=${escape(w.hour_word)})`,
      'g',
    ),
    neighbourHours: new RegExp(`([${digits}])([${digits}${w.ten}])(?=${escape(w.hour_word)})`, 'g'),
    relativePattern: new RegExp(
      `(${numeral}|${escape(w.relative.half)})(${anyOf(Object.keys(w.relative.units))})(?:${after})`,
    ),
    relativeDays: new RegExp(`(${numeral})(${anyOf(Object.keys(w.relative_days))})(?:${after})`, 'g'),
    calendarDate: new RegExp(`(\\d{1,2})\\s*${escape(w.month_word)}\\s*(\\d{1,2})\\s*(?:${suffix})`),
    hints: new RegExp(
      `${anyOf(timeWords)}|${dates}|(?:${numeral}|${escape(w.relative.half)})\\s*(?:${anyOf([...w.clock_suffix, ...Object.keys(w.relative.units)])})`,
      'i',
    ),
  };
  return compiled;
}

type Wall = ReturnType<typeof inZone>;
const DAY_MS = 86_400_000;
/** A date written without its year is taken in the past only when it is this many times nearer. */
const PAST_WEIGHT = 5;

/**
 * Text rewritten for chrono that remembers which words of the original each part came from, so
 * that the words that said the time can be left out of the message exactly as written.
 */
class Rewritten {
  text: string;
  /** For each UTF-16 unit of `text`: the [start, end) of the original words it stands for. */
  private from: Array<[number, number]>;

  constructor(readonly original: string) {
    this.text = original;
    this.from = Array.from({ length: original.length }, (_, i) => [i, i + 1]);
  }

  /** Like String.replace with a global pattern; a replacer returning undefined keeps the match. */
  replace(pattern: RegExp, replacer: (match: RegExpExecArray) => string | undefined): void {
    let text = '';
    const from: Array<[number, number]> = [];
    let last = 0;
    for (const match of this.text.matchAll(pattern)) {
      const replacement = match[0].length > 0 ? replacer(match) : undefined;
      if (replacement === undefined) continue;
      const start = match.index;
      const end = start + match[0].length;
      text += this.text.slice(last, start) + replacement;
      from.push(...this.from.slice(last, start));
      const span: [number, number] = [this.from[start]![0], this.from[end - 1]![1]];
      for (let i = 0; i < replacement.length; i++) from.push(span);
      last = end;
    }
    if (last === 0 && text === '') return;
    this.text = text + this.text.slice(last);
    this.from = [...from, ...this.from.slice(last)];
  }

  /** The original words behind `length` units of the rewritten text from `index`. */
  originalOf(index: number, length: number): string {
    if (length <= 0) return '';
    return this.original.slice(this.from[index]![0], this.from[index + length - 1]![1]);
  }
}

/**
 * Chinese times: chrono-node's zh.hans parser with its gaps patched here, in one place.
 * - chrono resolves 明天 in the machine's zone: it gets Shanghai wall-clock time as if local,
 *   and its fields are read back as Shanghai wall-clock time.
 * - Words it misses or misreads are rewritten to dates it reads: aliases and typos (明儿, 下五,
 *   tmr), weeks starting on Monday (下周一 said on a Sunday is tomorrow), 周末, 月底, 下个月N号,
 *   N天后, a day of the month alone (this month while ahead, else next), numeric dates (12/5),
 *   a date without its year (the nearer one, the past only when much nearer), hour ranges (3-5点).
 * - A bare period (上午, 下午, 傍晚…) means the start of that service period from data, not
 *   chrono's 06:00/15:00/22:00; a weekday followed by a bare period is read correctly.
 * - A bare small hour (3点) is the afternoon; a range's end keeps the start's afternoon.
 * - A time with no day that has already passed today means the next day; one said with 今天 stays.
 */
/** Whether what is left of a message once its time is taken out says nothing more (那就 吧). */
export function onlyReplyWords(rest: string): boolean {
  const w = loadWords();
  const left = longestFirst(w.time_reply_words).reduce((t, word) => t.split(word).join(''), rest);
  return left.replace(/[\s\p{P}\p{S}]+/gu, '') === '';
}

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
  const text = new Rewritten(input);
  text.replace(w.aliasPattern, (m) => w.aliases[m[0].toLowerCase()]);
  text.replace(w.typoPattern, (m) => w.typos[m[0]]);
  text.replace(w.aLittle, (m) => ' '.repeat(m[0].length));
  text.replace(w.greetingPattern, (m) => ' '.repeat(m[0].length));
  const saysPeriod = w.periodNames.some((p) => text.text.includes(p)) || w.clockPattern.test(text.text);
  text.replace(w.dayWithPeriod, (m) => w.day_with_period[m[0]]!.slice(0, saysPeriod ? 1 : 2).join(''));
  const later = relativeMinutes(text.text, w);
  if (later !== undefined)
    return { at: now + later.minutes * 60_000, hasTime: true, said: [text.originalOf(later.index, later.length)] };
  rewriteDays(text, w, wall);
  const reference = new Date(wall.year(), wall.month(), wall.date(), wall.hour(), wall.minute(), wall.second());

  const period = w.periodNames.find((p) => text.text.includes(p));
  let result = chrono.zh.hans.parse(text.text, reference, { forwardDate: true })[0];
  let clock = result?.start.isCertain('hour') === true;
  if (result && !clock && period) {
    // chrono misreads a weekday followed by a bare period; without the period it gets the day right.
    // Blanked to the same length, so that positions in the text still hold.
    const withoutPeriods = text.text.replace(w.periodPattern, (p) => ' '.repeat(p.length));
    // Nothing left once the period is gone: the period was all that was said (no day).
    result = chrono.zh.hans.parse(withoutPeriods, reference, { forwardDate: true })[0];
    clock = false;
  }
  if (!result && !period) return undefined;

  const start = result?.start;
  const periodAt = period ? text.text.indexOf(period) : -1;
  const said = [
    ...(result ? [text.originalOf(result.index, result.text.trimEnd().length).trim()] : []),
    ...(period ? [text.originalOf(periodAt, period.length)] : []),
  ].filter(Boolean);
  const dayGiven = start?.isCertain('day') === true || start?.isCertain('weekday') === true;
  const y = dayGiven ? start!.get('year')! : wall.year();
  const mo = dayGiven ? start!.get('month')! : wall.month() + 1;
  const d = dayGiven ? start!.get('day')! : wall.date();
  let hour: number;
  let minute = 0;
  if (clock) {
    hour = start!.get('hour')!;
    minute = start!.get('minute') ?? 0;
    const morning = w.morning.some((m) => text.text.includes(m));
    if (!period && !morning && hour > 0 && hour < w.afternoon_below) hour += 12;
  } else if (period) {
    hour = w.periods[period]!;
  } else {
    return { at: fromWallClock(y, mo, d, 9, 0), hasTime: false, said };
  }

  let at = fromWallClock(y, mo, d, hour, minute);
  if (!dayGiven && at < now && !w.today.some((t) => text.text.includes(t))) at += DAY_MS;
  const end = rangeEnd(result, at, hour);
  return { at, ...(end !== undefined && { end }), hasTime: true, said, dayGiven };
}

/** Rewrites the day words chrono misses or misreads into dates it reads. */
function rewriteDays(text: Rewritten, w: Compiled, wall: Wall): void {
  const today = wall.startOf('day');
  const date = (day: Wall) =>
    w.date_format
      .replace('{year}', String(day.year()))
      .replace('{month}', String(day.month() + 1))
      .replace('{day}', String(day.date()));
  const monday = today.subtract((today.day() + 6) % 7, 'day');
  // This week's weekend is its Saturday, or its Sunday once the Saturday is past.
  const weekend = (weeks: number) => {
    const saturday = monday.add(weeks * 7 + 5, 'day');
    return saturday.isBefore(today) ? today : saturday;
  };
  // 楼下周末 is downstairs at the weekend, 马上周一 soon Monday: not a week before or after.
  text.replace(w.gluedPrefix, (m) => ' '.repeat(m[0].length));
  text.replace(w.weekPattern, (m) => {
    const weeks = w.week.prefixes[m[1]!]!;
    if (m[2] === w.week.weekend) return date(weekend(weeks));
    const day = monday.add(weeks * 7 + w.week.days[m[2]!]! - 1, 'day');
    // On a Sunday, "this week" is the one starting: 这周六 is the coming Saturday.
    return date(weeks === 0 && day.isBefore(today) && today.day() === 0 ? day.add(7, 'day') : day);
  });
  text.replace(w.weekendPattern, () => date(weekend(0)));
  const monthFrom = (word: string) => today.date(1).add(w.months[word]!, 'month');
  text.replace(w.monthOffsetEnd, (m) => date(monthFrom(m[1]!).endOf('month')));
  text.replace(w.monthEnd, () => date(wall.endOf('month')));
  const dayIn = (month: Wall, n: string) => {
    const day = toNumber(n, w);
    return day >= 1 && day <= month.daysInMonth() ? date(month.date(day)) : undefined;
  };
  text.replace(w.monthOffsetDay, (m) => dayIn(monthFrom(m[1]!), m[2]!));
  text.replace(w.yearDate, (m) =>
    dayIn(
      today
        .date(1)
        .add(w.years[m[1]!]!, 'year')
        .month(toNumber(m[2]!, w) - 1),
      m[3]!,
    ),
  );
  // Alone, a month or a year in the past is when something happened; this month or one ahead names no day
  // ("这个月手头紧 月底之前交": the day is 月底).
  const sameDayIn = (month: Wall) => date(month.date(Math.min(today.date(), month.daysInMonth())));
  text.replace(w.monthAlone, (m) => (w.months[m[0]]! < 0 ? sameDayIn(monthFrom(m[0])) : undefined));
  text.replace(w.yearAlone, (m) =>
    w.years[m[0]]! < 0 ? sameDayIn(today.date(1).add(w.years[m[0]]!, 'year')) : undefined,
  );
  text.replace(w.lastWeek, () => date(monday.subtract(7, 'day')));
  text.replace(w.relativeDays, (m) => {
    const n = toNumber(m[1]!, w);
    return Number.isFinite(n) && n > 0 ? date(today.add(n * w.relative_days[m[2]!]!, 'day')) : undefined;
  });
  const yearless = (month: number, day: number) =>
    Number.isFinite(month) && Number.isFinite(day) ? nearestDate(today, month, day) : undefined;
  text.replace(w.monthDay, (m) => {
    const found = yearless(toNumber(m[1]!, w), toNumber(m[2]!, w));
    return found && date(found);
  });
  // 10.30 with round minutes is a clock time; 12.9 a date.
  text.replace(w.numericClock, (m) => `${m[1]}${w.numeric_date.clock_separator}${m[2]}`);
  text.replace(w.numericDate, (m) => {
    const found = yearless(Number(m[1]), Number(m[2]));
    return found && date(found);
  });
  // A day of the month alone: this month while it is still ahead, else the next month that has it.
  text.replace(w.dayOfMonth, (m) => {
    const day = toNumber(m[1]!, w);
    if (!(day >= 1 && day <= 31)) return undefined;
    let month = today.date(1);
    if (day < today.date()) month = month.add(1, 'month');
    while (day > month.daysInMonth()) month = month.add(1, 'month');
    return date(month.date(day));
  });
  // The hour word after the range is kept: 3-5点 → 3点到5点.
  const range = (from: string, to: string) =>
    w.range_format
      .replace('{from}', from)
      .replace('{to}', to)
      .replace(new RegExp(`${escape(w.hour_word)}$`), '');
  text.replace(w.hourRange, (m) => range(m[1]!, m[2]!));
  text.replace(w.neighbourHours, (m) =>
    toNumber(m[2]!, w) === toNumber(m[1]!, w) + 1 ? range(m[1]!, m[2]!) : undefined,
  );
}

/** The month-day nearest today, in the past only when it is much nearer than in the future. */
function nearestDate(today: Wall, month: number, day: number): Wall | undefined {
  let best: Wall | undefined;
  let bestScore = Infinity;
  for (const year of [today.year() - 1, today.year(), today.year() + 1]) {
    const candidate = today
      .year(year)
      .month(month - 1)
      .date(1);
    if (month < 1 || month > 12 || day < 1 || day > candidate.daysInMonth()) continue;
    const days = candidate.date(day).diff(today, 'day');
    const score = days >= 0 ? days : -days * PAST_WEIGHT;
    if (score < bestScore) [best, bestScore] = [candidate.date(day), score];
  }
  return best;
}

/** Digits or Chinese numerals up to 99 (ten, ten-five, two-ten, two-ten-five): enough for days and hours. */
function toNumber(text: string, w: Words): number {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text.includes(w.ten)) return text.length === 1 ? (w.numerals[text] ?? Number.NaN) : Number.NaN;
  const [tens = '', units = ''] = text.split(w.ten);
  return (
    (tens === '' ? 1 : (w.numerals[tens] ?? Number.NaN)) * 10 + (units === '' ? 0 : (w.numerals[units] ?? Number.NaN))
  );
}

/** Minutes from now for "in N hours / minutes", and where it was said, or undefined. */
function relativeMinutes(text: string, w: Compiled): { minutes: number; index: number; length: number } | undefined {
  const match = w.relativePattern.exec(text);
  if (!match) return undefined;
  const amount = match[1] === w.relative.half ? 0.5 : toNumber(match[1]!, w);
  const minutes = amount * w.relative.units[match[2]!]!;
  return Number.isFinite(minutes) && minutes > 0 ? { minutes, index: match.index, length: match[0].length } : undefined;
}

function rangeEnd(result: chrono.ParsedResult | undefined, startAt: number, startHour: number): number | undefined {
  if (!result?.end) return undefined;
  let hour = result.end.get('hour') ?? startHour;
  if (startHour >= 12 && hour < 12) hour += 12;
  const start = inZone(startAt);
  const end = fromWallClock(start.year(), start.month() + 1, start.date(), hour, result.end.get('minute') ?? 0);
  return end > startAt ? end : undefined;
}
