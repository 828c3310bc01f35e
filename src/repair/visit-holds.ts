import type { EffectScope } from '../runtime/flow-effects.js';
import type { Store } from '../store/store.js';
import type { VisitWindow } from './schedule.js';

/**
 * A window held for the resident while they are asked (a booking's offer, a move's read-back): a promise with no
 * ticket yet, so the time said is a recorded one and nobody else is given the same technician meanwhile.
 */
export function holdVisit(
  store: Store,
  window: VisitWindow,
  summary: string,
  scope: EffectScope,
  unit?: string,
): number {
  const residents = scope.sender.kind === 'resident' ? scope.sender.residents : [];
  const resident = residents.find((r) => r.unitId === unit) ?? residents[0];
  return store.commitments.create({
    kind: 'repair_visit',
    party: 'office',
    dueAt: window.end,
    windowStart: window.start,
    ownerId: window.technicianId,
    residentParty: scope.sender.wechatId,
    residentId: resident?.id ?? null,
    unitId: resident?.unitId ?? (residents.length === 0 ? unit : undefined) ?? null,
    summary,
    sourceConversation: scope.conversationKey,
    createdAt: scope.at,
  }).id;
}
