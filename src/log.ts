import pino, { type Logger } from 'pino';

/** Logs go to stderr: stdout belongs to the chat (and is the protocol in `--jsonl` mode). */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
