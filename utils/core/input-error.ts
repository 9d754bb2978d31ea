/**
 * The one error the input layer throws on purpose: the file cannot be used (unreadable,
 * unrecognised, malformed, too big). The CLI prints `file: reason` on one line and exits 2; the
 * extension shows the reason. Reasons exist in Japanese and English. Anything else thrown from
 * the input layer is a bug.
 */
import type { Lang } from './model';

const REASONS = {
  empty: { ja: '空のファイルです', en: 'empty file' },
  blank: { ja: '空白しか含まれていないファイルです', en: 'the file holds only white space' },
  'too-large': {
    ja: 'ファイルが大きすぎます({size} バイト。上限は {limit} バイト)',
    en: 'file too large ({size} bytes; the limit is {limit} bytes)',
  },
  binary: {
    ja: 'バイナリファイルです({detail})。HTML ページ・HAR・JSON を指定してください',
    en: 'binary file ({detail}), not an HTML page, HAR or JSON',
  },
  undecodable: {
    ja: 'テキストとして読めません({detail})',
    en: 'not readable as text ({detail})',
  },
  'json-syntax': { ja: 'JSON として正しくありません({detail})', en: 'not valid JSON ({detail})' },
  'json-too-deep': {
    ja: 'JSON の入れ子が深すぎます({max} 段を超えています)',
    en: 'JSON nested more than {max} levels deep',
  },
  'har-invalid': { ja: 'HAR に log.entries の配列がありません', en: 'HAR without a "log.entries" array' },
  'snapshot-invalid': {
    ja: '連携ドクターのスナップショットとして正しくありません({detail})',
    en: 'not a valid renkei snapshot ({detail})',
  },
  unrecognised: {
    ja: '何のファイルか判別できません(HTML ページ・HAR・/login ペイロード・チャネルトークの boot オプション・スナップショットのいずれでもありません)',
    en: 'not recognised: not an HTML page, a HAR, a /login payload, a Channel Talk boot option or a renkei snapshot',
  },
  'unrecognised-json': {
    ja: '何の JSON か判別できません(HAR の log.entries、スナップショット、/login ペイロードの query、チャネルトークの pluginKey のいずれもありません)',
    en: 'JSON not recognised: not a HAR (log.entries), a renkei snapshot, a /login payload (query) or a Channel Talk boot option (pluginKey)',
  },
  'snapshot-mixed': {
    ja: 'スナップショットは他のファイルと一緒に解析できません(単独で指定するか renkei compare を使ってください)',
    en: 'a snapshot cannot be analysed together with other files (give it alone, or use renkei compare)',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type InputErrorCode = keyof typeof REASONS;

export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly code: InputErrorCode,
    readonly data: Record<string, string | number> = {},
    readonly file?: string,
  ) {
    const reason = fillReason(REASONS[code].en, data);
    super(file ? `${file}: ${reason}` : reason);
  }

  /** The reason in one line, without the file name. */
  reason(lang: Lang = 'en'): string {
    return oneLine(fillReason(REASONS[this.code][lang], this.data), 400);
  }

  /** The same error, naming the file it came from. */
  withFile(file: string): InputError {
    return new InputError(this.code, this.data, file);
  }
}

function fillReason(template: string, data: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in data ? String(data[k]) : m));
}

/** One printable line: no control characters, bounded. */
export function oneLine(text: string, max = 300): string {
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
