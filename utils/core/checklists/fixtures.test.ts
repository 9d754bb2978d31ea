/**
 * axe-core style integration fixtures: settings pages (our own markup carrying the documents'
 * labels) under tests/fixtures/settings/, each with a JSON list of what must pass and fail.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSettingsPage } from './analyze';
import { normaliseLabel } from './normalise';
import { readPage } from './read-fields';
import { recogniseSettingsPage } from './recognise';
import type { SettingsHosts } from './types';

interface Expected {
  url: string;
  hosts?: SettingsHosts;
  now?: string;
  checklistId: string;
  page: string;
  fields?: Record<string, string>;
  toggles?: Record<string, boolean>;
  pass: string[];
  fail: string[];
  unknown?: string[];
  severities?: Record<string, string>;
  messages?: Record<string, string>;
  also?: Record<string, { pass: string[]; fail: string[] }>;
}

const pages = import.meta.glob('/tests/fixtures/settings/*.html', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const expectations = import.meta.glob('/tests/fixtures/settings/*.expected.json', { import: 'default', eager: true }) as Record<string, Expected>;

const names = Object.keys(pages).map((p) => p.replace(/^.*\//, '').replace(/\.html$/, ''));

describe('settings fixtures', () => {
  it('every fixture page has its expectations and vice versa', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    for (const n of names) expect(expectations[`/tests/fixtures/settings/${n}.expected.json`], n).toBeDefined();
    expect(Object.keys(expectations).length).toBe(names.length);
  });

  for (const name of names) {
    const html = pages[`/tests/fixtures/settings/${name}.html`];
    const exp = expectations[`/tests/fixtures/settings/${name}.expected.json`];
    describe(name, () => {
      const now = exp.now ? Date.parse(exp.now) : Date.parse('2026-11-22T00:00:00Z');
      it('reads the fields by their labels', () => {
        const read = readPage(html);
        for (const [label, value] of Object.entries(exp.fields ?? {})) {
          const f = read.fields.find((x) => x.key === normaliseLabel(label));
          expect(f, `field ${label}`).toBeDefined();
          expect(f!.value, `value of ${label}`).toBe(value);
        }
        for (const [label, on] of Object.entries(exp.toggles ?? {})) {
          const f = read.fields.find((x) => x.key === normaliseLabel(label) && x.on !== undefined);
          expect(f, `toggle ${label}`).toBeDefined();
          expect(f!.on, `state of ${label}`).toBe(on);
        }
      });
      it('is recognised', () => {
        expect(recogniseSettingsPage(html, exp.url, { hosts: exp.hosts })).toEqual({ checklistId: exp.checklistId, page: exp.page });
      });
      it('passes and fails what it must', () => {
        const r = analyzeSettingsPage(html, exp.url, { lang: 'ja', salt: 'fixture-salt', hosts: exp.hosts, now })!;
        expect(r).not.toBeNull();
        const state = Object.fromEntries(r.items.map((i) => [i.itemId, i.state]));
        for (const id of exp.pass) expect(state[id], `${id} should pass`).toBe('pass');
        for (const id of exp.fail) expect(state[id], `${id} should fail`).toBe('fail');
        for (const id of exp.unknown ?? []) expect(state[id], `${id} should be unknown`).toBe('unknown');
        // nothing else fails: the list of failures is complete
        expect(r.findings.map((f) => f.ruleId).sort()).toEqual(exp.fail.map((id) => `${exp.checklistId}/${id}`).sort());
        for (const [id, sev] of Object.entries(exp.severities ?? {})) {
          expect(r.findings.find((f) => f.ruleId === `${exp.checklistId}/${id}`)?.severity, id).toBe(sev);
        }
        for (const [id, text] of Object.entries(exp.messages ?? {})) {
          expect(r.findings.find((f) => f.ruleId === `${exp.checklistId}/${id}`)?.message, id).toContain(text);
        }
      });
      for (const [checklist, want] of Object.entries(exp.also ?? {})) {
        it(`as ${checklist}`, () => {
          const r = analyzeSettingsPage(html, exp.url, { lang: 'en', salt: 's', hosts: exp.hosts, now, checklist })!;
          expect(r.checklistId).toBe(checklist);
          const state = Object.fromEntries(r.items.map((i) => [i.itemId, i.state]));
          for (const id of want.pass) expect(state[id], `${id} should pass`).toBe('pass');
          for (const id of want.fail) expect(state[id], `${id} should fail`).toBe('fail');
          expect(r.findings.map((f) => f.ruleId).sort()).toEqual(want.fail.map((id) => `${checklist}/${id}`).sort());
        });
      }
    });
  }
});
