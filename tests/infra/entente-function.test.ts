import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_SETTINGS, cdkBundlingOptions, esbuildOptions } from '../../infra/entente-function.js';

const run = promisify(execFile);
const entry = fileURLToPath(new URL('./fixtures/sdk-client-entry.ts', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'entente-bundle-'));

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('bundle settings', () => {
  it('the CDK options and the benchmark options are the same settings', () => {
    const cdk = cdkBundlingOptions();
    const esb = esbuildOptions('entry.ts', 'out/index.mjs');
    expect(cdk.target).toBe(esb.target);
    expect(esb.format).toBe('esm');
    expect(cdk.format).toBe('esm');
    expect(cdk.minify).toBe(esb.minify);
    expect(cdk.sourceMap).toBe(esb.sourcemap);
    expect(cdk.mainFields).toEqual(esb.mainFields);
    expect(cdk.externalModules).toEqual(esb.external);
    expect(cdk.banner).toBe((esb.banner as { js: string }).js);
    expect(cdk.esbuildArgs?.['--alias']).toEqual(
      Object.entries(esb.alias ?? {}).map(([f, t]) => `${f}=${t}`),
    );
    // The SDK is bundled, not left to the runtime.
    expect(cdk.externalModules).toEqual([]);
  });

  it('bundles an SDK client without the SSO/STS/INI credential chain, and the client signs with Lambda env credentials', async () => {
    const outfile = join(outDir, 'index.mjs');
    const result = await build({ ...esbuildOptions(entry, outfile), metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.includes('@aws-sdk/client-dynamodb'))).toBe(true);
    expect(inputs.some((i) => i.endsWith('infra/bundle/lambda-credentials.ts'))).toBe(true);
    expect(inputs.filter((i) => /credential-provider-(sso|ini|node)|nested-clients/.test(i))).toEqual([]);

    const probe = `const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); console.log(JSON.stringify(await m.handler()));`;
    const { stdout } = await run(process.execPath, ['--no-warnings', '--input-type=module', '-e', probe], {
      env: {
        PATH: process.env.PATH,
        AWS_ACCESS_KEY_ID: 'ASIALAMBDAROLE',
        AWS_SECRET_ACCESS_KEY: 'secret',
        AWS_SESSION_TOKEN: 'session',
        // A profile that does not exist: the real default chain would try it; the shim ignores it.
        AWS_PROFILE: 'no-such-profile',
      },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual({
      accessKeyId: 'ASIALAMBDAROLE',
      sessionToken: 'session',
    });
  });

  it("bundles the feed writer without xml-js's parser, and the feeds keep their exact bytes", async () => {
    const feedEntry = fileURLToPath(new URL('./fixtures/feed-entry.ts', import.meta.url));
    const outfile = join(outDir, 'feed', 'index.mjs');
    const result = await build({ ...esbuildOptions(feedEntry, outfile), metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((i) => i.endsWith('infra/bundle/xml-js-writer.ts'))).toBe(true);
    expect(inputs.filter((i) => /node_modules\/sax\/|xml-js\/lib\/xml2js/.test(i))).toEqual([]);
    const bundled = (await import(pathToFileURL(outfile).href)) as { handler: () => Record<string, string> };
    const direct = (await import('./fixtures/feed-entry.js')).handler();
    expect(direct.atom).toContain('&amp;');
    expect(bundled.handler()).toEqual(direct);
  });

  it('copies requested folders into the bundle after esbuild, and only when asked', async () => {
    expect(cdkBundlingOptions().commandHooks).toBeUndefined();
    const hooks = cdkBundlingOptions([{ from: 'pages/site', to: 'static' }]).commandHooks;
    const input = join(outDir, 'project with space');
    const output = join(outDir, 'asset-out');
    mkdirSync(join(input, 'pages', 'site'), { recursive: true });
    mkdirSync(output, { recursive: true });
    writeFileSync(join(input, 'pages', 'site', 'index.html'), '<!doctype html>');
    expect(hooks?.beforeBundling(input, output)).toEqual([]);
    const commands = hooks?.afterBundling(input, output) ?? [];
    expect(commands).toHaveLength(1);
    for (const command of commands) await run('sh', ['-c', command]);
    expect(readdirSync(join(output, 'static'))).toEqual(['index.html']);
  });

  it('keeps the runtime free of source-map start-up cost unless asked', () => {
    // The maps ship in the asset; Node reads them only with --enable-source-maps.
    expect(BUNDLE_SETTINGS.sourcemap).toBe(true);
    expect(BUNDLE_SETTINGS.nodeOptions).not.toContain('--enable-source-maps');
  });
});
