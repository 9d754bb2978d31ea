/**
 * Page login state (RULES.md "Page login state"): an explicit choice wins; otherwise inferred
 * conservatively from the page's controls.
 * - logged-in: a logout control (text ログアウト / サインアウト / Logout / Log out / Sign out, or an
 *   href containing logout / signout / sign_out);
 * - logged-out: a login control (text ログイン / Login / Sign in together with a password field, or
 *   an href containing login / signin) and no logout control;
 * - otherwise unknown.
 *
 * The hints are collected by the HTML parser (html.ts) or by the extension's content script from
 * the live DOM; both call inferLoginState. Pure, never throws.
 */
import type { LoginState, LoginStateInfo } from './model';

export interface LoginControl {
  kind: 'link' | 'button';
  /** visible text (or aria-label / title / value when there is no text) */
  text: string;
  href?: string;
}

export interface LoginHints {
  controls: LoginControl[];
  /** the page has an `<input type="password">` */
  passwordField: boolean;
}

/** Controls considered per page (the rest are ignored). */
export const MAX_LOGIN_CONTROLS = 5_000;
const MAX_HINTS = 5;
const MAX_HINT_TEXT = 40;
const MAX_HINT_HREF = 80;

const LOGOUT_TEXT = ['ログアウト', 'サインアウト', 'logout', 'log out', 'log-out', 'sign out', 'signout', 'sign-out'];
const LOGOUT_HREF = ['logout', 'signout', 'sign_out', 'sign-out', 'log_out', 'log-out'];
const LOGIN_TEXT = ['ログイン', 'サインイン', 'login', 'log in', 'sign in', 'signin'];
const LOGIN_HREF = ['login', 'signin', 'sign_in', 'sign-in'];

/**
 * Characters NFKC leaves as they are, on their own and next to each other: ASCII, common
 * Japanese punctuation, hiragana, katakana, CJK ideographs. A text made only of them needs no
 * normalisation (most control texts of a Japanese page); anything else (full-width Latin,
 * half-width katakana, combining sound marks, compatibility characters) takes the slow path.
 */
export const NFKC_STABLE_TEXT = /^[\t-\r\x20-\x7e\u3001-\u3003\u3005-\u3011\u3014-\u301b\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe\u4e00-\u9fff]*$/;

/** Collapses runs of white space to one space and trims; returns `text` itself when nothing changes. */
export function collapseSpace(text: string): string {
  // fast path: no leading/trailing white space, no run of two, no white space other than ' '
  if (!/^\s|\s$|\s\s|[^\S ]/.test(text)) return text;
  return text.replace(/\s+/g, ' ').trim();
}

function norm(text: string | undefined): string {
  if (!text) return '';
  let t = text.length > 500 ? text.slice(0, 500) : text;
  if (!NFKC_STABLE_TEXT.test(t)) t = t.normalize('NFKC');
  return collapseSpace(t).toLowerCase();
}

function includesAny(text: string, words: readonly string[]): boolean {
  if (text === '') return false;
  for (const w of words) if (text.includes(w)) return true;
  return false;
}

function hrefPath(href: string | undefined): string {
  if (!href) return '';
  const h = (href.length > 2_000 ? href.slice(0, 2_000) : href).toLowerCase();
  // `javascript:`/`mailto:`/`tel:` links say nothing about the page's login state by their href
  if (/^\s*(javascript|mailto|tel):/.test(h)) return '';
  return h;
}

export function isLogoutControl(c: LoginControl): boolean {
  return includesAny(norm(c.text), LOGOUT_TEXT) || includesAny(hrefPath(c.href), LOGOUT_HREF);
}

/** A control whose text says log in (needs a password field on the page to count). */
export function isLoginTextControl(c: LoginControl): boolean {
  return includesAny(norm(c.text), LOGIN_TEXT);
}

/** A control whose href leads to a login page. */
export function isLoginHrefControl(c: LoginControl): boolean {
  return includesAny(hrefPath(c.href), LOGIN_HREF);
}

function short(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

/** `リンク「ログアウト」 (href=/logout)`, `ボタン「ログイン」` */
export function describeControl(c: LoginControl): string {
  const label = c.kind === 'link' ? 'リンク' : 'ボタン';
  const text = short(c.text ?? '', MAX_HINT_TEXT);
  const href = c.href ? ` (href=${short(c.href, MAX_HINT_HREF)})` : '';
  return `${label}${text ? `「${text}」` : ''}${href}`;
}

export const PASSWORD_FIELD_HINT = 'パスワード入力欄 (input type=password)';

/**
 * A hint (describeControl, PASSWORD_FIELD_HINT; stored in Japanese in snapshots) for a reader of
 * `lang`: `リンク「ログアウト」 (href=/logout)` reads `link "ログアウト" (href=/logout)` in English.
 * The control's own text stays as the page shows it.
 */
export function hintText(lang: 'ja' | 'en', hint: string): string {
  if (lang === 'ja') return hint;
  if (hint === PASSWORD_FIELD_HINT) return 'password field (input type=password)';
  const m = /^(リンク|ボタン)(?:「([\s\S]*)」)?((?: \(href=[^)]*\))?)((?: \(パスワード入力欄なし\))?)$/.exec(hint);
  if (!m) return hint;
  const kind = m[1] === 'リンク' ? 'link' : 'button';
  return `${kind}${m[2] !== undefined ? ` "${m[2]}"` : ''}${m[3]}${m[4] ? ' (no password field)' : ''}`;
}

/** A login state chosen by a person (panel toggle, CLI --state, per-page override). */
export function explicitLoginState(value: LoginState): LoginStateInfo {
  return { value, source: 'explicit', hints: [] };
}

/**
 * Infers the login state from the page's controls; `explicit` (when given) wins.
 */
export function inferLoginState(hints: LoginHints, explicit?: LoginState): LoginStateInfo {
  if (explicit) return explicitLoginState(explicit);
  const controls = Array.isArray(hints?.controls) ? hints.controls.slice(0, MAX_LOGIN_CONTROLS) : [];
  const passwordField = hints?.passwordField === true;
  const logout: LoginControl[] = [];
  const loginHref: LoginControl[] = [];
  const loginText: LoginControl[] = [];
  for (const c of controls) {
    if (!c || typeof c !== 'object') continue;
    const control: LoginControl = {
      kind: c.kind === 'link' ? 'link' : 'button',
      text: typeof c.text === 'string' ? c.text : '',
      ...(typeof c.href === 'string' ? { href: c.href } : {}),
    };
    // the text normalised once for both word lists
    const text = norm(control.text);
    const href = hrefPath(control.href);
    if (includesAny(text, LOGOUT_TEXT) || includesAny(href, LOGOUT_HREF)) logout.push(control);
    else if (includesAny(href, LOGIN_HREF)) loginHref.push(control);
    else if (includesAny(text, LOGIN_TEXT)) loginText.push(control);
  }
  if (logout.length > 0) {
    return { value: 'logged-in', source: 'inferred', hints: logout.slice(0, MAX_HINTS).map(describeControl) };
  }
  if (loginHref.length > 0 || (passwordField && loginText.length > 0)) {
    const found = [...loginHref, ...(passwordField ? loginText : [])].slice(0, MAX_HINTS).map(describeControl);
    if (passwordField) found.push(PASSWORD_FIELD_HINT);
    return { value: 'logged-out', source: 'inferred', hints: found };
  }
  // unknown: say what was (not) found, so a person can decide
  const partial = loginText.slice(0, MAX_HINTS).map((c) => `${describeControl(c)} (パスワード入力欄なし)`);
  if (passwordField) partial.push(PASSWORD_FIELD_HINT);
  return { value: 'unknown', source: 'inferred', hints: partial };
}
