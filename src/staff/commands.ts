import { readYaml } from '../domain/data-file.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { dataPath } from '../domain/data-path.js';
import type { Staff, StaffRole } from '../store/community-repo.js';
import type { TicketCommands } from './ticket-commands.js';
import type { ConsultationCommands } from './consultation-commands.js';
import type { ListCommands } from './list-commands.js';
import type { IdentityCommands } from './identity-commands.js';
import type { PaymentCommands } from './payment-commands.js';

/** The command names of DESIGN §3; their Chinese words live in `data/commands.zh-CN.yaml`. */
export type CommandName =
  | 'claim' | 'progress' | 'depart' | 'done' | 'reschedule' | 'reassign' | 'payment' | 'todo' | 'overdue' | 'help' | 'bind' | 'unbind'
  | 'answer' | 'learn' | 'reply';

const PREFIX = /^[#＃]/;

export function looksLikeCommand(text: string | undefined): boolean {
  return text !== undefined && PREFIX.test(text.trim());
}

export interface CommandContext {
  staff: Staff;
  /** The command word as typed, for messages. */
  word: string;
  args: string[];
  /** Everything after the ticket number, for free text (progress notes). */
  rest: (from: number) => string;
  at: number;
}

/** A refusal: the staff member is told why in one line, and nothing changes. */
export class CommandRefusal extends Error {
  constructor(readonly phrase: PhraseRef) {
    super(phrase.key);
  }
}

type Handler = (ctx: CommandContext) => PhraseRef | PhraseRef[];

interface CommandSpec {
  handler: Handler;
  /** Who may use it at all; finer checks (owner of the ticket…) are the handler's. */
  roles: readonly StaffRole[];
}

const EVERYONE: readonly StaffRole[] = ['service', 'technician', 'supervisor', 'manager'];
const DESK: readonly StaffRole[] = ['service', 'supervisor', 'manager'];

/** Staff `#` commands: words from data, a role check, then the handler; every answer is one phrase set. */
export class StaffCommands {
  private readonly byWord: Map<string, CommandName>;
  private readonly words: Record<CommandName, string>;
  private readonly specs: Partial<Record<CommandName, CommandSpec>>;

  constructor(tickets: TicketCommands, consultations: ConsultationCommands, lists: ListCommands, identity: IdentityCommands, payments: PaymentCommands, words = loadWords()) {
    this.words = words;
    this.byWord = new Map(Object.entries(words).map(([name, word]) => [word, name as CommandName]));
    this.specs = {
      claim: { handler: (c) => tickets.claim(c), roles: EVERYONE },
      progress: { handler: (c) => tickets.progress(c), roles: EVERYONE },
      depart: { handler: (c) => tickets.depart(c), roles: ['technician', 'supervisor', 'manager'] },
      done: { handler: (c) => tickets.done(c), roles: EVERYONE },
      reschedule: { handler: (c) => tickets.reschedule(c), roles: EVERYONE },
      reassign: { handler: (c) => tickets.reassign(c), roles: ['service', 'supervisor', 'manager'] },
      todo: { handler: (c) => lists.todo(c), roles: EVERYONE },
      overdue: { handler: (c) => lists.overdue(c), roles: EVERYONE },
      payment: { handler: (c) => payments.pay(c), roles: ['service', 'supervisor', 'manager'] },
      bind: { handler: (c) => identity.bind(c), roles: ['service', 'supervisor', 'manager'] },
      unbind: { handler: (c) => identity.unbind(c), roles: ['service', 'supervisor', 'manager'] },
      answer: { handler: (c) => consultations.answer(c), roles: DESK },
      learn: { handler: (c) => consultations.learn(c), roles: DESK },
      reply: { handler: (c) => consultations.reply(c), roles: DESK },
      help: { handler: () => this.help(), roles: EVERYONE },
    };
  }

  /** The staff member's answer to a command; handlers write their relays in the same transaction. */
  execute(text: string, staff: Staff, at: number): PhraseRef | PhraseRef[] {
    const parts = text.trim().replace(PREFIX, '').split(/\s+/);
    const word = parts[0] ?? '';
    const name = this.byWord.get(word);
    const spec = name && this.specs[name];
    if (!spec) return { key: 'staff.unknown_command', params: { command: word } };
    if (!spec.roles.includes(staff.role)) return { key: 'staff.refused.role', params: { command: `#${word}` } };
    const args = parts.slice(1);
    const body = text.trim().replace(PREFIX, '').slice(word.length).trim();
    try {
      return spec.handler({ staff, word, args, rest: (from) => restOf(body, from) ?? '', at });
    } catch (error) {
      if (error instanceof CommandRefusal) return error.phrase;
      throw error;
    }
  }

  private help(): PhraseRef[] {
    const names = Object.keys(this.specs) as CommandName[];
    return [{ key: 'staff.help.header' }, ...names.map((name) => ({ key: `staff.help.${name}`, params: { word: this.words[name] } }))];
  }
}

/** The text after the first `from` words, keeping its own spacing (a progress note is the staff's words). */
function restOf(body: string, from: number): string | undefined {
  const match = new RegExp(`^(?:\\S+\\s+){${from}}([\\s\\S]*)$`).exec(body);
  return match?.[1]?.trim();
}

/** The command words of `data/commands.zh-CN.yaml`, by command name (the console builds commands from them). */
export function loadWords(): Record<CommandName, string> {
  return readYaml(dataPath('commands.zh-CN.yaml')) as Record<CommandName, string>;
}
