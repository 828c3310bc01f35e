import { afterEach, describe, expect, it } from 'vitest';
import { bookRepairOnWeb, PASSWORD, signedIn, signInOnWeb, startWeb, type WebHarness } from '../fakes/web-server.js';

let web: WebHarness | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

const PAGES = ['/console', '/console/tickets/R1', '/console/arrears', '/console/report'];

const signIn = (h: WebHarness, staff: string) => signedIn(h, staff);

describe('console sign-in, sessions and CSRF', () => {
  it('refuses every console route without a session: pages go to sign-in, the rest get 401', async () => {
    web = await startWeb();
    for (const path of PAGES) {
      const page = await web.http.request(path, { headers: { accept: 'text/html' } });
      expect([page.status, page.headers.get('location')], path).toEqual([302, '/console/login']);
      expect((await web.http.request(path)).status, path).toBe(401);
    }
    expect((await web.http.request('/console/events')).status).toBe(401);
    for (const path of ['/console/logout', '/console/tickets/R1/action']) {
      expect(
        (await web.http.request(path, { method: 'POST', body: new URLSearchParams({ action: 'claim' }) })).status,
        path,
      ).toBe(401);
    }
    // A forged or expired cookie is no session.
    expect((await web.http.request('/console', { headers: { cookie: 'wuye_session=forged' } })).status).toBe(401);
  });

  it('a wrong password or an unknown id gets the same refusal and no cookie', async () => {
    web = await startWeb();
    for (const [staff, password] of [
      ['s001', 'wrong-password-1'],
      ['s999', PASSWORD],
      ['s003', PASSWORD],
    ]) {
      const { res, cookie } = await signInOnWeb(web, staff!, password!);
      expect([res.status, res.headers.get('location'), cookie]).toEqual([302, '/console/login?failed', undefined]);
    }
  });

  it('the session cookie is HttpOnly, Secure (over https) and SameSite=Strict; an action without the CSRF token is refused', async () => {
    web = await startWeb();
    const { setCookie } = await signInOnWeb(web, 's002', PASSWORD, { origin: 'https://wuye.example.com' });
    const cookie = setCookie.find((c) => c.startsWith('wuye_session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const ticket = await bookRepairOnWeb(web);
    const session = (await signIn(web, 's002'))!;
    const act = (csrf: string | undefined) =>
      web!.http.request(`/console/tickets/${ticket}/action`, {
        method: 'POST',
        headers: { cookie: session.cookie },
        body: new URLSearchParams({ action: 'claim', ...(csrf && { csrf }) }),
      });
    expect((await act(undefined)).status).toBe(403);
    expect((await act('x'.repeat(session.csrf.length))).status).toBe(403);
    expect(web.app.store.tickets.byNumber(ticket)!.status).toBe('new');
    const ok = await act(session.csrf);
    expect(ok.status).toBe(302);
    expect(web.app.store.tickets.byNumber(ticket)!.status).toBe('claimed');
    // Signing out ends the session.
    await web.http.request('/console/logout', {
      method: 'POST',
      headers: { cookie: session.cookie },
      body: new URLSearchParams({ csrf: session.csrf }),
    });
    expect((await web.http.request('/console', { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it('technicians see their own tickets; supervisors see everything', async () => {
    web = await startWeb();
    const repair = await bookRepairOnWeb(web); // 孙强's (s002)
    await web.app.bot.handleInbound({
      id: 'h1',
      from: 'wx_lina',
      kind: 'text',
      text: '转人工',
      at: web.app.clock.now(),
    });
    const technician = (await signIn(web, 's002'))!;
    const supervisor = (await signIn(web, 's004'))!;
    const board = async (s: { cookie: string }) =>
      (await web!.http.request('/console', { headers: { cookie: s.cookie } })).text();
    expect(await board(technician)).toContain(`data-ticket="${repair}"`);
    expect(await board(technician)).not.toContain('data-ticket="H1"');
    expect(await board(supervisor)).toContain('data-ticket="H1"');
    expect((await web.http.request('/console/tickets/H1', { headers: { cookie: technician.cookie } })).status).toBe(
      404,
    );
    expect((await web.http.request('/console/tickets/H1', { headers: { cookie: supervisor.cookie } })).status).toBe(
      200,
    );
  });

  it('the simulator can be turned off for a production database', async () => {
    web = await startWeb({ simulator: false });
    expect((await web.http.request('/sim')).status).toBe(404);
    expect((await web.http.request('/sim/api/say', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
