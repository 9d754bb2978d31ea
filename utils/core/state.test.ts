import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collapseSpace, describeControl, inferLoginState, isLogoutControl, NFKC_STABLE_TEXT, type LoginControl } from './state';

const link = (text: string, href?: string): LoginControl => ({ kind: 'link', text, ...(href ? { href } : {}) });
const button = (text: string): LoginControl => ({ kind: 'button', text });

describe('inferLoginState', () => {
  it.each([
    [[link('ログアウト', '/logout')], false, 'logged-in'],
    [[button('サインアウト')], false, 'logged-in'],
    [[link('Log out')], false, 'logged-in'],
    [[link('SIGN OUT')], false, 'logged-in'],
    [[link('マイページを終了', '/member/sign_out')], false, 'logged-in'],
    [[link('', '/auth/signout?next=/')], false, 'logged-in'],
    // logout wins over login controls
    [[link('ログイン', '/login'), link('ログアウト')], true, 'logged-in'],
    [[link('ログイン', '/login')], false, 'logged-out'],
    [[link('会員の方', '/member/signin')], false, 'logged-out'],
    [[button('ログイン')], true, 'logged-out'],
    [[button('Sign in')], true, 'logged-out'],
    // a login text without a password field and without a login href says nothing
    [[button('ログイン')], false, 'unknown'],
    [[link('ホーム', '/')], false, 'unknown'],
    [[link('メール', 'mailto:logout@example.jp')], false, 'unknown'],
    [[], true, 'unknown'],
  ] as const)('%j (password field: %s) → %s', (controls, passwordField, expected) => {
    const info = inferLoginState({ controls: [...controls], passwordField });
    expect(info.value).toBe(expected);
    expect(info.source).toBe('inferred');
  });

  it('gives human-readable hints', () => {
    expect(inferLoginState({ controls: [link('ログアウト', '/logout')], passwordField: false }).hints).toEqual(['リンク「ログアウト」 (href=/logout)']);
    expect(inferLoginState({ controls: [button('ログイン')], passwordField: false }).hints).toEqual(['ボタン「ログイン」 (パスワード入力欄なし)']);
    expect(describeControl(link('', '/signout'))).toBe('リンク (href=/signout)');
  });

  it('lets an explicit state win', () => {
    expect(inferLoginState({ controls: [link('ログアウト')], passwordField: false }, 'logged-out')).toEqual({
      value: 'logged-out',
      source: 'explicit',
      hints: [],
    });
  });

  it('tolerates malformed hints from a content script', () => {
    const bad = { controls: [null, { kind: 'link', text: 42 }, { kind: 'x', text: 'ログアウト' }], passwordField: 'yes' } as unknown as Parameters<
      typeof inferLoginState
    >[0];
    expect(inferLoginState(bad).value).toBe('logged-in');
  });
});

describe('NFKC_STABLE_TEXT / collapseSpace (fast paths of the text normalisation)', () => {
  it('only lets through characters that NFKC leaves unchanged', () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const s = String.fromCharCode(c);
      if (NFKC_STABLE_TEXT.test(s) && s.normalize('NFKC') !== s) wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
  });

  it('sends full-width, half-width and combining text to NFKC', () => {
    for (const t of ['ＬＯＧＯＵＴ', 'ﾛｸﾞｱｳﾄ', 'ロク\u3099アウト', 'ログアウト\u3000']) expect(NFKC_STABLE_TEXT.test(t)).toBe(false);
    expect(isLogoutControl({ kind: 'link', text: 'ﾛｸﾞｱｳﾄ' })).toBe(true);
    expect(isLogoutControl({ kind: 'link', text: 'ロク\u3099アウト' })).toBe(true);
    expect(isLogoutControl({ kind: 'button', text: 'ＬＯＧ　ＯＵＴ' })).toBe(true);
  });

  it('collapses exactly like replace(/\\s+/g, " ").trim()', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '\t', '\n', '\u3000', '\u00a0', 'a', 'ロ', '  '), { maxLength: 20 }), (parts) => {
        const s = parts.join('');
        expect(collapseSpace(s)).toBe(s.replace(/\s+/g, ' ').trim());
      }),
    );
  });
});
