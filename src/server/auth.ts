import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Logger } from '../log.js';
import type { PhraseRef } from '../phrases/phrase-ref.js';
import { prepareDummyHash, verifyPassword } from '../console/passwords.js';
import { maskPhones } from '../domain/privacy.js';
import { ADDRESS_POLICY, SignInThrottle, STAFF_POLICY, type ThrottlePolicy } from '../console/sign-in-throttle.js';
import { addressKey, staffKey } from '../store/auth-repo.js';
import type { Staff } from '../store/community-repo.js';
import type { Store } from '../store/store.js';
import { clientOf } from './client.js';

const COOKIE = 'wuye_session';
/** The sign-in form's own CSRF token (double submit: this cookie and the form's hidden field). */
const LOGIN_COOKIE = 'wuye_login';
const SESSION_MS = 12 * 3_600_000;
/** Typed ids are logged and used as throttle keys: longer ones are cut. */
const MAX_ID_LENGTH = 64;

export type ConsoleEnv = { Variables: { staff: Staff; session: { csrf: string } } };

export type SignInResult = { kind: 'ok' } | { kind: 'failed' } | { kind: 'wait'; seconds: number } | { kind: 'locked' };

export interface ConsoleAuthOptions {
  /** Real time (sessions and throttling), not the simulator's clock. */
  now: () => number;
  /** WUYE_TRUST_PROXY: believe X-Forwarded-Proto (the cookie's Secure flag) and X-Forwarded-For (throttling, logs). */
  trustProxy: boolean;
  log: Logger;
  /** Tells the service desk (a sign-in lock). */
  notifyDesk: (ref: PhraseRef) => Promise<void>;
}

/**
 * Sign-in for the console: the password checked against its scrypt hash (or a dummy one, for an
 * unknown id), throttled per id and per address, failures logged; a session in SQLite stored by
 * the hash of its cookie, its CSRF token derived from the cookie.
 */
export class ConsoleAuth {
  private readonly throttle: SignInThrottle;

  constructor(
    private readonly store: Store,
    private readonly options: ConsoleAuthOptions,
  ) {
    this.throttle = new SignInThrottle(store.auth);
    void prepareDummyHash(); // ready before the first unknown id, so that one takes no longer either
  }

  async signIn(c: Context, typedId: string, password: string): Promise<SignInResult> {
    const { now, log } = this.options;
    const client = clientOf(c, this.options.trustProxy);
    const staffId = typedId.trim().slice(0, MAX_ID_LENGTH);
    const staff = this.store.community.staffById(staffId);
    // Logged as the staff id, or, for an id nobody has, as a short hash: what people type into the
    // id field is sometimes their password.
    const who = {
      ...(staff ? { staff: staff.id } : { unknownId: digest(staffId).slice(0, 12) }),
      address: client.address,
    };
    const keys: Array<[string, ThrottlePolicy]> = [
      [staffKey(staffId), STAFF_POLICY],
      [addressKey(client.address), ADDRESS_POLICY],
    ];
    const verdict = this.throttle.check(keys, now());
    if (verdict.kind !== 'free') {
      log.warn({ ...who, verdict: verdict.kind }, 'console sign-in refused: too many failures');
      return verdict;
    }
    // An unknown id, one without a password and a wrong password take the same path, time and answer.
    const ok = await verifyPassword(password, staff && this.store.auth.passwordHash(staff.id));
    if (!ok || !staff) {
      const locked = this.throttle.fail(keys, now());
      log.warn(who, 'console sign-in failed');
      for (const { key, failures } of locked) {
        const byId = key === keys[0]![0];
        log.warn({ ...who, lockedBy: byId ? 'staff id' : 'address', failures }, 'console sign-in locked for an hour');
        // An id nobody has is only logged: the desk need not hear of every made-up name.
        if (byId && staff)
          await this.options.notifyDesk({
            key: 'staff.ops.console_locked',
            params: { staff: staff.id, failures, address: client.address },
          });
        else if (!byId)
          await this.options.notifyDesk({
            key: 'staff.ops.console_address_locked',
            params: { address: client.address, failures },
          });
      }
      return { kind: 'failed' };
    }
    this.throttle.succeeded(staffKey(staffId));
    const id = token();
    this.store.auth.openSession({ idHash: digest(id), staffId: staff.id, expiresAt: now() + SESSION_MS }, now());
    // Secure only where the browser is on https: over plain http (the office network) a browser
    // drops a Secure cookie, and the sign-in would silently not stick.
    setCookie(c, COOKIE, id, {
      httpOnly: true,
      secure: client.https,
      sameSite: 'Strict',
      path: '/',
      maxAge: SESSION_MS / 1000,
    });
    log.info({ staff: staff.id, address: client.address }, 'console sign-in');
    return { kind: 'ok' };
  }

  /** Whether the request carries a live session (after a sign-in: did the cookie stick?). */
  hasSession(c: Context): boolean {
    return this.sessionOf(c) !== undefined;
  }

  signOut(c: Context): void {
    const id = getCookie(c, COOKIE);
    if (id) this.store.auth.closeSession(digest(id));
    deleteCookie(c, COOKIE, { path: '/' });
  }

  /** A fresh token for the sign-in form: set as a cookie, returned for the hidden field. */
  loginToken(c: Context): string {
    const value = token();
    setCookie(c, LOGIN_COOKIE, value, {
      httpOnly: true,
      secure: clientOf(c, this.options.trustProxy).https,
      sameSite: 'Strict',
      path: '/console/login',
    });
    return value;
  }

  /** Whether a sign-in post carries the token of a sign-in form this browser was given. */
  loginTokenOk(c: Context, field: unknown): boolean {
    const cookie = getCookie(c, LOGIN_COOKIE);
    return cookie !== undefined && typeof field === 'string' && sameToken(field, cookie);
  }

  /**
   * Every console route but the sign-in pages: a page request without a session goes to the
   * sign-in page, anything else gets 401; a form post without the session's CSRF token gets 403.
   */
  guard(): MiddlewareHandler<ConsoleEnv> {
    return async (c, next) => {
      const found = this.sessionOf(c);
      const staff = found && this.store.community.staffById(found.staffId);
      if (!found || !staff) {
        const wantsPage = c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
        return wantsPage ? c.redirect('/console/login') : c.text('unauthorized', 401);
      }
      if (c.req.method === 'POST') {
        const form = await c.req.parseBody();
        if (typeof form.csrf !== 'string' || !sameToken(form.csrf, found.csrf)) return c.text('forbidden', 403);
      }
      c.set('staff', staff);
      c.set('session', { csrf: found.csrf });
      await next();
    };
  }

  private sessionOf(c: Context): { staffId: string; csrf: string } | undefined {
    const id = getCookie(c, COOKIE);
    const session = id ? this.store.auth.session(digest(id), this.options.now()) : undefined;
    // The CSRF token is a function of the cookie: nothing to store, and nothing a copy of the database reveals.
    return session && id
      ? {
          staffId: session.staffId,
          csrf: untouchedByMasking((i) => createHmac('sha256', id).update(`csrf:${i}`).digest('base64url')),
        }
      : undefined;
  }
}

const token = () => untouchedByMasking(() => randomBytes(32).toString('base64url'));

/**
 * Tokens end up in pages, and every page has its phone numbers masked: a token with eleven digits
 * in a row that look like a mobile number (about 1 in 300 million) would be altered. The first
 * candidate that masking leaves as it is is taken.
 */
function untouchedByMasking(candidate: (attempt: number) => string): string {
  for (let attempt = 0; ; attempt++) {
    const value = candidate(attempt);
    if (maskPhones(value) === value) return value;
  }
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex');

/** Constant time whatever the two are (lengths, characters): hashes of equal length are compared. */
function sameToken(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}
