/** The privacy scan: what it refuses (with the path) and what real, masked data it lets through. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';
import { checkString, MAX_DEPTH, scanPrivacy } from './privacy';

describe('scanPrivacy', () => {
  it('lets masked values, fingerprints, URLs, ids and Japanese text through', () => {
    const ok = [
      'https://www.shop.example.jp/mypage?id=…',
      'fp:0123456789abcdef',
      'A1****93',
      'ta****om',
      '8b4c2a10-3f7e-4c1d-9a0b-5e6f7a8b9c0d', // Channel Talk plugin key (UUID)
      'OkskyChat("loginKey", "customer_id")',
      'ログインしているのに会員情報連携の値が空です。「マイページ」で確認してください。',
      'https://cdn.example.jp/wp-content/themes/some-very-long-theme-name-without-digits/app.js',
      '1eed5a13',
      '0123456789', // a LINE Channel ID (10 digits)
      'https://cdn.example.jp/assets/app.3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c.js', // content-hashed asset
      // OK SKY's /login endpoint carries the public widget key in its path: not a secret
      'https://kobuna-s-001.okskychat.net/rapi/v1/clients/kobuna-s-001-0D5ACD179B043831/login',
    ];
    for (const s of ok) expect(checkString(s), s).toBeUndefined();
    expect(scanPrivacy({ value: { masked: 'A1****93', fingerprint: 'fp:0123456789abcdef' } })).toEqual([]);
  });

  it('refuses e-mails, secrets, tokens and clear values, with their path', () => {
    const issues = scanPrivacy({
      a: ['x', { mail: 'contact: Hanako.Sato+test@example.co.jp' }],
      b: { masked: 'A1****93', fingerprint: 'fp:0123456789abcdef', clear: 'A1234593' },
      c: 'channel secret 0123456789abcdef0123456789ABCDEF',
      c2: 'https://x.example/app.3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c.js?s=0123456789abcdef0123456789abcdef',
      d: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig',
      e: 'xK9mQ2vL7pR4tY8wZ3nB6cF1hJ5dG0sA2eU7iO9kM4qT',
      f: { fingerprint: 'not-a-fingerprint' },
      g: 'nul\u0000inside',
      'h@example.com': 1,
    });
    const paths = issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['a.1.mail', 'b.clear', 'c', 'c2', 'd', 'e', 'f.fingerprint', 'g', 'h@example.com']),
    );
  });

  it('is bounded: deep nesting is refused, not a stack overflow', () => {
    let v: unknown = 'x';
    for (let i = 0; i < 100_000; i++) v = [v];
    const issues = scanPrivacy(v);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toMatch(String(MAX_DEPTH));
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(Array.isArray(scanPrivacy(v))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8787, dataDir: './data', corsOrigins: [], rateLimit: { ratePerSec: 20, burst: 100 } });
    expect(c.databaseUrl).toBeUndefined();
  });

  it('turns extension ids into chrome-extension origins and refuses junk', () => {
    const c = loadConfig({ EXTENSION_ORIGINS: 'abcdefghijklmnopabcdefghijklmnop, moz-extension://1234-abcd', CORS_ORIGINS: 'https://support.example.com/' });
    expect(c.corsOrigins).toEqual([
      'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
      'moz-extension://1234-abcd',
      'https://support.example.com',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'javascript:alert(1)' })).toThrow(/origin/);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
  });
});
