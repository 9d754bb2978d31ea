/**
 * The comparison's rows in words. `compareRows` (utils/core/compare.ts) names each row with a
 * technical key (`env`, `/mypage [logged-in] loginKey`, `findings (errors / warnings / infos)` …),
 * which `renkei compare` prints as they are (a CLI contract). The panel shows them as labels
 * in the reader's language, grouped by page, with a verdict that is a word, not only a colour.
 */
import type { CompareRow } from '@/utils/core/compare';
import type { Lang } from '@/utils/core/model';
import { cs, type CompareString } from './strings';

export type RowKind =
  | 'env'
  | 'site'
  | 'loginState'
  | 'page'
  | 'tag'
  | 'widgetHost'
  | 'key'
  | 'loginKey'
  | 'linkage'
  | 'keywords'
  | 'value'
  | 'query'
  | 'summary'
  | 'finding'
  | 'other';

export interface RowInfo {
  kind: RowKind;
  /** the page key (`/mypage [logged-in]` or `/mypage`) of a per-page row */
  page?: string;
  /** the keyword of a `value` row, the rule id of a `finding` row */
  name?: string;
}

const PAGE_KINDS: Record<string, RowKind> = {
  page: 'page',
  'OK SKY tag': 'tag',
  'widget host': 'widgetHost',
  key: 'key',
  loginKey: 'loginKey',
  linkage: 'linkage',
  keywords: 'keywords',
  '/login query': 'query',
};

// a page key is a path (no spaces: URL paths are encoded) with an optional `[state]`
const PAGE = String.raw`(\S+(?: \[[a-z-]+\])?)`;
const PER_PAGE = new RegExp(`^${PAGE} (page|OK SKY tag|widget host|key|loginKey|linkage|keywords|/login query)$`);
const VALUE = new RegExp(`^${PAGE} value (.+)$`);

/** What a row of compareRows is about (`other` for a key this version does not know). */
export function parseAspect(aspect: string): RowInfo {
  if (aspect === 'env') return { kind: 'env' };
  if (aspect === 'site') return { kind: 'site' };
  if (aspect === 'login state') return { kind: 'loginState' };
  if (aspect === 'findings (errors / warnings / infos)') return { kind: 'summary' };
  if (aspect.startsWith('finding ')) return { kind: 'finding', name: aspect.slice('finding '.length) };
  const v = VALUE.exec(aspect);
  if (v) return { kind: 'value', page: v[1], name: v[2] };
  const m = PER_PAGE.exec(aspect);
  if (m) return { kind: PAGE_KINDS[m[2]!]!, page: m[1] };
  return { kind: 'other' };
}

export type RowStatus = 'same' | 'diff' | 'expected' | 'context' | 'not-comparable';

/**
 * diff: a difference to check; expected: differs as it should (login states); context: the
 * records' own environment (env label, site) — what was chosen to compare, not a problem.
 */
export function rowStatus(row: CompareRow, info = parseAspect(row.aspect)): RowStatus {
  if (row.comparable === false) return 'not-comparable';
  if (row.same) return 'same';
  if (row.expected) return 'expected';
  if (info.kind === 'env' || info.kind === 'site') return 'context';
  return 'diff';
}

const STATE_KEY: Record<string, CompareString> = { 'logged-in': 'state_logged_in', 'logged-out': 'state_logged_out', unknown: 'state_unknown' };

/** `/mypage [logged-in]` → 「/mypage（ログイン中）」 */
export function pageLabel(key: string, lang: Lang): string {
  const m = /^(\S+) \[([a-z-]+)\]$/.exec(key);
  const state = m ? STATE_KEY[m[2]!] : undefined;
  if (!m || !state) return key;
  return lang === 'ja' ? `${m[1]}（${cs(lang, state)}）` : `${m[1]} (${cs(lang, state)})`;
}

const SIMPLE: Partial<Record<RowKind, CompareString>> = {
  env: 'row_env',
  site: 'row_site',
  loginState: 'row_loginState',
  page: 'row_page',
  tag: 'row_tag',
  widgetHost: 'row_widgetHost',
  key: 'row_key',
  loginKey: 'row_loginKey',
  linkage: 'row_linkage',
  keywords: 'row_keywords',
  query: 'row_query',
  summary: 'row_summary',
};

/** The row's label; `ruleTitle` names a rule id in the reader's language. */
export function rowLabel(row: CompareRow, lang: Lang, ruleTitle: (id: string) => string | undefined, info = parseAspect(row.aspect)): string {
  if (info.kind === 'value') return cs(lang, 'row_value', { name: info.name ?? '' });
  if (info.kind === 'finding') return cs(lang, 'row_finding', { title: ruleTitle(info.name ?? '') ?? info.name ?? '' });
  const key = SIMPLE[info.kind];
  return key ? cs(lang, key) : row.aspect;
}

const word = (lang: Lang, key: string, fallback: string) => {
  const k = key as CompareString;
  return k in WORDS ? cs(lang, k) : fallback;
};
const WORDS = Object.fromEntries(
  [
    'label_staging',
    'label_production',
    'state_logged_in',
    'state_logged_out',
    'state_unknown',
    'v_form_queue',
    'v_form_sdk',
    'v_origin_static',
    'v_origin_runtime',
    'v_origin_network',
    'v_kind_string',
    'v_kind_number',
    'v_kind_unknown',
    'v_kind_empty',
    'v_kind_placeholder',
    'v_query_ok',
    'v_query_empty',
    'v_query_absent',
    'v_query_unreadable',
  ].map((k) => [k, true]),
);
const paren = (lang: Lang, s: string) => (lang === 'ja' ? `（${s}）` : ` (${s})`);

/** A cell's value in words (the values themselves — hosts, keys, masked values — stay as they are). */
export function valueText(value: string, info: RowInfo, lang: Lang): string {
  if (value === '—') return value;
  switch (info.kind) {
    case 'env':
      return word(lang, `label_${value}`, value);
    case 'loginState':
      return value
        .split(', ')
        .map((s) => word(lang, `state_${s.replace('-', '_')}`, s))
        .join(lang === 'ja' ? '、' : ', ');
    case 'tag':
      return value
        .split(', ')
        .map((t) => {
          const [form, origin] = t.split('/');
          return `${word(lang, `v_form_${form}`, form ?? t)}${origin ? paren(lang, word(lang, `v_origin_${origin}`, origin)) : ''}`;
        })
        .join(', ');
    case 'linkage':
      return value === 'true' ? cs(lang, 'v_yes') : value === 'false' ? cs(lang, 'v_no') : value;
    case 'value':
      // `A1***67 (string), (unknown)`: the kind in parentheses
      return value.replace(/(?<!,) ?\((string|number|unknown|empty|placeholder)\)/g, (m, k: string) => {
        const kind = cs(lang, `v_kind_${k}` as CompareString);
        return lang === 'ja' ? `（${kind}）` : `${m.startsWith(' ') ? ' ' : ''}(${kind})`;
      });
    case 'query':
      // `ok (customer_id, name); empty`
      return value
        .split('; ')
        .map((q) => {
          const m = /^(ok|empty|absent|unreadable)(?: \((.*)\))?$/.exec(q);
          return m ? `${cs(lang, `v_query_${m[1]}` as CompareString)}${m[2] ? paren(lang, m[2]) : ''}` : q;
        })
        .join(lang === 'ja' ? '、' : '; ');
    case 'summary': {
      const m = /^(\d+) \/ (\d+) \/ (\d+)$/.exec(value);
      return m ? cs(lang, 'slotCounts', { errors: m[1]!, warnings: m[2]!, infos: m[3]! }) : value;
    }
    default:
      return value;
  }
}
