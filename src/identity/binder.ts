import type { Resident } from '../store/community-repo.js';
import type { Store } from '../store/store.js';

/** Failed tries in a row before binding is locked for a wechat id. */
export const TRIES_BEFORE_LOCK = 3;

export type BindingOutcome =
  | { ok: true; residents: Resident[] }
  /** Never says which of unit or phone was wrong: an unverified person learns nothing. */
  | { ok: false; locked: boolean };

/**
 * Binds a wechat id to the resident records of a unit, proven by the last four digits of the
 * registered phone. Three failures in a row lock binding for that id for a while.
 */
export class Binder {
  constructor(
    private readonly store: Store,
    private readonly lockMs: number,
  ) {}

  isLocked(wechatId: string, at: number): boolean {
    return this.store.bindings.lockedUntil(wechatId, at) !== undefined;
  }

  /** Call inside the turn's transaction. */
  verify(wechatId: string, unitId: string, phoneLast4: string, at: number): BindingOutcome {
    if (this.isLocked(wechatId, at)) return { ok: false, locked: true };
    const matches = this.store.community.residentsOfUnit(unitId).filter((r) => r.phone.endsWith(phoneLast4));
    if (matches.length > 0) {
      for (const r of matches) this.store.community.bind(r.id, wechatId);
      this.store.bindings.clear(wechatId);
      this.store.events.record({ at, actor: wechatId, type: 'bound', ref: unitId, data: { residents: matches.map((r) => r.id) } });
      return { ok: true, residents: matches };
    }
    const failures = this.store.bindings.fail(wechatId);
    this.store.events.record({ at, actor: wechatId, type: 'binding_failed', ref: wechatId, data: { failures } });
    if (failures < TRIES_BEFORE_LOCK) return { ok: false, locked: false };
    this.store.bindings.lock(wechatId, at + this.lockMs);
    this.store.events.record({ at, actor: 'bot', type: 'binding_locked', ref: wechatId, data: { until: at + this.lockMs } });
    return { ok: false, locked: true };
  }

  /** Staff binding, after checking identity in person: the same proof, no lock. */
  bindByStaff(wechatId: string, unitId: string, phoneLast4: string, staffId: string, at: number): Resident[] {
    const matches = this.store.community.residentsOfUnit(unitId).filter((r) => r.phone.endsWith(phoneLast4));
    for (const r of matches) this.store.community.bind(r.id, wechatId);
    if (matches.length > 0) {
      this.store.bindings.clear(wechatId);
      this.store.events.record({ at, actor: staffId, type: 'bound', ref: unitId, data: { wechatId, residents: matches.map((r) => r.id) } });
    }
    return matches;
  }

  unbind(wechatId: string, staffId: string, at: number, unitId?: string): number {
    const changed = this.store.community.unbind(wechatId, unitId);
    if (changed > 0) this.store.events.record({ at, actor: staffId, type: 'unbound', ref: wechatId, data: { unitId: unitId ?? null } });
    return changed;
  }
}
