import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { formatIso, parseDuration, parseIso } from '../domain/time.js';
import type { Transport, TransportSink } from '../runtime/transport.js';
import { MESSAGE_KINDS, type MessageKind, type OutboundMessage } from '../domain/messages.js';

/** Bytes collected before they are written even if more lines keep coming. */
const FLUSH_AT = 64 * 1024;

/**
 * The output lines, in order, written in batches: everything collected is written when the event
 * loop turns (the input read so far is answered) or past `FLUSH_AT`. A write to a pipe costs about
 * as much as a turn of the bot; a burst of messages shares one.
 */
export class JsonLines {
  private pending = '';
  private waiters: Array<() => void> = [];
  private inFlight: Promise<void> | undefined;
  private scheduled = false;

  constructor(private readonly out: Writable) {}

  write(line: string): void {
    this.pending += `${line}\n`;
    if (this.pending.length >= FLUSH_AT) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Hands everything collected to the stream now. */
  flush(): void {
    this.scheduled = false;
    if (this.pending === '') return;
    const data = this.pending;
    const waiters = this.waiters;
    this.pending = '';
    this.waiters = [];
    const done = new Promise<void>((resolve) => this.out.write(data, () => resolve()));
    this.inFlight = done;
    void done.then(() => {
      if (this.inFlight === done) this.inFlight = undefined;
      for (const w of waiters) w();
    });
  }

  /** Resolves once every line collected so far has been written out. */
  written(): Promise<void> {
    if (this.pending !== '') return new Promise((resolve) => this.waiters.push(resolve));
    return this.inFlight ?? Promise.resolve();
  }
}

/** `{"to","text","at"}` per line on stdout: DESIGN §3. */
export class JsonlTransport implements Transport {
  readonly name = 'jsonl';
  readonly lines: JsonLines;
  constructor(
    out: Writable | JsonLines,
    private readonly script: { input: Readable; err: Writable } = { input: process.stdin, err: process.stderr },
  ) {
    this.lines = out instanceof JsonLines ? out : new JsonLines(out);
  }
  async send(message: OutboundMessage): Promise<void> {
    this.lines.write(JSON.stringify({ to: message.to, text: message.text, at: formatIso(message.at) }));
  }
  written(): Promise<void> {
    return this.lines.written();
  }

  /** Reads JSON lines from its input until it ends; a bad line is reported on its error stream and skipped. */
  start(sink: TransportSink): Promise<void> {
    return runJsonl(sink, this.script.input, this.lines, this.script.err);
  }
}

const id = z.string().min(1).max(200);
const messageLine = z
  .object({
    from: id,
    text: z.string().optional(),
    kind: z.enum(MESSAGE_KINDS as [MessageKind, ...MessageKind[]]).default('text'),
    id: z.union([id, z.number().transform(String)]).optional(),
    room: id.optional(),
    mentions: z.array(id).optional(),
  })
  .refine((m) => m.kind !== 'text' || typeof m.text === 'string', { message: 'a text message needs "text"' });

type MessageLine = z.infer<typeof messageLine>;

type Line =
  | { type: 'message'; message: MessageLine }
  | { type: 'advance'; ms: number }
  | { type: 'now'; at: number }
  | { type: 'sync'; token: unknown };

const isId = (value: unknown): value is string => typeof value === 'string' && value.length >= 1 && value.length <= 200;

/**
 * The common line, `{"from","text"}` with a string `id` or none, read as `messageLine` reads it:
 * the schema's parse costs more than the rest of a turn's reading. Anything else (another field, a
 * number for an id, a value the schema refuses) goes through the schema and its error messages.
 */
function plainText(object: Record<string, unknown>): MessageLine | undefined {
  const { from, text, id } = object;
  if (!isId(from) || typeof text !== 'string' || (id !== undefined && !isId(id))) return undefined;
  for (const key in object) if (key !== 'from' && key !== 'text' && key !== 'id') return undefined;
  return { from, text, kind: 'text', ...(id !== undefined && { id }) };
}

function parseLine(raw: string): Line {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error('not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
  const object = value as Record<string, unknown>;
  if ('advance' in object) return { type: 'advance', ms: parseDuration(String(object.advance)) };
  if ('now' in object) return { type: 'now', at: parseIso(String(object.now)) };
  if ('sync' in object) return { type: 'sync', token: object.sync };
  const plain = plainText(object);
  if (plain) return { type: 'message', message: plain };
  const parsed = messageLine.safeParse(object);
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '));
  return { type: 'message', message: parsed.data };
}

/**
 * Drives the whole runtime from JSON lines. Each line is finished — its replies written — before the
 * next is read, so a script can pair input and output. A bad line is reported on stderr and skipped.
 */
async function runJsonl(
  app: TransportSink,
  input: Readable,
  output: Writable | JsonLines,
  err: Writable,
): Promise<void> {
  const out = output instanceof JsonLines ? output : new JsonLines(output);
  let lineNo = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    lineNo += 1;
    if (raw.trim() === '') continue;
    let line: Line;
    try {
      line = parseLine(raw);
    } catch (error) {
      err.write(`line ${lineNo}: ${(error as Error).message}\n`);
      continue;
    }
    await app.tick();
    switch (line.type) {
      case 'message': {
        const m = line.message;
        await app.inbound({
          id: m.id ?? `jsonl:${randomUUID()}`,
          from: m.from,
          kind: m.kind,
          ...(m.text !== undefined && { text: m.text }),
          ...(m.room && { room: m.room }),
          ...(m.mentions && { mentions: m.mentions }),
          at: app.now(),
        });
        break;
      }
      case 'advance':
        await app.advanceTo(app.now() + line.ms);
        break;
      case 'now':
        if (line.at < app.now())
          err.write(
            `line ${lineNo}: ${formatIso(line.at)} is before the clock (${formatIso(app.now())}); the clock only ` +
              `moves forward\n`,
          );
        else await app.advanceTo(line.at);
        break;
      case 'sync':
        await app.flush();
        out.write(JSON.stringify({ synced: line.token }));
        break;
    }
  }
  out.flush();
  await out.written();
  await app.settled();
}
