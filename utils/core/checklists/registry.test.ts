/**
 * The registry matches the catalogue (docs/spec/CHECKLISTS.md) and the files on disk: every
 * checklist and item id exists, with its verification kinds and severity, ja/en texts, its own
 * file named after the id, and a case table that exercises each automatic item.
 */
import { describe, expect, it } from 'vitest';
import { allChecklists, getChecklist } from './index';
import type { Checklist } from './types';

const md = Object.values(import.meta.glob('/docs/spec/CHECKLISTS.md', { query: '?raw', import: 'default', eager: true }))[0] as string;
const modules = import.meta.glob(['./*.ts', '!./*.test.ts'], { import: 'default', eager: true }) as Record<string, unknown>;
const tables = import.meta.glob('./*.test.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

interface Row {
  id: string;
  verify?: string[];
  severity: 'error' | 'warning' | 'info';
  manual?: boolean;
}

/** `## id — title` sections; items from the table rows or from the `a · b · c` paragraph. */
function catalogue(): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  const sections = md.split(/^## /m).slice(1);
  for (const s of sections) {
    const id = /^([a-z0-9-]+)\s+—/.exec(s)?.[1];
    if (!id) continue;
    const rows: Row[] = [];
    const tableRows = s.split('\n').filter((l) => /^\|\s*[a-z0-9]+(?:-[a-z0-9]+)*\s*\|/.test(l) && !/^\|\s*item\s*\|/.test(l));
    if (tableRows.length > 0) {
      for (const l of tableRows) {
        const cells = l.split('|').map((c) => c.trim());
        const verifyText = cells[2];
        const verify = new Set<string>();
        let rest = verifyText;
        if (/cross-page/.test(rest)) {
          verify.add('cross-page');
          rest = rest.replace(/cross-page/g, '');
        }
        for (const k of ['page', 'live', 'manual']) if (new RegExp(`\\b${k}\\b`).test(rest)) verify.add(k);
        // "(live: `GET …`)" in the pass-when column adds a live check too
        if (/\(live:/.test(cells[3])) verify.add('live');
        const severity = /^warning:/.test(cells[3]) ? 'warning' : /^info:/.test(cells[3]) ? 'info' : 'error';
        rows.push({ id: cells[1], verify: [...verify].sort(), severity });
      }
    } else {
      const para = s.split(/\n\s*\n/)[1] ?? '';
      for (const part of para.split('·')) {
        const m = /^\s*([a-z][a-z0-9]*(?:-[a-z0-9]+)+)/.exec(part);
        if (m) rows.push({ id: m[1], severity: 'error', manual: /\(manual:/.test(part) });
      }
    }
    out.set(id, rows);
  }
  return out;
}

const cat = catalogue();

describe('checklist registry', () => {
  it('the catalogue was parsed', () => {
    expect([...cat.keys()].sort()).toEqual(['ecai-cart-abandonment', 'ecai-line-connect', 'ecai-migration', 'ecai-quota-alert', 'ecai-unlink', 'luxliner-integrations']);
    expect(cat.get('ecai-line-connect')!.length).toBe(19);
    expect(cat.get('luxliner-integrations')!.length).toBe(10);
    expect(cat.get('ecai-unlink')!.length).toBe(10);
  });

  it('registers exactly the catalogued checklists', () => {
    expect(allChecklists.map((c) => c.id).sort()).toEqual([...cat.keys()].sort());
  });

  for (const [id, rows] of cat) {
    describe(id, () => {
      const c = getChecklist(id) as Checklist;
      it('has every catalogued item, in the catalogue order', () => {
        const ids = c.items.map((i) => i.id);
        const catalogued = rows.map((r) => r.id);
        expect(ids.filter((i) => catalogued.includes(i))).toEqual(catalogued);
      });
      it('verification kinds and severities follow the catalogue', () => {
        for (const r of rows) {
          const item = c.items.find((i) => i.id === r.id)!;
          expect(item.severity, `${r.id} severity`).toBe(r.severity);
          if (r.verify) expect([...item.verify].sort(), `${r.id} verify`).toEqual(r.verify);
          if (r.manual) expect(item.verify, `${r.id} manual`).toEqual(['manual']);
        }
      });
      it('lives in its own file named after the id, with a case table', () => {
        expect(modules[`./${id}.ts`]).toBe(c);
        expect(tables[`./${id}.test.ts`], `${id}.test.ts`).toBeDefined();
      });
      it('every automatic item has an evaluate function (or is live-only) and appears in the case table', () => {
        const table = tables[`./${id}.test.ts`] ?? '';
        for (const item of c.items) {
          const automatic = item.verify.some((v) => v === 'page' || v === 'cross-page');
          if (automatic) {
            expect(item.evaluate, `${item.id} evaluate`).toBeTypeOf('function');
            expect(table.includes(`'${item.id}'`), `${item.id} in ${id}.test.ts`).toBe(true);
          }
          if (item.verify.length === 1 && item.verify[0] === 'manual') expect(item.evaluate).toBeUndefined();
        }
      });
      it('has Japanese and English texts everywhere', () => {
        for (const l of [c.title, ...c.items.flatMap((i) => [i.title, i.fix, ...Object.values(i.messages)])]) {
          expect(l.ja.trim().length).toBeGreaterThan(0);
          expect(l.en.trim().length).toBeGreaterThan(0);
          expect(/[ぁ-んァ-ヶ一-龠]/.test(l.ja), `ja text: ${l.ja}`).toBe(true);
        }
        for (const i of c.items) expect(i.source.doc).toMatch(/^00[23]$/);
      });
    });
  }
});
