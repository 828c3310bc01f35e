import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import { receptionMachine } from '../../flows/reception.js';
import type { ConversationEvent } from '../../flows/events.js';

const text = (t: string, intent: Extract<ConversationEvent, { type: 'TEXT' }>['intent']): ConversationEvent => ({
  type: 'TEXT',
  text: t,
  intent,
  confidence: 0.9,
  slots: {},
});

/** The flow's own effects, by name and the phrase each will say. */
const named = (actions: Array<{ type: string; params?: unknown }>) =>
  actions
    .filter((a) => !a.type.startsWith('xstate.'))
    .map((a) => [
      a.type,
      (a.params as { key?: string; ackKey?: string }).key ?? (a.params as { ackKey: string }).ackKey,
    ]);

describe('reception machine (pure transitions)', () => {
  it('returns its effects as data: greeting on START, nothing executed', () => {
    const [initial] = initialTransition(receptionMachine);
    const [next, actions] = transition(receptionMachine, initial, { type: 'START' });
    expect(next.value).toBe('listening');
    expect(named(actions)).toEqual([['say', 'reception.greeting']]);
  });

  it('survives a JSON round trip of its persisted snapshot mid-conversation', () => {
    const [initial] = initialTransition(receptionMachine);
    let [state] = transition(receptionMachine, initial, { type: 'START' });
    [state] = transition(receptionMachine, state, text('阿巴', 'other'));
    const stored = JSON.parse(JSON.stringify(receptionMachine.getPersistedSnapshot(state)));
    const restored = receptionMachine.resolveState(stored);
    expect(restored.context).toEqual({ fallbacks: 1 });
    const [after, actions] = transition(receptionMachine, restored, text('嗯', 'other'));
    expect(named(actions)).toEqual([['openTicket', 'reception.fallback_handoff']]);
    expect(after.context).toEqual({ fallbacks: 0 });
  });

  it('ends on farewell and on a timely idle timer; a stale timer ends it silently', () => {
    const [initial] = initialTransition(receptionMachine);
    const [open] = transition(receptionMachine, initial, { type: 'START' });
    const [bye, byeActions] = transition(receptionMachine, open, {
      ...text('再见', 'cancel'),
      goodbye: true,
    } as ConversationEvent);
    expect(bye.status).toBe('done');
    expect(named(byeActions)).toEqual([['say', 'reception.farewell']]);
    const [idle, idleActions] = transition(receptionMachine, open, { type: 'IDLE', lateMs: 0 });
    expect(idle.status).toBe('done');
    expect(idleActions.map((a) => a.type)).toEqual(['farewellAfterSilence']);
    const [stale, staleActions] = transition(receptionMachine, open, { type: 'IDLE', lateMs: 5 * 3600_000 });
    expect(stale.status).toBe('done');
    expect(named(staleActions)).toEqual([]);
  });
});
