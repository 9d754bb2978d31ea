/**
 * Small shared pieces of the evaluate functions: value formats the documents name, evidence
 * texts (secrets masked), and the common "field must be filled / must be on / must be off" checks.
 */
import type { Evidence } from '../model';
import type { Field } from './read-fields';
import type { EvalContext, ItemEval, Localized } from './types';
import { findField, findFields, isHiddenValue, isOn, isUnselected, type KnownField } from './vocabulary';

export const TEN_DIGITS = /^\d{10}$/u;
export const HEX32 = /^[0-9a-f]{32}$/iu;
/** 002 【1】: the friend-add URL LINE OAM creates */
export const FRIEND_URL = /^https:\/\/(?:lin\.ee\/[A-Za-z0-9_-]+|line\.me\/R\/ti\/p\/(?:@|%40)?[A-Za-z0-9_.@%-]+)\/?(?:[?#].*)?$/u;
export const EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/u;

/** Trim, and turn full-width digits/letters typed by mistake into their half-width form for checks. */
export function cleanValue(v: string): string {
  return v.normalize('NFKC').trim();
}

export function fieldEvidence(field: Field, shown: string, text?: string): Evidence {
  return { source: 'static', text: text ?? `「${field.label}」: ${shown === '' ? '(空)' : shown}` };
}

export const NOT_ON_PAGE: Localized = { ja: 'この画面には該当する項目がありません。', en: 'This page does not show the field.' };
export const HIDDEN_SECRET: Localized = {
  ja: '値が伏せ字で表示されているため確認できません(設定済みに見えます)。',
  en: 'The value is shown masked, so it cannot be checked (it looks set).',
};

/** A text field that must be filled and match a format. `secret` values are only shown masked. */
export function checkFormat(
  ctx: EvalContext,
  name: KnownField,
  test: (v: string) => boolean,
  opts: { secret?: boolean } = {},
): ItemEval | undefined {
  const f = findField(ctx.page, name);
  if (!f) return undefined;
  const raw = f.value;
  if (opts.secret && isHiddenValue(raw)) return { state: 'unknown', note: HIDDEN_SECRET, evidence: [fieldEvidence(f, raw)] };
  const v = cleanValue(raw);
  const shown = opts.secret ? ctx.mask(v) : v;
  if (!v) return { state: 'fail', messageId: 'empty', data: { label: f.label }, evidence: [fieldEvidence(f, '')] };
  if (!test(v)) {
    const data: Record<string, string | number> = { label: f.label, value: shown, length: Array.from(v).length };
    if (v !== raw.trim()) data.note = 'width';
    return { state: 'fail', messageId: 'format', data, evidence: [fieldEvidence(f, shown)] };
  }
  if (v !== raw.trim() && /[０-９Ａ-Ｚａ-ｚ]/u.test(raw)) {
    // full-width characters typed: the format is right only after conversion
    return { state: 'fail', messageId: 'fullwidth', data: { label: f.label, value: shown }, evidence: [fieldEvidence(f, shown)] };
  }
  return { state: 'pass', evidence: [fieldEvidence(f, shown)] };
}

/** A text field that must not be empty. */
export function checkFilled(ctx: EvalContext, name: KnownField, opts: { secret?: boolean } = {}): ItemEval | undefined {
  const f = findField(ctx.page, name);
  if (!f) return undefined;
  if (opts.secret && isHiddenValue(f.value)) return { state: 'pass', note: HIDDEN_SECRET, evidence: [fieldEvidence(f, f.value)] };
  const v = cleanValue(f.value);
  const shown = opts.secret ? ctx.mask(v) : v;
  if (!v || (f.control === 'select' && isUnselected(v))) return { state: 'fail', messageId: 'empty', data: { label: f.label }, evidence: [fieldEvidence(f, '')] };
  return { state: 'pass', evidence: [fieldEvidence(f, shown)] };
}

function onOffText(on: boolean | undefined): string {
  return on === undefined ? '?' : on ? 'オン' : 'オフ';
}

/** A toggle that must be in the wanted state. */
export function checkToggle(ctx: EvalContext, name: KnownField, want: boolean): ItemEval | undefined {
  const f = findField(ctx.page, name);
  if (!f) return undefined;
  const on = isOn(f);
  const ev = [fieldEvidence(f, onOffText(on))];
  if (on === undefined) return { state: 'unknown', evidence: ev, note: { ja: `「${f.label}」のオン/オフが読み取れません。`, en: `Cannot read whether "${f.label}" is on or off.` } };
  return on === want ? { state: 'pass', evidence: ev } : { state: 'fail', data: { label: f.label, value: onOffText(on) }, evidence: ev };
}

/** `A ⇒ B` items: when the integration is disabled the item does not apply (a pass with a note). */
export function whenEnabled(
  ctx: EvalContext,
  toggle: KnownField,
  what: Localized,
  then: () => ItemEval | undefined,
): ItemEval | undefined {
  const f = findField(ctx.page, toggle);
  const on = isOn(f);
  if (f && on === false) {
    return { state: 'pass', note: { ja: `${what.ja}が無効のため対象外です。`, en: `${what.en} is disabled: not applicable.` }, evidence: [fieldEvidence(f, 'オフ')] };
  }
  // enabled, or the switch is not on this page / not readable: judge the fields themselves
  return then();
}

/** Every status toggle on the page (ECAI lists: one ステータス per message). */
export function statusToggles(ctx: EvalContext): { on: number; off: number; fields: Field[] } {
  const fields = findFields(ctx.page, 'status');
  let on = 0;
  let off = 0;
  for (const f of fields) {
    const s = isOn(f);
    if (s === true) on++;
    else if (s === false) off++;
  }
  return { on, off, fields };
}

/** Days from `now` (in Japan time) until a date `YYYY-MM-DD`. */
export function daysUntilJst(date: string, now: number): number {
  const [y, m, d] = date.split('-').map(Number);
  const target = Date.UTC(y, m - 1, d);
  const jst = new Date(now + 9 * 3600_000);
  const today = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate());
  return Math.round((target - today) / 86_400_000);
}
