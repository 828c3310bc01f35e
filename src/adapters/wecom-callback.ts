import { timingSafeEqual } from 'node:crypto';
import { decrypt, getSignature } from '@wecom/crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** WeCom signs callbacks with the time it sent them; older ones (or from the future) are replays. */
const MAX_SKEW_MS = 5 * 60_000;

export interface CallbackSecrets {
  token: string;
  /** EncodingAESKey, 43 characters. */
  aesKey: string;
  /** The receive id every decrypted message must carry: the corp id. */
  corpId: string;
}

/** A callback that is not processed: the HTTP status to answer with and why (logged, never shown). */
export class CallbackRejected extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    reason: string,
  ) {
    super(reason);
  }
}

export interface CallbackQuery {
  msg_signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
}

const parser = new XMLParser({ parseTagValue: false, trimValues: true, processEntities: false });

/**
 * The checks @wecom/crypto leaves to its caller, in one place: the signature compared in constant
 * time, the timestamp within a few minutes, a signature never accepted twice, and the receive id
 * inside the ciphertext equal to our corp id. What passes is plain text; what fails is a 4xx.
 */
export class CallbackVerifier {
  /** Signatures accepted within the skew window, with when they expire: a replay is refused. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly secrets: CallbackSecrets,
    private readonly now: () => number,
  ) {}

  /** GET: the URL check WeCom makes when the callback is configured; the answer is the decrypted echostr. */
  verifyUrl(query: CallbackQuery): string {
    if (!query.echostr) throw new CallbackRejected(400, 'no echostr');
    return this.open(query, query.echostr);
  }

  /** POST: the decrypted inner XML, parsed to its fields. */
  openMessage(query: CallbackQuery, body: string): Record<string, string> {
    const encrypted = readXml(body).Encrypt;
    if (!encrypted) throw new CallbackRejected(400, 'no Encrypt element');
    return readXml(this.open(query, encrypted));
  }

  private open(query: CallbackQuery, encrypted: string): string {
    const { msg_signature: signature, timestamp, nonce } = query;
    if (!signature || !timestamp || !nonce) throw new CallbackRejected(400, 'missing signature parameters');
    const expected = getSignature(this.secrets.token, timestamp, nonce, encrypted);
    if (!sameText(expected, signature)) throw new CallbackRejected(403, 'bad signature');
    const sentAt = Number(timestamp) * 1000;
    const now = this.now();
    if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > MAX_SKEW_MS) throw new CallbackRejected(403, 'timestamp outside the allowed window');
    this.forgetExpired(now);
    if (this.seen.has(signature)) throw new CallbackRejected(409, 'replayed callback');
    let plain: { message: string; id: string };
    try {
      plain = decrypt(this.secrets.aesKey, encrypted);
    } catch {
      throw new CallbackRejected(400, 'cannot decrypt');
    }
    if (!sameText(plain.id, this.secrets.corpId)) throw new CallbackRejected(403, 'receive id is not our corp id');
    this.seen.set(signature, now + 2 * MAX_SKEW_MS);
    return plain.message;
  }

  private forgetExpired(now: number): void {
    for (const [signature, until] of this.seen) if (until < now) this.seen.delete(signature);
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The child elements of `<xml>` as text; anything that is not such XML is a 400. */
function readXml(text: string): Record<string, string> {
  if (XMLValidator.validate(text) !== true) throw new CallbackRejected(400, 'malformed XML');
  const root = (parser.parse(text) as { xml?: unknown }).xml;
  if (!root || typeof root !== 'object') throw new CallbackRejected(400, 'no <xml> root');
  return Object.fromEntries(Object.entries(root as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}
