import { readYaml } from '../data-file.js';
import { z } from 'zod';
import { dataPath } from '../data-path.js';
import { fromWallClock, inZone } from '../runtime/time.js';
import type { Store } from '../store/store.js';

const clock = z.string().regex(/^\d{2}:\d{2}$/).transform((t) => ({ hour: Number(t.slice(0, 2)), minute: Number(t.slice(3)) }));

const schema = z.object({
  windows: z.array(z.object({ start: clock, end: clock })).min(1),
  horizon_days: z.number().int().min(1).max(90),
  technicians: z.record(z.string(), z.object({ skills: z.array(z.string()), weekdays: z.array(z.number().int().min(1).max(7)) })),
  on_call: z.array(z.string()),
  generalist: z.string(),
});

export interface VisitWindow {
  start: number;
  end: number;
  /** The technician who would take it. */
  technicianId: string;
}

const DAY_MS = 86_400_000;

/**
 * Visit windows technicians can actually take (`data/technicians.yaml`): working days, skills, and
 * one visit per technician per window, counted from the open visit commitments. The bot offers
 * nothing else, so it never promises what the schedule cannot hold.
 */
export class Schedule {
  private readonly spec: z.infer<typeof schema>;

  constructor(
    private readonly store: Store,
    raw: unknown = readYaml(dataPath('technicians.yaml')),
  ) {
    this.spec = schema.parse(raw);
  }

  get onCall(): string[] {
    return this.spec.on_call;
  }

  /** The window containing `at` (or starting at it) if it is free for `category`; never one already begun. */
  windowAt(at: number, category: string | undefined, now: number): VisitWindow | undefined {
    const day = inZone(at);
    for (const w of this.spec.windows) {
      const start = fromWallClock(day.year(), day.month() + 1, day.date(), w.start.hour, w.start.minute);
      const end = fromWallClock(day.year(), day.month() + 1, day.date(), w.end.hour, w.end.minute);
      if (at >= start && at < end) return this.free(start, end, category, now);
    }
    return undefined;
  }

  /** The first free windows at or after `from`, soonest first (the alternatives to a full one). */
  nextFree(from: number, category: string | undefined, now: number, count: number): VisitWindow[] {
    const found: VisitWindow[] = [];
    const first = inZone(Math.max(from, now));
    for (let d = 0; d < this.spec.horizon_days && found.length < count; d++) {
      const day = first.add(d, 'day');
      for (const w of this.spec.windows) {
        const start = fromWallClock(day.year(), day.month() + 1, day.date(), w.start.hour, w.start.minute);
        const end = fromWallClock(day.year(), day.month() + 1, day.date(), w.end.hour, w.end.minute);
        if (start < from) continue;
        const free = this.free(start, end, category, now);
        if (free) found.push(free);
        if (found.length === count) break;
      }
    }
    return found;
  }

  private free(start: number, end: number, category: string | undefined, now: number): VisitWindow | undefined {
    if (start <= now || start > now + this.spec.horizon_days * DAY_MS) return undefined;
    const weekday = inZone(start).day() || 7;
    const busy = this.store.commitments.visitsIn(start);
    for (const [id, t] of Object.entries(this.spec.technicians)) {
      if (!t.weekdays.includes(weekday)) continue;
      if (category && !t.skills.includes(category) && !t.skills.includes(this.spec.generalist)) continue;
      if ((busy.get(id) ?? 0) === 0) return { start, end, technicianId: id };
    }
    return undefined;
  }
}
