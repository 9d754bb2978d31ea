/**
 * The Channel Talk part of the catalogue (docs/spec/RULES.md) matches the registry and the files
 * on disk: every `channeltalk/*` id is registered in `channeltalkRules` and in `allRules` with its
 * severity, has its own file named after the id with a case table beside it, its texts in
 * Japanese and English, a source, and the `channeltalk-tag` requirement.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../registry';
import { checkRuleMeta } from '../rule-tester';
import type { Rule } from '../types';
import { channeltalkRules } from './index';

const rulesMd = Object.values(import.meta.glob('/docs/spec/RULES.md', { query: '?raw', import: 'default', eager: true }))[0] as string;
const modules = import.meta.glob(['./*.ts', '!./*.test.ts', '!./index.ts', '!./_*.ts'], { import: 'default', eager: true }) as Record<string, Rule | undefined>;
const tables = import.meta.glob('./*.test.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const rows = rulesMd
  .split('\n')
  .map((line) => /^\|\s*channeltalk\/([a-z0-9-]+)\s*\|([^|]*)\|([^|]*)\|([^|]*)\|/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ name: m[1], id: `channeltalk/${m[1]}`, severity: m[2].trim(), source: m[4].trim() }));

/** Rules added beyond the catalogue (RULES.md: "add more where users would expect them"). */
const EXTRA = ['channeltalk/tag-syntax-error'];

describe('Channel Talk rule registry', () => {
  it('reads the 13 Channel Talk rows of RULES.md, registered in order before the extra ones', () => {
    expect(rows).toHaveLength(13);
    expect(channeltalkRules.map((r) => r.meta.id)).toEqual([...rows.map((r) => r.id), ...EXTRA]);
  });

  for (const row of rows) {
    describe(row.id, () => {
      const rule = channeltalkRules.find((r) => r.meta.id === row.id);

      it('is registered (channeltalkRules and allRules) with the severity of RULES.md', () => {
        expect(rule, `${row.id} is not registered`).toBeDefined();
        expect(allRules).toContain(rule);
        expect(rule!.meta.severity).toBe(row.severity);
      });

      it('has its own file and a case table with valid and invalid cases', () => {
        expect(modules[`./${row.name}.ts`]).toBe(rule);
        const table = tables[`./${row.name}.test.ts`];
        expect(table, `${row.name}.test.ts exists`).toBeDefined();
        expect(table).toMatch(/ruleTester\(rule,/);
        expect(table).toMatch(/valid:\s*\[\s*\{/);
        expect(table).toMatch(/invalid:\s*\[\s*\{/);
      });

      it('has all texts in Japanese and English', () => checkRuleMeta(rule!));

      it('requires a Channel Talk tag and traces to its source', () => {
        expect(rule!.meta.requires).toContain('channeltalk-tag');
        // "001 …" in RULES.md → document 001; "SDK …" → the SDK's public types and docs
        expect(rule!.meta.source.doc).toBe(row.source.startsWith('001') ? '001' : 'channeltalk-sdk');
        expect(rule!.meta.source.section?.trim()).toBeTruthy();
      });
    });
  }

  for (const id of EXTRA) {
    it(`${id} (beyond RULES.md) has its file, case table, both languages and the requirement`, () => {
      const rule = channeltalkRules.find((r) => r.meta.id === id);
      const name = id.split('/')[1];
      expect(modules[`./${name}.ts`]).toBe(rule);
      expect(tables[`./${name}.test.ts`]).toMatch(/ruleTester\(rule,/);
      expect(allRules).toContain(rule);
      checkRuleMeta(rule!);
      expect(rule!.meta.requires).toContain('channeltalk-tag');
    });
  }

  it('every rule file in this folder is a catalogue row or a listed extra, named after its id', () => {
    const known = [...rows.map((r) => r.id), ...EXTRA];
    for (const [path, rule] of Object.entries(modules)) {
      const id = `channeltalk/${path.slice(2, -3)}`;
      expect(known, `${path} is in RULES.md or EXTRA`).toContain(id);
      expect(rule?.meta.id).toBe(id);
    }
  });
});
