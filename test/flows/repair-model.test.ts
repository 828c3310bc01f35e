import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import type { ConversationEvent, TextEvent } from '../../flows/events.js';
import { repairMachine } from '../../flows/repair.js';
import { phrases } from '../fakes/phrases.js';

const text = (t: string, extra: Partial<TextEvent> = {}): TextEvent => ({
  type: 'TEXT',
  text: t,
  topic: t,
  intent: 'repair',
  confidence: 0.9,
  slots: {},
  identity: 'bound',
  ...extra,
});

/** A small alphabet of what residents and the runtime say: enough to reach every state. */
const EVENTS: ConversationEvent[] = [
  { type: 'START', proactive: true },
  text('我要报修'),
  text('卧室窗户关不上', { slots: { category: '门窗', location: '卧室' } }),
  text('厨房灯坏了，明天上午', { slots: { category: '电', location: '厨房', time: '2026-11-27T09:00:00+08:00' } }),
  text('明天', { intent: 'other', slots: { time: '2026-11-27T09:00:00+08:00', timeWithoutHour: true } }),
  text('下午', {
    intent: 'other',
    slots: { time: '2026-11-26T14:00:00+08:00', timeWithoutDay: true, periodOnly: true },
  }),
  text('两点', { intent: 'other', slots: { time: '2026-11-26T14:00:00+08:00', timeWithoutDay: true } }),
  text('都行', { intent: 'other', anyTime: true }),
  text('多少钱', { intent: 'inquiry', question: true }),
  // An emergency interrupts the booking: everything held is given back.
  { type: 'SUSPEND' },
  text('对', { intent: 'other', answer: 'yes' }),
  text('2', { intent: 'other' }),
  text('不修了', { intent: 'cancel' }),
  text('嗯？', { intent: 'other' }),
  { type: 'VISIT_OFFER', exact: true, holds: [1] },
  { type: 'VISIT_OFFER', exact: false, holds: [1, 2, 3] },
  { type: 'VISIT_NONE' },
  { type: 'VISIT_NONE', past: true },
  { type: 'IDLE', lateMs: 0 },
  // A day of silence: a booking paused half-way is let go.
  { type: 'IDLE', lateMs: 0, silentMs: 25 * 3_600_000 },
];

const STATES = [
  'starting',
  'collecting',
  'askProblem',
  'askTime',
  'askDay',
  'offering',
  'choosing',
  'confirming',
  'paused',
  'done',
  'abandoned',
];

describe('repair booking machine, model-based (xstate/graph)', () => {
  const paths = getShortestPaths(repairMachine, { events: EVENTS });

  it('reaches every state', () => {
    const reached = new Set(paths.map((p) => String(p.state.value)));
    for (const state of STATES) expect(reached, state).toContain(state);
  });

  it('on every path, each thing it says is a phrase in the catalog with its parameters', () => {
    let said = 0;
    for (const path of paths) {
      // Replay the path with the pure transition and check every say effect.
      let snapshot = repairMachine.resolveState({ value: 'starting', context: { holds: [] } });
      for (const step of path.steps) {
        const [next, effects] = transitionOf(snapshot, step.event as ConversationEvent);
        snapshot = next;
        for (const effect of effects) {
          if (effect.type !== 'say') continue;
          type Ref = { key: string; params?: Record<string, string>; times?: Record<string, number> };
          for (const ref of [effect.params as Ref | Ref[]].flat()) {
            expect(phrases.has(ref.key), ref.key).toBe(true);
            for (const name of phrases.paramsOf(ref.key))
              expect(ref.params ?? {}, `${ref.key} {${name}}`).toHaveProperty(name);
            for (const name of phrases.timesOf(ref.key))
              expect(ref.times ?? {}, `${ref.key} {${name}:…}`).toHaveProperty(name);
          }
          said += 1;
        }
      }
    }
    expect(said).toBeGreaterThan(10);
  });

  it('never books without the resident’s yes, and gives back every window it held when it stops', () => {
    for (const path of paths) {
      let snapshot = repairMachine.resolveState({ value: 'starting', context: { holds: [] } });
      let lastWasYes = false;
      for (const step of path.steps) {
        const event = step.event as ConversationEvent;
        const [next, effects] = transitionOf(snapshot, event);
        // A yes given before a night's silence books on their return only through another yes (lastWasYes).
        if (effects.some((e) => e.type === 'bookVisit'))
          expect(lastWasYes || (event.type === 'TEXT' && event.answer === 'yes')).toBe(true);
        const stopping =
          next.status === 'done' && !effects.some((e) => e.type === 'bookVisit' || e.type === 'openTicket');
        if (stopping && snapshot.context.holds.length > 0) {
          const released = effects
            .filter((e) => e.type === 'releaseHolds')
            .flatMap((e) => (e.params as { holds: number[] }).holds);
          expect(released.sort()).toEqual([...snapshot.context.holds].sort());
        }
        // A message the machine does not react to (a TEXT while the runtime looks for windows, which in a
        // real turn cannot come between) leaves the last answer standing.
        const ignored =
          effects.length === 0 &&
          JSON.stringify([next.value, next.context]) === JSON.stringify([snapshot.value, snapshot.context]);
        if (!ignored) lastWasYes = event.type === 'TEXT' && event.answer === 'yes';
        snapshot = next;
      }
    }
  });
});

function transitionOf(snapshot: ReturnType<typeof repairMachine.resolveState>, event: ConversationEvent) {
  return transition(repairMachine, snapshot, event) as [typeof snapshot, Array<{ type: string; params?: unknown }>];
}
