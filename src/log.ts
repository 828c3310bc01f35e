import pino, { type Logger } from 'pino';
import { maskPhones } from './domain/privacy.js';

/**
 * Masks phone numbers everywhere in what is logged. An Error is turned into pino's own serialized
 * form (type, message, stack, cause) before that: its fields are not enumerable, so walking it as
 * a plain object would log `{}`. This runs in the `log` formatter, which pino calls before its
 * `err` serializer, so the one walk has to handle errors under any key.
 */
const mask = (value: unknown): unknown => {
  if (typeof value === 'string') return maskPhones(value);
  if (value instanceof Error) return mask(pino.stdSerializers.errWithCause(value));
  if (Array.isArray(value)) return value.map(mask);
  if (value && typeof value === 'object') return maskObject(value as Record<string, unknown>);
  return value;
};
const maskObject = (obj: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, mask(v)]));

/**
 * Logs go to stderr: stdout belongs to the chat (and is the protocol in `--jsonl` mode). Phone
 * numbers in them keep only their last four digits; errors keep their message and stack.
 */
export function createLogger(level: string, destination: pino.DestinationStream = pino.destination(2)): Logger {
  return pino(
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
