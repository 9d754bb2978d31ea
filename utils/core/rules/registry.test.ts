/**
 * The registry matches the catalogue and the files on disk (typescript-eslint's rules index test,
 * refined-github's structural test): every OK SKY and compare id of docs/spec/RULES.md is
 * registered with its severity, has its own file named after the id, a case table beside it with
 * valid and invalid cases, and all texts in Japanese and English.
 */
import { describe, expect, it } from 'vitest';
import { allRules, ruleById } from './registry';
import { checkRuleMeta } from './rule-tester';
import type { Rule } from './types';

const rulesMd = Object.values(import.meta.glob('/docs/spec/RULES.md', { query: '?raw', import: 'default', eager: true }))[0] as string;

const ruleModules = import.meta.glob(['./*/*.ts', '!./*/*.test.ts', '!./*/index.ts', '!./*/_*.ts'], { import: 'default', eager: true }) as Record<
  string,
  Rule | undefined
>;
const testTables = import.meta.glob('./*/*.test.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

interface CatalogueRow {
  id: string;
  severities: string[];
  source?: string;
}

/** Rows `| vendor/name | severity | fires when | source |` of the OK SKY and compare tables. */
function catalogue(vendors: string[]): CatalogueRow[] {
  const rows: CatalogueRow[] = [];
  for (const line of rulesMd.split('\n')) {
    const m = /^\|\s*([a-z]+)\/([a-z0-9-]+)\s*\|([^|]*)\|([^|]*)\|?([^|]*)\|?/.exec(line);
    if (!m || !vendors.includes(m[1])) continue;
    const severities = [...new Set(m[3].match(/\b(error|warning|info)\b/g) ?? [])];
    rows.push({ id: `${m[1]}/${m[2]}`, severities, source: m[5]?.trim() || undefined });
  }
  return rows;
}

const rows = catalogue(['oksky', 'compare', 'renkei']);

describe('rule registry', () => {
  it('reads the catalogue (22 OK SKY rules, 7 compare rules)', () => {
    expect(rows.filter((r) => r.id.startsWith('oksky/'))).toHaveLength(22);
    expect(rows.filter((r) => r.id.startsWith('compare/'))).toHaveLength(7);
    expect(rows.filter((r) => r.id.startsWith('renkei/')).map((r) => r.id)).toEqual(['renkei/input-limited']);
  });

  for (const row of rows) {
    describe(row.id, () => {
      const rule = ruleById(row.id);

      it('is registered with the severity of RULES.md', () => {
        expect(rule, `${row.id} is not in allRules`).toBeDefined();
        const s = rule!.meta.severity;
        const declared = typeof s === 'string' ? [s] : s.stateDependent;
        expect(new Set(declared)).toEqual(new Set(row.severities));
      });

      it('has its own file and a case table with valid and invalid cases', () => {
        const [vendor, name] = row.id.split('/');
        expect(ruleModules[`./${vendor}/${name}.ts`], `rules/${vendor}/${name}.ts exports the rule`).toBe(rule);
        const table = testTables[`./${vendor}/${name}.test.ts`];
        expect(table, `rules/${vendor}/${name}.test.ts exists`).toBeDefined();
        expect(table).toMatch(/ruleTester\(rule,/);
        expect(table).toMatch(/valid:\s*\[\s*\{/);
        expect(table).toMatch(/invalid:\s*\[\s*\{/);
      });

      it('has all texts in Japanese and English', () => checkRuleMeta(rule!));

      it('traces to the source of RULES.md', () => {
        const src = rule!.meta.source;
        expect(src.doc).not.toBe('');
        // "000 <section>" in the source column names the section of 000
        const m = row.source ? /^000 (.+)$/.exec(row.source) : null;
        if (m) {
          expect(src.doc).toBe('000');
          expect(src.section).toBe(m[1].trim());
        }
      });
    });
  }

  it('names every rule file after its id, and registers it', () => {
    const files = Object.entries(ruleModules);
    expect(files.length).toBeGreaterThanOrEqual(28);
    for (const [path, rule] of files) {
      const m = /^\.\/([a-z]+)\/([a-z0-9-]+)\.ts$/.exec(path);
      expect(m, `${path} is named vendor/name.ts`).not.toBeNull();
      expect(rule?.meta?.id, `${path} exports default a Rule`).toBe(`${m![1]}/${m![2]}`);
      expect(allRules, `${path} is registered`).toContain(rule);
    }
  });

  it('has unique ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
