import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { PhraseCatalog } from '../../src/phrases/catalog.js';
import { dataPath } from '../../src/domain/data-path.js';
import { PASSWORD, signInOnWeb, startWeb, type SignInAttempt, type WebHarness } from '../fakes/web-server.js';

const ui = PhraseCatalog.load(dataPath('console.zh-CN.yaml'));
let web: WebHarness | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

type Attempt = SignInAttempt;
const signIn = signInOnWeb;

const sessionCookie = (a: Attempt) => a.setCookie.find((c) => c.startsWith('wuye_session='));

describe('sign-in works over plain http on the office network, Secure over https (finding 3)', () => {
  it('http on a host name that is not localhost: the cookie is not Secure (a browser would drop it), and the sign-in sticks', async () => {
    web = await startWeb();
    const attempt = await signIn(web, 's001', PASSWORD, { origin: 'http://wuye.office.lan' });
    expect(sessionCookie(attempt)).toBeDefined();
    expect(sessionCookie(attempt)).not.toMatch(/;\s*Secure/i);
    expect(sessionCookie(attempt)).toMatch(/HttpOnly/);
    expect(sessionCookie(attempt)).toMatch(/SameSite=Strict/);
    const next = await web.http.request(`http://wuye.office.lan${attempt.res.headers.get('location')}`, {
      headers: { cookie: attempt.cookie! },
    });
    expect([next.status, next.headers.get('location')]).toEqual([302, '/console']);
    expect(
      (await web.http.request('http://wuye.office.lan/console', { headers: { cookie: attempt.cookie! } })).status,
    ).toBe(200);
  });

  it('over https the cookie is Secure; behind a proxy only when WUYE_TRUST_PROXY says to believe X-Forwarded-Proto', async () => {
    web = await startWeb();
    expect(sessionCookie(await signIn(web, 's001', PASSWORD, { origin: 'https://wuye.example.com' }))).toMatch(
      /;\s*Secure/i,
    );
    const forwarded = { 'x-forwarded-proto': 'https' };
    expect(sessionCookie(await signIn(web, 's001', PASSWORD, { headers: forwarded }))).not.toMatch(/;\s*Secure/i);
    await web.close();
    web = await startWeb({ trustProxy: true });
    expect(sessionCookie(await signIn(web, 's001', PASSWORD, { headers: forwarded }))).toMatch(/;\s*Secure/i);
  });

  it('a sign-in whose cookie did not stick says so on the sign-in page instead of silently showing it again', async () => {
    web = await startWeb();
    const attempt = await signIn(web, 's001', PASSWORD);
    const location = attempt.res.headers.get('location')!;
    const without = await web.http.request(`http://wuye.office.lan${location}`); // the browser kept no cookie
    expect(without.status).toBe(200);
    expect(await without.text()).toContain(ui.render('login.not_kept'));
  });
});

describe('the sign-in form carries its own CSRF token (finding 9)', () => {
  it('a post without the token from the sign-in page is refused and signs nobody in', async () => {
    web = await startWeb();
    const res = await web.http.request('/console/login', {
      method: 'POST',
      body: new URLSearchParams({ staff: 's001', password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.getSetCookie().some((c) => c.startsWith('wuye_session='))).toBe(false);
  });
});

describe('sign-in is throttled, takes the same time for any id, and failures are logged (finding 4)', () => {
  it('after three failures for an id, the next try must wait (even with the right password); ten lock it and the desk is told', async () => {
    let now = Date.parse('2026-11-26T01:00:00Z');
    web = await startWeb({ consoleNow: () => now });
    const from = (n: number) => ({ headers: { 'x-forwarded-for': `10.0.0.${n}` } });
    for (let i = 1; i <= 3; i++) expect((await signIn(web, 's001', 'wrong-password', from(i))).res.status).toBe(302);
    const early = await signIn(web, 's001', PASSWORD, from(9));
    expect(early.res.status).toBe(429);
    expect(early.cookie).toBeUndefined();
    expect(await early.res.text()).toContain(ui.render('login.throttled', { seconds: 1 }).slice(0, 6));
    now += 1000;
    for (let i = 4; i <= 10; i++, now += 60_000) await signIn(web, 's001', 'wrong-password', from(i));
    now += 60_000;
    const locked = await signIn(web, 's001', PASSWORD, from(11));
    expect(locked.res.status).toBe(429);
    expect(locked.cookie).toBeUndefined();
    const desk = web.app.store.messages
      .forParty('wx_zhaomin')
      .map((m) => m.text)
      .join('\n');
    expect(desk).toContain('s001');
    // A new password lifts the lock.
    web.app.store.auth.setPassword('s001', web.app.store.auth.passwordHash('s001')!, now);
    expect((await signIn(web, 's001', PASSWORD, from(12))).cookie).toBeDefined();
  });

  it('guesses from one address over rotating ids are throttled by the address', async () => {
    let now = Date.parse('2026-11-26T01:00:00Z');
    web = await startWeb({ consoleNow: () => now, trustProxy: true });
    const same = { headers: { 'x-forwarded-for': '203.0.113.7' } };
    for (let i = 0; i < 10; i++) {
      now += 1000;
      await signIn(web, `s90${i}`, 'guess-guess', same); // a new id each time: no id is throttled
    }
    const next = await signIn(web, 's002', PASSWORD, same);
    expect(next.res.status).toBe(429);
    expect(next.cookie).toBeUndefined();
    for (let i = 10; i < 30; i++) {
      now += 60_000;
      await signIn(web, `s90${i}`, 'guess-guess', same);
    }
    now += 60_000;
    expect((await signIn(web, 's002', PASSWORD, same)).res.status).toBe(429); // locked for the hour
    expect(
      web.app.store.messages
        .forParty('wx_zhaomin')
        .map((m) => m.text)
        .join('\n'),
    ).toContain('203.0.113.7');
    // Someone else, elsewhere, is not held up.
    expect(
      (await signIn(web, 's002', PASSWORD, { headers: { 'x-forwarded-for': '198.51.100.2' } })).cookie,
    ).toBeDefined();
  });

  it('an unknown id takes as long as a known id with a wrong password (no enumeration by timing)', async () => {
    let now = Date.parse('2026-11-26T01:00:00Z');
    web = await startWeb({ consoleNow: () => now, trustProxy: true });
    const time = async (staff: string, n: number) => {
      const t = performance.now();
      await signIn(web!, staff, 'wrong-password', { headers: { 'x-forwarded-for': `10.1.0.${n}` } });
      now += 3_600_000;
      return performance.now() - t;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('s001', i));
      unknown.push(await time(`nobody${i}`, 10 + i));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    expect(median(unknown) / median(known)).toBeGreaterThan(0.6);
    expect(median(unknown) / median(known)).toBeLessThan(1.6);
  });

  it('a failed sign-in is logged with the id and the address, never the password', async () => {
    const lines: string[] = [];
    const log = createLogger(
      'info',
      new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }) as never,
    );
    web = await startWeb({ log, trustProxy: true });
    await signIn(web, 's001', 'hunter2-wrong', { headers: { 'x-forwarded-for': '192.0.2.44' } });
    const line = lines.find((l) => l.includes('sign-in failed'));
    expect(line).toBeDefined();
    expect(line).toContain('s001');
    expect(line).toContain('192.0.2.44');
    expect(lines.join('')).not.toContain('hunter2-wrong');
    // A password typed into the id field by mistake is neither logged nor stored.
    await signIn(web, 'my-Password-typed-as-id', 'whatever', { headers: { 'x-forwarded-for': '192.0.2.44' } });
    expect(lines.filter((l) => l.includes('sign-in failed'))).toHaveLength(2);
    expect(lines.join('')).not.toContain('my-Password-typed-as-id');
    expect(JSON.stringify(web.app.store.db.prepare('SELECT * FROM signin_failures').all())).not.toContain(
      'my-Password-typed-as-id',
    );
  });
});

describe('sessions and CSRF tokens are not stored in clear (finding 8)', () => {
  it('the database holds neither the session cookie nor the form token', async () => {
    web = await startWeb();
    const attempt = await signIn(web, 's001', PASSWORD);
    const id = attempt.cookie!.split('=')[1]!;
    const board = await (await web.http.request('/console', { headers: { cookie: attempt.cookie! } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(board)![1]!;
    const stored = JSON.stringify(web.app.store.db.prepare('SELECT * FROM console_sessions').all());
    expect(stored).not.toBe('[]');
    expect(stored).not.toContain(id);
    expect(stored).not.toContain(csrf);
  });
});

describe('a malformed CSRF field is a 403, never a 500 (finding 9)', () => {
  it.each([
    ['odd length', 'abc'],
    ['same length, not ASCII', 'é'],
    ['empty', ''],
  ])('%s', async (_, sample) => {
    web = await startWeb();
    const attempt = await signIn(web, 's001', PASSWORD);
    const board = await (await web.http.request('/console', { headers: { cookie: attempt.cookie! } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(board)![1]!;
    const forged = sample === 'é' ? 'é'.repeat(csrf.length) : sample;
    const res = await web.http.request('/console/logout', {
      method: 'POST',
      headers: { cookie: attempt.cookie! },
      body: new URLSearchParams({ csrf: forged }),
    });
    expect(res.status).toBe(403);
  });
});
