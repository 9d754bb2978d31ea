/**
 * The compiled CLI (dist/cli, scripts/build-cli.mjs) against the TypeScript sources: the bin runs
 * the bundle when it is there and fresh, falls back to the sources when it is missing, and says
 * in one line what to do when it is asked for a bundle that does not exist.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLineError, fixture, ROOT, runCli } from './run';

let work: string;
let dist: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'renkei-bundle-'));
  dist = join(work, 'cli');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--quiet', '--outdir', dist], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The worker's V8 code cache files in the bundle directory (bin/worker.cjs). */
const caches = () => readdirSync(dist).filter((f) => /^worker-[0-9a-f]{16}\..+\.cache$/.test(f));

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
    expect(inputs.inputs).toContain('utils/cli/worker-bundle.ts');
    // the bin calls a bundle stale when one of these is missing: all must be files
    expect(inputs.inputs.filter((f) => !existsSync(join(ROOT, f)))).toEqual([]);
  });

  it('every fixture and compare: the bundle (code cache, lazy schemas, zod without eval) prints what the sources print', async () => {
    // the compiled worker differs from the sources in how it loads (bin/worker.cjs, utils/cli/lazy-schema.ts,
    // utils/cli/zod-jitless.ts): the output must not
    const runs: string[][] = [
      ...['oksky-correct.html', 'oksky-plain-logged-in.html', 'session.har', 'channeltalk-boot.json', 'login-payload.json', 'staging.json'].map((f) => [
        'analyze',
        fixture(f),
        '--format',
        'json',
        '--salt',
        's1',
        '--lang',
        'en',
      ]),
      ['analyze', fixture('oksky-broken.html'), '--format', 'markdown', '--salt', 's1'],
      ['compare', fixture('staging.json'), fixture('production.json'), '--format', 'json'],
      ['compare', fixture('staging.json'), fixture('production.json'), '--lang', 'en'],
    ];
    for (const args of runs) {
      const bundled = await runCli(args, { env: { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: dist } });
      const source = await runCli(args, { env: { RENKEI_CLI: 'source' } });
      expect(bundled.stderr, args.join(' ')).toBe(source.stderr);
      expect(bundled.code, args.join(' ')).toBe(source.code);
      const same = args.includes('json') ? withoutTime : (t: string) => t.replace(/\d{4}-\d{2}-\d{2}[ T][\d:.]+Z?/g, 'TIME');
      expect(same(bundled.stdout), args.join(' ')).toBe(same(source.stdout));
    }
  }, 300_000);

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

  it('runs the worker through the V8 code cache the build wrote; a damaged or missing cache is written again, never fatal', async () => {
    const env = { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: dist };
    const reference = await runCli(analyzeArgs, { env: { RENKEI_CLI: 'source' } });
    expect(caches()).toHaveLength(1);
    const cache = join(dist, caches()[0]);
    const built = statSync(cache);
    expect(built.size).toBeGreaterThan(100_000);

    // accepted: the run leaves it as it is
    const warm = await runCli(analyzeArgs, { env });
    expect(warm.stderr).toBe('');
    expect(withoutTime(warm.stdout)).toBe(withoutTime(reference.stdout));
    expect(statSync(cache).mtimeMs).toBe(built.mtimeMs);

    // damaged: V8 rejects it, the run compiles from the source and writes a good one
    writeFileSync(cache, Buffer.alloc(4096, 7));
    const damaged = await runCli(analyzeArgs, { env });
    expect(damaged.stderr).toBe('');
    expect(damaged.code).toBe(1);
    expect(withoutTime(damaged.stdout)).toBe(withoutTime(reference.stdout));
    expect(statSync(cache).size).toBeGreaterThan(100_000);

    // switched off: no cache read or written
    rmSync(cache);
    const off = await runCli(analyzeArgs, { env: { ...env, RENKEI_CODE_CACHE: 'off' } });
    expect(withoutTime(off.stdout)).toBe(withoutTime(reference.stdout));
    expect(caches()).toHaveLength(0);

    // missing: written after the run
    const missing = await runCli(analyzeArgs, { env });
    expect(withoutTime(missing.stdout)).toBe(withoutTime(reference.stdout));
    expect(caches()).toHaveLength(1);
  });

  it('a run that switched a V8 flag on (garbage collection for a big input) writes no cache', async () => {
    const env = { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: dist };
    for (const f of caches()) rmSync(join(dist, f));
    // over 1 MB of JSON: read the memory-saving way, with explicit collections (utils/cli/load.ts)
    const har = JSON.parse(readFileSync(fixture('session.har'), 'utf8')) as { log: Record<string, unknown> };
    har.log.comment = 'x'.repeat(1_200_000);
    const big = join(work, 'big.har');
    writeFileSync(big, JSON.stringify(har));
    const r = await runCli(['analyze', big, '--format', 'json'], { env });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toHaveProperty('findings');
    expect(caches()).toHaveLength(0);
  });

  it('keeps the time and memory bounds: one line and exit 2', async () => {
    const env = { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: dist };
    const slow = await runCli(['analyze', fixture('session.har'), '--format', 'json'], { env: { ...env, RENKEI_TIMEOUT_SECONDS: '0.001' } });
    expect(slow.code).toBe(2);
    expect(slow.stdout).toBe('');
    expect(expectOneLineError(slow, 'session.har')).toMatch(/秒以内に終わらなかった/);
    const filler = '<div class="item"><p>商品の説明 サンプルテキスト</p></div>\n'.repeat((20 * 1024 * 1024) / 60);
    const page = join(work, 'huge.html');
    writeFileSync(page, `<html><body><a href="/logout">ログアウト</a>\n${filler}<script>OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");</script></body></html>`);
    const big = await runCli(['analyze', page, '--lang', 'en'], { env: { ...env, RENKEI_MAX_HEAP_MB: '64' }, timeoutMs: 120_000 });
    expect(big.code).toBe(2);
    expect(big.stdout).toBe('');
    expect(expectOneLineError(big, 'huge.html')).toMatch(/memory bound/);
  }, 150_000);

  it('loads the TypeScript parser (an ES module file next to the worker script) for a source file', async () => {
    // the bundle's directory resolves packages as an installed one does
    if (!existsSync(join(work, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    const src = join(work, 'src');
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'chat.ts'), 'declare const OkskyChat: (k: string, v: string) => void;\nconst key: string = "kobuna-s-001-0D5ACD179B043831";\nOkskyChat("key", key as string);\nOkskyChat(“customer_id”, “xxxxx");\n');
    const env = { RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: dist };
    const bundled = await runCli(['analyze', src, '--lang', 'en'], { env });
    const source = await runCli(['analyze', src, '--lang', 'en'], { env: { RENKEI_CLI: 'source' } });
    expect(bundled.stderr).toBe('');
    expect(bundled.stdout).toContain('oksky/smart-quotes');
    expect(bundled.stdout).toBe(source.stdout);
    expect(bundled.code).toBe(source.code);
  });

  it('falls back to the sources when the bundle is missing', async () => {
    const empty = join(work, 'none');
    const r = await runCli(analyzeArgs, { env: { RENKEI_CLI: '', RENKEI_CLI_DIST: empty } });
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
