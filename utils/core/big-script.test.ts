/**
 * A vendor tag at the end of megabytes of unrelated script is still diagnosed (issue: limits that
 * speak): 5, 20 and 50 MB inline scripts, generated here (nothing this size is committed).
 * Speed is measured by `npm run bench:analyze`, not here.
 */
import { describe, expect, it } from 'vitest';
import { bigScriptPage, type BigVendor } from '../../tests/fixtures/big/big-script';
import { analyzeSession } from './analyze';
import { parseHtmlPage } from './html';
import { verdictOf } from './verdict';

const MB = 1024 * 1024;

function analyse(vendor: BigVendor, chars: number, broken: boolean) {
  const big = bigScriptPage(vendor, chars, { broken });
  const page = parseHtmlPage(big.html, 'https://shop.example.jp/mypage', { id: 'p1', time: 0 });
  const result = analyzeSession({ pages: [page], requests: [] }, { salt: 'big', strict: true });
  return { big, page, result };
}

describe.each([5, 20, 50])('a tag at the end of a %i MB inline script', (mb) => {
  it('OK SKY: the missing loginKey is found at its line, and what was not parsed is said', { timeout: 120_000 }, () => {
    const { big, page, result } = analyse('oksky', mb * MB, true);
    expect(page.scripts.some((s) => s.fragment === true)).toBe(true);
    const f = result.findings.find((x) => x.ruleId === 'oksky/loginkey-missing');
    expect(f, result.findings.map((x) => x.ruleId).join(', ')).toBeDefined();
    const lines = f!.evidence.map((e) => e.location?.line).filter((l): l is number => l !== undefined);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l).toBeGreaterThanOrEqual(big.tagLine);
    for (const l of lines) expect(l).toBeLessThanOrEqual(big.tagLine + 3);
    // no false syntax error from the fragment's edges
    expect(result.findings.map((x) => x.ruleId)).not.toContain('oksky/tag-syntax-error');
    const limited = result.findings.find((x) => x.ruleId === 'renkei/input-limited');
    expect(limited?.message).toContain('一部を読んでいません');
    const v = verdictOf(result);
    expect(v.kind).toBe('problems');
    expect(v.limited).toBe(true);
    expect(v.vendors.find((x) => x.vendor === 'oksky')).toMatchObject({ found: true, where: ['static'] });
  });

  it('Channel Talk: the boot without pluginKey is found at its line', { timeout: 120_000 }, () => {
    const { big, result } = analyse('channeltalk', mb * MB, true);
    const f = result.findings.find((x) => x.ruleId === 'channeltalk/plugin-key-missing');
    expect(f, result.findings.map((x) => x.ruleId).join(', ')).toBeDefined();
    const line = f!.evidence.find((e) => e.location)?.location?.line;
    expect(line).toBeGreaterThanOrEqual(big.tagLine);
    expect(line).toBeLessThanOrEqual(big.tagLine + 2);
    expect(result.findings.map((x) => x.ruleId)).not.toContain('channeltalk/tag-syntax-error');
  });
});

describe('a correct tag at the end of a 5 MB inline script', () => {
  it('is read (no false error) but never shown as 「問題は見つかりませんでした」: the whole script was not parsed', { timeout: 120_000 }, () => {
    const { result } = analyse('oksky', 5 * MB, false);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const tag = result.pages[0].oksky.staticTags[0];
    expect(tag.loginKeys).toEqual(['customer_id']);
    expect(tag.key).toBe('kobuna-s-001-0D5ACD179B043831');
    const v = verdictOf(result);
    expect(v.kind).toBe('clear');
    expect(v.limited).toBe(true);
    expect(v.headline.ja).not.toContain('問題は見つかりませんでした');
    expect(v.headline.ja).toContain('一部を読んでいません');
    expect(v.headline.en).not.toMatch(/no problems? found/i);
  });
});
