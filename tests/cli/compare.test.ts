import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { snapshot } from '../../utils/core/rules/rule-tester';
import { fixture, runCli, expectOneLineError } from './run';

describe('renkei compare (real bin)', () => {
  it('finds the staging/production linkage difference and exits 1', async () => {
    const r = await runCli(['compare', fixture('staging.json'), fixture('production.json'), '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { rows: { aspect: string; same: boolean }[]; findings: { ruleId: string; severity: string }[]; summary: { errors: number } };
    expect(out.findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['compare/linkage-missing', 'compare/keyword-set-differs']));
    expect(out.summary.errors).toBeGreaterThanOrEqual(1);
    expect(out.rows.some((row) => !row.same)).toBe(true);
  });

  it('exits 0 comparing a snapshot with itself, and prints a table', async () => {
    const r = await runCli(['compare', fixture('staging.json'), fixture('staging.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('連携ドクター 環境の比較');
    const md = await runCli(['compare', fixture('staging.json'), fixture('production.json'), '--format', 'markdown', '--lang', 'en']);
    expect(md.stdout).toContain('| Aspect | A | B | |');
    expect(md.stdout).toContain('`compare/linkage-missing`');
  });

  it('one environment logged in ⇄ logged out: no error, exit 0, the login-state rows marked as expected (issue 9)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'renkei-cli-states-'));
    try {
      const inFile = join(dir, 'production-in.json');
      const outFile = join(dir, 'production-out.json');
      writeFileSync(inFile, JSON.stringify(snapshot({ env: 'production', pages: [{ url: 'https://shop.example.jp/mypage', state: 'logged-in', queries: ['ok'] }] })));
      writeFileSync(
        outFile,
        JSON.stringify(snapshot({ env: 'production', pages: [{ url: 'https://shop.example.jp/mypage', state: 'logged-out', tag: { loginKeys: [], keywords: [], linkage: false }, queries: ['empty'] }] })),
      );
      const r = await runCli(['compare', inFile, outFile, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { rows: { aspect: string; same: boolean; expected?: boolean }[]; findings: { ruleId: string; severity: string }[] };
      expect(out.findings.map((f) => [f.ruleId, f.severity])).toEqual([['compare/login-state-differs', 'info']]);
      expect(out.rows.find((row) => row.aspect === '/mypage /login query')).toMatchObject({ same: false, expected: true });
      const txt = await runCli(['compare', inFile, outFile]);
      expect(txt.code).toBe(0);
      expect(txt.stdout).not.toContain('環境によって');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that is not a snapshot with exit 2 and one line naming it', async () => {
    const r = await runCli(['compare', fixture('staging.json'), fixture('oksky-correct.html')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expectOneLineError(r, 'oksky-correct.html');
  });

  it('needs exactly two files', async () => {
    const r = await runCli(['compare', fixture('staging.json')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});
