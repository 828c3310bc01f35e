import * as chrono from 'chrono-node';
import { fromWallClock, inZone } from '../domain/time.js';
import { Rewritten } from './rewritten-text.js';
import { escapeRegExp } from '../domain/regexp.js';
import { loadWords, longestFirst, type Compiled, type Words } from './time-words.js';

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
  /** The hour is a period's start (下午 → 14:00), no clock time was said. */
  fromPeriod?: true;
}

type Wall = ReturnType<typeof inZone>;
const DAY_MS = 86_400_000;
/** How far after a day its period is looked for (后天 下午). */
const PERIOD_WITHIN = 4;
/** How far after a day the words that say it is taken are looked for (周五我要上班). */
const UNAVAILABLE_WITHIN = 6;
/** A date written without its year is taken in the past only when it is this many times nearer. */
const PAST_WEIGHT = 5;

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
/**
 * Whether `input` may name a time at all. When it does not, `parseChineseTime` and `isImpossibleDate`
 * find nothing in it, or in any part of it, whatever the clock says (both start from these patterns).
 */
export function mayNameTime(input: string): boolean {
  const w = loadWords();
  return w.hints.test(input) || w.calendarDate.test(input);
}

export function isImpossibleDate(input: string, now: number): boolean {
  const m = loadWords().calendarDate.exec(input);
  if (!m) return false;
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1) return true;
  const year = inZone(now).year();
  return day > new Date(Date.UTC(year + (month < inZone(now).month() + 1 ? 1 : 0), month, 0)).getUTCDate();
}

/** The hour of `time` on the day of `day`: a day said first, then the hour it is moved to. */
export function onDayOf(day: ParsedTime, time: ParsedTime): ParsedTime {
  const d = inZone(day.at);
  const t = inZone(time.at);
  const at = fromWallClock(d.year(), d.month() + 1, d.date(), t.hour(), t.minute());
  return {
    ...time,
    at,
    ...(time.end !== undefined && { end: at + (time.end - time.at) }),
    said: [...day.said, ...time.said],
    dayGiven: true,
  };
}

export function parseChineseTime(input: string, now: number): ParsedTime | undefined {
  const w = loadWords();
  if (!w.hints.test(input)) return undefined;
  const wall = inZone(now);
  const text = new Rewritten(input);
  text.replace(w.latinClock, (m) => `${w.latin_clock[m[3]!.toLowerCase()]}${m[1]}${w.hour_word}${m[2] ?? ''}`);
  text.replace(w.aliasPattern, (m) => w.aliases[m[0].toLowerCase()]);
  text.replace(w.typoPattern, (m) => w.typos[m[0]]);
  text.replace(w.aLittle, (m) => ' '.repeat(m[0].length));
  text.replace(w.takenBack, (m) => ' '.repeat(m[0].length));
  text.replace(w.greetingPattern, (m) => ' '.repeat(m[0].length));
  // A clock time keeps the period of 今晚, 明早: 今晚8点 is 20:00.
  const saysPeriod = w.periodNames.some((p) => text.text.includes(p));
  text.replace(w.dayWithPeriod, (m) => w.day_with_period[m[0]]!.slice(0, saysPeriod ? 1 : 2).join(''));
  const later = relativeMinutes(text.text, w);
  if (later !== undefined)
    return { at: now + later.minutes * 60_000, hasTime: true, said: [text.originalOf(later.index, later.length)] };
  text.replace(w.weekdayThenClock, (m) => `${m[1]} `);
  rewriteDays(text, w, wall);
  const reference = new Date(wall.year(), wall.month(), wall.date(), wall.hour(), wall.minute(), wall.second());

  const anyPeriod = periodWanted(text.text, w.periodNames, w.unavailable);
  const startOfToday = new Date(wall.year(), wall.month(), wall.date());
  // `said`: the text a refusal is read in (the periods blanked for chrono are still said: 后天上午 下午我要上班).
  const read = (t: string, said = t) =>
    bestReading(chrono.zh.hans.parse(t, reference, { forwardDate: true }), startOfToday, said, {
      words: w.unavailable,
      asked: w.unavailable_asked,
      elsewhere: w.named_for_else,
      periods: w.periodNames,
      now: w.now_words,
    });
  let { result, clockApart, refused, dayOf } = read(text.text);
  if (refused) return undefined;
  if (result && !result.start.isCertain('hour') && anyPeriod) {
    // chrono misreads a weekday followed by a bare period; without the period it gets the day right.
    // Blanked to the same length, so that positions in the text still hold.
    // Nothing left once the period is gone: the period was all that was said (no day).
    ({ result, clockApart, refused, dayOf } = read(
      text.text.replace(w.periodPattern, (p) => ' '.repeat(p.length)),
      text.text,
    ));
    if (refused) return undefined;
  }
  const clock = result?.start.isCertain('hour') === true || clockApart !== undefined;
  // The period of the day chosen (明天上午有事 改到后天下午: 下午), else the first one said.
  const period =
    (result && (periodOf(text.text, result, w.periodNames) ?? periodBefore(text.text, result, w.periodNames))) ??
    anyPeriod;
  if (!result && !period) return undefined;

  const start = result?.start;
  const clockReading = clockApart?.start ?? start;
  const periodAt = period ? text.text.indexOf(period) : -1;
  const said = [
    ...[result, clockApart].flatMap((r) => (r ? [text.originalOf(r.index, r.text.trimEnd().length).trim()] : [])),
    ...(period ? [text.originalOf(periodAt, period.length)] : []),
  ].filter(Boolean);
  const dayStart = start?.isCertain('day') === true || start?.isCertain('weekday') === true ? start : dayOf?.start;
  const dayGiven = dayStart !== undefined;
  const y = dayStart ? dayStart.get('year')! : wall.year();
  const mo = dayStart ? dayStart.get('month')! : wall.month() + 1;
  const d = dayStart ? dayStart.get('day')! : wall.date();
  let hour: number;
  let minute = 0;
  let fromPeriod: true | undefined;
  if (clock) {
    hour = clockReading!.get('hour')!;
    minute = clockReading!.get('minute') ?? 0;
    // The half of the day is the period chosen with the time (上午不行 下午两点: 下午), else any said.
    const morning = period ? w.morning.includes(period) : w.morning.some((m) => text.text.includes(m));
    if (!period && !morning && hour > 0 && hour < w.afternoon_below) hour += 12;
    // "后天下午 两点以后", "下午吧 两点": the period said apart from the clock still says which half of the day.
    if (period && !morning && hour > 0 && hour < 12) hour += 12;
  } else if (period) {
    // 下午晚一点: the later of the period's service hours, not its start.
    const late = w.late_in_period.hours[period];
    hour = late !== undefined && w.late_in_period.words.some((l) => input.includes(l)) ? late : w.periods[period]!;
    fromPeriod = true;
  } else {
    return { at: fromWallClock(y, mo, d, 9, 0), hasTime: false, said };
  }

  let at = fromWallClock(y, mo, d, hour, minute);
  if (!dayGiven && at < now && !w.today.some((t) => text.text.includes(t))) at += DAY_MS;
  const end = rangeEnd(clockApart ?? result, at, hour);
  return { at, ...(end !== undefined && { end }), hasTime: true, said, dayGiven, ...(fromPeriod && { fromPeriod }) };
}

/**
 * Of chrono's readings, the one that names a day (a date or a weekday) and, of those, one with a clock time: a month
 * said in passing ("10月份的吧 我明天下午去交") or a day restated ("下周三（12月2号）下午3点") is not the time wanted. A clock
 * time said apart from its day ("周四 师傅下午3点") is that day's.
 */
function bestReading(
  readings: chrono.ParsedResult[],
  today: Date,
  text: string,
  unavailable: {
    words: readonly string[];
    asked: readonly string[];
    /** Words naming a day for something else (发工资): passed over when another day is said. */
    elsewhere: readonly string[];
    periods: readonly string[];
    now: readonly string[];
  },
): {
  result?: chrono.ParsedResult;
  clockApart?: chrono.ParsedResult;
  /** The only day said is said to be taken (9号下午我要上班): no time is wanted in it. */
  refused?: true;
  /** The day a part of which was said to be taken, before the time wanted that names no day (明天上午不行 下午四点). */
  dayOf?: chrono.ParsedResult;
} {
  const namesDay = (r: chrono.ParsedResult) => r.start.isCertain('day') || r.start.isCertain('weekday');
  // Of two days, the one still to come is the one wanted ("前天说的那个 礼拜六上午来修吧").
  const ahead = (r: chrono.ParsedResult) => namesDay(r) && r.start.date().getTime() >= today.getTime();
  // A day said to be taken (周五我上班, 明天我不在家) is the one not wanted.
  const taken = (r: chrono.ParsedResult) => {
    // Only up to the next day said apart from it: "是后天 明天我加班" takes tomorrow, not the day after.
    const end = r.index + r.text.trimEnd().length;
    const from = r.index + r.text.length;
    const next = Math.min(...readings.filter((o) => o.index > end && namesDay(o)).map((o) => o.index));
    const said = unavailable.asked.reduce(
      (t, w) => t.split(w).join(' '),
      text.slice(end, Math.min(next, from + UNAVAILABLE_WITHIN + 2)),
    );
    // …nor past another part of the day ("后天上午 下午我要去上班": the afternoon is the one taken), the day's own aside.
    const own = unavailable.periods.find((p) => said.trimStart().startsWith(p));
    const rest = own ? said.trimStart().slice(own.length) : said;
    const other = Math.min(...unavailable.periods.map((p) => rest.indexOf(p)).filter((i) => i >= 0));
    const after = rest.slice(0, Number.isFinite(other) ? other : rest.length);
    return unavailable.words.some((w) => after.slice(0, UNAVAILABLE_WITHIN).includes(w));
  };
  const forElse = (r: chrono.ParsedResult) =>
    readings.some((o) => o !== r && namesDay(o)) &&
    unavailable.elsewhere.some((w) =>
      text
        .slice(r.index + r.text.length)
        .slice(0, UNAVAILABLE_WITHIN)
        .includes(w),
    );
  // "现在" read beside a day named (你现在给我登记 明天上午来) is when it is said, not when someone should come.
  const isNow = (r: chrono.ParsedResult) => unavailable.now.includes(r.text.trim());
  const score = (r: chrono.ParsedResult) =>
    (namesDay(r) ? 2 : 0) +
    (r.start.isCertain('hour') ? 1 : 0) +
    (ahead(r) ? 0.5 : 0) -
    (taken(r) || forElse(r) ? 4 : 0) -
    (isNow(r) && readings.length > 1 ? 3 : 0);
  const result = readings.reduce<chrono.ParsedResult | undefined>(
    (a, r) => (!a || score(r) > score(a) ? r : a),
    undefined,
  );
  // A bare period (晚上 in "最好晚上打 白天上班") is no day said: only a day named is refused.
  const periodOnly = (r: chrono.ParsedResult) => unavailable.periods.includes(r.text.trim());
  if (result && ahead(result) && !periodOnly(result) && taken(result)) return { refused: true };
  // "明天上午要带孩子去医院 下午四点以后吧": the day whose morning is taken is the day of the hour said after it.
  const takenDay = readings.filter((r) => r !== result && namesDay(r) && !periodOnly(r) && ahead(r) && taken(r)).at(-1);
  if (result && !namesDay(result) && takenDay && takenDay.index < result.index) return { result, dayOf: takenDay };
  if (!result || result.start.isCertain('hour') || !namesDay(result)) return { result };
  const clockApart = readings.find((r) => r !== result && !namesDay(r) && r.start.isCertain('hour'));
  return { result, clockApart };
}

/**
 * Of the parts of the day said, the first one not said to be taken (那下午呢 上午没人: 下午); else the first said.
 */
function periodWanted(text: string, periods: readonly string[], unavailable: readonly string[]): string | undefined {
  const said = periods
    .map((p) => ({ p, at: text.indexOf(p) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at);
  const taken = ({ p, at }: { p: string; at: number }) => {
    const after = text.slice(at + p.length, at + p.length + UNAVAILABLE_WITHIN);
    return unavailable.some((u) => after.includes(u));
  };
  return (said.find((s) => !taken(s)) ?? said[0])?.p;
}

/** The period said last before a reading (上午我要送娃 改下午吧 两点那个: 下午), if one is. */
function periodBefore(text: string, reading: chrono.ParsedResult, periods: readonly string[]): string | undefined {
  const before = text.slice(0, reading.index);
  return periods
    .map((p) => ({ p, at: before.lastIndexOf(p) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => b.at - a.at)[0]?.p;
}

/** The period said right with a reading (后天下午), if one is. */
function periodOf(text: string, reading: chrono.ParsedResult, periods: readonly string[]): string | undefined {
  const near = text.slice(reading.index, reading.index + reading.text.length + PERIOD_WITHIN);
  return periods
    .map((p) => ({ p, at: near.indexOf(p) }))
    .filter(({ at }) => at >= 0)
    .sort((a, b) => a.at - b.at)[0]?.p;
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
  text.replace(w.yearEnd, () => date(wall.endOf('year')));
  // Early in a month is by its day of `month_start`; alone, this month's while it is still ahead.
  const early = w.month_start.day;
  text.replace(w.monthOffsetStart, (m) => date(monthFrom(m[1]!).date(early)));
  text.replace(w.monthStart, () =>
    date(today.date() < early ? today.date(early) : today.date(1).add(1, 'month').date(early)),
  );
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
  // 10.30 with round minutes is a clock time; 12.9 a date, and so is 12.10 with an hour said after it (12.10 下午4点).
  text.replace(w.numericClock, (m) =>
    text.text.slice(m.index + m[0].length).includes(w.hour_word)
      ? undefined
      : `${m[1]}${w.numeric_date.clock_separator}${m[2]}`,
  );
  // With its year (2026/12/5): that very day, if it is one.
  text.replace(w.fullDate, (m) => {
    const day = today
      .year(Number(m[1]))
      .date(1)
      .month(Number(m[2]) - 1);
    return Number(m[3]) <= day.daysInMonth() ? date(day.date(Number(m[3]))) : undefined;
  });
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
      .replace(new RegExp(`${escapeRegExp(w.hour_word)}$`), '');
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
