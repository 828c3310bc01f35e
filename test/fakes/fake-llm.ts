import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How the fake answers one request: a status, a body (an object is sent as JSON), after a delay. */
export interface Reply {
  status?: number;
  body: unknown;
  delayMs?: number;
}

export interface Recorded {
  path: string;
  authorization?: string;
  body: { model: string; messages: Array<{ role: string; content: string }>; response_format?: unknown };
}

/** A chat completion whose message is `content` (an object is written as the model's JSON text). */
export const completion = (content: unknown): Reply => ({
  body: {
    id: 'cmpl-1',
    object: 'chat.completion',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: typeof content === 'string' ? content : JSON.stringify(content) },
      },
    ],
  },
});

/**
 * An OpenAI-compatible `/v1/chat/completions` on loopback (port 0): it records every request and
 * answers with the replies it is given, in order (the last one again when they run out).
 */
export class FakeLlm {
  readonly requests: Recorded[] = [];
  private replies: Reply[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  answer(...replies: Reply[]): this {
    this.replies = replies;
    return this;
  }

  /** Every text the bot sent the model, system message included. */
  get sent(): string {
    return this.requests.map((r) => r.body.messages.map((m) => m.content).join('\n')).join('\n');
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    this.requests.push({
      path: req.url ?? '',
      ...(req.headers.authorization && { authorization: req.headers.authorization }),
      body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
    });
    const reply =
      this.replies.length > 1 ? this.replies.shift()! : (this.replies[0] ?? { status: 500, body: 'no reply scripted' });
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, {
      'content-type': typeof reply.body === 'string' ? 'text/plain' : 'application/json',
    });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  }
}
