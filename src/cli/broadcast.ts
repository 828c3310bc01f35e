import type { Command } from 'commander';
import type { Config } from '../config.js';
import { CliError } from './errors.js';

/** `--param key=value`, repeatable. */
const collect = (value: string, previous: Record<string, string>) => {
  const at = value.indexOf('=');
  if (at <= 0) throw new CliError(`--param takes key=value, not "${value}"`);
  return { ...previous, [value.slice(0, at)]: value.slice(at + 1) };
};

export function registerBroadcast(program: Command, config: Config): void {
  program
    .command('broadcast')
    .description('send an office notice from the phrase catalog to bound residents (paced by the governor)')
    .requiredOption('--text-key <key>', 'phrase key, e.g. notice.water_outage')
    .option('--param <key=value>', 'a phrase parameter (repeatable)', collect, {})
    .option('--building <b>', 'only residents of this building')
    .option('--dry-run', 'print the text and the recipients; send nothing')
    .option('--db <file>', 'SQLite database file (env WUYE_DB)', config.db)
    .action(
      async (options: {
        textKey: string;
        param: Record<string, string>;
        building?: string;
        dryRun?: boolean;
        db: string;
      }) => {
        // Loaded when the command runs: `wuye --help` and the other commands do not pay for them.
        const [{ PhraseCatalog }, { Outbound }, { systemClock }, { Store }] = await Promise.all([
          import('../phrases/catalog.js'),
          import('../runtime/outbound.js'),
          import('../domain/clock.js'),
          import('../store/store.js'),
        ]);
        const phrases = PhraseCatalog.load();
        if (!options.textKey.startsWith('notice.') || !phrases.has(options.textKey)) {
          throw new CliError(
            `no notice "${options.textKey}" in the phrase catalog (notice.* keys: ${phrases
              .keys()
              .filter((k) => k.startsWith('notice.'))
              .join(', ')})`,
          );
        }
        // A parameter the notice does not use is a typo (--param dat=…): nothing would say what was meant.
        const takes = phrases.paramsOf(options.textKey);
        const unused = Object.keys(options.param).filter((name) => !takes.includes(name));
        if (unused.length > 0) {
          const names = unused.map((name) => `{${name}}`).join(', ');
          throw new CliError(
            `notice "${options.textKey}" has no ${names} (it takes: ${takes.join(', ') || 'nothing'})`,
          );
        }
        const text = phrases.render(options.textKey, options.param);
        const store = Store.open(options.db);
        try {
          const recipients = [
            ...new Set(
              store.community
                .allResidents()
                .filter((r) => r.wechatId && (!options.building || r.unitId.split('-')[0] === options.building))
                .map((r) => r.wechatId!),
            ),
          ];
          if (options.dryRun) {
            process.stdout.write(`${text}\n${recipients.join('\n')}\nwould send to ${recipients.length} residents\n`);
            return;
          }
          const at = systemClock.now();
          const outbound = new Outbound(store, phrases, {});
          store.transaction(() => {
            for (const to of recipients)
              outbound.say(to, to, { key: options.textKey, params: options.param }, at, { proactive: 'notice' });
            store.events.record({
              at,
              actor: 'cli',
              type: 'broadcast',
              ref: options.textKey,
              data: { recipients: recipients.length, building: options.building ?? null },
            });
          });
          process.stdout.write(
            `queued the notice for ${recipients.length} residents; the running bot sends it at the governor's pace\n`,
          );
        } finally {
          store.close();
        }
      },
    );
}
