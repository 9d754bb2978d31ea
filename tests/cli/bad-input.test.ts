import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Snapshot } from '../../utils/core/snapshot';
import { expectOneLineError, fixture, ROOT, runCli } from './run';

let dir: string;
const file = (name: string) => join(dir, name);

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
// ログアウト / 会員 in Shift_JIS
const SJIS_LOGOUT = [0x83, 0x8d, 0x83, 0x4f, 0x83, 0x41, 0x83, 0x45, 0x83, 0x67];
const SJIS_KAIIN = [0x89, 0xef, 0x88, 0xf5];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'renkei-cli-'));
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...Array.from({ length: 2000 }, (_, i) => (i * 7919) % 256)]);
  writeFileSync(file('image.png'), png);
  writeFileSync(file('truncated.json'), readFileSync(fixture('session.har'), 'utf8').slice(0, 3000));
  writeFileSync(file('deep.json'), '['.repeat(100_000) + ']'.repeat(100_000));
  writeFileSync(file('empty.html'), '');
  writeFileSync(file('no-entries.har'), JSON.stringify({ log: { version: '1.2', creator: { name: 'x' } } }));
  writeFileSync(
    file('sparse.har'),
    JSON.stringify({
      log: {
        entries: [
          {},
          { request: { url: 'https://www.shop.example.jp/mypage' }, response: { content: { mimeType: 'text/html', text: readFileSync(fixture('oksky-broken.html'), 'utf8') } } },
          { request: { url: 'https://kobuna-s-001.okskychat.net/widget/widget.js' }, response: { status: 0 }, _error: 'net::ERR_BLOCKED_BY_CLIENT' },
          { startedDateTime: 'not a date', request: { method: 'POST', url: 'https://kobuna-s-001.okskychat.net/login', postData: {} } },
        ],
      },
    }),
  );
  const sjis = Uint8Array.from([
    ...ascii('<html><head><meta charset="Shift_JIS"><title>t</title></head><body>\n<a href="/bye">'),
    ...SJIS_LOGOUT,
    ...ascii('</a>\n<script>\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "'),
    ...SJIS_KAIIN,
    ...ascii('ID");\n</script></body></html>\n'),
  ]);
  writeFileSync(file('sjis.html'), sjis);
  // a 20 MB page: a broken tag at the very end of a huge document
  const filler = '<div class="item"><p>商品の説明 サンプルテキスト</p></div>\n'.repeat(20 * 1024 * 1024 / 60);
  writeFileSync(file('big.html'), `<html><body><a href="/logout">ログアウト</a>\n${filler}<script>\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat(“customer_id”, “xxxxx");\n</script></body></html>`);
  mkdirSync(file('a-directory'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renkei analyze on bad input (real bin)', () => {
  it.each([
    ['image.png', /バイナリ/],
    ['truncated.json', /JSON として正しくありません/],
    ['deep.json', /入れ子が深すぎます/],
    ['empty.html', /空のファイル/],
    ['no-entries.har', /log\.entries/],
    ['does-not-exist.html', /見つかりません/],
    ['a-directory', /ディレクトリ/],
  ])('%s: exit 2, one line on stderr naming the file, nothing on stdout', async (name, reason) => {
    const r = await runCli(['analyze', file(name), '--format', 'json'], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const line = expectOneLineError(r, name);
    expect(line).toMatch(reason);
  });

  it('stops at its time and memory bounds with one line and exit 2, never hangs', async () => {
    const slow = await runCli(['analyze', fixture('session.har'), '--format', 'json'], { env: { RENKEI_TIMEOUT_SECONDS: '0.001' } });
    expect(slow.code).toBe(2);
    expect(slow.stdout).toBe('');
    expect(expectOneLineError(slow, 'session.har')).toMatch(/秒以内に終わらなかった/);
    const big = await runCli(['analyze', file('big.html'), '--lang', 'en'], { env: { RENKEI_MAX_HEAP_MB: '64' }, timeoutMs: 120_000 });
    expect(big.code).toBe(2);
    expect(big.stdout).toBe('');
    expect(expectOneLineError(big, 'big.html')).toMatch(/memory bound/);
  }, 150_000);

  it('gives the reason in English with --lang en', async () => {
    const r = await runCli(['analyze', file('image.png'), '--lang', 'en']);
    expect(r.code).toBe(2);
    expect(expectOneLineError(r, 'image.png')).toMatch(/binary file/);
  });

  it('names the bad file among good ones, and prints nothing on stdout', async () => {
    const r = await runCli(['analyze', fixture('oksky-correct.html'), file('truncated.json'), '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r, 'truncated.json');
  });

  it('uses what a HAR with missing fields has', async () => {
    const r = await runCli(['analyze', file('sparse.har'), '--format', 'json']);
    expect(r.stderr).toBe('');
    const s = Snapshot.parse(JSON.parse(r.stdout));
    expect(s.pages.map((p) => p.url)).toEqual(['https://www.shop.example.jp/mypage']);
    expect(s.findings.map((f) => f.ruleId)).toContain('oksky/smart-quotes');
    expect(r.code).toBe(1);
  });

  it('reads a Shift_JIS page: Japanese logout link and placeholder value recognised', async () => {
    const r = await runCli(['analyze', file('sjis.html'), '--format', 'json']);
    const s = Snapshot.parse(JSON.parse(r.stdout));
    expect(s.pages[0].state).toBe('logged-in');
    expect(s.pages[0].stateHints?.join(' ')).toContain('ログアウト');
    expect(s.findings.map((f) => f.ruleId)).toContain('oksky/login-value-placeholder');
    expect(r.code).toBe(1);
  });

  it('analyses a 20 MB page within bounds and finds the broken tag at its end', async () => {
    const r = await runCli(['analyze', file('big.html'), '--format', 'json'], { timeoutMs: 120_000 });
    expect(r.stderr).toBe('');
    const s = Snapshot.parse(JSON.parse(r.stdout));
    const smart = s.findings.find((f) => f.ruleId === 'oksky/smart-quotes');
    expect(smart).toBeDefined();
    expect(smart?.evidence.some((e) => (e.location?.line ?? 0) > 300_000)).toBe(true);
    expect(r.code).toBe(1);
  }, 150_000);

  it('refuses unknown options and values with exit 2', async () => {
    for (const args of [['analyze', '--bogus', 'x.html'], ['analyze', 'x.html', '--format', 'xml'], ['analyze', 'x.html', '--state', 'maybe'], ['analyze'], ['frobnicate']]) {
      const r = await runCli(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('renkei --help / --version', () => {
  it('prints help (ja by default, en on request) and the version', async () => {
    const ja = await runCli(['--help']);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('renkei analyze FILE...');
    expect(ja.stdout).toContain('終了コード');
    const en = await runCli(['analyze', '--help', '--lang', 'en']);
    expect(en.stdout).toContain('Exit status');
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });

  it('dispatches check and companion to their modules', async () => {
    for (const cmd of ['check', 'companion']) {
      const r = await runCli([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeGreaterThan(20);
      expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });
});
