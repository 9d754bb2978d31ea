import { isWriteOnceProfileKey } from '../../channeltalk/schema';
import { profileEntries, textOf } from '../../channeltalk/values';
import type { Evidence, TagCall } from '../../model';
import type { Rule, RuleReport } from '../types';
import { DOC_001, callEvidence, evidenceOf, userCalls } from './_shared';

/** Referrers can carry tokens in their query: show origin and path only. */
function shown(key: string, value: string): string {
  let s = value;
  if (key === 'referrer') {
    try {
      const u = new URL(value);
      s = `${u.origin}${u.pathname}`;
    } catch {
      s = value.replace(/[?#].*$/, '');
    }
  }
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
}

interface Seen {
  value: string;
  call: TagCall;
  pageIndex: number;
}

/**
 * 001 profile.referrer / utm*: 「1度入力すると更新できません」. A later page (or a later
 * updateUser) sending another value changes nothing: Channel Talk keeps the first.
 */
const rule: Rule = {
  scope: 'session',
  meta: {
    id: 'channeltalk/write-once-changed',
    severity: 'info',
    title: { ja: '一度しか保存されない項目に別の値を送っています', en: 'A write-once field is sent again with another value' },
    messages: {
      default: {
        ja: 'profile の {key} は「1度入力すると更新できません」項目ですが、最初に「{first}」を送ったあと、別の値（{others}）を送っています。チャネルトークには最初の値「{first}」が残り、あとの値は保存されません。',
        en: 'profile {key} cannot be updated once set, but after "{first}" the site sends other values ({others}). Channel Talk keeps the first value "{first}"; the later ones are not stored.',
      },
    },
    fix: {
      ja: '{key} は流入時の値を記録する項目です。最新の値を残したい場合は、別の camelCase のキー（例: lastUtmSource）を [顧客プロフィール情報] に追加して送信してください。最初の流入元を記録したいだけなら対応は不要です。',
      en: '{key} records the value at the first visit. To keep the latest value, send it under another camelCase key (e.g. lastUtmSource) added under Customer profile. If the first source is what you want, nothing needs to change.',
    },
    source: { doc: DOC_001, section: '活用可能なデータ項目 (1度入力すると更新できません)' },
    requires: ['channeltalk-tag'],
  },
  check(ctx) {
    const first = new Map<string, Seen>();
    const later = new Map<string, Seen[]>();
    for (const page of ctx.pages) {
      const ev = evidenceOf(page);
      if (!ev) continue;
      for (const call of userCalls(ev)) {
        for (const e of profileEntries(call)) {
          if (!isWriteOnceProfileKey(e.key)) continue;
          const value = textOf(e.value);
          if (value === undefined || value.trim() === '') continue;
          const f = first.get(e.key);
          if (!f) {
            first.set(e.key, { value, call, pageIndex: page.index });
            continue;
          }
          if (f.value === value) continue;
          const list = later.get(e.key) ?? [];
          if (!list.some((s) => s.value === value)) list.push({ value, call, pageIndex: page.index });
          later.set(e.key, list);
        }
      }
    }
    const reports: RuleReport[] = [];
    for (const [key, others] of later) {
      const f = first.get(key) as Seen;
      const evidence: Evidence[] = [
        callEvidence(ctx, f.call, undefined, `${ctx.pages[f.pageIndex]?.page.url ?? ''} ${key} = ${shown(key, f.value)}`),
        ...others.slice(0, 5).map((o) => callEvidence(ctx, o.call, undefined, `${ctx.pages[o.pageIndex]?.page.url ?? ''} ${key} = ${shown(key, o.value)}`)),
      ];
      reports.push({
        pageIndex: others[0].pageIndex,
        data: { key, first: shown(key, f.value), others: others.slice(0, 5).map((o) => `"${shown(key, o.value)}"`).join(', ') },
        evidence,
      });
    }
    return reports;
  },
};

export default rule;
