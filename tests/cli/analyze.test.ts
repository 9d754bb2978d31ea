import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Snapshot } from '../../utils/core/snapshot';
import { fixture, ROOT, runCli } from './run';

const ruleIds = (s: Snapshot) => s.findings.map((f) => f.ruleId);

function snapshotOf(stdout: string): Snapshot {
  // exactly one JSON document on stdout, and it is a snapshot `compare` accepts
  const parsed = Snapshot.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

describe('renkei analyze (real bin)', () => {
  it('passes 000 correct tag on a logged-in page: exit 0, a valid snapshot without errors', async () => {
    const r = await runCli(['analyze', fixture('oksky-correct.html'), '--url', 'https://www.shop.example.jp/mypage', '--format', 'json', '--salt', 's1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = snapshotOf(r.stdout);
    expect(s.tool.name).toBe('renkei-doctor');
    expect(s.summary.errors).toBe(0);
    expect(s.pages).toHaveLength(1);
    expect(s.pages[0]).toMatchObject({ url: 'https://www.shop.example.jp/mypage', state: 'logged-in' });
    const tag = s.pages[0].tags[0];
    expect(tag).toMatchObject({ vendor: 'oksky', form: 'queue', linkage: true, loginKeys: ['customer_id'] });
    expect(s.site).toBe('www.shop.example.jp');
    // the member id never appears in clear
    expect(r.stdout).not.toContain('A10293847');
  });

  it('reports 000 broken tag (curly quotes, no loginKey) with exit 1', async () => {
    const r = await runCli(['analyze', fixture('oksky-broken.html'), '--format', 'json']);
    expect(r.code).toBe(1);
    const s = snapshotOf(r.stdout);
    expect(ruleIds(s)).toEqual(expect.arrayContaining(['oksky/smart-quotes', 'oksky/loginkey-missing']));
    expect(s.summary.errors).toBeGreaterThanOrEqual(2);
    expect(s.pages[0].url).toBe('https://unknown.invalid/oksky-broken.html');
    const smart = s.findings.find((f) => f.ruleId === 'oksky/smart-quotes');
    expect(smart?.evidence.some((e) => e.location && e.location.line === 14)).toBe(true);
  });

  it('analyses a HAR as one session: empty /login query, host mismatch, key change, cross-domain cookie', async () => {
    const r = await runCli(['analyze', fixture('session.har'), '--format', 'json']);
    expect(r.code).toBe(1);
    const s = snapshotOf(r.stdout);
    expect(s.pages.map((p) => [p.url, p.state])).toEqual([
      ['https://www.shop.example.jp/mypage', 'logged-in'],
      ['https://shop.example.jp/', 'logged-out'],
      ['https://support.example.jp/faq', 'logged-out'],
    ]);
    const errors = s.findings.filter((f) => f.severity === 'error').map((f) => f.ruleId);
    expect(errors).toContain('oksky/login-query-empty');
    expect(ruleIds(s)).toEqual(expect.arrayContaining(['oksky/widget-host-mismatch', 'oksky/key-changed-in-session', 'oksky/cross-domain-cookie']));
    const login = s.requests.filter((q) => q.kind === 'login');
    expect(login.length).toBeGreaterThanOrEqual(1);
    expect(login[0].query?.status).toBe('empty');
  });

  it('forms one session from several files in order: a /login payload joins the page before it', async () => {
    const r = await runCli(['analyze', fixture('oksky-correct.html'), fixture('login-payload.json'), '--url', 'https://www.shop.example.jp/mypage', '--format', 'json']);
    const s = snapshotOf(r.stdout);
    expect(s.pages).toHaveLength(1);
    const empty = s.findings.find((f) => f.ruleId === 'oksky/login-query-empty');
    expect(empty?.severity).toBe('error'); // the tag sets linkage but the widget sent nothing
    expect(r.code).toBe(1);
  });

  it('a pasted /login payload with a saved page is no network capture: no "widget not requested", no "/login missing"', async () => {
    const r = await runCli(['analyze', fixture('oksky-correct.html'), fixture('login-payload.json'), '--url', 'https://www.shop.example.jp/mypage', '--format', 'json', '--salt', 's1']);
    const s = snapshotOf(r.stdout);
    expect(ruleIds(s)).toContain('oksky/login-query-empty');
    expect(ruleIds(s)).not.toContain('oksky/widget-load-failed');
    expect(ruleIds(s)).not.toContain('oksky/login-request-missing');
    // the same page with a plain tag and the payload: the payload's empty query, nothing about the network
    const plain = await runCli(['analyze', fixture('oksky-plain-logged-in.html'), fixture('login-payload.json'), '--url', 'https://www.shop.example.jp/mypage', '--format', 'json']);
    const p = snapshotOf(plain.stdout);
    expect(ruleIds(p)).not.toContain('oksky/widget-load-failed');
    expect(ruleIds(p)).not.toContain('oksky/login-request-missing');
  });

  it('analyses a lone /login payload and a Channel Talk boot option', async () => {
    const lone = await runCli(['analyze', fixture('login-payload.json'), '--format', 'json']);
    expect(lone.stderr).toBe('');
    expect(ruleIds(snapshotOf(lone.stdout))).toContain('oksky/login-query-empty');
    const ct = await runCli(['analyze', fixture('channeltalk-boot.json'), '--format', 'json']);
    const s = snapshotOf(ct.stdout);
    expect(ruleIds(s)).toEqual(expect.arrayContaining(['channeltalk/plugin-key-missing', 'channeltalk/profile-datetime-not-ms']));
    expect(ct.code).toBe(1);
    expect(ct.stdout).not.toContain('member-0001');
  });

  it('--state overrides the inferred state; --env and --salt go into the snapshot', async () => {
    const a = await runCli(['analyze', fixture('oksky-plain-logged-in.html'), '--state', 'logged-out', '--env', 'staging', '--salt', 'pinned', '--format', 'json']);
    const s = snapshotOf(a.stdout);
    expect(s.pages[0]).toMatchObject({ state: 'logged-out', stateSource: 'explicit' });
    expect(ruleIds(s)).not.toContain('oksky/plain-tag-while-logged-in');
    expect(s.env).toBe('staging');
    const b = await runCli(['analyze', fixture('oksky-correct.html'), '--format', 'json'], { env: { RENKEI_SALT: 'pinned' } });
    expect(snapshotOf(b.stdout).saltId).toBe(s.saltId);
    const c = await runCli(['analyze', fixture('oksky-correct.html'), '--format', 'json']);
    expect(snapshotOf(c.stdout).saltId).not.toBe(s.saltId); // random per run otherwise
  });

  it('prints Markdown and text reports in Japanese by default and English on request', async () => {
    const md = await runCli(['analyze', fixture('oksky-broken.html'), '--format', 'markdown']);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('## 連携ドクター 診断結果');
    expect(md.stdout).toContain('**直し方**');
    expect(md.stdout).toMatch(/14行目 \d+列/);
    const text = await runCli(['analyze', fixture('oksky-broken.html')]);
    expect(text.stdout).toContain('連携ドクター 診断結果');
    expect(text.stdout).toContain('(oksky/smart-quotes)');
    const en = await runCli(['analyze', fixture('oksky-broken.html'), '--lang', 'en']);
    expect(en.stdout).toContain('Renkei Doctor diagnosis');
    expect(en.stdout).toContain('How to fix:');
    const envEn = await runCli(['analyze', fixture('oksky-broken.html'), '--format', 'markdown'], { env: { LANG: 'en_US.UTF-8' } });
    expect(envEn.stdout).toContain('## Renkei Doctor diagnosis');
  });

  it('prints a report in Chatwork notation (--format chatwork), which Chatwork renders instead of Markdown', async () => {
    const cw = await runCli(['analyze', fixture('oksky-broken.html'), '--format', 'chatwork']);
    expect(cw.stderr).toBe('');
    expect(cw.code).toBe(1);
    expect(cw.stdout.startsWith('[info][title]連携ドクター 診断結果[/title]')).toBe(true);
    expect(cw.stdout).toContain('[info][title]✖ エラー 1. loginKey が指定されていません (oksky/loginkey-missing)[/title]');
    // the fix: the instruction refers to the marked line, the code block holds the key line and the added line
    expect(cw.stdout).toContain('（＋の行）');
    expect(cw.stdout).toMatch(/\[code\] {2}OkskyChat\("key", "[^"]+"\);\n\+ OkskyChat\("loginKey", "customer_id"\);\[\/code\]/);
    expect(cw.stdout).toContain('[hr]');
    // no Markdown arrives as noise, no colour is referred to
    expect(cw.stdout).not.toMatch(/^#|`|(?<!\*)\*\*(?!\*)|赤の部分/m);
    // opened and closed blocks pair up
    const opens = cw.stdout.match(/\[info\]/g)?.length ?? 0;
    expect(cw.stdout.match(/\[\/info\]/g)?.length).toBe(opens);
    expect(opens).toBe(3);
    const en = await runCli(['analyze', fixture('oksky-broken.html'), '--format', 'chatwork', '--lang', 'en']);
    expect(en.stdout).toContain('[title]Renkei Doctor diagnosis[/title]');
    expect(en.stdout).toContain('link "');
    expect(en.stdout).toContain('(the line marked +)');
    // a snapshot re-read, and compare, in the same notation
    const snap = await runCli(['analyze', fixture('production.json'), '--format', 'chatwork']);
    expect(snap.stdout.startsWith('[info][title]')).toBe(true);
    const cmp = await runCli(['compare', fixture('staging.json'), fixture('production.json'), '--format', 'chatwork']);
    expect(cmp.stdout.startsWith('[info][title]連携ドクター 環境の比較[/title]')).toBe(true);
    const bad = await runCli(['analyze', fixture('oksky-broken.html'), '--format', 'slack']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('chatwork');
  });

  it('re-reads its own JSON output (a snapshot) and reports it with the same exit status', async () => {
    const r = await runCli(['analyze', fixture('production.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('oksky/plain-tag-while-logged-in');
  });

  it('reads a big HAR with Japanese text the memory-saving way, with the same result', async () => {
    const har = JSON.parse(readFileSync(fixture('session.har'), 'utf8')) as { log: { entries: { request: { url: string }; response: { content: { text?: string } } }[] } };
    const small = await runCli(['analyze', fixture('session.har'), '--format', 'json', '--salt', 'x']);
    har.log.entries[0].request.url = 'https://www.shop.example.jp/マイページ';
    const filler = { ...har.log.entries[1], response: { ...har.log.entries[1].response, content: { mimeType: 'application/javascript', text: '// 日本語のコメント\n'.repeat(40_000) } } };
    har.log.entries.splice(2, 0, filler, filler);
    const dir = mkdtempSync(join(tmpdir(), 'renkei-cli-'));
    try {
      const file = join(dir, 'big.har');
      writeFileSync(file, JSON.stringify(har));
      expect(readFileSync(file).length).toBeGreaterThan(1024 * 1024);
      const big = await runCli(['analyze', file, '--format', 'json', '--salt', 'x']);
      expect(big.stderr).toBe('');
      const a = snapshotOf(small.stdout);
      const b = snapshotOf(big.stdout);
      expect(decodeURI(b.pages[0].url)).toBe('https://www.shop.example.jp/マイページ');
      expect(ruleIds(b).sort()).toEqual(ruleIds(a).sort());
      expect(big.code).toBe(small.code);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('evaluates a settings page against its checklist: each failing item is a finding checklist-id/item-id', async () => {
    const expected = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/settings/luxliner-integrations.expected.json'), 'utf8')) as { url: string; checklistId: string; fail: string[] };
    const r = await runCli(['analyze', join(ROOT, 'tests/fixtures/settings/luxliner-integrations.html'), '--url', expected.url, '--format', 'json']);
    expect(r.stderr).toBe('');
    const s = snapshotOf(r.stdout);
    expect(ruleIds(s)).toEqual(expect.arrayContaining(expected.fail.map((id) => `${expected.checklistId}/${id}`)));
    expect(r.code).toBe(1);
  });

  it('--reveal shows personal values in the text report but never in the JSON snapshot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renkei-cli-'));
    try {
      // a value with trailing white space: the finding shows it
      const page = join(dir, 'space.html');
      writeFileSync(page, readFileSync(fixture('oksky-correct.html'), 'utf8').replace('"A10293847"', '"A10293847 "'));
      const revealed = await runCli(['analyze', page, '--reveal']);
      const masked = await runCli(['analyze', page]);
      expect(masked.stdout).toContain('oksky/login-value-whitespace');
      expect(masked.stdout).not.toContain('A10293847');
      expect(revealed.stdout).toContain('A10293847');
      expect(revealed.stdout).toContain('--reveal');
      const json = await runCli(['analyze', page, '--reveal', '--format', 'json']);
      expect(json.stdout).toContain('oksky/login-value-whitespace');
      expect(json.stdout).not.toContain('A10293847');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a page without any vendor tag says so (vendors, sources looked at, a tag loaded another way) and never "no problem found"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renkei-cli-'));
    try {
      const page = join(dir, 'about.html');
      writeFileSync(page, '<!DOCTYPE html><html><head><title>会社概要</title><script>window.dataLayer=[];</script></head><body><a href="/logout">ログアウト</a></body></html>');
      const text = await runCli(['analyze', page]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('判定: OK SKY・チャネルトークのタグは見つかりませんでした（ページのソースを確認）');
      expect(text.stdout).toContain('探したタグ: OK SKY 見つからず／チャネルトーク 見つからず');
      expect(text.stdout).toContain('タグマネージャー');
      expect(text.stdout).not.toContain('問題は見つかりませんでした');
      const md = await runCli(['analyze', page, '--format', 'markdown', '--lang', 'en']);
      expect(md.stdout).toContain('No OK SKY or Channel Talk tag was found (looked at the page source)');
      expect(md.stdout).not.toContain('No problems found');
      const json = await runCli(['analyze', page, '--format', 'json']);
      const s = snapshotOf(json.stdout);
      expect(s.verdict).toMatchObject({ kind: 'no-tag', lookedAt: ['static'], limited: false });
      expect(s.limits).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a correct tag lists the checks that ran and passed; the JSON carries the verdict beside the existing fields', async () => {
    const text = await runCli(['analyze', fixture('oksky-correct.html')]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/判定: 問題は見つかりませんでした（OK SKYのタグ、\d+ 項目を確認）/);
    expect(text.stdout).toMatch(/■ 次の項目を確認し、いずれも該当しませんでした（\d+件）/);
    expect(text.stdout).toContain('✔ loginKey');
    expect(text.stdout).toContain('(oksky/loginkey-missing)');
    const json = await runCli(['analyze', fixture('oksky-correct.html'), '--format', 'json']);
    const s = snapshotOf(json.stdout);
    expect(s.summary).toEqual({ errors: 0, warnings: 0, infos: 0 });
    expect(s.verdict?.kind).toBe('clear');
    expect(s.verdict?.passed.map((p) => p.ruleId)).toContain('oksky/loginkey-missing');
    expect(s.verdict?.passed.map((p) => p.ruleId)).not.toContain('oksky/login-request-missing');
  });

  it('a tag at the end of a 5 MB inline script is diagnosed, and what was not parsed is said in every format', async () => {
    const { bigScriptPage } = await import('../fixtures/big/big-script');
    const dir = mkdtempSync(join(tmpdir(), 'renkei-cli-'));
    try {
      const broken = join(dir, 'bundle-broken.html');
      const big = bigScriptPage('oksky', 5 * 1024 * 1024, { broken: true });
      writeFileSync(broken, big.html);
      const r = await runCli(['analyze', broken, '--format', 'json']);
      expect(r.code).toBe(1);
      const s = snapshotOf(r.stdout);
      expect(ruleIds(s)).toEqual(expect.arrayContaining(['oksky/loginkey-missing', 'renkei/input-limited']));
      expect(s.limits?.map((l) => l.kind)).toEqual(['parse-chars']);
      expect(s.verdict).toMatchObject({ kind: 'problems', limited: true });

      const correct = join(dir, 'bundle.html');
      writeFileSync(correct, bigScriptPage('oksky', 3 * 1024 * 1024).html);
      const text = await runCli(['analyze', correct]);
      expect(text.code).toBe(0);
      expect(text.stdout).not.toContain('問題は見つかりませんでした');
      expect(text.stdout).toContain('一部を読んでいません');
      expect(text.stdout).toContain('構文を解析せず');
      const md = await runCli(['analyze', correct, '--format', 'markdown', '--lang', 'en']);
      expect(md.stdout).not.toMatch(/No problems found/i);
      expect(md.stdout).toContain('Part of the input was not read');
      const json = snapshotOf((await runCli(['analyze', correct, '--format', 'json'])).stdout);
      expect(json.verdict).toMatchObject({ kind: 'clear', limited: true });
      expect(json.verdict?.headline.ja).not.toContain('問題は見つかりませんでした');
      // the snapshot read back keeps saying it
      const back = join(dir, 'snapshot.json');
      writeFileSync(back, JSON.stringify(json));
      const again = await runCli(['analyze', back]);
      expect(again.stdout).not.toContain('問題は見つかりませんでした');
      expect(again.stdout).toContain('一部を読んでいません');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
