/**
 * The timeline page in headless Chromium (Debian's, driven by playwright-core), against the
 * real app on a loopback port with an in-memory store.
 */
import { mkdirSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../http/app-helpers.js';
import { makeEvent, SAMPLE_SEEDS } from '../http/event-fixtures.js';
import { type Served, serveApp } from '../http/serve-helpers.js';

const SHOTS = new URL('./__screenshots__/', import.meta.url).pathname;

const HOSTILE = makeEvent({
  id: 'ev_hostile',
  title: `<img src=x onerror="window.__pwned='img'"><script>window.__pwned='script'</script> Talks & "quotes"`,
  summary: `<svg onload="window.__pwned='svg'"></svg> Summary with <b>markup</b> & an ampersand.`,
  date: '2016-10-20',
  type: 'statement',
  participants: ['Sergey Lavrov'],
  countries: ['Russia'],
  location: '<i>Geneva</i>',
  url: "javascript:window.__pwned='link'",
});

const EXTRA = [
  makeEvent({
    id: 'ev_cease',
    title: 'Ceasefire agreed for Aleppo as aid convoys prepare to enter',
    date: '2016-09-09',
    type: 'ceasefire',
    participants: ['John Kerry', 'Sergey Lavrov'],
    countries: ['Russia', 'Syria', 'United States'],
    organizations: ['United Nations'],
    location: 'Geneva',
    summary:
      'The two ministers announced a nationwide cessation of hostilities starting at sundown on Monday.',
  }),
  makeEvent({
    id: 'ev_sanction',
    title: 'EU extends economic sanctions on Russia for six months',
    date: '2016-12-19',
    type: 'sanctions',
    countries: ['Russia'],
    organizations: ['European Union'],
    location: 'Brussels',
    publisher: 'Reuters',
  }),
];

const EVENTS = [...SAMPLE_SEEDS.map(makeEvent), ...EXTRA, HOSTILE];

/**
 * Waits until the page shows `count` event cards. Polls from the test side through a locator:
 * `waitForFunction` with a string predicate re-evaluates it with `eval` inside the page, which
 * the page's own CSP (no 'unsafe-eval') rightly refuses whenever the first check is not already true.
 */
async function waitForEvents(target: Page, count: number): Promise<void> {
  await expect.poll(() => target.locator('.event').count(), { timeout: 15_000 }).toBe(count);
}

describe('timeline page in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    const { app } = await testApp(EVENTS);
    served = await serveApp(app);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('dialog', (dialog) => {
      problems.push(`dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('loads every event, grouped by month, with type, participants, place and sources', async () => {
    await page.goto(`${served.url}/`);
    await waitForEvents(page, EVENTS.length);
    const months = await page.locator('.month-label').allTextContents();
    expect(months).toEqual([
      'January 2017',
      'December 2016',
      'October 2016',
      'September 2016',
      'June 2016',
      'January 2016',
      'December 2015',
    ]);
    const card = page.locator('#ev_002');
    await expect.poll(() => card.locator('.badge').textContent()).toBe('Talks');
    expect(await card.locator('.place').textContent()).toBe('Lausanne');
    expect(await card.locator('.facts').textContent()).toContain('John Kerry, Sergey Lavrov');
    expect(await card.locator('.sources a').getAttribute('href')).toBe('https://news.example/ev_002');
    expect(await page.locator('#status').textContent()).toBe(`${EVENTS.length} events, newest first.`);
    // Filter choices come from /api/actors and /api/countries, with counts.
    expect(await page.locator('#f-actor option').allTextContents()).toContain('Sergey Lavrov (6)');
    expect(await page.locator('#f-country option').count()).toBe(4);
  });

  it('shows hostile article text as text and runs none of it', async () => {
    const card = page.locator('#ev_hostile');
    expect(await card.locator('h3').textContent()).toBe(HOSTILE.title);
    expect(await card.locator('.summary').textContent()).toBe(HOSTILE.summary);
    expect(await card.locator('.place').textContent()).toBe('<i>Geneva</i>');
    expect(await card.locator('img, script, svg, i, b').count()).toBe(0);
    // The javascript: source is shown as text, not as a link.
    expect(await card.locator('.sources a').count()).toBe(0);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.locator('script').count()).toBe(1);
  });

  it('narrows the timeline with the filters and points the feed links at the same view', async () => {
    await page.selectOption('#f-actor', 'sergei-shoigu');
    await waitForEvents(page, 1);
    expect(await page.locator('.event h3').textContent()).toContain('fight side by side in Aleppo');
    expect(new URL(page.url()).search).toBe('?actor=sergei-shoigu');
    expect(await page.locator('#feed-atom').getAttribute('href')).toBe(
      '/feeds/timeline.atom?actor=sergei-shoigu',
    );
    expect(await page.locator('#actor-feed-link').getAttribute('href')).toBe(
      '/feeds/actors/sergei-shoigu.atom',
    );

    await page.selectOption('#f-actor', '');
    await page.selectOption('#f-type', 'talks');
    await waitForEvents(page, 2);
    await page.selectOption('#f-country', 'united-states');
    await waitForEvents(page, 2);
    expect(await page.locator('#feed-rss').getAttribute('href')).toBe(
      '/feeds/timeline.rss?country=united-states&type=talks',
    );

    // The filtered view is a link: loading it directly selects the same filters.
    const fresh = await browser.newPage();
    await fresh.goto(`${served.url}/?country=syria&type=ceasefire`);
    await waitForEvents(fresh, 1);
    expect(await fresh.locator('#f-country').inputValue()).toBe('syria');
    expect(await fresh.locator('.event h3').textContent()).toContain('Ceasefire agreed');
    await fresh.close();
  });

  it('a feed entry link (/#id) highlights its event, fetching it when it is not loaded', async () => {
    await page.goto(`${served.url}/?actor=sergei-shoigu#ev_001`);
    await page.locator('#ev_001.highlight').waitFor();
    expect(await page.locator('.linked .month-label').textContent()).toBe('Linked event');
    expect(await page.locator('#ev_001 h3').textContent()).toContain("'agreed' list");
  });

  it('writes screenshots (desktop and phone), with no script errors or CSP violations', async () => {
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(`${served.url}/`);
    await waitForEvents(page, EVENTS.length);
    await page.screenshot({ path: `${SHOTS}timeline.png`, fullPage: true });
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    await phone.goto(`${served.url}/`);
    await waitForEvents(phone, EVENTS.length);
    // Readable on a phone: nothing wider than the screen.
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}timeline-phone.png` });
    await phone.close();
    expect(problems).toEqual([]);
  });
});
