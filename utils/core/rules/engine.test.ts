import { describe, expect, it } from 'vitest';
import { formatTemplate, missingRequirements, renderReport, runRules, RuleReportError, sortFindings } from './engine';
import { queueTag, ruleContext } from './rule-tester';
import type { Finding } from '../model';
import type { Rule } from './types';

function fakeRule(over: Partial<Rule['meta']> & { check?: Rule['check']; scope?: Rule['scope'] } = {}): Rule {
  const { check, scope, ...meta } = over;
  return {
    scope: scope ?? 'page',
    meta: {
      id: 'test/fake',
      severity: 'warning',
      title: { ja: 'テスト', en: 'Test' },
      messages: { default: { ja: '値 {v}', en: 'value {v}' } },
      fix: { ja: '直す', en: 'fix it' },
      source: { doc: '000' },
      requires: ['oksky-tag'],
      ...meta,
    },
    check: check ?? (() => [{ data: { v: 1 }, evidence: [{ source: 'static' }] }]),
  };
}

describe('engine', () => {
  it('fills placeholders and throws on missing data', () => {
    expect(formatTemplate('a {x} b {y}', { x: 1, y: 'z' })).toBe('a 1 b z');
    expect(() => formatTemplate('a {x}', {})).toThrow(RuleReportError);
    expect(formatTemplate('{ key: "v" }', undefined)).toBe('{ key: "v" }');
    // data is inserted verbatim (never re-read as a template) and bounded
    expect(formatTemplate('{x}', { x: '{y}' })).toBe('{y}');
    expect(formatTemplate('{x}', { x: 'z'.repeat(5_000) })).toHaveLength(1_001);
  });

  it('throws on an undeclared message id or severity', () => {
    const ctx = ruleContext({ pages: [{ staticTags: [queueTag()] }] });
    const rule = fakeRule();
    expect(() => renderReport(rule, { messageId: 'nope', evidence: [] }, ctx, 'ja')).toThrow(/unknown messageId/);
    expect(() => renderReport(rule, { severity: 'error', data: { v: 1 }, evidence: [] }, ctx, 'ja')).toThrow(/not declared/);
    const sd = fakeRule({ severity: { stateDependent: ['warning', 'info'] } });
    expect(() => renderReport(sd, { data: { v: 1 }, evidence: [] }, ctx, 'ja')).toThrow(/state-dependent/);
    expect(renderReport(sd, { severity: 'info', data: { v: 1 }, evidence: [], pageIndex: 0 }, ctx, 'en')).toMatchObject({
      severity: 'info',
      message: 'value 1',
      page: 'https://shop.example.jp/page0',
      pageIndex: 0,
    });
  });

  it('is not applicable when evidence is missing, and says which', () => {
    const ctx = ruleContext({ pages: [{}, { staticTags: [queueTag()] }] });
    const rule = fakeRule({ requires: ['oksky-tag', 'network'] });
    expect(missingRequirements(rule, ctx, ctx.pages[0])).toEqual(['oksky-tag', 'network']);
    const run = runRules([rule], ctx);
    expect(run.outcomes).toEqual([
      { ruleId: 'test/fake', pageIndex: 0, status: 'not-applicable', missing: ['oksky-tag', 'network'] },
      { ruleId: 'test/fake', pageIndex: 1, status: 'not-applicable', missing: ['network'] },
    ]);
    expect(run.findings).toEqual([]);
  });

  it('runs page rules per page and session rules once; records fired and passed', () => {
    const ctx = ruleContext({ pages: [{ staticTags: [queueTag()] }, { staticTags: [queueTag()] }] });
    const page = fakeRule({ check: (_c, p) => (p!.index === 1 ? [{ data: { v: 2 }, evidence: [{ source: 'static' }] }] : []) });
    const session = fakeRule({ id: 'test/session', scope: 'session', requires: ['session'] });
    const run = runRules([page, session], ctx, { lang: 'en' });
    expect(run.outcomes.map((o) => o.status)).toEqual(['passed', 'fired', 'fired']);
    expect(run.findings.map((f) => [f.ruleId, f.pageIndex])).toEqual([
      ['test/fake', 1],
      ['test/session', undefined],
    ]);
  });

  it('a rule that throws: reported as an error outcome, others still run; strict rethrows', () => {
    const ctx = ruleContext({ pages: [{ staticTags: [queueTag()] }] });
    const broken = fakeRule({ id: 'test/broken', check: () => { throw new Error('boom'); } });
    const ok = fakeRule();
    const run = runRules([broken, ok], ctx);
    expect(run.outcomes[0]).toMatchObject({ ruleId: 'test/broken', status: 'not-applicable', error: 'boom' });
    expect(run.findings).toHaveLength(1);
    expect(() => runRules([broken], ctx, { strict: true })).toThrow('boom');
  });

  it('sorts error → warning → info, then page order, stable', () => {
    const f = (ruleId: string, severity: Finding['severity'], pageIndex?: number): Finding => ({ ruleId, severity, title: '', message: '', fix: '', evidence: [], pageIndex });
    const sorted = sortFindings([f('a', 'info', 0), f('b', 'warning'), f('c', 'error', 2), f('d', 'warning', 1), f('e', 'error', 0), f('g', 'error', 0)]);
    expect(sorted.map((x) => x.ruleId)).toEqual(['e', 'g', 'c', 'd', 'b', 'a']);
  });
});
