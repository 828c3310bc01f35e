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
 * The ciphertext in the outer `<xml>`: base64, with or without CDATA. Read with this (linear,
 * anchored on literal tags) rather than an XML parser, so that nothing parses a body before its
 * signature is known to be good.
 */
const ENCRYPT = /<Encrypt>\s*(?:<!\[CDATA\[([A-Za-z0-9+/=]+)\]\]>|([A-Za-z0-9+/=]+))\s*<\/Encrypt>/;

/** Where accepted signatures are remembered until they expire: the database, so a restart forgets none. */
export interface ReplayGuard {
  /** False when the signature was remembered already (a replay). */
  rememberSignature(signature: string, expiresAt: number, now: number): boolean;
}

/**
 * The checks @wecom/crypto leaves to its caller, in one place: the signature compared in constant
 * time before anything is parsed, the timestamp within a few minutes, a signature never accepted
 * twice (remembered in the database), and the receive id inside the ciphertext equal to our corp
 * id. What passes is plain text; what fails is a 4xx.
 */
export class CallbackVerifier {
  constructor(
    private readonly secrets: CallbackSecrets,
    private readonly now: () => number,
    private readonly replays: ReplayGuard,
  ) {}

  /** GET: the URL check WeCom makes when the callback is configured; the answer is the decrypted echostr. */
  verifyUrl(query: CallbackQuery): string {
    if (!query.echostr) throw new CallbackRejected(400, 'no echostr');
    return this.open(query, query.echostr);
  }

  /** POST: the decrypted inner XML, parsed to its fields. Only a body signed by WeCom is parsed. */
  openMessage(query: CallbackQuery, body: string): Record<string, string> {
    const found = ENCRYPT.exec(body);
    const encrypted = found?.[1] ?? found?.[2];
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
    if (!Number.isFinite(sentAt) || Math.abs(now - sentAt) > MAX_SKEW_MS)
      throw new CallbackRejected(403, 'timestamp outside the allowed window');
    let plain: { message: string; id: string };
    try {
      plain = decrypt(this.secrets.aesKey, encrypted);
    } catch {
      throw new CallbackRejected(400, 'cannot decrypt');
    }
    if (!sameText(plain.id, this.secrets.corpId)) throw new CallbackRejected(403, 'receive id is not our corp id');
    // Remembered while its timestamp could still pass (either side of now): after that the window refuses it.
    if (!this.replays.rememberSignature(signature, now + 2 * MAX_SKEW_MS, now))
      throw new CallbackRejected(409, 'replayed callback');
    return plain.message;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The child elements of `<xml>` as text; anything that is not such XML (or nests too deep for the parser) is a 400. */
function readXml(text: string): Record<string, string> {
  let parsed: { xml?: unknown };
  try {
    if (XMLValidator.validate(text) !== true) throw new Error('invalid');
    parsed = parser.parse(text) as { xml?: unknown };
  } catch {
    throw new CallbackRejected(400, 'malformed XML');
  }
  const root = parsed.xml;
  if (!root || typeof root !== 'object') throw new CallbackRejected(400, 'no <xml> root');
  return Object.fromEntries(Object.entries(root as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
}
