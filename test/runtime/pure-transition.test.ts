import { describe, expect, it, vi } from 'vitest';
import { createMachine, fromPromise, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { FLOWS } from '../../flows/index.js';
import type { ConversationEvent } from '../../flows/events.js';
import {
  persistSnapshot,
  pureInitialTransition,
  pureTransition,
  reviveSnapshot,
} from '../../src/runtime/pure-transition.js';

const text = (t: string, intent: Extract<ConversationEvent, { type: 'TEXT' }>['intent']): ConversationEvent => ({
  type: 'TEXT',
  text: t,
  intent,
  confidence: 0.9,
  slots: {},
});

/** What a step leaves behind: the stored snapshot and the effects asked for. */
const outcome = ([snapshot, actions]: readonly [AnyMachineSnapshot, Array<{ type: string; params?: unknown }>]) => ({
  persisted: JSON.parse(JSON.stringify(snapshot.machine.getPersistedSnapshot(snapshot))) as unknown,
  actions: actions.map((a) => ({ type: a.type, params: a.params })),
});

const EVENTS: ConversationEvent[] = [
  { type: 'START' },
  text('你好', 'greeting'),
  text('阿巴', 'other'),
  text('厨房灯坏了', 'repair'),
  text('嗯', 'other'),
  { type: 'IDLE', lateMs: 0 },
];

describe('pure transitions with a scope kept per machine', () => {
  it('give every flow the same snapshots and effects as xstate’s own, step after step', () => {
    for (const { machine } of Object.values(FLOWS)) {
      let ours = pureInitialTransition(machine);
      let theirs = initialTransition(machine);
      expect(outcome(ours)).toEqual(outcome(theirs));
      for (const event of EVENTS) {
        ours = pureTransition(machine, ours[0], event);
        theirs = transition(machine, theirs[0], event);
        expect(outcome(ours)).toEqual(outcome(theirs));
      }
    }
  });

  it('hand each step only its own effects, however many steps share the scope', () => {
    const machine = FLOWS.reception!.machine;
    const [initial] = pureInitialTransition(machine);
    const [, first] = pureTransition(machine, initial, { type: 'START' });
    const [, second] = pureTransition(machine, initial, { type: 'START' });
    expect(first.map((a) => a.type)).toEqual(second.map((a) => a.type));
    expect(first.length).toBeGreaterThan(0);
  });

  it('work out each machine’s start once, and every conversation starting it begins the same', () => {
    for (const { machine } of Object.values(FLOWS)) {
      const first = pureInitialTransition(machine);
      const reference = outcome(first);
      const calls = vi.spyOn(machine, 'getInitialSnapshot');
      // The first conversation goes on from its start; the caller adds to the list it was given.
      let step = first;
      for (const event of EVENTS) {
        const [next, actions] = pureTransition(machine, step[0], event);
        step[1].push(...actions);
        step = [next, actions];
      }
      const second = pureInitialTransition(machine);
      expect(calls).not.toHaveBeenCalled();
      calls.mockRestore();
      expect(outcome(second)).toEqual(reference);
      expect(outcome(second)).toEqual(outcome(initialTransition(machine)));
    }
  });

  it('leave a machine with child actors to xstate’s own functions', () => {
    const machine = createMachine({
      initial: 'idle',
      states: {
        idle: { on: { GO: 'working' } },
        working: { invoke: { id: 'job', systemId: 'job', src: fromPromise(() => new Promise<void>(() => {})) } },
      },
    });
    const [idle] = pureInitialTransition(machine);
    const [working] = pureTransition(machine, idle, { type: 'GO' });
    expect(Object.keys(working.children)).toEqual(['job']);
    // A second spawn of the same system id in a shared system would throw; each step gets its own.
    expect(() => pureTransition(machine, idle, { type: 'GO' })).not.toThrow();
    const [ours, ourActions] = pureTransition(machine, idle, { type: 'GO' });
    const [theirs, theirActions] = transition(machine, idle, { type: 'GO' });
    expect(ours.value).toEqual(theirs.value);
    expect(ourActions.map((a) => a.type)).toEqual(theirActions.map((a) => a.type));
  });
});

describe('snapshots stored compactly', () => {
  const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

  it('come back after a JSON round trip as xstate’s own form does, and go on the same, in every flow', () => {
    for (const { machine } of Object.values(FLOWS)) {
      let [snapshot] = pureInitialTransition(machine);
      for (const event of EVENTS) {
        [snapshot] = pureTransition(machine, snapshot, event);
        const full = roundTrip(machine.getPersistedSnapshot(snapshot)) as Record<string, unknown>;
        const compact = roundTrip(persistSnapshot(machine, snapshot));
        expect(JSON.stringify(compact).length).toBeLessThan(JSON.stringify(full).length);
        const ours = reviveSnapshot(machine, compact);
        const theirs = machine.resolveState(full as never);
        expect(outcome([ours, []])).toEqual(outcome([theirs, []]));
        // A row written in xstate's full form (before this change) loads as it always did.
        expect(outcome([reviveSnapshot(machine, full), []])).toEqual(outcome([theirs, []]));
        for (const next of EVENTS)
          expect(outcome(pureTransition(machine, ours, next))).toEqual(outcome(transition(machine, theirs, next)));
      }
    }
  });

  it('leave out only what says nothing: a finished flow keeps its status', () => {
    const machine = createMachine({ initial: 'a', states: { a: { on: { GO: 'end' } }, end: { type: 'final' } } });
    const [a] = pureInitialTransition(machine);
    const [end] = pureTransition(machine, a, { type: 'GO' });
    expect(persistSnapshot(machine, a)).toEqual({ value: 'a', context: {} });
    const stored = roundTrip(persistSnapshot(machine, end));
    expect(stored).toMatchObject({ value: 'end', status: 'done' });
    expect(reviveSnapshot(machine, stored).status).toBe('done');
  });
});
