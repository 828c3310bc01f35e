import { readYaml } from '../domain/data-file.js';
import { z } from 'zod';
import { dataPath } from '../domain/data-path.js';
import { fromWallClock, inZone } from '../domain/time.js';
import type { Store } from '../store/store.js';

const clock = z
  .string()
  .regex(/^\d{2}:\d{2}$/)
  .transform((t) => ({ hour: Number(t.slice(0, 2)), minute: Number(t.slice(3)) }));

/** Nobody to keep away from a visit. */
const NOBODY: ReadonlySet<string> = new Set();

/** The office's visit policy; people are not named here (they come with the staff import). */
export const technicianPolicySchema = z.strictObject({
  windows: z.array(z.object({ start: clock, end: clock })).min(1),
  horizon_days: z.number().int().min(1).max(90),
  generalist: z.string(),
  defaults: z.strictObject({
    weekdays: z.array(z.number().int().min(1).max(7)).min(1),
    on_call: z.boolean(),
  }),
});

function loadTechnicianPolicy(): unknown {
  return readYaml(dataPath('technicians.yaml'));
}

/** A technician as the schedule sees them: the staff record with the policy's defaults filled in. */
export interface Technician {
  id: string;
  /** Repair categories taken; `null`: every category. */
  skills: readonly string[] | null;
  weekdays: readonly number[];
  onCall: boolean;
}

export interface VisitWindow {
  start: number;
  end: number;
  /** The technician who would take it. */
  technicianId: string;
}

const DAY_MS = 86_400_000;

/**
 * Visit windows technicians can actually take: the office's windows (`data/technicians.yaml`), the
 * technicians of its staff file with their working days and skills, and one visit per technician
 * per window, counted from the open visit commitments. The bot offers nothing else, so it never
 * promises what the schedule cannot hold.
 */
export class Schedule {
  private readonly spec: z.infer<typeof technicianPolicySchema>;

  constructor(
    private readonly store: Store,
    raw: unknown = loadTechnicianPolicy(),
  ) {
    this.spec = technicianPolicySchema.parse(raw);
  }

  /** The technicians on the staff list today (read each time: a staff import changes it while running). */
  technicians(): Technician[] {
    return this.store.community
      .staffWithProfiles()
      .filter((s) => s.role === 'technician')
      .map((s) => ({
        id: s.id,
        skills: s.skills,
        weekdays: s.weekdays ?? this.spec.defaults.weekdays,
        onCall: s.onCall ?? this.spec.defaults.on_call,
      }));
  }

  /** Technicians working on the day of `at` who take `category` (or any work): told of a fault a complaint names. */
  skilledOn(category: string, at: number): string[] {
    const weekday = inZone(at).day() || 7;
    return this.technicians()
      .filter((t) => t.weekdays.includes(weekday))
      .filter((t) => !t.skills || t.skills.includes(category) || t.skills.includes(this.spec.generalist))
      .map((t) => t.id);
  }

  /** Whether this staff member works on the day of `at` (anyone who is not a technician is not on the rota). */
  worksOn(staffId: string, at: number): boolean {
    const technician = this.technicians().find((t) => t.id === staffId);
    return !technician || technician.weekdays.includes(inZone(at).day() || 7);
  }

  /** Technicians paged for emergencies, day or night. */
  onCall(): string[] {
    return this.technicians()
      .filter((t) => t.onCall)
      .map((t) => t.id);
  }

  /** The window containing `at` (or starting at it) if it is free for `category`; never one already begun. */
  windowAt(at: number, category: string | undefined, now: number, avoid = NOBODY): VisitWindow | undefined {
    const w = this.windowsOn(at).find((w) => at >= w.start && at < w.end);
    return w && this.free(w.start, w.end, category, now, this.technicians(), avoid);
  }

  /** The start of the day's first window that begins at `at` or later (三点以后 → the 16:00 window); else `at`. */
  firstStartFrom(at: number): number {
    const starts = this.windowsOn(at).map((w) => w.start);
    return starts.filter((start) => start >= at).sort((a, b) => a - b)[0] ?? at;
  }

  /** Whether `at` falls in none of the day's visit windows (晚上7点, 早上7点): no technician comes then. */
  outsideWindows(at: number): boolean {
    return this.windowsOn(at).every((w) => at < w.start || at >= w.end);
  }

  /** The visit windows of the day `at` falls on, in the policy's order, as instants. */
  private windowsOn(at: number): Array<{ start: number; end: number }> {
    const day = inZone(at);
    return this.spec.windows.map((w) => ({
      start: fromWallClock(day.year(), day.month() + 1, day.date(), w.start.hour, w.start.minute),
      end: fromWallClock(day.year(), day.month() + 1, day.date(), w.end.hour, w.end.minute),
    }));
  }

  /** How many days ahead visits are booked, when `at` is farther ahead than that. */
  beyondHorizon(at: number, now: number): number | undefined {
    return at > now + this.spec.horizon_days * DAY_MS ? this.spec.horizon_days : undefined;
  }

  /** The free windows of the day `day` falls on, in order (offered when only the day was said). */
  freeOnDay(day: number, category: string | undefined, now: number, avoid = NOBODY): VisitWindow[] {
    const technicians = this.technicians();
    return this.windowsOn(day)
      .map((w) => this.free(w.start, w.end, category, now, technicians, avoid))
      .filter((w): w is VisitWindow => w !== undefined);
  }

  /** The first free windows at or after `from`, soonest first (the alternatives to a full one). */
  nextFree(from: number, category: string | undefined, now: number, count: number, avoid = NOBODY): VisitWindow[] {
    const found: VisitWindow[] = [];
    const technicians = this.technicians();
    const first = inZone(Math.max(from, now));
    for (let d = 0; d < this.spec.horizon_days && found.length < count; d++) {
      for (const { start, end } of this.windowsOn(first.add(d, 'day').valueOf())) {
        if (start < from) continue;
        const free = this.free(start, end, category, now, technicians, avoid);
        if (free) found.push(free);
        if (found.length === count) break;
      }
    }
    return found;
  }

  private free(
    start: number,
    end: number,
    category: string | undefined,
    now: number,
    technicians = this.technicians(),
    avoid = NOBODY,
  ): VisitWindow | undefined {
    if (start <= now || start > now + this.spec.horizon_days * DAY_MS) return undefined;
    const weekday = inZone(start).day() || 7;
    const busy = this.store.commitments.visitsIn(start);
    const able = technicians.filter(
      (t) =>
        t.weekdays.includes(weekday) &&
        (!category || !t.skills || t.skills.includes(category) || t.skills.includes(this.spec.generalist)) &&
        (busy.get(t.id) ?? 0) === 0,
    );
    // Someone the resident has complained about goes only when nobody else can.
    const t = able.find((t) => !avoid.has(t.id)) ?? able[0];
    return t && { start, end, technicianId: t.id };
  }
}
