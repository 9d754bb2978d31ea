import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueKeys, resolveLang, translate } from './i18n';

const root = resolve(import.meta.dirname, '../..');

describe('UI catalogues', () => {
  it('have the same keys in Japanese and English, all non-empty, valid for chrome.i18n', () => {
    const ja = catalogueKeys('ja').sort();
    expect(catalogueKeys('en').sort()).toEqual(ja);
    for (const lang of ['ja', 'en']) {
      const json = JSON.parse(readFileSync(resolve(root, `public/_locales/${lang}/messages.json`), 'utf8')) as Record<string, { message: string }>;
      for (const [key, entry] of Object.entries(json)) {
        // chrome refuses to load an extension whose message names have other characters
        expect(key).toMatch(/^[A-Za-z0-9_]+$/);
        expect(entry.message.trim().length, `${lang}.${key}`).toBeGreaterThan(0);
        // `$` starts chrome's own placeholders: our `{name}` placeholders must not be mistaken
        expect(entry.message.includes('$'), `${lang}.${key}`).toBe(false);
      }
      expect(json.extName).toBeDefined();
      expect(json.extDescription).toBeDefined();
    }
  });

  it('uses the same {placeholders} in both languages', () => {
    for (const key of catalogueKeys('ja')) {
      const names = (lang: 'ja' | 'en') => [...new Set([...translate(lang, key as never).matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();
      expect(names('en'), key).toEqual(names('ja'));
    }
  });

  it('writes Japanese in the Japanese catalogue', () => {
    const ja = catalogueKeys('ja').filter((k) => !['tagKey', 'tagLoginKey', 'kind_login', 'timelineKey'].includes(k));
    for (const key of ja) expect(translate('ja', key as never), key).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
  });

  it('every key the UI code uses exists (static scan of t(...) calls)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(resolve(dir, e.name));
        else if (/\.tsx?$/.test(e.name) && !e.name.includes('.test.')) files.push(resolve(dir, e.name));
      }
    };
    walk(resolve(root, 'components'));
    const keys = new Set(catalogueKeys('ja'));
    let seen = 0;
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('(\w+)'/g)) {
        seen++;
        expect(keys.has(m[1]!), `${f}: ${m[1]}`).toBe(true);
      }
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('picks plural forms through Intl.PluralRules', () => {
    expect(translate('en', 'evidenceCount', { n: 1 })).toBe('1 piece of evidence');
    expect(translate('en', 'evidenceCount', { n: 2 })).toBe('2 pieces of evidence');
    expect(translate('en', 'timelineSummary', { pages: 1, rooms: 3 })).toBe('1 page, 3 chat rooms');
    expect(translate('en', 'countError', { n: 0 })).toBe('0 errors');
    expect(translate('en', 'harImported', { name: 'a.har', pages: 1, requests: 1200 })).toBe('Imported HAR "a.har" (1 page, 1,200 requests).');
    expect(translate('ja', 'evidenceCount', { n: 1 })).toBe('証拠 1 件');
    // a value that is not a number leaves the selection as written rather than guessing
    expect(translate('en', 'countError', { n: 'x' })).toContain('plural');
  });

  it('fills placeholders and follows the browser for auto', () => {
    expect(translate('ja', 'filterCount', { n: 1, total: 4 })).toBe('4 件中 1 件');
    expect(translate('en', 'filterCount', { n: 1, total: 4 })).toBe('1 of 4');
    expect(resolveLang('auto', 'ja-JP')).toBe('ja');
    expect(resolveLang('auto', 'en-US')).toBe('en');
    expect(resolveLang('auto', undefined)).toBe('ja');
    expect(resolveLang('en', 'ja')).toBe('en');
    expect(resolveLang('ja', 'en-GB')).toBe('ja');
  });
});
