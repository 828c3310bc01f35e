import type { Core } from '../runtime/core.js';
import type { EffectHandlers } from '../runtime/feature.js';
import { DESK, type CommandSpecs } from '../staff/commands.js';
import { IdentityCommands } from '../staff/identity-commands.js';
import { Binder } from './binder.js';
import { verifyBinding } from './binding-effects.js';
import { Statements } from './statements.js';

/** Identity and privacy (核实身份): a household's business only for a resident bound to it. */
export function identityFeature(core: Core, bindingLockMs: number) {
  const { store, outbound, fees } = core;
  const binder = new Binder(store, bindingLockMs);
  const statements = new Statements(store, outbound, fees);
  const commands = new IdentityCommands(binder);
  const effects = {
    verifyBinding: (p, s) => verifyBinding(binder, outbound, p, s),
    showStatement: (p, s) => statements.show(s, p.unit),
  } satisfies Partial<EffectHandlers>;
  return {
    effects,
    commands: {
      bind: { handler: (c) => commands.bind(c), roles: DESK },
      unbind: { handler: (c) => commands.unbind(c), roles: DESK },
    } satisfies CommandSpecs,
    binder,
    statements,
  };
}
