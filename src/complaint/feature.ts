import type { Schedule } from '../repair/schedule.js';
import type { Core } from '../runtime/core.js';
import type { EffectHandlers, TimerHandlers } from '../runtime/feature.js';
import { ComplaintEffects } from './complaint-effects.js';
import { ComplaintFollowUp } from './complaint-follow-up.js';
import { ComplaintLinks } from './complaint-links.js';

/** Complaints (接受投诉): heard out, filed and routed, followed up, and the resident's verdict. */
export function complaintFeature(core: Core, schedule: Schedule) {
  const { store, ledger, outbound, governor, understander } = core;
  const followUp = new ComplaintFollowUp(store, ledger, outbound, governor);
  const links = new ComplaintLinks(store, ledger, outbound, followUp);
  const complaints = new ComplaintEffects(
    store,
    ledger,
    outbound,
    followUp,
    links,
    understander.staffTitles,
    (category, at) =>
      schedule
        .skilledOn(category, at)
        .map((id) => store.community.staffById(id))
        .filter((s) => s !== undefined),
  );
  const effects = {
    fileComplaint: (p, s) => complaints.fileComplaint(p, s),
    lookBackForComplaint: (_, s) => links.lookBack(s),
    addToComplaint: (p, s) => links.addTo(p, s),
    alertManager: (p, s) => complaints.alertManager(p, s),
    resolveComplaint: (p, s) => followUp.resolve(p, s),
  } satisfies Partial<EffectHandlers>;
  const timers = {
    complaintFollowUp: (p, at) => followUp.fire(p, at),
  } satisfies Partial<TimerHandlers>;
  return { effects, timers, followUp };
}
