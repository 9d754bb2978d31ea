import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cannotBeOksky, classifyOkskyRequest, isOkskyWidgetUrl, okskyWidgetInfo } from './requests';

describe('isOkskyWidgetUrl / okskyWidgetInfo', () => {
  it.each([
    ['https://kobuna-s-001.okskychat.net/widget/widget.js', true],
    ['https://kobuna-s-001.oksky-chat.net/widget/widget.js', true],
    ['https://kobuna-s-001.okskychat.net/widget/widget.js?v=2', true],
    ['https://cdn.ok-sky.com/sdk/latest/widget.js', true],
    ['https://cdn.ok-sky.com/js/multi/widget.js', true],
    ['https://okskychat.net/widget/widget.js', false],
    ['https://kobuna-s-001.okskychat.net/widget/other.js', false],
    ['https://okskychat.net.evil.example/widget/widget.js', false],
    ['https://cdn.ok-sky.com/widget.js', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isOkskyWidgetUrl(url)).toBe(expected);
  });

  it('names the tenant and domain', () => {
    expect(okskyWidgetInfo('https://kobuna-s-001.oksky-chat.net/widget/widget.js')).toEqual({
      form: 'queue',
      host: 'kobuna-s-001.oksky-chat.net',
      domain: 'oksky-chat.net',
      tenant: 'kobuna-s-001',
    });
    expect(okskyWidgetInfo('https://cdn.ok-sky.com/sdk/latest/widget.js')).toEqual({ form: 'sdk', host: 'cdn.ok-sky.com', domain: 'ok-sky.com' });
  });
});

describe('classifyOkskyRequest', () => {
  it.each([
    ['GET', 'https://kobuna-s-001.okskychat.net/widget/widget.js', 'widget-script'],
    ['GET', 'https://cdn.ok-sky.com/sdk/latest/widget.js', 'widget-script'],
    ['POST', 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/123/login', 'login'],
    ['post', 'https://tenant.ok-sky.com/rapi/v1/clients/9/login/', 'login'],
    ['POST', 'https://kobuna-s-001.oksky-chat.net/login', 'login'],
    ['GET', 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/123/login', 'other'],
    ['POST', 'https://shop.example.jp/login', 'other'],
    ['POST', 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/123/login_history', 'other'],
    ['POST', 'https://evil-okskychat.net/login', 'other'],
  ])('%s %s → %s', (method, url, expected) => {
    expect(classifyOkskyRequest({ method, url })).toBe(expected);
  });
});

describe('cannotBeOksky (the prefilter before URL parsing)', () => {
  it.each([
    'https://kobuna-s-001.OKSKYCHAT.net/widget/widget.js',
    'https://cdn.OK-SKY.com/sdk/latest/widget.js',
    'https://kobuna-s-001.%6Fkskychat.net/widget/widget.js',
    'https://kobuna-s-001.ｏｋｓｋｙchat.net/widget/widget.js',
    ' https://kobuna-s-001.okskychat.net/widget/widget.js',
    'https://kobuna-s-001.ok\tskychat.net/widget/widget.js',
  ])('keeps %j for the full parse', (url) => {
    expect(cannotBeOksky(url)).toBe(false);
  });

  it('lets through the URLs that the parser maps to OK SKY hosts (percent-escapes, full-width, tabs)', () => {
    expect(isOkskyWidgetUrl('https://kobuna-s-001.%6Fkskychat.net/widget/widget.js')).toBe(true);
    expect(isOkskyWidgetUrl('https://kobuna-s-001.ｏｋｓｋｙchat.net/widget/widget.js')).toBe(true);
    expect(classifyOkskyRequest({ url: 'https://kobuna-s-001.ok\tskychat.net/rapi/v1/clients/1/login', method: 'POST' })).toBe('login');
  });

  it('never rejects a URL whose parsed host is an OK SKY domain (property)', () => {
    const part = fc.constantFrom('ok', 'OK', 'sky', 'SKY', '-', 'chat', '.net', '.com', '%6F', '%6f', 'ｏ', 'ｋ', '\t', '\n', ' ', 'a', '/', '.', 'xn--', '@', ':');
    fc.assert(
      fc.property(fc.array(part, { maxLength: 12 }), fc.constantFrom('https://', 'http://', 'HTTPS://', 'https:\\\\'), (parts, scheme) => {
        const url = `${scheme}${parts.join('')}/widget/widget.js`;
        let host: string | undefined;
        try {
          host = new URL(url.trim()).hostname;
        } catch {
          host = undefined;
        }
        if (host !== undefined && /ok-?sky/i.test(host)) expect(cannotBeOksky(url)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});
