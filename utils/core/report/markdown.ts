/**
 * Markdown reports for pasting into a Zendesk ticket or a Chatwork message: plain headings,
 * bullet lists and code spans that still read well where Markdown is not rendered. Findings are
 * grouped by severity; each says what was found (evidence with line/column and masked values),
 * why the integration breaks, how to fix it, and the support document it comes from.
 */
import type { Finding, Lang } from '../model';
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
import { oneLine } from '../input-error';
import { fixMarkdown } from './fix';

/** A code span that survives backticks inside the text. */
export function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Escape characters Markdown would read as formatting or HTML in a one-line text. Underscores
 * are left alone: inside words (URLs, `customer_id`) they are not emphasis, and a backslash
 * would show in Chatwork, which does not render Markdown.
 */
export function escapeInline(text: string): string {
  return text.replace(/([\\`*[\]<>|])/g, '\\$1');
}

const CODE_LINE = /^\s*(?:[A-Za-z_$][\w$.]*\s*\(.*\)\s*;?|<\/?script\b.*>)\s*$/;

/**
 * A rule's message or fix as Markdown: its line breaks are kept (hard breaks, which Zendesk
 * renders and Chatwork shows as plain line breaks), and lines of code become code spans.
 */
function paragraph(text: string): string {
  return text
    .trim()
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => (CODE_LINE.test(line) && !line.includes('`') ? code(line.trim()) : line))
    .join('  \n');
}

function findingMarkdown(lang: Lang, f: Finding, n: number, level: string): string[] {
  const L = labels(lang);
  const out: string[] = [];
  out.push(`${level} ${n}. ${escapeInline(oneLine(f.title, 300))} (${code(f.ruleId)})`, '');
  out.push(`- ${L.page}: ${f.page ? escapeInline(oneLine(f.page, 500)) : L.sessionWide}`, '');
  out.push(`**${L.what}**`, '');
  if (f.evidence.length === 0) out.push(`- ${L.noEvidence}`);
  for (const e of f.evidence) {
    const p = evidenceParts(lang, e);
    const bits = [p.where];
    if (p.url) bits.push(escapeInline(p.url));
    out.push(`- ${bits.join(' ')}${p.text ? `: ${code(p.text)}` : ''}`);
    if (p.values.length) out.push(`  - ${L.values}: ${p.values.map(code).join(', ')}`);
  }
  out.push('', `**${f.severity === 'info' ? L.whyInfo : L.why}**`, '', paragraph(f.message), '');
  out.push(`**${L.fix}**`, '', fixMarkdown(f.fix), '');
  const ref = referenceLine(lang, f);
  if (ref) out.push(`**${L.reference}**: ${escapeInline(ref)}`, '');
  return out;
}

function findingsSection(lang: Lang, findings: Finding[], level = '###'): string[] {
  const L = labels(lang);
  const out: string[] = [];
  let n = 0;
  for (const sev of SEVERITIES) {
    const group = findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    out.push(`${level} ${fill(L.severityHeading, { severity: L.severity[sev], count: group.length })}`, '');
    for (const f of group) out.push(...findingMarkdown(lang, f, ++n, `${level}#`));
  }
  return out;
}

export function renderAnalysisMarkdown(report: AnalysisReport): string {
  const lang = report.lang;
  const L = labels(lang);
  const out: string[] = [`## ${L.analysisTitle}`, ''];
  if (report.pages.length === 1) out.push(`- ${L.pages}: ${escapeInline(pageLine(lang, report.pages[0]))}`);
  else if (report.pages.length > 1) {
    out.push(`- ${L.pages}:`);
    report.pages.forEach((p, i) => out.push(`  ${i + 1}. ${escapeInline(pageLine(lang, p))}`));
  }
  if (report.env) out.push(`- ${L.env}: ${escapeInline(oneLine(report.env, 100))}`);
  const counts = countsLine(lang, report.summary);
  out.push(`- ${L.result}: ${report.summary.errors > 0 ? `**${counts}**` : counts}`);
  const v = verdictLines(report);
  if (v.headline) out.push(`- ${L.verdict}: **${escapeInline(v.headline)}**`, ...v.details.map((d) => `  - ${escapeInline(d)}`));
  out.push('');
  if (report.dropped && (report.dropped.pages > 0 || report.dropped.requests > 0) && !report.verdict && !report.limits) {
    out.push(`> ${fill(L.dropped, report.dropped)}`, '');
  }
  if (v.limits.length > 0) out.push(`> **${L.limitsHeading}**`, ...v.limits.map((l) => `> - ${escapeInline(l)}`), '');
  if (v.passed.length > 0) out.push(`### ${fill(L.passedHeading, { count: v.passed.length })}`, '', ...v.passed.map((p) => `- ✔ ${escapeInline(p)}`), '');
  if (report.findings.length === 0) {
    // the verdict's headline already says it; never "no problem found" when part was not read
    if (reportLimited(report)) out.push(L.noFindingsLimited, '');
    else if (!v.headline) out.push(L.noFindings, '');
  } else out.push(...findingsSection(lang, report.findings));
  out.push('---', '', report.revealed || isRevealed(report.findings) ? L.revealedNote : L.maskedNote);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}

function tableCell(text: string): string {
  return escapeInline(oneLine(text, 300)) || ' ';
}

export function renderCompareMarkdown(report: CompareReport): string {
  const lang = report.lang;
  const L = labels(lang);
  const side = (s: CompareReport['a']) => (s.env ? `${s.label} (${s.env})` : s.label);
  const out: string[] = [`## ${L.compareTitle}`, ''];
  out.push(`- A: ${escapeInline(oneLine(side(report.a), 200))}`, `- B: ${escapeInline(oneLine(side(report.b), 200))}`);
  const counts = countsLine(lang, report.summary);
  out.push(`- ${L.result}: ${report.summary.errors > 0 ? `**${counts}**` : counts}`, '');
  if (report.a.saltId && report.b.saltId && report.a.saltId !== report.b.saltId) out.push(`> ${L.compareSaltDiffers}`, '');
  out.push(`### ${L.compareDifferences}`, '');
  const differing = report.rows.filter((r) => !r.same && !r.expected);
  if (report.rows.length === 0) out.push(L.compareNoDifferences, '');
  else {
    out.push(`| ${L.compareAspect} | A | B | |`, '|---|---|---|---|');
    for (const r of report.rows) {
      out.push(`| ${tableCell(r.aspect)} | ${tableCell(r.a)} | ${tableCell(r.b)} | ${r.same ? L.compareSame : r.expected ? L.compareExpected : `**${L.compareDiffers}**`} |`);
    }
    out.push('');
    if (differing.length === 0) out.push(L.compareNoDifferences, '');
  }
  if (report.findings.length > 0) {
    out.push(`### ${L.compareFindings}`, '');
    out.push(...findingsSection(lang, report.findings, '####'));
  }
  out.push('---', '', L.maskedNote);
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
