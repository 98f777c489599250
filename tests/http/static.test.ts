import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAGE_CSP } from '../../functions/http/app.js';
import { testApp } from './app-helpers.js';
import { makeEvent, SAMPLE_SEEDS } from './event-fixtures.js';
import { rawGet, type Served, serveApp } from './serve-helpers.js';

describe('the timeline page and its files', () => {
  let served: Served;
  beforeAll(async () => {
    const { app } = await testApp(SAMPLE_SEEDS.map(makeEvent));
    served = await serveApp(app);
  });
  afterAll(async () => served.close());

  it('serves the page with a Content-Security-Policy and feed autodiscovery', async () => {
    const res = await fetch(`${served.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(PAGE_CSP).toContain("script-src 'self'");
    expect(PAGE_CSP).not.toContain('unsafe-inline');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    expect(html).toContain('<link rel="alternate" type="application/atom+xml"');
    expect(html).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(html).toContain('<link rel="alternate" type="application/feed+json"');
    // No inline script: the CSP would block it, and none is needed.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const etag = res.headers.get('etag') ?? '';
    expect((await fetch(`${served.url}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('serves its script and style with their types', async () => {
    const js = await fetch(`${served.url}/static/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).not.toMatch(/\.innerHTML\s*=|insertAdjacentHTML|document\.write/);
    const css = await fetch(`${served.url}/static/style.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('never serves a file outside its list, whatever the path', async () => {
    const attempts = [
      '/static/../package.json',
      '/static/%2e%2e/package.json',
      '/static/%2E%2E/%2E%2E/package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/static/..%2fpackage.json',
      '/static/..%5cpackage.json',
      '/static//etc/passwd',
      '//etc/passwd',
      '/static/app.js/../../package.json',
      '/static/index.html',
      '/static/',
      '/package.json',
      '/functions/http/app.ts',
      '/static/app.js%00.txt',
      'http://127.0.0.1/../package.json',
    ];
    // The raw client does reach real files (a control for the refusals below).
    expect((await rawGet(served.port, '/static/app.js')).status).toBe(200);
    for (const target of attempts) {
      const res = await rawGet(served.port, target);
      expect([400, 404], target).toContain(res.status);
      expect(res.text, target).not.toContain('"devDependencies"');
      expect(res.text, target).not.toContain('root:');
      expect(res.text, target).not.toContain('createApp');
    }
  });
});
