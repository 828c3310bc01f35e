import type { ConversationEvent } from '../../flows/events.js';
import type { EffectHandlers, EffectScope } from './feature.js';

export type { EffectScope } from './feature.js';

/** An action as `transition()` returns it: named flow effects, plus XState built-ins already applied. */
export type FlowAction = { type: string; params?: unknown };

/**
 * Performs the named effects flows ask for, inside the turn's transaction. A flow says *what*
 * (open a ticket, accept a new time); the features say how, against the ledger and the outbox.
 */
export class FlowEffects {
  constructor(private readonly handlers: EffectHandlers) {}

  /** Performs the effects; returns the events that answer the flow within the same turn. */
  perform(actions: FlowAction[], scope: EffectScope): ConversationEvent[] {
    const answers: ConversationEvent[] = [];
    for (const action of actions) {
      // assign() and other XState built-ins have no handler: transition() already applied them.
      const handler = this.handlers[action.type as keyof EffectHandlers] as
        ((params: unknown, scope: EffectScope) => ConversationEvent | void) | undefined;
      const answer = handler?.(action.params, scope);
      if (answer) answers.push(answer);
    }
    return answers;
  }
}
