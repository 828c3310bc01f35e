import { afterEach, describe, expect, it } from 'vitest';
import { parseIso } from '../../src/domain/time.js';
import { bookRepairOnWeb, signedIn, startWeb, type WebHarness } from '../fakes/web-server.js';

let web: WebHarness | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

const rowClass = (page: string, ticket: string) =>
  new RegExp(`<tr class="(\\w+)" data-ticket="${ticket}"`).exec(page)?.[1];

describe('the commitments board', () => {
  it('colours a promise amber within warn_before of its due time and red once past it; filters by kind, owner and building', async () => {
    web = await startWeb();
    const h = web;
    await bookRepairOnWeb(h);
    const { cookie } = await signedIn(h, 's004');
    const board = async (query = '') => (await h.http.request(`/console${query}`, { headers: { cookie } })).text();

    expect(rowClass(await board(), 'R1')).toBe('on_time');
    // the visit window ends at 11:00; warn_before is 30 minutes
    await h.app.advanceTo(parseIso('2026-11-27T10:45:00+08:00'));
    expect(rowClass(await board(), 'R1')).toBe('near');
    await h.app.advanceTo(parseIso('2026-11-27T11:01:00+08:00'));
    expect(rowClass(await board(), 'R1')).toBe('overdue');

    expect(rowClass(await board('?kind=repair_visit'), 'R1')).toBe('overdue');
    expect(rowClass(await board('?kind=callback'), 'R1')).toBeUndefined();
    expect(rowClass(await board('?owner=s002&building=3'), 'R1')).toBe('overdue');
    expect(rowClass(await board('?building=5'), 'R1')).toBeUndefined();
  });
});

describe('the ticket page', () => {
  it('names the state of each promise in Chinese, not by its stored code', async () => {
    web = await startWeb();
    const h = web;
    const ticket = await bookRepairOnWeb(h);
    const { cookie } = await signedIn(h, 's004');
    const page = async () => (await h.http.request(`/console/tickets/${ticket}`, { headers: { cookie } })).text();
    expect(await page()).toContain('<td>进行中</td>');
    await h.app.advanceTo(parseIso('2026-11-27T11:01:00+08:00'));
    const overdue = await page();
    expect(overdue).toContain('<td>已逾期</td>');
    expect(overdue).not.toMatch(/<td>(open|broken|kept)<\/td>/);
  });
});
