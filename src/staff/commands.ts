import { readYaml } from '../domain/data-file.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { dataPath } from '../domain/data-path.js';
import type { Staff, StaffRole } from '../store/community-repo.js';
import { CommandRefusal, type CommandContext } from './command-context.js';

/** The command names of DESIGN §3; their Chinese words live in `data/commands.zh-CN.yaml`. */
export type CommandName =
  | 'claim'
  | 'progress'
  | 'depart'
  | 'done'
  | 'reschedule'
  | 'reassign'
  | 'payment'
  | 'todo'
  | 'overdue'
  | 'help'
  | 'bind'
  | 'unbind'
  | 'answer'
  | 'learn'
  | 'reply';

const PREFIX = /^[#＃]/;

export function looksLikeCommand(text: string | undefined): boolean {
  return text !== undefined && PREFIX.test(text.trim());
}

type Handler = (ctx: CommandContext) => PhraseRef | PhraseRef[];

export interface CommandSpec {
  handler: Handler;
  /** Who may use it at all; finer checks (owner of the ticket…) are the handler's. */
  roles: readonly StaffRole[];
}

/** The commands a feature answers, by name. */
export type CommandSpecs = Partial<Record<CommandName, CommandSpec>>;

export const EVERYONE: readonly StaffRole[] = ['service', 'technician', 'supervisor', 'manager'];
export const DESK: readonly StaffRole[] = ['service', 'supervisor', 'manager'];
export const LEADS_AND_TECHNICIANS: readonly StaffRole[] = ['technician', 'supervisor', 'manager'];

/** Staff `#` commands: words from data, a role check, then the handler; every answer is one phrase set. */
export class StaffCommands {
  private readonly byWord: Map<string, CommandName>;
  private readonly words: Record<CommandName, string>;
  private readonly specs: CommandSpecs;

  /** `features`: each feature's commands, routed by name. */
  constructor(features: readonly CommandSpecs[], words = loadWords()) {
    this.words = words;
    this.byWord = new Map(Object.entries(words).map(([name, word]) => [word, name as CommandName]));
    this.specs = Object.assign({ help: { handler: () => this.help(), roles: EVERYONE } }, ...features);
  }

  /** The staff member's answer to a command; handlers write their relays in the same transaction. */
  execute(text: string, staff: Staff, at: number): PhraseRef | PhraseRef[] {
    return this.attempt(text, staff, at).answer;
  }

  /** As `execute`, saying whether the command did its work (`done`) or was refused (nothing changed). */
  attempt(text: string, staff: Staff, at: number): { answer: PhraseRef | PhraseRef[]; done: boolean } {
    const parts = text.trim().replace(PREFIX, '').split(/\s+/);
    // "#完成R1", typed without its space: the command word and the ticket after it.
    const glued = this.byWord.has(parts[0] ?? '')
      ? undefined
      : [...this.byWord.keys()].filter((w) => parts[0]?.startsWith(w)).sort((a, b) => b.length - a.length)[0];
    if (glued) parts.splice(0, 1, glued, parts[0]!.slice(glued.length));
    const word = parts[0] ?? '';
    const name = this.byWord.get(word);
    const spec = name && this.specs[name];
    if (!spec) return { answer: { key: 'staff.unknown_command', params: { command: word } }, done: false };
    if (!spec.roles.includes(staff.role)) {
      return { answer: { key: 'staff.refused.role', params: { command: `#${word}` } }, done: false };
    }
    const args = parts.slice(1);
    const body = text.trim().replace(PREFIX, '').slice(word.length).trim();
    try {
      return { answer: spec.handler({ staff, word, args, rest: (from) => restOf(body, from) ?? '', at }), done: true };
    } catch (error) {
      if (error instanceof CommandRefusal) return { answer: error.phrase, done: false };
      throw error;
    }
  }

  /** The command as a staff member would type it (a card's button runs exactly this). */
  typed(name: CommandName, args: string[]): string {
    return ['#' + this.words[name], ...args].join(' ');
  }

  private help(): PhraseRef[] {
    const names = Object.keys(this.specs) as CommandName[];
    return [
      { key: 'staff.help.header' },
      ...names.map((name) => ({ key: `staff.help.${name}`, params: { word: this.words[name] } })),
    ];
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
