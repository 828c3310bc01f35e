import { readYaml } from '../domain/data-file.js';
import { z } from 'zod';
import { dataPath } from '../domain/data-path.js';
import { durationMs, inZone, type DurationParts } from '../domain/time.js';
import { durationPartsText, durationText } from '../domain/schemas.js';
import dayjs from 'dayjs';
import { PublicHolidays } from './public-holidays.js';

const clockTime = z
  .string()
  .regex(/^\d{2}:\d{2}$/)
  .transform((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));

const day = z
  .union([z.string(), z.date()])
  .transform((d) => (typeof d === 'string' ? d : dayjs(d).utc().format('YYYY-MM-DD')));

/** Targets keep their unit: `2d` on a business clock is two working days, not 48 business hours. */
const target = z.object({
  clock: z.enum(['business', 'calendar']),
  first_response: durationPartsText,
  reply: durationPartsText,
  resolution: durationPartsText,
  /** Past a breach, how soon it climbs the next rung, when this category cannot wait the office's usual time. */
  escalate_after: durationText.optional(),
});

export const serviceLevelsSchema = z.object({
  business_hours: z.object({
    open: clockTime,
    close: clockTime,
    weekdays: z.array(z.number().int().min(1).max(7)).min(1),
  }),
  holidays: z.array(day).default([]),
  /** Days the office opens although the calendar says otherwise (its own extra working days). */
  workdays: z.array(day).default([]),
  warn_before: durationText,
  escalate_after: durationText,
  update_every: durationText,
  categories: z.record(z.string(), target),
});

export type Target = 'first_response' | 'reply' | 'resolution';

/**
 * The categories the flows and the runtime open tickets or promises under; `wuye check` wants a
 * level for each, and calls any other one unused (a typo would otherwise go unnoticed).
 */
export const CATEGORIES_IN_USE = [
  // Urgent repairs were one category before emergencies had kinds; their tickets may still be open.
  'urgent_repair',
  'emergency_trapped',
  'emergency_gas',
  'emergency_fire',
  'emergency_water',
  'emergency_electric',
  'emergency_injury',
  'emergency_intruder',
  'repair',
  'lift_repair',
  'complaint',
  'safety_complaint',
  'card',
  'inquiry',
  'callback',
  'handoff',
] as const;

/** An emergency's category: someone on site in minutes, whoever is on call. */
const isEmergencyCategory = (category: string): boolean =>
  category.startsWith('emergency_') || category === 'urgent_repair';

/** The phrase naming a promise: an emergency's visit is getting to the scene, not a booked home repair. */
export const promiseNameKey = (kind: string, category: string): string =>
  kind === 'repair_visit' && isEmergencyCategory(category) ? 'ledger.kind.emergency_arrival' : `ledger.kind.${kind}`;

/** The office's service levels (`data/service-levels.yaml`): the only source of promised deadlines. */
export class ServiceLevels {
  readonly warnBeforeMs: number;
  readonly escalateAfterMs: number;
  /** With no progress on a complaint for this long, the resident hears from us and the owner is nudged. */
  readonly updateEveryMs: number;
  private readonly spec: z.infer<typeof serviceLevelsSchema>;
  private readonly holidays: Set<string>;
  private readonly workdays: Set<string>;
  readonly publicHolidays = new PublicHolidays();

  constructor(raw: unknown) {
    this.spec = serviceLevelsSchema.parse(raw);
    if (this.spec.business_hours.close <= this.spec.business_hours.open)
      throw new Error('business hours close before they open');
    this.holidays = new Set(this.spec.holidays);
    this.workdays = new Set(this.spec.workdays);
    this.warnBeforeMs = this.spec.warn_before;
    this.escalateAfterMs = this.spec.escalate_after;
    this.updateEveryMs = this.spec.update_every;
  }

  static load(file = dataPath('service-levels.yaml')): ServiceLevels {
    return new ServiceLevels(readYaml(file));
  }

  has(category: string): boolean {
    return Object.hasOwn(this.spec.categories, category);
  }

  /** When a promise of `target` for `category`, made at `from`, falls due. */
  deadline(category: string, target: Target, from: number): number {
    const level = this.spec.categories[category];
    if (!level) throw new Error(`no service level for category ${category}`);
    const amount = level[target];
    return level.clock === 'calendar' ? from + durationMs(amount) : this.addBusinessTime(from, this.businessMs(amount));
  }

  /** Days on a business clock are working days: each as long as the office is open. */
  private businessMs({ count, unit }: DurationParts): number {
    const { open, close } = this.spec.business_hours;
    return unit === 'd' ? count * (close - open) * 60_000 : durationMs({ count, unit });
  }

  /** A category whose level runs day and night (emergencies, safety): its matters never wait for office hours. */
  isRoundTheClock(category: string): boolean {
    return this.spec.categories[category]?.clock === 'calendar';
  }

  /** An emergency's category (someone on site in minutes, whoever is on call). */
  isEmergency(category: string): boolean {
    return isEmergencyCategory(category);
  }

  /** How long past a breach a matter of `category` waits before the next rung hears of it. */
  escalateAfter(category: string): number {
    return this.spec.categories[category]?.escalate_after ?? this.escalateAfterMs;
  }

  /** `ms` after `from` on the category's own clock: office hours only, unless it runs round the clock. */
  later(category: string, from: number, ms: number): number {
    return this.isRoundTheClock(category) ? from + ms : this.addBusinessTime(from, ms);
  }

  /** `at` if the office is open then, else the moment it next opens. */
  nextOpen(at: number): number {
    return this.addBusinessTime(at, 0);
  }

  /** The office's closing time on the day of `at`: a promise for "Monday" is kept if met by then. */
  closingTime(at: number): number {
    return inZone(at).startOf('day').add(this.spec.business_hours.close, 'minute').valueOf();
  }

  /** Whether the office is open at `at` (a person answers in minutes, not the next morning). */
  isBusinessTime(at: number): boolean {
    const { open, close } = this.spec.business_hours;
    const day = inZone(at).startOf('day');
    return this.isOpenDay(day) && at >= day.add(open, 'minute').valueOf() && at < day.add(close, 'minute').valueOf();
  }

  /** Adds business time: only open hours on open, non-holiday days count. */
  addBusinessTime(from: number, amountMs: number): number {
    const { open, close } = this.spec.business_hours;
    let day = inZone(from).startOf('day');
    let cursor = from;
    let left = amountMs;
    for (let guard = 0; guard < 3660; guard++) {
      if (this.isOpenDay(day)) {
        const opens = day.add(open, 'minute').valueOf();
        const closes = day.add(close, 'minute').valueOf();
        const start = Math.max(cursor, opens);
        if (start < closes) {
          if (start + left <= closes) return start + left;
          left -= closes - start;
        }
      }
      day = day.add(1, 'day');
      cursor = day.valueOf();
    }
    throw new Error('no business day within ten years: check business_hours and holidays');
  }

  /**
   * The office's own calendar first (its holidays, its extra working days), then China's public
   * holidays and the weekend days worked in their place, then its weekdays.
   */
  private isOpenDay(day: dayjs.Dayjs): boolean {
    const date = day.format('YYYY-MM-DD');
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const publicDay = this.publicHolidays.kind(date);
    if (publicDay) return publicDay === 'workday';
    const isoWeekday = day.day() === 0 ? 7 : day.day();
    return this.spec.business_hours.weekdays.includes(isoWeekday);
  }
}
