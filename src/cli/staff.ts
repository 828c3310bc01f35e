import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../console/passwords.js';
import type { Config } from '../config.js';
import { CliError } from './errors.js';

export function registerStaff(program: Command, config: Config): void {
  const staff = program.command('staff').description('staff accounts of the web console, and staff who left');
  staff
    .command('leave <id>')
    .description(
      'record that a staff member left: never messaged, assigned or signed in again; ' +
        'their open tickets go back to the desk',
    )
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action(async (id: string, options: { db: string }) => {
      const [{ Store }, { systemClock }] = await Promise.all([
        import('../store/store.js'),
        import('../domain/clock.js'),
      ]);
      const store = Store.open(options.db);
      try {
        const member = store.community.staffById(id);
        if (!member) throw new CliError(`no staff member with id ${id} still on staff`);
        const at = systemClock.now();
        const handedBack = store.transaction(() => {
          store.community.leave(id, at);
          // Unowned again, their tickets are the desk's: listed by #待办, chased by the ladder.
          const open = store.tickets.openForOwner(id);
          for (const ticket of open) store.tickets.update({ ...ticket, ownerId: null }, at);
          store.events.record({
            at,
            actor: 'cli',
            type: 'staff_left',
            ref: id,
            data: { tickets: open.map((t) => t.number) },
          });
          return open.map((t) => t.number);
        });
        process.stdout.write(
          `${member.name} (${id}) recorded as left: no more messages, tickets or console sign-in` +
            (handedBack.length > 0 ? `; open tickets back to the desk: ${handedBack.join(', ')}` : '') +
            '\n',
        );
      } finally {
        store.close();
      }
    });
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
