/**
 * SARIF 2.1.0 (`renkei analyze --format sarif`): the findings of each analysed file as results
 * with file, line and column, and every rule with its help in Japanese and English and a help
 * URI to its section of RULES.md, so GitHub code scanning and other CI dashboards show them.
 * Pure: findings in, a SARIF log object out. Validated against the SARIF schema in the tests.
 */
import type { Finding, Lang, Severity } from '../model';
import { allRules } from '../rules/registry';
import type { Rule } from '../rules/types';

export interface SarifFileResult {
  /** the file's path as given / found, relative to the working directory where possible (`/` separated) */
  file: string;
  findings: Finding[];
}

export interface SarifOptions {
  version: string;
  lang: Lang;
  /**
   * where RULES.md is published (`https://…/docs/spec/RULES.md`); each rule's help URI is its
   * section there. Default: the RULES.md shipped with the package (`rulesFileUri`).
   */
  rulesUrl: string;
}

/** RULES.md's section for a rule id (GitHub's heading anchors). */
const SECTIONS: Record<string, string> = {
  oksky: "OK SKY (source: 000_5ef9141751ef08e7.txt, and OK SKY's public JS SDK docs)",
  channeltalk: "Channel Talk (source: 001_f6cf204162cb68eb.txt, and Channel Talk's public web SDK)",
  compare: 'Comparing two snapshots (staging vs production, or before vs after)',
  renkei: 'The diagnosis itself (renkei)',
};

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to `-`. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function ruleHelpUri(ruleId: string, rulesUrl: string): string {
  const section = SECTIONS[ruleId.split('/')[0]];
  return section ? `${rulesUrl}#${headingAnchor(section)}` : rulesUrl;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function declaredLevel(rule: Rule): 'error' | 'warning' | 'note' {
  const s = rule.meta.severity;
  return typeof s === 'string' ? LEVEL[s] : LEVEL[s.stateDependent[0] ?? 'warning'];
}

/** A template's `{placeholders}` shown as `…` (the help text is not about one occurrence). */
const generic = (template: string) => template.replace(/\{[a-zA-Z]+\}/g, '…');

function ruleDescriptor(rule: Rule, opts: SarifOptions) {
  const m = rule.meta;
  const first = (l: Lang) => generic(m.messages.default?.[l] ?? Object.values(m.messages)[0]?.[l] ?? m.title[l]);
  const ja = `${m.title.ja}\n${first('ja')}\n直し方: ${generic(m.fix.ja)}`;
  const en = `${m.title.en}\n${first('en')}\nFix: ${generic(m.fix.en)}`;
  const [a, b] = opts.lang === 'en' ? [en, ja] : [ja, en];
  return {
    id: m.id,
    name: m.id.replace(/[/-](\w)/g, (_s, c: string) => c.toUpperCase()),
    shortDescription: { text: m.title[opts.lang] },
    fullDescription: { text: first(opts.lang) },
    help: { text: `${a}\n\n${b}`, markdown: `${a.replace(/\n/g, '  \n')}\n\n${b.replace(/\n/g, '  \n')}` },
    helpUri: ruleHelpUri(m.id, opts.rulesUrl),
    defaultConfiguration: { level: declaredLevel(rule) },
    properties: { tags: [m.id.split('/')[0]], 'title-ja': m.title.ja, 'title-en': m.title.en },
  };
}

function result(f: Finding, file: string, ruleIndex: number) {
  const loc = f.evidence.find((e) => e.location)?.location;
  const region: Record<string, number> = { startLine: loc?.line ?? 1 };
  if (loc) {
    region.startColumn = loc.column;
    if (loc.endLine !== undefined && loc.endColumn !== undefined && (loc.endLine > loc.line || loc.endColumn > loc.column)) {
      region.endLine = loc.endLine;
      region.endColumn = loc.endColumn;
    }
  }
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: `${f.title}\n${f.message}\n${f.fix}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, region } }],
  };
  if (ruleIndex >= 0) out.ruleIndex = ruleIndex;
  return out;
}

/** The SARIF log for the analysed files. */
export function buildSarif(files: SarifFileResult[], opts: SarifOptions): Record<string, unknown> {
  const rules = allRules.map((r) => ruleDescriptor(r, opts));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) => f.findings.map((x) => result(x, f.file, index.get(x.ruleId) ?? -1)));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'renkei-doctor', fullName: 'Renkei Doctor (連携ドクター)', version: opts.version, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
