import pino, { type Logger } from 'pino';
import { maskPhones } from './domain/privacy.js';

// An Error's message and stack are not enumerable: copied as a plain object they vanish ("err":{}).
const maskError = (error: Error): Record<string, unknown> => ({
  type: error.name,
  message: maskPhones(error.message),
  ...(error.stack && { stack: maskPhones(error.stack) }),
  ...maskObject({ ...error }),
});

const mask = (value: unknown): unknown =>
  typeof value === 'string'
    ? maskPhones(value)
    : value instanceof Error
      ? maskError(value)
      : Array.isArray(value)
        ? value.map(mask)
        : value && typeof value === 'object'
          ? maskObject(value as Record<string, unknown>)
          : value;
const maskObject = (obj: Record<string, unknown>) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, mask(v)]));

/**
 * Logs go to stderr: stdout belongs to the chat (and is the protocol in `--jsonl` mode). Phone
 * numbers in them keep only their last four digits.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
    {
      level,
      base: undefined,
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
