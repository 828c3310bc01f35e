import {
  createActor,
  initialTransition,
  transition,
  type ActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
} from 'xstate';

/**
 * xstate's pure `transition` and `initialTransition`, without their cost per call: each builds a
 * throw-away actor for the machine, and an actor's constructor works out the machine's whole
 * initial snapshot (entry actions, context) only to discard it: a turn paid for a second, unseen
 * start of its flow at every step. Here the inert scope is built once per machine and reused, its
 * action executor pointed at the step's own list.
 *
 * A fresh scope matters only to a machine that spawns or invokes child actors (their system ids are
 * registered in the scope's system): once a snapshot has children, that machine goes back to
 * xstate's own functions for good, and the step is taken again by them.
 */
type Step = [AnyMachineSnapshot, Action[]];
type Action = Parameters<ActorScope<AnyMachineSnapshot, EventObject>['actionExecutor']>[0];

const scopes = new WeakMap<AnyStateMachine, { scope: ActorScope<AnyMachineSnapshot, EventObject>; into: Action[] }>();
const withChildren = new WeakSet<AnyStateMachine>();

function reusedScope(machine: AnyStateMachine, into: Action[]): ActorScope<AnyMachineSnapshot, EventObject> {
  let kept = scopes.get(machine);
  if (!kept) {
    const self = createActor(machine);
    const entry: { scope: ActorScope<AnyMachineSnapshot, EventObject>; into: Action[] } = {
      into,
      scope: {
        self,
        defer: () => {},
        id: '',
        logger: () => {},
        sessionId: '',
        stopChild: () => {},
        system: self.system,
        emit: () => {},
        actionExecutor: (action: Action) => void entry.into.push(action),
      } as unknown as ActorScope<AnyMachineSnapshot, EventObject>,
    };
    kept = entry;
    scopes.set(machine, kept);
  }
  kept.into = into;
  return kept.scope;
}

const hasChildren = (snapshot: AnyMachineSnapshot) => Object.keys(snapshot.children).length > 0;

/** The next snapshot and the actions to perform, as xstate's `transition` gives them. */
export function pureTransition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): Step {
  if (withChildren.has(machine) || hasChildren(snapshot))
    return transition(machine, snapshot, event) as unknown as Step;
  const actions: Action[] = [];
  const next = machine.transition(snapshot, event, reusedScope(machine, actions)) as AnyMachineSnapshot;
  if (!hasChildren(next)) return [next, actions];
  withChildren.add(machine);
  return transition(machine, snapshot, event) as unknown as Step;
}

/**
 * Each machine's initial snapshot and its entry actions, worked out once: a flow's start takes no
 * input and xstate never changes a snapshot it is given, so every conversation that starts the flow
 * can begin from the same one (a new conversation paid about a tenth of its turn for it).
 */
const initials = new WeakMap<AnyStateMachine, Step>();

/** The initial snapshot and its actions, as xstate's `initialTransition` gives them. */
export function pureInitialTransition(machine: AnyStateMachine): Step {
  if (withChildren.has(machine)) return initialTransition(machine) as unknown as Step;
  let kept = initials.get(machine);
  if (!kept) {
    const actions: Action[] = [];
    const initial = machine.getInitialSnapshot(reusedScope(machine, actions)) as AnyMachineSnapshot;
    if (hasChildren(initial)) {
      withChildren.add(machine);
      return initialTransition(machine) as unknown as Step;
    }
    kept = [initial, actions];
    initials.set(machine, kept);
  }
  // The caller adds the next step's actions to the list it gets: a copy, never the kept one.
  return [kept[0], [...kept[1]]];
}

/**
 * What a conversation row keeps of a snapshot: xstate's persisted form without the parts that say
 * nothing (status 'active', no history, no children) and without walking the context for actor
 * references, which only a machine with children can hold. A smaller row is fewer b-tree pages
 * split and written per commit. A machine with children keeps xstate's full form.
 */
export function persistSnapshot(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): Record<string, unknown> {
  if (hasChildren(snapshot)) return machine.getPersistedSnapshot(snapshot) as Record<string, unknown>;
  const { value, context, status, output, error, historyValue } = snapshot as AnyMachineSnapshot & {
    historyValue?: Record<string, unknown>;
  };
  const history = Object.entries(historyValue ?? {}).filter(([, nodes]) => Array.isArray(nodes));
  return {
    value,
    context,
    ...(status !== 'active' && { status }),
    ...(output !== undefined && { output }),
    ...(error !== undefined && { error }),
    ...(history.length > 0 && {
      historyValue: Object.fromEntries(
        history.map(([id, nodes]) => [id, (nodes as Array<{ id: string }>).map((node) => ({ id: node.id }))]),
      ),
    }),
  };
}

/** The snapshot a stored one stands for, in either form (compact, or xstate's full one as older rows hold it). */
export function reviveSnapshot(machine: AnyStateMachine, stored: Record<string, unknown>): AnyMachineSnapshot {
  return machine.resolveState({ status: 'active', historyValue: {}, children: {}, ...stored } as never);
}
