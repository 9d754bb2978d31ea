import { describe, expect, it } from 'vitest';
import { classifyOkskyRequest, isOkskyWidgetUrl, okskyWidgetInfo } from './requests';

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
