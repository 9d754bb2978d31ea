import { describe, expect, it } from 'vitest';
import { describeControl, hintText, PASSWORD_FIELD_HINT } from './state';

describe('hintText: the login-state hints (stored in Japanese) for an English reader', () => {
  it('translates the frame and keeps the control text as the page shows it', () => {
    expect(hintText('en', describeControl({ kind: 'link', text: 'ログアウト', href: '/logout' }))).toBe('link "ログアウト" (href=/logout)');
    expect(hintText('en', describeControl({ kind: 'button', text: 'Sign in' }))).toBe('button "Sign in"');
    expect(hintText('en', `${describeControl({ kind: 'button', text: 'ログイン' })} (パスワード入力欄なし)`)).toBe('button "ログイン" (no password field)');
    expect(hintText('en', PASSWORD_FIELD_HINT)).toBe('password field (input type=password)');
    expect(hintText('en', describeControl({ kind: 'link', text: '', href: '/logout' }))).toBe('link (href=/logout)');
  });

  it('leaves Japanese as it is and an unknown hint unchanged', () => {
    expect(hintText('ja', 'リンク「ログアウト」')).toBe('リンク「ログアウト」');
    expect(hintText('en', 'something else')).toBe('something else');
  });
});
