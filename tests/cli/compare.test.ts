import { describe, expect, it } from 'vitest';
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
