import type { Evidence, NetworkRequest } from '../../model';
import type { Rule, RuleReport } from '../types';
import { DOC_000, clip, executedTags, tagEvidence } from './_shared';

/** The source list that governs scripts in a Content-Security-Policy (script-src-elem, script-src, default-src). */
export function cspScriptSources(csp: string): string[] | undefined {
  const directives = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), values);
  }
  return directives.get('script-src-elem') ?? directives.get('script-src') ?? directives.get('default-src');
}

/** Whether a CSP allows loading a script from `url` (host sources, schemes, `*`; nonces and hashes do not cover a host). */
export function cspAllowsScript(csp: string, url: string, pageUrl?: string): boolean {
  const sources = cspScriptSources(csp);
  if (!sources) return true;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return true;
  }
  for (const raw of sources) {
    const s = raw.toLowerCase();
    if (s === '*' ) return true;
    if (s === `${u.protocol}`) return true;
    if (s === "'self'" && pageUrl) {
      try {
        if (new URL(pageUrl).origin === u.origin) return true;
      } catch {
        /* not a URL: not same origin */
      }
      continue;
    }
    if (s.startsWith("'")) continue;
    const m = /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*\.)?([^/:]+)(?::(\d+|\*))?(\/.*)?$/.exec(s);
    if (!m) continue;
    const [, scheme, wildcard, host] = m;
    if (scheme && `${scheme}:` !== u.protocol) continue;
    const h = u.hostname.toLowerCase();
    if (wildcard ? h.endsWith(`.${host}`) : h === host) return true;
  }
  return false;
}

function requestEvidence(r: NetworkRequest): Evidence {
  return { source: 'network', requestId: r.id, url: r.url, text: clip(`${r.method} ${r.url} → ${r.error ?? r.status ?? '?'}`, 300) };
}

/**
 * 000: nothing of the linkage works when the widget itself does not load. The network shows why:
 * never requested, an HTTP error, blocked by an extension or by the site's Content-Security-Policy.
 */
const rule: Rule = {
  scope: 'page',
  meta: {
    id: 'oksky/widget-load-failed',
    severity: 'error',
    title: { ja: 'ウィジェットのスクリプトが読み込まれていません', en: 'The widget script did not load' },
    messages: {
      'not-requested': {
        ja: 'ページに OK SKY のタグがありますが、ウィジェットのスクリプト（{url}）が読み込まれていません。タグのローダー部分が実行されていないため、チャットも会員情報連携も動作しません。',
        en: 'The page has an OK SKY tag, but the widget script ({url}) was never requested. The loader part of the tag did not run, so neither the chat nor the member linkage works.',
      },
      status: {
        ja: 'ウィジェットのスクリプト（{url}）の読み込みが HTTP {status} で失敗しています。URL（テナント名・ドメイン）が正しいかをご確認下さい。スクリプトが読み込めないため、チャットも会員情報連携も動作しません。',
        en: 'Loading the widget script ({url}) failed with HTTP {status}. Check the URL (tenant and domain). Without the script neither the chat nor the member linkage works.',
      },
      blocked: {
        ja: 'ウィジェットのスクリプト（{url}）の読み込みがブロックされました（{error}）。広告ブロッカーなどの拡張機能やセキュリティソフトが原因の可能性があります。この来訪者の環境ではチャットも会員情報連携も動作しません。',
        en: 'Loading the widget script ({url}) was blocked ({error}), probably by an ad blocker or security software. In this visitor\'s browser neither the chat nor the member linkage works.',
      },
      csp: {
        ja: 'ウィジェットのスクリプト（{url}）が、サイトの Content-Security-Policy（script-src）で許可されていないため読み込めません。チャットも会員情報連携も動作しません。',
        en: 'The widget script ({url}) is not allowed by the site\'s Content-Security-Policy (script-src) and cannot load. Neither the chat nor the member linkage works.',
      },
      error: {
        ja: 'ウィジェットのスクリプト（{url}）の読み込みがエラーになりました（{error}）。チャットも会員情報連携も動作しません。',
        en: 'Loading the widget script ({url}) failed ({error}). Neither the chat nor the member linkage works.',
      },
    },
    fix: {
      ja: 'ウィジェットのスクリプト {url} が読み込まれるようにしてください（タグのローダー部分・URL の確認、CSP の script-src に {host} を追加するなど）。',
      en: 'Make sure the widget script {url} loads (check the loader part of the tag and its URL; add {host} to the CSP script-src, ...).',
    },
    source: { doc: DOC_000, section: '会員情報の連携のタグを埋めたがルームに情報が届かない' },
    requires: ['network', 'oksky-tag'],
  },
  check(_ctx, page) {
    if (!page) return [];
    const tags = [...executedTags(page).tags, ...page.oksky.staticTags];
    const tag = tags.find((t) => t.widgetUrl) ?? tags[0];
    const url = tag?.widgetUrl ?? page.widgetRequests[0]?.url ?? 'widget.js';
    let host = tag?.widgetHost ?? '';
    try {
      host = host || new URL(url).hostname;
    } catch {
      /* keep empty */
    }
    const data = { url, host: host || url };
    const reqs = page.widgetRequests;
    if (reqs.some((r) => !r.error && (r.status === undefined || (r.status > 0 && r.status < 400)))) return [];
    const reports: RuleReport[] = [];
    if (reqs.length > 0) {
      const r = reqs[reqs.length - 1];
      const err = r.error ?? '';
      const d = { ...data, url: r.url };
      if (/csp|content.security/i.test(err)) reports.push({ messageId: 'csp', data: d, evidence: [requestEvidence(r)] });
      else if (/block/i.test(err)) reports.push({ messageId: 'blocked', data: { ...d, error: clip(err, 100) }, evidence: [requestEvidence(r)] });
      else if (err) reports.push({ messageId: 'error', data: { ...d, error: clip(err, 100) }, evidence: [requestEvidence(r)] });
      else reports.push({ messageId: 'status', data: { ...d, status: r.status ?? 0 }, evidence: [requestEvidence(r)] });
      return reports;
    }
    if (page.page.csp && tag?.widgetUrl && !cspAllowsScript(page.page.csp, tag.widgetUrl, page.page.url)) {
      return [{ messageId: 'csp', data, evidence: [tagEvidence(tag), { source: 'static', text: clip(`Content-Security-Policy: ${page.page.csp}`, 300) }] }];
    }
    // a script that does not parse never reaches its loader: oksky/smart-quotes or tag-syntax-error explain it
    if (page.oksky.syntaxErrors.some((e) => e.holdsTag)) return [];
    if (!tag || !tag.widgetUrl || tag.loaderCount === 0) return [];
    return [{ messageId: 'not-requested', data, evidence: [tagEvidence(tag)] }];
  },
};

export default rule;
