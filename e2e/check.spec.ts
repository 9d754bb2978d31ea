/**
 * `renkei check`: headless Chromium with the extension's probe against the HTTPS fixture sites
 * (real host names via --host-rules), output and exit status as CLI.md says.
 */
import { test, expect } from './fixtures';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostResolverRules } from './server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function renkei(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const start = Date.now();
  return new Promise((ok) => {
    execFile(
      process.execPath,
      [join(ROOT, 'bin', 'renkei.mjs'), ...args],
      { cwd: ROOT, env: { ...process.env, RENKEI_LANG: 'ja', ...env }, timeout: 90_000, maxBuffer: 32 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        ok({ code, stdout, stderr, ms: Date.now() - start });
      },
    );
  });
}

// each test runs the CLI (Chromium start-up included) several times: a generous bound for a loaded machine
test.describe.configure({ timeout: 300_000 });

test('check: a logged-in then logged-out visit is one session (JSON snapshot, exit 0)', async ({ server }) => {
  const r = await renkei([
    'check',
    server.url('shop.example.jp', '/mypage'),
    server.url('shop.example.jp', '/'),
    '--format',
    'json',
    '--env',
    'production',
    // the longest wait allowed: 2 pages × 120 s would outlast the 90 s the run is given, so a run
    // that ends at all ended each page early, on its /login (no clock read, nothing a slow machine fails)
    '--wait',
    '120',
    '--host-rules',
    hostResolverRules(server.port),
    '--ignore-https-errors',
  ]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const snap = JSON.parse(r.stdout);
  expect(snap.tool.name).toBe('renkei-doctor');
  expect(snap.env).toBe('production');
  expect(snap.site).toBe('shop.example.jp');
  expect(snap.pages.map((p: { url: string; state: string }) => [p.url, p.state])).toEqual([
    ['https://shop.example.jp/mypage', 'logged-in'],
    ['https://shop.example.jp/', 'logged-out'],
  ]);
  // the probe ran: runtime tags; the network saw both /login POSTs
  expect(snap.pages[0].tags[0]).toMatchObject({ vendor: 'oksky', origin: 'runtime', loginKeys: ['customer_id'], linkage: true });
  const logins = snap.requests.filter((q: { kind: string }) => q.kind === 'login');
  expect(logins.map((q: { query: { status: string } }) => q.query.status)).toEqual(['ok', 'empty']);
  // the member id never appears in clear
  expect(r.stdout).not.toContain('A1234567');
  expect(logins[0].query.entries[0].value.masked).toBe('A1****67');
  expect(snap.findings.map((f: { ruleId: string }) => f.ruleId).sort()).toEqual(['oksky/identity-switched', 'oksky/login-query-empty']);
  expect(snap.summary).toEqual({ errors: 0, warnings: 0, infos: 2 });
});

test('check: 000 例(誤) (no loginKey) → exit 1, text report, --out writes the snapshot', async ({ server }) => {
  const dir = mkdtempSync(join(tmpdir(), 'renkei-check-'));
  try {
    const out = join(dir, 'snap.json');
    const r = await renkei([
      'check',
      server.url('shop.example.jp', '/no-loginkey'),
      '--out',
      out,
      '--host-rules',
      hostResolverRules(server.port),
      '--ignore-https-errors',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('oksky/loginkey-missing');
    expect(r.stdout).toContain('連携ドクター');
    const snap = JSON.parse(readFileSync(out, 'utf8'));
    expect(snap.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('oksky/loginkey-missing');
    expect(snap.summary.errors).toBeGreaterThanOrEqual(1);
    // the saved snapshot is accepted by analyze (and compare)
    const again = await renkei(['analyze', out, '--format', 'json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).findings.length).toBe(snap.findings.length);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('check: a widget that never sends /login is reported after --wait seconds', async ({ server }) => {
  const r = await renkei([
    'check',
    server.url('shop.example.jp', '/no-login-request'),
    '--wait',
    '3',
    '--format',
    'json',
    '--lang',
    'en',
    '--host-rules',
    hostResolverRules(server.port),
    '--ignore-https-errors',
  ]);
  expect(r.code).toBe(0);
  const snap = JSON.parse(r.stdout);
  expect(snap.lang).toBe('en');
  expect(snap.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(['oksky/login-request-missing']);
  expect(r.ms).toBeGreaterThanOrEqual(3_000);
});

test('check: --state wins over inference; smart quotes found from the document source', async ({ server }) => {
  const r = await renkei([
    'check',
    server.url('shop.example.jp', '/smart-quotes'),
    '--state',
    'logged-in',
    '--format',
    'json',
    '--wait',
    '2',
    '--host-rules',
    hostResolverRules(server.port),
    '--ignore-https-errors',
  ]);
  expect(r.code).toBe(1);
  const snap = JSON.parse(r.stdout);
  expect(snap.pages[0]).toMatchObject({ state: 'logged-in', stateSource: 'explicit' });
  const smart = snap.findings.find((f: { ruleId: string }) => f.ruleId === 'oksky/smart-quotes');
  expect(smart.severity).toBe('error');
  // the location is the line of the original document holding the typographic quotes
  const source = readFileSync(join(ROOT, 'e2e', 'sites', 'shop.example.jp', 'smart-quotes.html'), 'utf8').split('\n');
  const line = source.findIndex((l) => l.includes('\u201c')) + 1;
  expect(line).toBeGreaterThan(1);
  expect(smart.evidence.map((e: { location?: { line: number } }) => e.location?.line)).toContain(line);
});

test('check: unusable input → exit 2, one line on stderr, nothing on stdout', async ({ server }) => {
  const cases: string[][] = [
    ['check'],
    ['check', 'not a url'],
    ['check', 'https://shop.example.jp/', '--wait', 'soon'],
    ['check', 'https://shop.example.jp/', '--format', 'pdf'],
    ['check', 'https://unknown-host.invalid/', '--wait', '1'],
    ['check', server.url('shop.example.jp', '/'), '--storage-state', '/nonexistent/state.json', '--host-rules', hostResolverRules(server.port)],
  ];
  for (const args of cases) {
    const r = await renkei(args);
    expect(r.code, args.join(' ')).toBe(2);
    expect(r.stdout, args.join(' ')).toBe('');
    expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    expect(r.stderr).toMatch(/^renkei/);
  }
  const missing = await renkei(['check', 'https://shop.example.jp/'], { CHROMIUM_PATH: '/nonexistent/chromium' });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('apt-get install -y chromium');
});
