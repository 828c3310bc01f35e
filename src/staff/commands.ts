import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { dataPath } from '../data-path.js';
import type { PhraseCatalog } from '../phrases/catalog.js';
import type { Staff } from '../store/community-repo.js';

/** The command names of DESIGN §3; their Chinese words live in `data/commands.zh-CN.yaml`. */
export type CommandName =
  | 'claim' | 'progress' | 'depart' | 'done' | 'reschedule' | 'reassign' | 'payment' | 'todo' | 'overdue' | 'help';

export interface StaffCommand {
  name: CommandName | undefined;
  word: string;
  args: string[];
}

const PREFIX = /^[#＃]/;

export function looksLikeCommand(text: string | undefined): boolean {
  return text !== undefined && PREFIX.test(text.trim());
}

export interface CommandContext {
  staff: Staff;
  args: string[];
  at: number;
}

/** A command answers the staff member with one text; later issues add the ticket commands here. */
type Handler = (ctx: CommandContext) => string;

/** Staff commands: parsing by the words in data, and the handlers that exist. */
export class StaffCommands {
  private readonly byWord: Map<string, CommandName>;
  private readonly handlers: Partial<Record<CommandName, Handler>>;

  constructor(private readonly phrases: PhraseCatalog, words = loadWords()) {
    this.byWord = new Map(Object.entries(words).map(([name, word]) => [word, name as CommandName]));
    this.handlers = { help: () => this.help() };
  }

  parse(text: string): StaffCommand {
    const [head = '', ...args] = text.trim().replace(PREFIX, '').split(/\s+/);
    return { name: this.byWord.get(head), word: head, args };
  }

  /** The staff member's answer to a command. */
  execute(text: string, staff: Staff, at: number): string {
    const command = this.parse(text);
    const handler = command.name && this.handlers[command.name];
    if (!handler) return this.phrases.render('staff.unknown_command', { command: command.word });
    return handler({ staff, args: command.args, at });
  }

  private help(): string {
    const lines = (Object.keys(this.handlers) as CommandName[]).map((name) => this.phrases.render(`staff.help.${name}`));
    return [this.phrases.render('staff.help.header'), ...lines].join('\n');
  }
}

function loadWords(): Record<CommandName, string> {
  return parse(readFileSync(dataPath('commands.zh-CN.yaml'), 'utf8')) as Record<CommandName, string>;
}
