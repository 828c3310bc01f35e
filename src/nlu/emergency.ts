import { z } from 'zod';
import { readYaml } from '../domain/data-file.js';
import { dataPath } from '../domain/data-path.js';
import type { StaffRole } from '../store/community-repo.js';
import type { EmergencyModel } from './emergency-model.js';

/**
 * How sure the model must be to be heard at all (a danger perhaps: its advice, and whether someone should come now),
 * and to be heard as sure (paged at once): see src/nlu/emergency-model.ts for what they hear on a set it never saw.
 */
const HEARD = 0.9;
const SURE = 0.99;
/** Words the model must know in a message to be sure of it: "2栋那个电梯" is a lift named, perhaps with someone in it. */
const SURE_WORDS = 6;

const pattern = z.string().transform((source, ctx) => {
  try {
    return new RegExp(source, 'u');
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(error as Error).message}` });
    return z.NEVER;
  }
});

export const emergencySchema = z.object({
  negated: z.array(pattern).default([]),
  distress: pattern.optional(),
  distress_other: pattern.optional(),
  past: z.array(pattern).default([]),
  kinds: z.record(
    z.string(),
    z.object({
      page: z.array(z.enum(['service', 'technician', 'supervisor', 'manager'])).min(1),
      /** The repair category (trade) whose technician the kind needs on call, for `wuye check`. */
      trade: z.string().optional(),
      sure: z.array(pattern).min(1),
      unsure: z.array(pattern).default([]),
      much: z.array(pattern).default([]),
      ordinary: z.array(pattern).default([]),
      unless: z.array(pattern).default([]),
      /** What a message must name for the model alone to hear this kind in it (a lift, water, fire…). */
      anchor: pattern.optional(),
      /** Kinds heard during this one that are part of it (a burning smell during a fire): more of it, not another. */
      includes: z.array(z.string()).default([]),
    }),
  ),
});

export type EmergencyKind = string;

/** What the detector heard: an emergency of a kind, for sure or only perhaps (a leak of unknown size). */
export interface EmergencyReading {
  kind: EmergencyKind;
  sure: boolean;
}

/**
 * Emergencies first (人命关天): people trapped, gas, fire, water pouring, electrical danger, someone
 * hurt — recognised from `data/emergencies.zh-CN.yaml` before anything else is read, so that no
 * flow ever asks a trapped resident when they would like someone to come.
 */
export class EmergencyDetector {
  private readonly spec: z.infer<typeof emergencySchema>;

  constructor(
    raw: unknown = readYaml(dataPath('emergencies.zh-CN.yaml')),
    /** Loaded when first needed: most messages name nothing any kind is about, and are answered without it. */
    private readonly model?: () => EmergencyModel,
  ) {
    this.spec = emergencySchema.parse(raw);
  }

  get kinds(): string[] {
    return Object.keys(this.spec.kinds);
  }

  /** Whether the words are those of someone in despair (不想活了): spoken to with feeling before any advice. */
  distressed(text: string): 'self' | 'other' | undefined {
    if (this.spec.distress_other?.test(text)) return 'other';
    return this.spec.distress?.test(text) ? 'self' : undefined;
  }

  /** Whether the text names anything a kind of danger is about (a lift, fire, water…): the anchors, cheap to test. */
  namesDanger(text: string): boolean {
    return Object.values(this.spec.kinds).some((rules) => rules.anchor?.test(text));
  }

  /** Whether a danger of kind `later`, heard while one of kind `open` is handled, is part of it. */
  partOf(later: EmergencyKind, open: EmergencyKind): boolean {
    return later === open || (this.spec.kinds[open]?.includes.includes(later) ?? false);
  }

  /** Who is paged at once for this kind. */
  paged(kind: EmergencyKind): readonly StaffRole[] {
    return this.spec.kinds[kind]?.page ?? ['service'];
  }

  /**
   * Danger the rules do not know, heard by the model (src/nlu/emergency-model.ts) — never where the rules rule it out:
   * told of as over, or a kind's own exceptions (打不着火 is no fire, 水龙头滴水 no flood).
   */
  heardByModel(said: string): EmergencyReading | undefined {
    if (!this.model) return undefined;
    const text = this.withoutNegated(said);
    if (this.spec.past.some((r) => r.test(text))) return undefined;
    if (!Object.values(this.spec.kinds).some((rules) => rules.anchor?.test(text))) return undefined;
    const guess = this.model().guess(text);
    const rules = guess && this.spec.kinds[guess.kind];
    if (!guess || !rules || guess.confidence < HEARD || !rules.anchor?.test(text)) return undefined;
    if (rules.unless.some((r) => r.test(text)) || rules.ordinary.some((r) => r.test(text))) return undefined;
    return { kind: guess.kind, sure: guess.confidence >= SURE && guess.words >= SURE_WORDS };
  }

  /** "没冒火也没有焦味": a danger named only to say it is not there is read as not said. */
  private withoutNegated(said: string): string {
    return this.spec.negated.reduce((t, r) => t.replace(new RegExp(r.source, 'gu'), ' '), said);
  }

  read(said: string): EmergencyReading | undefined {
    const text = this.withoutNegated(said);
    // "上次燃气泄漏你们一个小时才来": a danger told of as over is a complaint or a question, nobody to send now.
    if (this.spec.past.some((r) => r.test(text))) return undefined;
    let perhaps: EmergencyReading | undefined;
    for (const [kind, rules] of Object.entries(this.spec.kinds)) {
      if (rules.unless.some((r) => r.test(text))) continue;
      if (rules.sure.some((r) => r.test(text))) return { kind, sure: true };
      const ordinary = rules.ordinary.some((r) => r.test(text));
      // A lot of it (地上全是水) is an emergency, unless a fixture is where it comes from (马桶漏水 地上全是水): the
      // safety line, and someone now or at the time the resident said.
      if (rules.much.some((r) => r.test(text))) {
        if (!ordinary) return { kind, sure: true };
        perhaps ??= { kind, sure: false };
      }
      if (!perhaps && rules.unsure.some((r) => r.test(text)) && !ordinary) perhaps = { kind, sure: false };
    }
    return perhaps;
  }
}
