import type { ConversationEvent, FlowEffectParams } from '../../flows/events.js';
import type { TimerPayload } from '../store/timer-repo.js';
import type { CommandSpecs } from '../staff/commands.js';
import type { Sender } from '../domain/sender.js';

/** Where an effect happens: whose conversation, who wrote, and when. */
export interface EffectScope {
  conversationKey: string;
  replyTo: string;
  sender: Sender;
  at: number;
}

/** The named effects flows ask for (the conversation runner itself performs `startFlow`). */
export type EffectName = Exclude<keyof FlowEffectParams, 'startFlow'>;

/** An effect that answers the flow in the same turn (a binding check, a visit offer) returns its event. */
export type EffectHandlers = {
  [K in EffectName]: (params: FlowEffectParams[K], scope: EffectScope) => ConversationEvent | void;
};

/** What a durable timer of one type does when it fires, inside its own transaction. */
export type TimerHandler<P extends TimerPayload = TimerPayload> = (payload: P, at: number) => void;

/** Timer handlers by payload type; each feature handles the timers it arms. */
export type TimerHandlers = {
  [T in Exclude<TimerPayload['type'], 'conversation'>]: TimerHandler<Extract<TimerPayload, { type: T }>>;
};

/**
 * A feature (repair, complaints, cards…): the effects it performs for the flows, the timers it arms
 * and fires, and the staff commands it answers. The runtime composes them; adding a feature touches
 * its folder and the list in src/main.ts.
 */
export interface Feature {
  readonly effects?: Partial<EffectHandlers>;
  readonly timers?: Partial<TimerHandlers>;
  readonly commands?: CommandSpecs;
}
