import { identify } from '../domain/sender.js';
import { maskPhones } from '../domain/privacy.js';
import { inZone } from '../domain/time.js';
import type { Clock } from '../domain/clock.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { CARD } from '../phrases/menus.js';
import type { Outbound } from '../runtime/outbound.js';
import type { Store } from '../store/store.js';
import type { CommandName, StaffCommands } from './commands.js';

/** Refusals that mean someone has the ticket already: the card says who, rather than why not. */
const HELD = new Set(
  ['already_yours', 'owned_by_other', 'wrong_state', 'ticket_closed'].map((k) => `staff.refused.${k}`),
);

export interface CardPressDeps {
  store: Store;
  commands: StaffCommands;
  outbound: Outbound;
  clock: Clock;
  /** The card's commands (data/menus.zh-CN.yaml): a key naming anything else is not ours. */
  cardCommands: readonly string[];
  /** Sends what the command set in motion (the resident told, a colleague told). */
  flush(): Promise<void>;
}

/**
 * A button pressed on a staff card (WeCom's template_card_event). It runs the very command the staff
 * member could type (`#接单 R12`), with their role checks and refusals; the card then shows the
 * outcome in place of its buttons: who did it and when, who has the ticket already, or why not.
 * Pressed twice, the command's own refusal is what stops the second: nothing changes twice.
 */
export class CardPresses {
  constructor(private readonly deps: CardPressDeps) {}

  /** Resolves to the words that replace the card's buttons, once what the press caused is sent. */
  async pressed(from: string, key: string): Promise<string> {
    const { store, outbound, clock } = this.deps;
    const at = clock.now();
    const outcome = store.transaction(() => outbound.render(this.run(from, key, at), at).text);
    await this.deps.flush();
    return maskPhones(outcome);
  }

  private run(from: string, key: string, at: number): PhraseRef {
    const { store, commands } = this.deps;
    const [command, ticket] = key.split(':');
    if (!command || !ticket || !this.deps.cardCommands.includes(command)) return { key: `${CARD}.expired` };
    const sender = identify(store, from);
    if (sender.kind !== 'staff') return { key: `${CARD}.not_staff` };
    const staff = sender.staff;
    const { answer, done } = commands.attempt(commands.typed(command as CommandName, [ticket]), staff, at);
    const said = [answer].flat()[0]!;
    const when = inZone(at);
    const params = { name: staff.name, hh: when.format('HH'), mm: when.format('mm') };
    if (done) return { key: `${CARD}.outcome.${command}`, params };
    const ownerId = store.tickets.byNumber(ticket)?.ownerId;
    const owner = ownerId ? store.community.staffById(ownerId) : undefined;
    return owner && HELD.has(said.key) ? { key: `${CARD}.held_by`, params: { name: owner.name } } : said;
  }
}
