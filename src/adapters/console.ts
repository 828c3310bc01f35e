import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatIso, parseDuration } from '../domain/time.js';
import type { Transport, TransportSink } from '../runtime/transport.js';
import type { OutboundMessage } from '../domain/messages.js';

/** Prints what the bot sends, marking who it is for: one terminal plays every party. */
export class ConsoleTransport implements Transport {
  readonly name = 'console';
  /** `input`: where the person at the terminal types (`start` reads it until it ends or /quit). */
  constructor(
    private readonly out: Writable,
    private readonly chat: { input: Readable; speaker: string } = { input: process.stdin, speaker: 'wx_zhangwei' },
  ) {}

  start(sink: TransportSink): Promise<void> {
    return runConsole(sink, this.chat.speaker, this.chat.input, this.out);
  }

  async send(message: OutboundMessage): Promise<void> {
    const time = formatIso(message.at).slice(11, 16);
    const body = message.text.split('\n').join('\n      ');
    this.out.write(`\n  [${time}] bot -> ${message.to}:\n      ${body}\n`);
  }
}

const HELP = `Console commands:
  /as <wechat id>   speak as someone else (a resident, or staff to try # commands)
  /advance <dur>    move the clock forward (90m, 2h, 1d), firing reminders on the way
  /image            send a picture (any non-text message)
  /help             this list
  /quit             leave (Ctrl-D works too)
Anything else is sent to the bot as a message.`;

/** The interactive terminal chat of `wuye chat`. */
async function runConsole(app: TransportSink, speaker: string, input: Readable, out: Writable): Promise<void> {
  const rl = createInterface({ input, output: out, terminal: (input as { isTTY?: boolean }).isTTY === true });
  let as = speaker;
  const prompt = () => rl.setPrompt(`${as}> `);
  out.write(`${HELP}\n\nYou are ${as}. The clock reads ${formatIso(app.now())}.\n`);
  prompt();
  rl.prompt();
  const timer = setInterval(() => void app.tick(), 1000);
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      const [command, arg] = line.split(/\s+/, 2);
      if (command === '/quit') break;
      // WeChat cannot send an empty message; an empty line here is just a stray Enter.
      if (line === '') {
        rl.prompt();
        continue;
      }
      if (command === '/help') out.write(`${HELP}\n`);
      else if (command === '/as') {
        if (arg) as = arg;
        out.write(arg ? `You are now ${as}.\n` : 'Usage: /as <wechat id>\n');
        prompt();
      } else if (command === '/advance') {
        try {
          await app.advanceTo(app.now() + parseDuration(arg ?? ''));
          out.write(`The clock now reads ${formatIso(app.now())}.\n`);
        } catch (error) {
          out.write(`${(error as Error).message}\n`);
        }
      } else if (command === '/image') {
        await app.inbound({ id: `console:${randomUUID()}`, from: as, kind: 'image', at: app.now() });
      } else if (line.startsWith('/')) {
        out.write(`Unknown console command ${command}. ${HELP}\n`);
      } else {
        await app.inbound({ id: `console:${randomUUID()}`, from: as, kind: 'text', text: raw, at: app.now() });
      }
      rl.prompt();
    }
  } finally {
    clearInterval(timer);
    rl.close();
  }
}
