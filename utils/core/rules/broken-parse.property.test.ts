/**
 * RULES.md "A broken parse never invents findings": random corruption of valid tags (a character
 * inserted or removed, an unrendered template expression pasted in) never yields a finding other
 * than the syntax error and the findings the valid tag itself has. No key, value or missing-key
 * finding may rest on text the tolerant parser had to guess. The corruptions break the structure
 * (punctuation inserted or removed outside string literals, template expressions pasted in), so
 * every value the tag holds is unchanged and any new finding would be invented.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeSession } from '../analyze';
import { assembleSession, recogniseText } from '../input';
import type { Finding } from '../model';

const SYNTAX_IDS = new Set(['channeltalk/tag-syntax-error', 'oksky/tag-syntax-error', 'oksky/smart-quotes']);

const CHANNEL_SNIPPET =
  "(function(){var w=window;if(w.ChannelIO){return;}var ch=function(){ch.c(arguments);};ch.q=[];ch.c=function(args){ch.q.push(args);};w.ChannelIO=ch;function l(){var s=document.createElement('script');s.src='https://cdn.channel.io/plugin/ch-plugin-web.js';document.head.appendChild(s);}l();})();";

/** valid tags, each with its own findings (some none, some a few) */
const TAGS = [
  `${CHANNEL_SNIPPET}\nChannelIO('boot', {\n  "pluginKey": "c1a2b3c4-0000-4000-8000-000000000000",\n  "memberId": "user-0001",\n  "memberHash": "9f86d081884c7d659a2feaa0c55ad015",\n  "profile": { "name": "山田", "mobileNumber": "+819012345678", "lastOrderAt": 1735689600000 }\n});`,
  `${CHANNEL_SNIPPET}\nChannelIO('boot', {\n  pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000',\n  memberId: 'user-0001',\n  profile: { mobileNumber: '090-1234-5678', 'order count': 3 }\n});\nChannelIO('updateUser', { profile: {} });`,
  `(function(d,w,n){w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)};var s=d.createElement("script");s.async=1;s.src="https://kobuna-s-001.okskychat.net/widget/widget.js";d.head.appendChild(s);})(document,window,"OkskyChat");\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", "customer_id");\nOkskyChat("customer_id", "A1234593");`,
  `(function(d,w,n){w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)};var s=d.createElement("script");s.async=1;s.src="https://kobuna-s-001.okskychat.net/widget/widget.js";d.head.appendChild(s);})(document,window,"OkskyChat");\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", "custmer_id");\nOkskyChat("customer_id", "xxxxx");`,
];

const page = (script: string) => `<!doctype html>\n<html><body>\n<a href="/logout">ログアウト</a>\n<script>\n${script}\n</script>\n</body></html>\n`;
function analyzeHtml(html: string): Finding[] {
  const input = recogniseText(html, 'page.html', { url: 'https://www.shop.example.jp/mypage' });
  return analyzeSession(assembleSession([input]), { lang: 'en', salt: 's' }).findings;
}
const findingIds = (script: string) => analyzeHtml(page(script)).map((f) => f.ruleId);

/** offset of a 1-based line and column */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) at = text.indexOf('\n', at) + 1;
  return at + column - 1;
}

const baseline = TAGS.map((t) => new Set(findingIds(t)));

/**
 * Offsets outside string literals next to punctuation: corrupting there changes the structure, not
 * a value the tag holds (a changed value may honestly change the findings; a broken structure may not).
 */
function structuralOffsets(text: string): number[] {
  const out: number[] = [];
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if ('(){}[],:;\n'.includes(c)) out.push(i);
  }
  return out;
}

const corruption = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom('{', '}', '(', ')', ',', ':', '[', '<?php echo $TPL_VAR["id"]?>', '{{ customer.id }}', '<%= @user.id %>', ' foo ', ')?>', '“'),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

describe('a broken parse never invents findings', () => {
  it('the valid tags have the findings they should (the baseline is not empty)', () => {
    expect(baseline[0].size).toBe(0);
    expect(baseline[1].size).toBeGreaterThan(0);
    expect(baseline[2].size).toBe(0);
    expect(baseline[3].size).toBeGreaterThan(0);
  });

  it('corrupted tags: only the syntax error and what the valid tag already had', () => {
    fc.assert(
      fc.property(fc.nat({ max: TAGS.length - 1 }), corruption, (which, e) => {
        let text = TAGS[which];
        const offsets = structuralOffsets(text);
        const at = offsets[e.at % offsets.length];
        // insert before the punctuation, or delete it (a newline is kept: it only separates)
        if (e.kind === 'insert') text = text.slice(0, at) + e.text + text.slice(at);
        else if (text[at] !== '\n') text = text.slice(0, at) + text.slice(at + 1);
        const html = page(text);
        const findings = analyzeHtml(html);
        const syntax = findings.find((f) => SYNTAX_IDS.has(f.ruleId));
        // only broken parses are this property's concern
        const loc = syntax?.evidence[0]?.location;
        if (!syntax || !loc) return;
        // what the valid prefix supports: the page cut at the syntax error (a corruption the parser
        // accepts up to there, like `ChannelIO('boot', )`, honestly changes what the tag says)
        const prefix = `${html.slice(0, offsetOf(html, loc.line, loc.column))}\n</script>\n</body></html>\n`;
        const supported = new Set(analyzeHtml(prefix).map((f) => f.ruleId));
        const invented = findings.map((f) => f.ruleId).filter((id) => !SYNTAX_IDS.has(id) && !baseline[which].has(id) && !supported.has(id));
        expect(invented, text).toEqual([]);
      }),
      { numRuns: 600 },
    );
  });
});
