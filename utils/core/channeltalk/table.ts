/**
 * The rows of the boot-option table (panel Tags tab, reports): each key of a `boot` /
 * `updateUser` option with its value (masked where personal), its type, the documented type and
 * what it means (index.d.ts for options, 001 for customer-data keys). Pure: the React component
 * only renders these rows.
 */
import type { Masker } from '../mask';
import type { Lang, StaticValue, TagCall } from '../model';
import { renderValue } from './render';
import { DATA_TYPE_MEANING, OPTION_FIELDS, builtinKeyInfo, isPersonalKey, isReadOnlyProfileKey, profileKeyInfo } from './schema';
import { asObject, isDateKey, isOpaqueKey, optionOf } from './values';

export interface OptionRow {
  /** `pluginKey`, `profile.email` */
  path: string;
  /** nesting level: 0 for option keys, 1 for profile keys */
  depth: number;
  /** the value as source-like text; personal values masked (unless the masker reveals) */
  value: string;
  /** the value's kind as sent: string, number, boolean, null, list, object, function, run-time */
  kind: string;
  /** the documented type: `string` (SDK), `Date` (001) …; empty when undocumented */
  documentedType: string;
  /** what it means, in the requested language; empty when the key is the site's own */
  meaning: string;
  personal: boolean;
  /** a built-in read-only key sent in the profile (ignored by Channel Talk) */
  readOnly?: boolean;
  /** a key only this site uses (not in the SDK types or 001's tables) */
  custom?: boolean;
}

export interface OptionTable {
  command: string;
  origin: 'static' | 'runtime';
  form: TagCall['form'];
  line?: number;
  /** the option is not known statically (a variable, a spread) */
  opaque: boolean;
  rows: OptionRow[];
}

const MAX_ROWS = 300;
const MAX_VALUE = 200;

function kindOf(v: StaticValue): string {
  switch (v.kind) {
    case 'array':
      return 'list';
    case 'unknown':
      return 'run-time';
    default:
      return v.kind;
  }
}

function clip(s: string): string {
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}

function profileRow(container: string, key: string, v: StaticValue, masker: Masker, lang: Lang): OptionRow {
  const documented = profileKeyInfo(key) ?? builtinKeyInfo(key);
  const readOnly = isReadOnlyProfileKey(key);
  const personal = isPersonalKey(key);
  let meaning = documented ? documented.label[lang] : '';
  if (documented?.note) meaning += ` — ${documented.note[lang]}`;
  const type = documented?.type ?? (isDateKey(key) ? 'Date' : '');
  if (!documented && type === 'Date') meaning = DATA_TYPE_MEANING.Date[lang];
  const row: OptionRow = {
    path: `${container}.${key}`,
    depth: 1,
    value: clip(renderValue(v, masker, personal)),
    kind: kindOf(v),
    documentedType: type,
    meaning,
    personal,
  };
  if (readOnly) row.readOnly = true;
  if (!documented) row.custom = true;
  return row;
}

/** The table of one `boot` / `updateUser` call. */
export function optionTable(call: TagCall, masker: Masker, lang: Lang): OptionTable {
  const option = optionOf(call);
  const obj = asObject(option);
  const table: OptionTable = {
    command: call.name,
    origin: call.origin,
    form: call.form,
    opaque: !obj || obj.entries.some((e) => isOpaqueKey(e.key)),
    rows: [],
  };
  if (call.location) table.line = call.location.line;
  if (!obj) return table;
  for (const e of obj.entries) {
    if (table.rows.length >= MAX_ROWS) break;
    if (isOpaqueKey(e.key)) continue;
    const field = OPTION_FIELDS[e.key];
    const personal = isPersonalKey(e.key) || field?.personal === true || field?.secret === true;
    const nested = (e.key === 'profile' || e.key === 'profileOnce') && e.value.kind === 'object';
    const row: OptionRow = {
      path: e.key,
      depth: 0,
      value: nested ? `{ ${(e.value as { entries: unknown[] }).entries.length} }` : clip(renderValue(e.value, masker, personal)),
      kind: kindOf(e.value),
      documentedType: field?.type ?? '',
      meaning: field ? field.meaning[lang] : '',
      personal,
    };
    if (!field) row.custom = true;
    table.rows.push(row);
    if (nested && e.value.kind === 'object') {
      for (const p of e.value.entries) {
        if (table.rows.length >= MAX_ROWS) break;
        if (isOpaqueKey(p.key)) continue;
        table.rows.push(profileRow(e.key, p.key, p.value, masker, lang));
      }
    }
  }
  return table;
}

/** Tables for the page's `boot` and `updateUser` calls, in order. */
export function optionTables(calls: readonly TagCall[], masker: Masker, lang: Lang): OptionTable[] {
  return calls.filter((c) => c.name === 'boot' || c.name === 'updateUser').slice(0, 20).map((c) => optionTable(c, masker, lang));
}
