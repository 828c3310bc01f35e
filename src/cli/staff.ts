import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../console/passwords.js';
import type { Config } from '../config.js';

export function registerStaff(program: Command, config: Config): void {
  const staff = program.command('staff').description('staff accounts of the web console');
  staff
    .command('password <id>')
    .description(
      `set a staff member's console password (read from standard input, at least ${MIN_PASSWORD_LENGTH} characters)`,
    )
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action(async (id: string, options: { db: string }) => {
      // Loaded when the command runs: `wuye --help` and the other commands do not pay for it.
      const { Store } = await import('../store/store.js');
      const store = Store.open(options.db);
      try {
        const member = store.community.staffById(id);
        if (!member) throw new Error(`no staff member with id ${id} (import staff first)`);
        const rl = createInterface({ input: process.stdin, terminal: false });
        if (process.stdin.isTTY) process.stderr.write(`password for ${member.name} (${id}): `);
        const [line] = await rl[Symbol.asyncIterator]()
          .next()
          .then((r) => [r.value as string | undefined]);
        rl.close();
        const password = (line ?? '').trim();
        if (password.length < MIN_PASSWORD_LENGTH)
          throw new Error(`a password needs at least ${MIN_PASSWORD_LENGTH} characters`);
        store.auth.setPassword(member.id, await hashPassword(password), Date.now());
        process.stdout.write(`password set for ${member.name} (${member.id}); their other sessions are signed out\n`);
      } finally {
        store.close();
      }
    });
}
