import { createRequire } from 'node:module';
import type chineseDaysModule from 'chinese-days';

type ChineseDays = typeof chineseDaysModule;
let loaded: ChineseDays | undefined;
// Loaded on the first date asked about, not at start: building its tables took about 12 ms of every start.
const chineseDays = (): ChineseDays => (loaded ??= createRequire(import.meta.url)('chinese-days') as ChineseDays);

/**
 * China's public holidays and the weekend days worked in their place (调休), from the maintained
 * `chinese-days` package, for the years it covers. Its gap, handled here: for a year the State
 * Council has not announced yet it answers by weekday alone, as if there were no holidays; such a
 * year is reported as not covered, and its days are left to the office's own calendar.
 */
export class PublicHolidays {
  private readonly covered = new Map<number, boolean>();

  /** Whether the package knows the holidays of `year` (National Day is in every announced year). */
  covers(year: number): boolean {
    let known = this.covered.get(year);
    if (known === undefined) {
      known = chineseDays().getDayDetail(`${year}-10-01`).name.includes(',');
      this.covered.set(year, known);
    }
    return known;
  }

  /** 'holiday', 'workday' (a weekend day worked in lieu), or undefined (an ordinary day, or a year not covered). */
  kind(date: string): 'holiday' | 'workday' | undefined {
    if (!this.covers(Number(date.slice(0, 4)))) return undefined;
    const detail = chineseDays().getDayDetail(date);
    if (!detail.name.includes(',')) return undefined; // a plain weekday or weekend
    return detail.work ? 'workday' : 'holiday';
  }
}
