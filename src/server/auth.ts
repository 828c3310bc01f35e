import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { verifyPassword } from '../console/passwords.js';
import type { Staff } from '../store/community-repo.js';
import type { ConsoleSession } from '../store/auth-repo.js';
import type { Store } from '../store/store.js';

const COOKIE = 'wuye_session';
const SESSION_MS = 12 * 3_600_000;

export type ConsoleEnv = { Variables: { staff: Staff; session: ConsoleSession } };

/** Sign-in for the console: the password checked against its scrypt hash, a session in SQLite. */
export class ConsoleAuth {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  async signIn(c: Context, staffId: string, password: string): Promise<boolean> {
    const staff = this.store.community.staffById(staffId.trim());
    const hash = staff && this.store.auth.passwordHash(staff.id);
    // Unknown staff and a wrong password take the same path and the same answer.
    const ok = hash ? await verifyPassword(password, hash) : false;
    if (!ok || !staff) return false;
    const session: ConsoleSession = { id: token(), staffId: staff.id, csrf: token(), expiresAt: this.now() + SESSION_MS };
    this.store.auth.openSession(session, this.now());
    setCookie(c, COOKIE, session.id, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: SESSION_MS / 1000 });
    return true;
  }

  signOut(c: Context): void {
    const id = getCookie(c, COOKIE);
    if (id) this.store.auth.closeSession(id);
    deleteCookie(c, COOKIE, { path: '/' });
  }

  /**
   * Every console route but the sign-in page: a page request without a session goes to the
   * sign-in page, anything else gets 401; a form post without the session's CSRF token gets 403.
   */
  guard(): MiddlewareHandler<ConsoleEnv> {
    return async (c, next) => {
      const id = getCookie(c, COOKIE);
      const session = id ? this.store.auth.session(id, this.now()) : undefined;
      const staff = session && this.store.community.staffById(session.staffId);
      if (!session || !staff) {
        const wantsPage = c.req.method === 'GET' && (c.req.header('accept') ?? '').includes('text/html');
        return wantsPage ? c.redirect('/console/login') : c.text('unauthorized', 401);
      }
      if (c.req.method === 'POST') {
        const form = await c.req.parseBody();
        if (typeof form.csrf !== 'string' || !sameToken(form.csrf, session.csrf)) return c.text('forbidden', 403);
      }
      c.set('staff', staff);
      c.set('session', session);
      await next();
    };
  }
}

const token = () => randomBytes(24).toString('base64url');

function sameToken(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
