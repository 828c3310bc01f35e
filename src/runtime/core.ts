import type { Logger } from '../log.js';
import type { ConversationEvent } from '../../flows/events.js';
import type { SteerableClock } from '../domain/clock.js';
import { FeeStandards } from '../fees/fee-standards.js';
import { EscalationLadder } from '../ledger/escalation.js';
import { Ledger } from '../ledger/ledger.js';
import { ServiceLevels } from '../ledger/service-levels.js';
import { Understander } from '../nlu/understander.js';
import { PhraseCatalog } from '../phrases/catalog.js';
import { Menus } from '../phrases/menus.js';
import type { Store } from '../store/store.js';
import type { Ticket } from '../store/ticket-repo.js';
import { OutboundGovernor, type GovernorConfig } from './governor.js';
import { identify } from '../domain/sender.js';
import { Outbound } from './outbound.js';
import { OutboxDispatcher } from './outbox-dispatcher.js';
import type { Transport } from './transport.js';

export interface CoreOptions {
  store: Store;
  clock: SteerableClock;
  transport: Transport;
  log: Logger;
  staffRoom?: string;
  levels?: ServiceLevels;
  /** Pace and quiet hours for messages the office sends first. */
  governor: Omit<GovernorConfig, 'jitterMs'>;
  /** Jitter source for the governor (fixed in tests). */
  random?: () => number;
  /** Built once and shared (loading the segmenter's dictionary takes a moment). */
  understander?: Understander;
}

/** What every feature works with: the store and clock, the ledger and its ladder, the outbox and its pace. */
export interface Core {
  store: Store;
  clock: SteerableClock;
  log: Logger;
  levels: ServiceLevels;
  ledger: Ledger;
  outbound: Outbound;
  governor: OutboundGovernor;
  dispatcher: OutboxDispatcher;
  ladder: EscalationLadder;
  fees: FeeStandards;
  understander: Understander;
  /** The choices a message offers as buttons where the platform shows them (data/menus.zh-CN.yaml). */
  menus: Menus;
  /**
   * An event for a resident's conversation (a rating asked, a time proposed, a handoff ended),
   * delivered durably (a timer due now) after this turn. It changes what the conversation waits
   * for, so it is not held back: the resident's next words must meet the new state.
   */
  toResident(ticket: Ticket, event: ConversationEvent, name: string, at: number): void;
}

export function createCore(options: CoreOptions): Core {
  const { store, clock, transport, log } = options;
  const levels = options.levels ?? ServiceLevels.load();
  const staffRoom = options.staffRoom ? { staffRoom: options.staffRoom } : {};
  const menus = Menus.load();
  const outbound = new Outbound(
    store,
    PhraseCatalog.load(),
    // The governor is made below; only read when a notice is written.
    { workHours: levels, staffNight: (at) => governor.staffNightUntil(at), ...staffRoom },
    menus,
  );
  const ledger = new Ledger(store, levels);
  const governor = new OutboundGovernor(
    { jitterMs: 5_000, ...options.governor },
    {
      sentSince: (from) => store.deliveries.proactiveSentSince(from),
      sendTimesSince: (from) => store.deliveries.proactiveSendTimesSince(from),
    },
    options.random,
  );
  const dispatcher = new OutboxDispatcher(store, transport, clock, log, governor, (recipient, at) =>
    outbound.notifyStaff(identify(store, recipient), { key: 'staff.delivery_held' }, at),
  );
  return {
    store,
    clock,
    log,
    levels,
    ledger,
    outbound,
    governor,
    dispatcher,
    ladder: new EscalationLadder(store, ledger, outbound, log, (at) => governor.quietUntil(at)),
    fees: FeeStandards.load(),
    understander: options.understander ?? Understander.load(),
    menus,
    toResident: (ticket, event, name, at) =>
      store.timers.arm(
        name,
        ticket.conversationKey,
        { type: 'conversation', party: ticket.party, replyTo: ticket.replyTo, event },
        at,
      ),
  };
}
