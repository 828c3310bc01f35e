import { afterEach, describe, expect, it } from 'vitest';
import { bookRepairOnWeb, signedIn, startWeb, type WebHarness } from '../fakes/web-server.js';

let web: WebHarness | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

/** Each directive of a Content-Security-Policy header, by name. */
const csp = (res: Response) =>
  Object.fromEntries(
    (res.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  ) as Record<string, string[]>;

describe('security headers on every page, and personal pages never cached (finding 9)', () => {
  it('console pages, the sign-in page and the simulator: CSP with frame-ancestors none, nosniff, a referrer policy, no-store', async () => {
    web = await startWeb();
    const ticket = await bookRepairOnWeb(web);
    const { cookie } = await signedIn(web, 's004');
    const pages = [
      ['/console/login', {}],
      ['/console', { cookie }],
      [`/console/tickets/${ticket}`, { cookie }],
      ['/console/arrears', { cookie }],
      ['/console/report', { cookie }],
      ['/sim', {}],
      ['/sim/api/messages?as=wx_zhangwei', {}],
    ] as const;
    for (const [path, headers] of pages) {
      const res = await web.http.request(path, { headers });
      expect(res.status, path).toBe(200);
      const policy = csp(res);
      expect(policy['frame-ancestors'], path).toEqual(["'none'"]);
      expect(policy['default-src'], path).toEqual(["'none'"]);
      expect(policy['script-src'], path).toEqual(["'self'"]);
      expect(policy['form-action'], path).toEqual(["'self'"]);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('the pages work under that policy: no inline script or style, and what they load is served', async () => {
    web = await startWeb();
    const ticket = await bookRepairOnWeb(web);
    const { cookie } = await signedIn(web, 's004');
    for (const path of ['/console/login', '/console', `/console/tickets/${ticket}`, '/sim']) {
      const page = await (await web.http.request(path, { headers: { cookie } })).text();
      expect(page, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
      expect(page, path).not.toMatch(/<style/);
      expect(page, path).not.toMatch(/\son[a-z]+=/); // no inline event handlers
      for (const [, src] of page.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)) {
        const asset = await web.http.request(src!);
        expect(asset.status, src).toBe(200);
        expect(asset.headers.get('content-type'), src).toMatch(/javascript|css/);
        const body = await asset.text();
        if (src!.endsWith('.js')) expect(() => new Function(body), src).not.toThrow(); // it parses
      }
    }
  });

  it('https answers carry Strict-Transport-Security; plain http does not (it would be ignored, or pin a LAN name to https)', async () => {
    web = await startWeb();
    expect(
      (await web.http.request('https://wuye.example.com/console/login')).headers.get('strict-transport-security'),
    ).toMatch(/max-age=\d+/);
    expect(
      (await web.http.request('http://wuye.office.lan/console/login')).headers.get('strict-transport-security'),
    ).toBeNull();
  });
});
