import type { FlowEffectParams } from './events.js';

/**
 * Every named effect a flow may ask for. Flows are pure: these do nothing here, they only give the
 * effect its name and parameter type; the runtime performs them (src/runtime/flow-effects.ts).
 */
type Declared = { [K in keyof FlowEffectParams]: (_: unknown, params: FlowEffectParams[K]) => void };

const performedByRuntime = () => {};

export const runtimeEffects: Declared = {
  say: performedByRuntime,
  openTicket: performedByRuntime,
  reportProgress: performedByRuntime,
  acceptReschedule: performedByRuntime,
  declineReschedule: performedByRuntime,
  verifyBinding: performedByRuntime,
  showStatement: performedByRuntime,
  startFlow: performedByRuntime,
  findVisit: performedByRuntime,
  answerRepairQuestion: performedByRuntime,
  bookVisit: performedByRuntime,
  releaseHolds: performedByRuntime,
  disputeFees: performedByRuntime,
  optOutOfReminders: performedByRuntime,
  agreePayment: performedByRuntime,
  cancelRepair: performedByRuntime,
  proposeMove: performedByRuntime,
  confirmMove: performedByRuntime,
  fileComplaint: performedByRuntime,
  lookBackForComplaint: performedByRuntime,
  addToComplaint: performedByRuntime,
  alertManager: performedByRuntime,
  chaseTicket: performedByRuntime,
  openEmergency: performedByRuntime,
  chaseEmergency: performedByRuntime,
  resolveComplaint: performedByRuntime,
  recordRating: performedByRuntime,
  explainCard: performedByRuntime,
  reportCardLoss: performedByRuntime,
  applyForCard: performedByRuntime,
  answerAside: performedByRuntime,
  recordPraise: performedByRuntime,
  relayToStaff: performedByRuntime,
  passOn: performedByRuntime,
  declineCall: performedByRuntime,
  cancelHandoff: performedByRuntime,
  acknowledgeMedia: performedByRuntime,
  farewellAfterSilence: performedByRuntime,
};
