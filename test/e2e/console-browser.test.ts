import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startWeb, type WebHarness } from '../fakes/web-server.js';
import { launchBrowser } from './browser.js';

const SHOTS = 'screenshots';

let web: WebHarness;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  web = await startWeb({ listen: true });
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
});

async function say(sim: Page, text: string, reply: string | RegExp): Promise<void> {
  await sim.fill('#text', text);
  await sim.click('#send');
  await sim.locator('#chat .msg.out', { hasText: reply }).last().waitFor();
}

describe('the web console and the simulator, in headless Chromium', () => {
  it('a resident books a repair in the simulator; it is on the board; a technician claims it; the resident hears; past due it turns red', async () => {
    const resident = await browser.newContext({ viewport: { width: 390, height: 844 } }); // a phone screen
    const sim = await resident.newPage();
    await sim.goto(`${web.baseUrl}/`);
    await sim.selectOption('#as', 'wx_zhangwei');
    await say(sim, '厨房灯坏了，明天上午来修', '您预约的是');
    await say(sim, '对', 'R1');
    await sim.screenshot({ path: `${SHOTS}/simulator.png`, fullPage: true });

    const staff = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const board = await staff.newPage();
    await board.goto(`${web.baseUrl}/console`);
    await expect(board).toHaveURLPath('/console/login');
    await board.fill('input[name=staff]', 's002');
    await board.fill('input[name=password]', PASSWORD);
    await board.click('button');
    const row = board.locator('tr[data-ticket="R1"]');
    await row.waitFor();
    expect(await row.getAttribute('class')).toBe('on_time');
    await board.screenshot({ path: `${SHOTS}/board.png`, fullPage: true });

    const ticket = await staff.newPage();
    await ticket.goto(`${web.baseUrl}/console/tickets/R1`);
    await ticket.click('form:has(input[name=action][value=claim]) button');
    await ticket.locator('.flash').waitFor();
    expect(await ticket.locator('.flash').textContent()).toContain('R1');
    // The resident hears it, live, in the simulator.
    await sim.locator('#chat .msg.out', { hasText: '孙强' }).waitFor();

    // The clock jumps past the visit's end (tomorrow 11:00): the promise is broken and the row turns red, live.
    await sim.click('button.advance[data-by="1d"]');
    await sim.click('button.advance[data-by="4h"]');
    await board.locator('tr[data-ticket="R1"].overdue').waitFor({ timeout: 10_000 });
    await board.screenshot({ path: `${SHOTS}/board-overdue.png`, fullPage: true });
    expect(await board.locator('tr[data-ticket="R1"]').getAttribute('class')).toBe('overdue');

    // A technician sees no reports or arrears; the supervisor does: the report counts the broken promise
    // against the week and the technician.
    const lead = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const leadPage = await lead.newPage();
    await leadPage.goto(`${web.baseUrl}/console/login`);
    await leadPage.fill('input[name=staff]', 's004');
    await leadPage.fill('input[name=password]', PASSWORD);
    await leadPage.click('button');
    await leadPage.locator('tr[data-ticket="R1"]').waitFor();
    const report = leadPage;
    await report.goto(`${web.baseUrl}/console/report`);
    expect(await report.locator('#overall').textContent()).toContain('0%');
    expect(await report.locator('svg text', { hasText: '孙强' }).count()).toBe(1);
    await report.screenshot({ path: `${SHOTS}/report.png`, fullPage: true });
    await report.goto(`${web.baseUrl}/console/arrears`);
    expect(await report.locator('td', { hasText: '3-2-1201' }).count()).toBeGreaterThan(0);
    await report.screenshot({ path: `${SHOTS}/arrears.png`, fullPage: true });
  }, 60_000);
});

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the declaration merges with vitest's, which has T
  interface Assertion<T> {
    toHaveURLPath(path: string): Promise<void>;
  }
}
expect.extend({
  async toHaveURLPath(page: Page, path: string) {
    const actual = new URL(page.url()).pathname;
    return { pass: actual === path, message: () => `expected ${path}, got ${actual}` };
  },
});
