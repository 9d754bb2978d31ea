/**
 * The case tester for checklist items (ESLint's RuleTester, axe-core's check tests): a checklist's
 * test file is a table of small pages and what each item must say about them. The tester fails on
 * a message id the item does not declare and on an item state that is not the expected one.
 * Test-only module (imports vitest).
 */
import { describe, expect, it } from 'vitest';
import { emptyStore, recordCaptures, type CrossPageStore } from './cross-page';
import { evaluateChecklistOnPage, makeContext } from './analyze';
import { readPage } from './read-fields';
import type { Capture, Checklist, PageId, SettingsHosts } from './types';

export type Expect = 'pass' | 'fail' | 'unknown' | { state: 'pass' | 'fail' | 'unknown'; messageId?: string; message?: string | RegExp };

export interface ChecklistCase {
  name: string;
  page: PageId;
  html: string;
  url?: string;
  /** values "seen on other pages" before this one */
  seen?: (Capture & { pageId?: PageId })[];
  now?: number;
  hosts?: SettingsHosts;
  expect: Record<string, Expect>;
}

export const CASE_SALT = 'case-salt';

export function storeWith(seen: ChecklistCase['seen'], site = 'default'): CrossPageStore {
  let store = emptyStore(CASE_SALT);
  for (const s of seen ?? []) store = recordCaptures(store, site, [s], CASE_SALT, { pageId: s.pageId ?? 'ecai-line-account', url: 'https://seen.invalid/page', time: 1 });
  return store;
}

export function runChecklistCases(checklist: Checklist, cases: ChecklistCase[]): void {
  describe(`checklist ${checklist.id}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const page = readPage(c.html);
        const ctx = makeContext(page, c.page, c.url ?? 'https://case.invalid/', {
          salt: CASE_SALT,
          store: storeWith(c.seen),
          site: 'default',
          now: c.now ?? Date.parse('2026-11-22T00:00:00Z'),
          hosts: c.hosts ?? {},
        });
        // the evaluate functions directly (message ids) and the rendered results
        const results = evaluateChecklistOnPage(checklist, ctx, 'ja');
        for (const [itemId, want] of Object.entries(c.expect)) {
          const item = checklist.items.find((i) => i.id === itemId);
          expect(item, `item ${itemId} exists`).toBeDefined();
          const ev = item!.evaluate && item!.pages.includes(c.page) ? item!.evaluate(ctx) : undefined;
          if (ev?.messageId) expect(Object.keys(item!.messages), `${itemId} declares message ${ev.messageId}`).toContain(ev.messageId);
          const w = typeof want === 'string' ? { state: want } : want;
          const r = results.find((x) => x.itemId === itemId)!;
          expect(r.state, `${itemId} state`).toBe(w.state);
          if (w.messageId !== undefined) expect(ev?.messageId ?? 'default', `${itemId} message id`).toBe(w.messageId);
          if (w.message !== undefined) {
            if (typeof w.message === 'string') expect(r.message).toContain(w.message);
            else expect(r.message).toMatch(w.message);
          }
          // rendered texts never keep unfilled placeholders
          expect(r.message ?? '', `${itemId} placeholders`).not.toMatch(/\{[a-z]+\}/);
        }
      });
    }
  });
}

/** A settings form as a table of label → input (the commonest admin markup). */
export function formTable(rows: Record<string, string>, opts: { secret?: string[] } = {}): string {
  const tr = Object.entries(rows)
    .map(([label, value]) => `<tr><th>${label}</th><td><input type="${opts.secret?.includes(label) ? 'password' : 'text'}" value="${value.replace(/"/g, '&quot;')}"></td></tr>`)
    .join('');
  return `<html><body><table>${tr}</table></body></html>`;
}

/** Toggles as labelled checkboxes. */
export function toggles(states: Record<string, boolean>): string {
  return `<html><body>${Object.entries(states)
    .map(([label, on]) => `<label><input type="checkbox"${on ? ' checked' : ''}>${label}</label>`)
    .join('')}</body></html>`;
}
