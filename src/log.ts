import { createRequire } from 'node:module';
import type pino from 'pino';
import { maskPhones } from './domain/privacy.js';

/**
 * Masks phone numbers everywhere in what is logged. An Error is turned into pino's own serialized
 * form (type, message, stack, cause) before that: its fields are not enumerable, so walking it as
 * a plain object would log `{}`. This runs in the `log` formatter, which pino calls before its
 * `err` serializer, so the one walk has to handle errors under any key.
 */
const mask = (value: unknown): unknown => {
  if (typeof value === 'string') return maskPhones(value);
  if (value instanceof Error) return mask(loadPino().stdSerializers.errWithCause(value));
  if (Array.isArray(value)) return value.map(mask);
  if (value && typeof value === 'object') return maskObject(value as Record<string, unknown>);
  return value;
};
const maskObject = (obj: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, mask(v)]));

/** What the bot logs with: pino's methods, so a pino logger (tests, benches) is one too. */
export type Logger = Pick<pino.Logger, 'error' | 'warn' | 'info' | 'debug'>;

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** pino's own order of levels, so that a message below the level set is dropped without loading pino. */
const RANK: Record<Level, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: Infinity,
};

let pinoModule: typeof pino | undefined;
const loadPino = (): typeof pino => (pinoModule ??= createRequire(import.meta.url)('pino') as typeof pino);

/**
 * pino is loaded with the first line actually logged: most runs of a command log nothing at the
 * default level (warn), and loading it was a tenth of `wuye chat`'s start.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  let real: pino.Logger | undefined;
  const rank = RANK[level as Level] ?? RANK.info;
  const method =
    (name: keyof Logger): pino.LogFn =>
    (...args: Parameters<pino.LogFn>) => {
      if (RANK[name] < rank) return;
      real ??= createPinoLogger(level, destination ?? loadPino().destination(2));
      real[name](...args);
    };
  return { error: method('error'), warn: method('warn'), info: method('info'), debug: method('debug') };
}

/**
 * Logs go to stderr: stdout belongs to the chat (and is the protocol in `--jsonl` mode). Phone
 * numbers in them keep only their last four digits; errors keep their message and stack.
 */
function createPinoLogger(level: string, destination: pino.DestinationStream): pino.Logger {
  return loadPino()(
    {
      level,
      base: undefined,
      // Errors are already serialized by the formatter (under any key); pino's own `err`
      // serializer, which runs after it, would relabel that plain object as type "Object".
      serializers: { err: (value: unknown) => value },
      formatters: { log: (object) => maskObject(object) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? maskPhones(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
