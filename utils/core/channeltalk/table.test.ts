import { describe, expect, it } from 'vitest';
import { createMasker } from '../mask';
import { ctRawPage } from '../rules/channeltalk/_cases';
import { deriveChannelTalk } from './derive';
import { optionTables } from './table';

const masker = createMasker('t');

function tables(runtime: [string, ...unknown[]][], lang: 'ja' | 'en' = 'ja') {
  return optionTables(deriveChannelTalk(ctRawPage({ runtime })).calls, masker, lang);
}

describe('optionTables', () => {
  it('rows for options and profile keys with documented types and meanings', () => {
    const [t] = tables([['boot', { pluginKey: 'k', memberId: 'M00012345', zIndex: 5, profile: { mobileNumber: '+819011112222', lastOrderAt: 1704067200000, rank: 'gold' } }]]);
    expect(t.rows.map((r) => [r.path, r.value, r.kind, r.documentedType])).toEqual([
      ['pluginKey', '"k"', 'string', 'string'],
      ['memberId', '"M0****45"', 'string', 'string'],
      ['zIndex', '5', 'number', 'number'],
      ['profile', '{ 3 }', 'object', 'object'],
      ['profile.mobileNumber', '"+8****22"', 'string', 'String'],
      ['profile.lastOrderAt', '1704067200000', 'number', 'Date'],
      ['profile.rank', '"gold"', 'string', ''],
    ]);
    expect(t.rows.find((r) => r.path === 'profile.mobileNumber')?.meaning).toContain('携帯番号');
    expect(t.rows.find((r) => r.path === 'profile.rank')?.custom).toBe(true);
    expect(t.opaque).toBe(false);
  });

  it('English meanings, updateUser tables, other commands left out', () => {
    const ts = tables([['boot', { pluginKey: 'k' }], ['showMessenger'], ['updateUser', { tags: ['a'], profile: null }]], 'en');
    expect(ts.map((t) => t.command)).toEqual(['boot', 'updateUser']);
    expect(ts[0].rows[0].meaning).toContain('plugin key');
    expect(ts[1].rows.map((r) => [r.path, r.kind])).toEqual([
      ['tags', 'list'],
      ['profile', 'null'],
    ]);
  });

  it('an option that is not an object is opaque and has no rows', () => {
    const [t] = optionTables(
      [{ vendor: 'channeltalk', form: 'snippet', name: 'boot', args: [{ kind: 'unknown', raw: 'settings' }], origin: 'static' }],
      masker,
      'ja',
    );
    expect(t).toMatchObject({ opaque: true, rows: [] });
  });

  it('bounds rows and value length', () => {
    const profile = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`k${i}`, 'v'.repeat(1000)]));
    const [t] = tables([['boot', { pluginKey: 'k', profile }]]);
    expect(t.rows.length).toBeLessThanOrEqual(300);
    expect(Math.max(...t.rows.map((r) => r.value.length))).toBeLessThanOrEqual(200);
  });
});
