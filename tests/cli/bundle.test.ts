/**
 * The compiled CLI (dist/cli, scripts/build-cli.mjs) against the TypeScript sources: the bin runs
 * the bundle when it is there and fresh, falls back to the sources when it is missing, and says
 * in one line what to do when it is asked for a bundle that does not exist.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, ROOT, runCli } from './run';

let work: string;
let dist: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'renkei-bundle-'));
  dist = join(work, 'cli');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--quiet', '--outdir', dist], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const analyzeArgs = ['analyze', fixture('oksky-broken.html'), '--format', 'json', '--salt', 's1', '--lang', 'en'];
const withoutTime = (json: string) => JSON.stringify({ ...JSON.parse(json), createdAt: undefined });

describe('compiled CLI (real bin)', () => {
  it('the bundle gives the same findings, report and exit status as the sources', async () => {
    const bundled = await runCli(analyzeArgs, { env: { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: dist } });
    const source = await runCli(analyzeArgs, { env: { RENKEI_CLI: 'source' } });
    expect(bundled.stderr).toBe('');
    expect(bundled.code).toBe(1);
    expect(source.code).toBe(1);
    expect(withoutTime(bundled.stdout)).toBe(withoutTime(source.stdout));
    const inputs = JSON.parse(readFileSync(join(dist, 'inputs.json'), 'utf8')) as { inputs: string[] };
    expect(inputs.inputs).toContain('utils/cli/main.ts');
  });

  it('the bundle dispatches version, compare, check and companion (their chunks load on demand)', async () => {
    const env = { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: dist };
    const v = await runCli(['--version'], { env });
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const c = await runCli(['compare', fixture('staging.json'), fixture('production.json'), '--format', 'json'], { env });
    expect(c.stderr).toBe('');
    expect(JSON.parse(c.stdout)).toHaveProperty('findings');
    for (const cmd of ['check', 'companion']) {
      const r = await runCli([cmd, '--help'], { env });
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(20);
    }
  });

  it('falls back to the sources when the bundle is missing', async () => {
    const empty = join(work, 'none');
    const r = await runCli(analyzeArgs, { env: { RENKEI_CLI_DIST: empty } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
  });

  it('asked for a bundle that is not there: one line saying how to build it, exit 2', async () => {
    const r = await runCli(analyzeArgs, { env: { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: join(work, 'none') } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('npm run build:cli');
  });
});
