import type { Core } from '../runtime/core.js';
import type { EffectHandlers, TimerHandlers } from '../runtime/feature.js';
import { RepairEffects } from './repair-effects.js';
import { Schedule } from './schedule.js';
import { VisitChanges } from './visit-changes.js';
import { VisitReminders } from './visit-reminders.js';

/** In-home repair (家庭维修): visits offered, held and booked, changed, reminded and rated. */
export function repairFeature(core: Core) {
  const { store, ledger, outbound, governor, fees, understander } = core;
  const schedule = new Schedule(store);
  const reminders = new VisitReminders(store, outbound, governor);
  const repair = new RepairEffects(store, ledger, outbound, schedule, reminders, fees, understander.costWords);
  const changes = new VisitChanges(store, ledger, outbound, schedule, reminders);
  const effects = {
    findVisit: (p, s) => repair.findVisit(p, s),
    answerRepairQuestion: (p, s) => repair.answerQuestion(p, s),
    releaseHolds: (p, s) => repair.releaseHolds(p, s),
    bookVisit: (p, s) => repair.bookVisit(p, s),
    cancelRepair: (_, s) => changes.cancel(s),
    proposeMove: (p, s) => changes.propose(p, s),
    confirmMove: (p, s) => changes.confirm(p, s),
    recordRating: (p, s) => repair.recordRating(p, s),
  } satisfies Partial<EffectHandlers>;
  const timers = {
    visitReminder: (p, at) => reminders.remind(p.commitmentId, p.moment, at),
  } satisfies Partial<TimerHandlers>;
  return { effects, timers, repair, schedule, reminders };
}
