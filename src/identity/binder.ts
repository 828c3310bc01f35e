import type { Resident } from '../store/community-repo.js';
import { ALL, unitScope } from '../store/binding-repo.js';
import type { Store } from '../store/store.js';

/** Failed tries in a row before binding is locked for a wechat id. */
const TRIES_BEFORE_LOCK = 3;
/**
 * Failed tries on one unit, from any wechat ids, within the lock period before that unit's chat
 * binding is locked: new ids give an attacker new tries, a unit does not.
 */
const UNIT_TRIES_BEFORE_LOCK = 5;
/** Failed tries on all units within the lock period before every chat binding pauses (guessing at scale). */
const ALL_TRIES_BEFORE_LOCK = 30;

/** Which lock a failure just placed: the desk is told once, when it is placed. */
export type LockPlaced = 'id' | 'unit' | 'all';

export type BindingOutcome =
  | { kind: 'bound'; residents: Resident[] }
  /** The right unit and digits, but the record belongs to another wechat id: never rebound from the chat. */
  | { kind: 'contested'; holders: string[] }
  /** Never says which of unit or phone was wrong: an unverified person learns nothing. */
  | { kind: 'failed' }
  /** `placed`: the locks this very failure placed (the desk is told of each once). */
  | { kind: 'locked'; placed: LockPlaced[] };

/**
 * Binds a wechat id to the resident records of a unit, proven by the last four digits of the
 * registered phone. A record already bound to someone else is not rebound (the desk verifies in
 * person). Failures lock binding: three in a row for an id, a few on one unit from any ids, many
 * overall, each for the lock period.
 */
export class Binder {
  constructor(
    private readonly store: Store,
    private readonly lockMs: number,
  ) {}

  /** Whether this id may not try now: its own lock, or every chat binding paused. */
  isLocked(wechatId: string, at: number): boolean {
    return (
      this.store.bindings.lockedUntil(wechatId, at) !== undefined ||
      this.store.bindings.scopeLockedUntil(ALL, at) !== undefined
    );
  }

  /** Call inside the turn's transaction. */
  verify(wechatId: string, unitId: string, phoneLast4: string, at: number): BindingOutcome {
    const { bindings, community, events } = this.store;
    if (this.isLocked(wechatId, at) || bindings.scopeLockedUntil(unitScope(unitId), at) !== undefined)
      return { kind: 'locked', placed: [] };
    const matches = community.residentsOfUnit(unitId).filter((r) => r.phone.endsWith(phoneLast4));
    const holders = [
      ...new Set(matches.map((r) => r.wechatId).filter((id): id is string => id !== null && id !== wechatId)),
    ];
    if (matches.length > 0 && holders.length === 0) {
      for (const r of matches) community.bind(r.id, wechatId);
      bindings.clear(wechatId);
      events.record({ at, actor: wechatId, type: 'bound', ref: unitId, data: { residents: matches.map((r) => r.id) } });
      return { kind: 'bound', residents: matches };
    }
    if (holders.length > 0) {
      // Right answers for someone else's household: the claimant knows the digits (a relative, or
      // an attacker who guessed them). Counted like a failure, so it cannot be repeated at will.
      events.record({ at, actor: wechatId, type: 'binding_contested', ref: unitId, data: { holders } });
      const placed = this.countFailure(wechatId, unitId, at);
      return placed.length > 0 ? { kind: 'locked', placed } : { kind: 'contested', holders };
    }
    const placed = this.countFailure(wechatId, unitId, at);
    return placed.length > 0 ? { kind: 'locked', placed } : { kind: 'failed' };
  }

  /** Staff binding, after checking identity in person: the same proof, no lock, and it may rebind. */
  bindByStaff(wechatId: string, unitId: string, phoneLast4: string, staffId: string, at: number): Resident[] {
    const matches = this.store.community.residentsOfUnit(unitId).filter((r) => r.phone.endsWith(phoneLast4));
    for (const r of matches) this.store.community.bind(r.id, wechatId);
    if (matches.length > 0) {
      this.store.bindings.clear(wechatId);
      this.store.events.record({
        at,
        actor: staffId,
        type: 'bound',
        ref: unitId,
        data: { wechatId, residents: matches.map((r) => r.id) },
      });
    }
    return matches;
  }

  unbind(wechatId: string, staffId: string, at: number, unitId?: string): number {
    const changed = this.store.community.unbind(wechatId, unitId);
    if (changed > 0)
      this.store.events.record({
        at,
        actor: staffId,
        type: 'unbound',
        ref: wechatId,
        data: { unitId: unitId ?? null },
      });
    return changed;
  }

  /** Counts a failure for the id, the unit and overall; returns the locks it placed. */
  private countFailure(wechatId: string, unitId: string, at: number): LockPlaced[] {
    const { bindings, events } = this.store;
    const until = at + this.lockMs;
    const inARow = bindings.fail(wechatId);
    const recent = bindings.recordFailure(wechatId, unitId, at, at - this.lockMs);
    events.record({
      at,
      actor: wechatId,
      type: 'binding_failed',
      ref: wechatId,
      data: { failures: inARow, unit: unitId, unitFailures: recent.unit, allFailures: recent.all },
    });
    const placed: LockPlaced[] = [];
    if (inARow >= TRIES_BEFORE_LOCK) {
      bindings.lock(wechatId, until);
      events.record({ at, actor: 'bot', type: 'binding_locked', ref: wechatId, data: { until } });
      placed.push('id');
    }
    if (recent.unit >= UNIT_TRIES_BEFORE_LOCK) {
      bindings.lockScope(unitScope(unitId), at, until);
      events.record({ at, actor: 'bot', type: 'binding_locked', ref: unitId, data: { until, failures: recent.unit } });
      placed.push('unit');
    }
    if (recent.all >= ALL_TRIES_BEFORE_LOCK) {
      bindings.lockScope(ALL, at, until);
      events.record({ at, actor: 'bot', type: 'binding_locked', ref: ALL, data: { until, failures: recent.all } });
      placed.push('all');
    }
    return placed;
  }
}
