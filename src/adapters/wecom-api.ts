import type { Logger } from '../log.js';
import { DeliveryDeferred, RecipientUnreachable } from '../runtime/transport.js';

/** A token is renewed this long before WeCom says it expires (clocks differ; a send must not race it). */
const RENEW_BEFORE_MS = 5 * 60_000;
/** The token was refused (invalid, expired, bad credential): renew and try once more. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Too many calls, or too many messages to one member: not a failure, later. */
const RATE_ERRORS = new Set([45009, 45033, 45035]);
/** Customer service: the reply window is closed (48 h / 5 messages since the customer's last message). */
const WINDOW_ERRORS = new Set([95018, 45015, 45047]);
const RATE_RETRY_MS = 60_000;

export interface WeComApiOptions {
  /** https://qyapi.weixin.qq.com in production; a loopback fake in tests. */
  baseUrl: string;
  corpId: string;
  secret: string;
  now: () => number;
  log: Logger;
}

class WeComApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeCom error ${errcode}: ${errmsg}`);
  }
}

interface Reply {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

/** WeCom's server API: the access token cached and renewed, errors turned into what the outbox understands. */
export class WeComApi {
  private token: { value: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(private readonly options: WeComApiOptions) {}

  /** POST a JSON body to a `cgi-bin` path with the access token; a refused token is renewed once. */
  async call(path: string, body: unknown): Promise<Reply> {
    let reply = await this.post(path, await this.accessToken(), body);
    if (reply.errcode && TOKEN_ERRORS.has(reply.errcode)) {
      this.options.log.warn({ errcode: reply.errcode }, 'WeCom refused the access token; renewing it');
      this.token = undefined;
      reply = await this.post(path, await this.accessToken(), body);
    }
    if (!reply.errcode) return reply;
    const errmsg = reply.errmsg ?? '';
    if (RATE_ERRORS.has(reply.errcode))
      throw new DeliveryDeferred(this.options.now() + RATE_RETRY_MS, `WeCom rate limit ${reply.errcode}`);
    if (WINDOW_ERRORS.has(reply.errcode))
      throw new RecipientUnreachable(`WeCom reply window closed (${reply.errcode})`);
    throw new WeComApiError(reply.errcode, errmsg);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.options.now() < this.token.renewAt) return this.token.value;
    // Concurrent sends share one renewal.
    this.pending ??= this.fetchToken().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    const url = new URL('/cgi-bin/gettoken', this.options.baseUrl);
    url.searchParams.set('corpid', this.options.corpId);
    url.searchParams.set('corpsecret', this.options.secret);
    const reply = (await (await fetch(url)).json()) as Reply & { access_token?: string; expires_in?: number };
    if (reply.errcode || !reply.access_token)
      throw new WeComApiError(reply.errcode ?? -1, reply.errmsg ?? 'no access_token');
    const lifetimeMs = (reply.expires_in ?? 7200) * 1000;
    this.token = { value: reply.access_token, renewAt: this.options.now() + lifetimeMs - RENEW_BEFORE_MS };
    return reply.access_token;
  }

  private async post(path: string, token: string, body: unknown): Promise<Reply> {
    const url = new URL(path, this.options.baseUrl);
    url.searchParams.set('access_token', token);
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`WeCom HTTP ${response.status} for ${path}`);
    return (await response.json()) as Reply;
  }
}
