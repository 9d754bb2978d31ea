/**
 * Plain terminal reports: no Markdown, no colour codes, indentation instead of headings, so the
 * output is also fine in CI logs and when piped to a file.
 */
import type { Finding, Lang } from '../model';
import { oneLine } from '../input-error';
import { fixTextLines } from './fix';
import { plainInline } from './inline';
import { fill, labels } from './labels';
import {
  countsLine,
  evidenceParts,
  isRevealed,
  pageLine,
  referenceLine,
  reportLimited,
  SEVERITIES,
  verdictLines,
  type AnalysisReport,
  type CompareReport,
} from './model';

const SEVERITY_MARK = { error: '✖', warning: '▲', info: 'ℹ' } as const;

function indent(text: string, pad: string): string[] {
  return text
    .trim()
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => (l.trim() === '' ? '' : `${pad}${l}`));
}

function findingText(lang: Lang, f: Finding, n: number): string[] {
  const L = labels(lang);
  const out: string[] = [];
  out.push(`${SEVERITY_MARK[f.severity]} [${n}] ${oneLine(f.title, 300)}  (${f.ruleId})`);
  out.push(`    ${L.page}: ${f.page ? oneLine(f.page, 500) : L.sessionWide}`);
  out.push(`    ${L.what}:`);
  if (f.evidence.length === 0) out.push(`      - ${L.noEvidence}`);
  for (const e of f.evidence) {
    const p = evidenceParts(lang, e);
    out.push(`      - ${[p.where, p.url].filter(Boolean).join(' ')}${p.text ? `: ${p.text}` : ''}`);
    if (p.values.length) out.push(`        ${L.values}: ${p.values.join(', ')}`);
  }
  out.push(`    ${f.severity === 'info' ? L.whyInfo : L.why}:`, ...indent(plainInline(f.message), '      '));
  out.push(`    ${L.fix}:`, ...fixTextLines(f.fix, plainInline).map((l) => `      ${l}`));
  const ref = referenceLine(lang, f);
  if (ref) out.push(`    ${L.reference}: ${ref}`);
  out.push('');
  return out;
}

function findingsSection(lang: Lang, findings: Finding[]): string[] {
  const L = labels(lang);
  const out: string[] = [];
  let n = 0;
  for (const sev of SEVERITIES) {
    const group = findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    out.push(`■ ${fill(L.severityHeading, { severity: L.severity[sev], count: group.length })}`, '');
    for (const f of group) out.push(...findingText(lang, f, ++n));
  }
  return out;
}

export function renderAnalysisText(report: AnalysisReport): string {
  const lang = report.lang;
  const L = labels(lang);
  const out: string[] = [L.analysisTitle, ''];
  if (report.pages.length === 1) out.push(`${L.pages}: ${pageLine(lang, report.pages[0])}`);
  else if (report.pages.length > 1) {
    out.push(`${L.pages}:`);
    report.pages.forEach((p, i) => out.push(`  ${i + 1}. ${pageLine(lang, p)}`));
  }
  if (report.env) out.push(`${L.env}: ${oneLine(report.env, 100)}`);
  out.push(`${L.result}: ${countsLine(lang, report.summary)}`);
  const v = verdictLines(report);
  if (v.headline) out.push(`${L.verdict}: ${v.headline}`, ...v.details.map((d) => `  ${d}`));
  out.push('');
  if (report.dropped && (report.dropped.pages > 0 || report.dropped.requests > 0) && !report.verdict && !report.limits) {
    out.push(fill(L.dropped, report.dropped), '');
  }
  if (v.limits.length > 0) out.push(`■ ${L.limitsHeading}`, ...v.limits.map((l) => `  - ${l}`), '');
  if (v.passed.length > 0) out.push(`■ ${fill(L.passedHeading, { count: v.passed.length })}`, ...v.passed.map((p) => `  ✔ ${p}`), '');
  if (report.findings.length === 0) {
    // the verdict's headline already says it; never "no problem found" when part was not read
    if (reportLimited(report)) out.push(L.noFindingsLimited, '');
    else if (!v.headline) out.push(L.noFindings, '');
  } else out.push(...findingsSection(lang, report.findings));
  out.push(report.revealed || isRevealed(report.findings) ? L.revealedNote : L.maskedNote);
  return `${out.join('\n')}\n`;
}

/** Display width of a string: East Asian wide characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x1f300 && c <= 0x1faff) ||
      (c >= 0x20000 && c <= 0x3fffd)
        ? 2
        : 1;
  }
  return w;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

function clip(text: string, width: number): string {
  const t = oneLine(text, 500);
  if (displayWidth(t) <= width) return t;
  let out = '';
  for (const ch of t) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

export function renderCompareText(report: CompareReport): string {
  const lang = report.lang;
  const L = labels(lang);
  const side = (s: CompareReport['a']) => (s.env ? `${s.label} (${s.env})` : s.label);
  const out: string[] = [L.compareTitle, '', `A: ${oneLine(side(report.a), 200)}`, `B: ${oneLine(side(report.b), 200)}`];
  out.push(`${L.result}: ${countsLine(lang, report.summary)}`, '');
  if (report.a.saltId && report.b.saltId && report.a.saltId !== report.b.saltId) out.push(L.compareSaltDiffers, '');
  out.push(`■ ${L.compareDifferences}`, '');
  if (report.rows.length === 0) out.push(L.compareNoDifferences);
  else {
    const aspectW = Math.min(40, Math.max(displayWidth(L.compareAspect), ...report.rows.map((r) => displayWidth(oneLine(r.aspect, 100)))));
    const valueW = 34;
    out.push(`  ${padEnd(L.compareAspect, aspectW)}  ${padEnd('A', valueW)}  ${padEnd('B', valueW)}`);
    for (const r of report.rows) {
      const mark = r.same ? ' ' : r.expected ? '~' : '≠';
      out.push(`${mark} ${padEnd(clip(r.aspect, aspectW), aspectW)}  ${padEnd(clip(r.a, valueW), valueW)}  ${clip(r.b, valueW)}`);
    }
    if (report.rows.some((r) => r.expected)) out.push('', `~ ${L.compareExpected}`);
    if (report.rows.every((r) => r.same || r.expected)) out.push('', L.compareNoDifferences);
  }
  out.push('');
  if (report.findings.length > 0) out.push(`■ ${L.compareFindings}`, '', ...findingsSection(lang, report.findings));
  out.push(L.maskedNote);
  return `${out.join('\n')}\n`;
}
