/** The time words from data/times.zh-CN.yaml, and the patterns compiled from them once for the parser. */
import { readYaml } from '../domain/data-file.js';
import { z } from 'zod';
import { dataPath } from '../domain/data-path.js';
import { escapeRegExp } from '../domain/regexp.js';

const wordList = z.array(z.string().min(1));

export const timeWordsSchema = z.object({
  aliases: z.record(z.string(), z.string()),
  typos: z.record(z.string(), z.string()),
  latin_clock: z.record(z.string(), z.string()),
  typo_not_before: wordList,
  day_with_period: z.record(z.string(), z.tuple([z.string(), z.string()])),
  periods: z.record(z.string(), z.number().int().min(0).max(23)),
  morning: wordList,
  late_in_period: z
    .object({ words: wordList, hours: z.record(z.string(), z.number().int().min(0).max(23)) })
    .default({ words: [], hours: {} }),
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
  month_start: z.object({ words: wordList, day: z.number().int().min(1).max(28) }),
  year_end: wordList,
  unavailable: wordList.default([]),
  unavailable_asked: wordList.default([]),
  named_for_else: wordList.default([]),
  now_words: wordList.default([]),
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
  not_periods: wordList.default([]),
  onwards: wordList.default([]),
  greeting_not_after: z.array(z.string().min(1)).default([]),
  a_little: z.object({ word: z.string().min(1), not_after: wordList, not_before: wordList }),
  self_correction: wordList.default([]),
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

export type Words = z.infer<typeof timeWordsSchema>;

export const longestFirst = (list: string[]) => [...list].sort((a, b) => b.length - a.length);
/** Latin words are matched whole (tmr, not the letters inside another word). */
const word = (w: string) => (/^[a-z]+$/i.test(w) ? `(?<![A-Za-z])${escapeRegExp(w)}(?![A-Za-z])` : escapeRegExp(w));
const anyOf = (list: string[]) => longestFirst(list).map(word).join('|');

/** The data, and the patterns built from it once: parsing runs on every message. */
export interface Compiled extends Words {
  numeral: string;
  aliasPattern: RegExp;
  /** A clock time with a Latin half of the day after it (3pm, 10:30 AM). */
  latinClock: RegExp;
  typoPattern: RegExp;
  dayWithPeriod: RegExp;
  periodNames: string[];
  periodPattern: RegExp;
  weekPattern: RegExp;
  gluedPrefix: RegExp;
  weekdayThenClock: RegExp;
  numericClock: RegExp;
  aLittle: RegExp;
  /** A part of the day or an hour taken back as soon as said (明天上午 哦不 下午吧): not the time wanted. */
  takenBack: RegExp;
  greetingPattern: RegExp;
  weekendPattern: RegExp;
  monthEnd: RegExp;
  monthOffsetDay: RegExp;
  monthOffsetEnd: RegExp;
  monthOffsetStart: RegExp;
  monthStart: RegExp;
  yearEnd: RegExp;
  monthAlone: RegExp;
  yearDate: RegExp;
  yearAlone: RegExp;
  lastWeek: RegExp;
  monthDay: RegExp;
  dayOfMonth: RegExp;
  numericDate: RegExp;
  /** 2026/12/5, 2026-12-05, 2026.12.5: a date with its year. */
  fullDate: RegExp;
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

export function loadWords(): Compiled {
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
    ...w.month_start.words,
    ...w.year_end,
    ...Object.keys(w.months),
    ...Object.keys(w.years),
    ...w.today,
    ...w.time_hints,
    ...Object.keys(w.latin_clock),
  ];
  const dates = `\\d{1,2}(?:${anyOf(w.numeric_date.separators)})\\d{1,2}`;
  const latinHalves = longestFirst(Object.keys(w.latin_clock)).map(escapeRegExp).join('|');
  compiled = {
    ...w,
    numeral,
    aliasPattern: new RegExp(anyOf(Object.keys(w.aliases)), 'gi'),
    latinClock: new RegExp(`(\\d{1,2})(?:[:：](\\d{2}))?\\s*(${latinHalves})(?![A-Za-z])`, 'gi'),
    typoPattern: new RegExp(`(?:${anyOf(Object.keys(w.typos))})(?!${anyOf(w.typo_not_before)})`, 'g'),
    dayWithPeriod: new RegExp(anyOf(Object.keys(w.day_with_period)), 'g'),
    periodNames: longestFirst(Object.keys(w.periods)),
    periodPattern: new RegExp(anyOf(Object.keys(w.periods)), 'g'),
    weekPattern: new RegExp(
      `(?<!${anyOf(w.week.not_after)})(${anyOf(Object.keys(w.week.prefixes))})(?:${anyOf(w.week.words)})` +
        `(${anyOf([...Object.keys(w.week.days), w.week.weekend])})`,
      'g',
    ),
    // "周五两点": the weekday's numeral and the hour's read apart (chrono takes 五两点 for one time).
    weekdayThenClock: new RegExp(
      `((?:${anyOf(w.week.words)})(?:${anyOf(Object.keys(w.week.days))}))` +
        `(?=[${Object.keys(w.numerals).join('')}\\d]{1,3}${escapeRegExp(w.hour_word)})`,
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
      `(?<=${anyOf(w.a_little.not_after)})${escapeRegExp(w.a_little.word)}|` +
        `${escapeRegExp(w.a_little.word)}(?=${anyOf(w.a_little.not_before)})`,
      'g',
    ),
    takenBack: new RegExp(
      `(?:${anyOf(longestFirst(Object.keys(w.periods)))}|\\d{1,2}${escapeRegExp(w.hour_word)}半?)[\\s,，]*(?:${anyOf(
        w.self_correction.length > 0 ? w.self_correction : ['\u0000'],
      )})`,
      'g',
    ),
    // 下午好 greets, unless a day comes right before it (明天下午好来修伐: tomorrow afternoon is fine for you to come).
    greetingPattern: new RegExp(
      `${w.greeting_not_after.length > 0 ? `(?<!${anyOf(w.greeting_not_after)})` : ''}(?:${anyOf(w.greetings)})` +
        (w.not_periods.length > 0 ? `|${anyOf(w.not_periods)}` : ''),
      'g',
    ),
    weekendPattern: new RegExp(anyOf(w.weekend), 'g'),
    monthEnd: new RegExp(anyOf(w.month_end), 'g'),
    monthOffsetDay: new RegExp(`(${anyOf(Object.keys(w.months))})(${numeral})(?:${suffix})`, 'g'),
    // 上个月底: the month's own word is the first of 月底.
    monthOffsetEnd: new RegExp(
      `(${anyOf(Object.keys(w.months))})(?:${anyOf(w.month_end.map((e) => e.replace(w.month_word, '')))})`,
      'g',
    ),
    // 下个月初: the month's own word is the first of 月初.
    monthOffsetStart: new RegExp(
      `(${anyOf(Object.keys(w.months))})(?:${anyOf(w.month_start.words.map((e) => e.replace(w.month_word, '')))})`,
      'g',
    ),
    monthStart: new RegExp(anyOf(w.month_start.words), 'g'),
    yearEnd: new RegExp(anyOf(w.year_end), 'g'),
    monthAlone: new RegExp(anyOf(Object.keys(w.months)), 'g'),
    yearDate: new RegExp(
      `(${anyOf(Object.keys(w.years))})(${numeral})${escapeRegExp(w.month_word)}(${numeral})(?:${suffix})`,
      'g',
    ),
    yearAlone: new RegExp(`(?:${anyOf(Object.keys(w.years))})(?!\\s*(?:${numeral}))`, 'g'),
    lastWeek: new RegExp(`(?:${anyOf(w.last_week)})(?!${anyOf([...Object.keys(w.week.days), w.week.weekend])})`, 'g'),
    monthDay: new RegExp(
      `(?<![\\d${escapeRegExp(w.year_word)}]\\s*)(${numeral})\\s*${escapeRegExp(w.month_word)}` +
        `\\s*(${numeral})\\s*(?:${suffix})`,
      'g',
    ),
    dayOfMonth: new RegExp(
      `(?<![\\dA-Za-z${escapeRegExp(digits + w.ten)}${escapeRegExp(w.month_word)}#./\\-－])` +
        `(${numeral})(?:${suffix})(?!${anyOf(w.day_not_before)})`,
      'g',
    ),
    fullDate: new RegExp(
      `(?<![\\d./:：])(20\\d{2})(?:${anyOf([...w.numeric_date.separators, '-'])})(1[0-2]|0?[1-9])` +
        `(?:${anyOf([...w.numeric_date.separators, '-'])})(3[01]|[12]\\d|0?[1-9])(?:${suffix})?(?![\\d./])`,
      'g',
    ),
    numericDate: new RegExp(
      `(?<![\\d./:：])(?<!(?:${anyOf(w.numeric_date.not_after)})\\s*)` +
        `(1[0-2]|0?[1-9])(?:${anyOf(w.numeric_date.separators)})(3[01]|[12]\\d|0?[1-9])` +
        `(?:${suffix})?(?![\\d./])(?!\\s*(?:${anyOf(w.numeric_date.not_before)}))`,
      'g',
    ),
    hourRange: new RegExp(
      `(${numeral})\\s*(?:${anyOf(w.range_words)})\\s*(${numeral})\\s*(?=${escapeRegExp(w.hour_word)})`,
      'g',
    ),
    neighbourHours: new RegExp(`([${digits}])([${digits}${w.ten}])(?=${escapeRegExp(w.hour_word)})`, 'g'),
    relativePattern: new RegExp(
      `(${numeral}|${escapeRegExp(w.relative.half)})(${anyOf(Object.keys(w.relative.units))})(?:${after})`,
    ),
    relativeDays: new RegExp(`(${numeral})(${anyOf(Object.keys(w.relative_days))})(?:${after})`, 'g'),
    calendarDate: new RegExp(`(\\d{1,2})\\s*${escapeRegExp(w.month_word)}\\s*(\\d{1,2})\\s*(?:${suffix})`),
    hints: new RegExp(
      `${anyOf(timeWords)}|${dates}|(?:${numeral}|${escapeRegExp(w.relative.half)})\\s*` +
        `(?:${anyOf([...w.clock_suffix, ...Object.keys(w.relative.units)])})`,
      'i',
    ),
  };
  return compiled;
}
