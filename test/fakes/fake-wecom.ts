import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WeComCall {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

type Responder = (call: WeComCall) => Record<string, unknown> | undefined;

/**
 * A stand-in for qyapi.weixin.qq.com on loopback: records every call and answers from handlers a
 * test sets per path (default: errcode 0). Tokens are numbered, so a renewal is visible.
 */
export class FakeWeCom {
  readonly calls: WeComCall[] = [];
  private readonly responders = new Map<string, Responder[]>();
  private server: Server | undefined;
  private tokens = 0;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = await read(req);
      const call: WeComCall = {
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      };
      this.calls.push(call);
      const once = this.responders.get(call.path)?.shift();
      const answer = once?.(call) ?? this.default(call);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(answer));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** The next call to `path` is answered by `responder` (queued in order). */
  next(path: string, responder: Responder): void {
    this.responders.set(path, [...(this.responders.get(path) ?? []), responder]);
  }

  to(path: string): WeComCall[] {
    return this.calls.filter((c) => c.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private default(call: WeComCall): Record<string, unknown> {
    if (call.path === '/cgi-bin/gettoken')
      return { errcode: 0, errmsg: 'ok', access_token: `token-${++this.tokens}`, expires_in: 7200 };
    return { errcode: 0, errmsg: 'ok' };
  }
}

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
