import { describe, expect, it } from 'vitest';
import { initiatorOf, matchPatterns, normalizeSite, parseSites, siteIsOn, siteOfUrl } from './capture-sites';

describe('capture sites', () => {
  it.each([
    ['shop.example.jp', 'shop.example.jp'],
    ['  Shop.Example.JP  ', 'shop.example.jp'],
    ['https://shop.example.jp/mypage?x=1', 'shop.example.jp'],
    ['shop.example.jp:8443/path', 'shop.example.jp'],
    ['*.example.jp', '*.example.jp'],
    ['localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['shop.example.jp.', 'shop.example.jp'],
    ['', undefined],
    ['not a site!!', undefined],
    ['ftp://shop.example.jp/', undefined],
    ['javascript:alert(1)', undefined],
    ['*.', undefined],
    ['a'.repeat(300), undefined],
    ['-bad.example.jp', undefined],
    ['[::1]', undefined],
  ])('normalizeSite(%j) → %j', (input, out) => {
    expect(normalizeSite(input)).toBe(out);
  });

  it('site of a page URL: http(s) only', () => {
    expect(siteOfUrl('https://shop.example.jp/mypage')).toBe('shop.example.jp');
    expect(siteOfUrl('chrome://extensions')).toBeUndefined();
    expect(siteOfUrl('about:blank')).toBeUndefined();
    expect(siteOfUrl(undefined)).toBeUndefined();
  });

  it('whether a host is on: exact, *.domain (with the domain itself), all', () => {
    const sites = { all: false, hosts: ['shop.example.jp', '*.example.co.jp'] };
    expect(siteIsOn(sites, 'shop.example.jp')).toBe(true);
    expect(siteIsOn(sites, 'stg.shop.example.jp')).toBe(false);
    expect(siteIsOn(sites, 'example.co.jp')).toBe(true);
    expect(siteIsOn(sites, 'www.example.co.jp')).toBe(true);
    expect(siteIsOn(sites, 'badexample.co.jp')).toBe(false);
    expect(siteIsOn(sites, undefined)).toBe(false);
    expect(siteIsOn({ all: true, hosts: [] }, 'anything.jp')).toBe(true);
  });

  it('match patterns: none when nothing is on, <all_urls> for all sites', () => {
    expect(matchPatterns({ all: false, hosts: [] })).toEqual([]);
    expect(matchPatterns({ all: true, hosts: ['shop.example.jp'] })).toEqual(['<all_urls>']);
    expect(matchPatterns({ all: false, hosts: ['shop.example.jp', '*.example.co.jp'] })).toEqual([
      '*://shop.example.jp/*',
      '*://example.co.jp/*',
      '*://*.example.co.jp/*',
    ]);
  });

  it('a stored value is read defensively', () => {
    expect(parseSites(undefined)).toEqual({ all: false, hosts: [] });
    expect(parseSites('x')).toEqual({ all: false, hosts: [] });
    expect(parseSites({ all: 'yes', hosts: ['Shop.example.jp', 'shop.example.jp', 42, 'bad site', null] })).toEqual({ all: false, hosts: ['shop.example.jp'] });
    expect(parseSites({ all: true, hosts: Array.from({ length: 600 }, (_, i) => `s${i}.example.jp`) }).hosts).toHaveLength(500);
  });

  it('the page that made a request: Chrome initiator, Firefox documentUrl', () => {
    expect(initiatorOf({ initiator: 'https://shop.example.jp' })).toBe('https://shop.example.jp');
    expect(initiatorOf({ documentUrl: 'https://shop.example.jp/mypage' })).toBe('https://shop.example.jp/mypage');
    expect(initiatorOf({})).toBeUndefined();
  });
});
