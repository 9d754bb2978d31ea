/**
 * Reports in Chatwork's own message notation, for pasting into a Chatwork chat, which does not
 * render Markdown: each block is an `[info][title]…[/title]…[/info]` box, code is in
 * `[code]…[/code]`, sections are separated by `[hr]`. Text from a page (URLs, code, values) can
 * never open or close a block: the `[` of anything that reads as a Chatwork tag is written as
 * the full-width `［`.
 */
import type { Finding, Lang } from '../model';
import { oneLine } from '../input-error';
import { fixedCode, isDiff, diffLines, splitFix } from './fix';
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

const TAG = /\[(\/?)(info|title|code|hr|qt|qtmeta|rp|to:|toall|picon|piconname|preview|download|task|dtext|deleted)/gi;

/** A text inside a Chatwork message: nothing in it can read as Chatwork notation. */
export function chatworkText(text: string): string {
  return text.replace(TAG, '［$1$2');
}

const SEVERITY_MARK = { error: '✖', warning: '▲', info: 'ℹ' } as const;

function block(title: string, body: string[]): string {
  return `[info][title]${chatworkText(title)}[/title]${body.join('\n')}[/info]`;
}

function findingBlock(lang: Lang, f: Finding, n: number): string {
  const L = labels(lang);
  const body: string[] = [];
  body.push(`${L.page}: ${f.page ? chatworkText(oneLine(f.page, 500)) : L.sessionWide}`);
  body.push(`${L.what}:`);
  if (f.evidence.length === 0) body.push(`・${L.noEvidence}`);
  for (const e of f.evidence) {
    const p = evidenceParts(lang, e);
    body.push(chatworkText(`・${[p.where, p.url].filter(Boolean).join(' ')}${p.text ? `: ${p.text}` : ''}`));
    if (p.values.length) body.push(chatworkText(`\u3000${L.values}: ${p.values.join(', ')}`));
  }
  body.push('', `${f.severity === 'info' ? L.whyInfo : L.why}:`, chatworkText(plainInline(f.message.trim())));
  const fix = splitFix(f.fix);
  body.push('', `${L.fix}:`, chatworkText(plainInline(fix.instruction)));
  if (fix.code.length > 0) {
    // a diff keeps its + / − marks; the corrected code alone is what gets pasted into the page
    const code = isDiff(fix) ? diffLines(fix).join('\n') : fixedCode(fix);
    body.push(`[code]${chatworkText(code)}[/code]`);
  }
  const ref = referenceLine(lang, f);
  if (ref) body.push(`${L.reference}: ${chatworkText(ref)}`);
  const title = `${SEVERITY_MARK[f.severity]} ${L.severity[f.severity]} ${n}. ${oneLine(f.title, 300)} (${f.ruleId})`;
  return block(title, body);
}

function findingsSection(lang: Lang, findings: Finding[]): string[] {
  const out: string[] = [];
  let n = 0;
  for (const sev of SEVERITIES) for (const f of findings.filter((x) => x.severity === sev)) out.push(findingBlock(lang, f, ++n));
  return out;
}

export function renderAnalysisChatwork(report: AnalysisReport): string {
  const lang = report.lang;
  const L = labels(lang);
  const head: string[] = [];
  if (report.pages.length === 1) head.push(`${L.pages}: ${chatworkText(pageLine(lang, report.pages[0]))}`);
  else if (report.pages.length > 1) {
    head.push(`${L.pages}:`);
    report.pages.forEach((p, i) => head.push(`${i + 1}. ${chatworkText(pageLine(lang, p))}`));
  }
  if (report.env) head.push(`${L.env}: ${chatworkText(oneLine(report.env, 100))}`);
  head.push(`${L.result}: ${countsLine(lang, report.summary)}`);
  const v = verdictLines(report);
  if (v.headline) head.push(`${L.verdict}: ${chatworkText(v.headline)}`, ...v.details.map((d) => `\u3000${chatworkText(d)}`));
  if (report.dropped && (report.dropped.pages > 0 || report.dropped.requests > 0) && !report.verdict && !report.limits) {
    head.push(fill(L.dropped, report.dropped));
  }
  const out: string[] = [block(L.analysisTitle, head)];
  if (v.limits.length > 0) out.push(block(L.limitsHeading, v.limits.map((l) => `・${chatworkText(l)}`)));
  if (v.passed.length > 0) out.push(block(fill(L.passedHeading, { count: v.passed.length }), v.passed.map((p) => `✔ ${chatworkText(p)}`)));
  if (report.findings.length === 0) {
    if (reportLimited(report)) out.push(L.noFindingsLimited);
    else if (!v.headline) out.push(L.noFindings);
  } else out.push(...findingsSection(lang, report.findings));
  out.push('[hr]', report.revealed || isRevealed(report.findings) ? L.revealedNote : L.maskedNote);
  return `${out.join('\n')}\n`;
}

export function renderCompareChatwork(report: CompareReport): string {
  const lang = report.lang;
  const L = labels(lang);
  const side = (s: CompareReport['a']) => (s.env ? `${s.label} (${s.env})` : s.label);
  const head = [`A: ${chatworkText(oneLine(side(report.a), 200))}`, `B: ${chatworkText(oneLine(side(report.b), 200))}`, `${L.result}: ${countsLine(lang, report.summary)}`];
  if (report.a.saltId && report.b.saltId && report.a.saltId !== report.b.saltId) head.push(L.compareSaltDiffers);
  const out: string[] = [block(L.compareTitle, head)];
  const rows = report.rows.map((r) => {
    const mark = r.same ? L.compareSame : r.expected ? L.compareExpected : `≠ ${L.compareDiffers}`;
    return chatworkText(`・${oneLine(r.aspect, 100)}: A ${oneLine(r.a, 200) || '—'} / B ${oneLine(r.b, 200) || '—'} (${mark})`);
  });
  const differing = report.rows.filter((r) => !r.same && !r.expected);
  out.push(block(L.compareDifferences, rows.length === 0 || differing.length === 0 ? [...rows, L.compareNoDifferences] : rows));
  if (report.findings.length > 0) out.push(...findingsSection(lang, report.findings));
  out.push('[hr]', L.maskedNote);
  return `${out.join('\n')}\n`;
}
