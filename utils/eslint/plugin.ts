/**
 * The ESLint plugin (`renkei-doctor/eslint`): the findings of `renkei analyze` in the editor while
 * a vendor types. One ESLint rule per finding id that makes sense in source (the OK SKY tag rules
 * and the Channel Talk rules), named `renkei/<vendor>-<name>`; a flat config `recommended`.
 *
 * Every rule reads the file's whole text (`context.sourceCode.text`), whatever parser ESLint
 * used (espree, typescript-eslint's, vue-eslint-parser), and the analysis runs once per file for
 * all the rules. The file is read as `renkei analyze` reads it: by extension (TypeScript / JSX
 * through oxc-parser, Vue / Svelte / Astro script blocks, HTML and server templates through
 * `renkei.parsers.template`, which gives ESLint an empty program over the template's text).
 * Suggestions only where the fix is certain: typographic quotes, and `custmer_id` → `customer_id`.
 */
import type { AST, ESLint, Linter, Rule } from 'eslint';
import { analyzeSession } from '../core/analyze';
import { InputError } from '../core/input-error';
import { assembleSession, recogniseText } from '../core/input';
import type { Finding, Lang } from '../core/model';
import { allRules } from '../core/rules/registry';
import { setSourceParser, sourceParser } from '../core/source-parser';
import { oxcSourceParser } from '../source/oxc';

if (!sourceParser()) setSourceParser(oxcSourceParser);

/** Finding ids that rest on the page's own source only (not on network, session or login state). */
export const SOURCE_RULE_IDS: readonly string[] = allRules
  .map((r) => r.meta.id)
  .filter((id) => id.startsWith('channeltalk/') || id.startsWith('oksky/'))
  .filter(
    (id) =>
      ![
        'oksky/login-query-empty',
        'oksky/login-query-mismatch',
        'oksky/login-request-missing',
        'oksky/widget-load-failed',
        'oksky/key-changed-in-session',
        'oksky/identity-switched',
        'oksky/cross-domain-cookie',
        'oksky/plain-tag-while-logged-in',
        'oksky/linkage-tag-while-logged-out',
        'oksky/widget-host-mismatch',
      ].includes(id),
  );

const VENDOR = /OkskyChat|okskychat\.net|oksky-chat\.net|ok-sky\.com|ChannelIO|ChannelService|channel\.io|channel-web-sdk-loader/;

/** `channeltalk/plugin-key-missing` → `channeltalk-plugin-key-missing` */
export const eslintRuleName = (id: string) => id.replace('/', '-');

interface Settings {
  lang?: Lang;
}

/** Findings per (file, text): every rule of one file shares one analysis. */
const cache = new Map<string, { text: string; findings: Finding[] }>();
const CACHE_MAX = 64;

function findingsOf(filename: string, text: string, lang: Lang): Finding[] {
  const key = `${lang}\u0000${filename}`;
  const hit = cache.get(key);
  if (hit && hit.text === text) return hit.findings;
  let findings: Finding[] = [];
  if (VENDOR.test(text)) {
    try {
      const name = filename === '<input>' || filename === '<text>' ? 'input.js' : filename;
      const input = recogniseText(text, name.replace(/\\/g, '/'), { idPrefix: 'f1:' });
      if (input.kind !== 'snapshot') {
        findings = analyzeSession(assembleSession([input]), { lang, salt: 'eslint', reveal: false }).findings;
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
  }
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, { text, findings });
  return findings;
}

const TYPOGRAPHIC_DOUBLE = /[\u201C\u201D\u2033\uFF02]/g;
const TYPOGRAPHIC_SINGLE = /[\u2018\u2019\u2032\uFF07]/g;

function lineRange(text: string, line: number): [number, number] | undefined {
  let start = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = text.indexOf('\n', start);
  return [start, end < 0 ? text.length : end];
}

/** The certain fix of a finding, as a replacement of its line; undefined when there is none. */
function certainFix(f: Finding, text: string): { range: [number, number]; text: string; ja: string; en: string } | undefined {
  const loc = f.evidence.find((e) => e.location)?.location;
  if (!loc) return undefined;
  const range = lineRange(text, loc.line);
  if (!range) return undefined;
  const line = text.slice(range[0], range[1]);
  if (f.ruleId === 'oksky/smart-quotes' || f.ruleId.endsWith('/tag-syntax-error')) {
    const fixed = line.replace(TYPOGRAPHIC_DOUBLE, '"').replace(TYPOGRAPHIC_SINGLE, "'");
    if (fixed !== line) return { range, text: fixed, ja: '引用符を半角の " と \' に置き換える', en: 'Replace the quotes with straight " and \'' };
  }
  if (f.ruleId === 'oksky/loginkey-keyword-undefined' && /\bcustmer_id\b/.test(line)) {
    return { range, text: line.replace(/\bcustmer_id\b/g, 'customer_id'), ja: 'custmer_id を customer_id に直す', en: 'Change custmer_id to customer_id' };
  }
  return undefined;
}

function makeRule(id: string): Rule.RuleModule {
  const rule = allRules.find((r) => r.meta.id === id);
  const meta = rule?.meta;
  return {
    meta: {
      type: meta?.severity === 'info' ? 'suggestion' : 'problem',
      hasSuggestions: true,
      docs: { description: `${meta?.title.en ?? id} / ${meta?.title.ja ?? id}`, url: `docs/spec/RULES.md (${id})` },
      schema: [],
      messages: { finding: '{{title}}: {{message}} {{fix}}', fix: '{{label}}' },
    },
    create(context) {
      return {
        'Program:exit'() {
          const settings = (context.settings?.renkei ?? {}) as Settings;
          const lang: Lang = settings.lang === 'en' ? 'en' : 'ja';
          const text = context.sourceCode.text;
          for (const f of findingsOf(context.filename, text, lang)) {
            if (f.ruleId !== id) continue;
            const loc = f.evidence.find((e) => e.location)?.location;
            const start = { line: loc?.line ?? 1, column: Math.max(0, (loc?.column ?? 1) - 1) };
            const end = loc?.endLine !== undefined && loc.endColumn !== undefined ? { line: loc.endLine, column: Math.max(0, loc.endColumn - 1) } : undefined;
            const fix = certainFix(f, text);
            context.report({
              loc: end ? { start, end } : start,
              messageId: 'finding',
              data: { title: f.title, message: f.message, fix: f.fix.split('\n')[0] },
              suggest: fix ? [{ messageId: 'fix', data: { label: fix[lang] }, fix: (fixer) => fixer.replaceTextRange(fix.range, fix.text) }] : [],
            });
          }
        },
      };
    },
  };
}

const rules: Record<string, Rule.RuleModule> = Object.fromEntries(SOURCE_RULE_IDS.map((id) => [eslintRuleName(id), makeRule(id)]));

/**
 * An ESLint parser for HTML and server templates (.html, .php, .jsp, .erb, .liquid, .twig,
 * .njk, .hbs): an empty program over the whole text, so the renkei rules can read it.
 */
const templateParser: Linter.Parser = {
  meta: { name: 'renkei-template' },
  parseForESLint(code: string) {
    const lines = code.split(/\r\n|\r|\n/);
    const ast = {
      type: 'Program',
      body: [],
      sourceType: 'module',
      comments: [],
      tokens: [],
      range: [0, code.length],
      loc: { start: { line: 1, column: 0 }, end: { line: lines.length, column: lines[lines.length - 1].length } },
    };
    return { ast: ast as unknown as AST.Program, visitorKeys: { Program: [] } };
  },
};

const severityOf = (id: string): Linter.RuleEntry => {
  const s = allRules.find((r) => r.meta.id === id)?.meta.severity;
  return s === 'error' ? 'error' : 'warn';
};

const plugin = {
  meta: { name: 'renkei-doctor', version: '0.1.0' },
  rules,
  parsers: { template: templateParser },
  configs: {} as Record<string, Linter.Config[]>,
} satisfies ESLint.Plugin & { parsers: Record<string, Linter.Parser> };

/** Files the recommended config applies to. */
export const SOURCE_FILES = ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,vue,svelte,astro}'];
export const TEMPLATE_FILES = ['**/*.{html,htm,php,jsp,erb,liquid,twig,njk,hbs}'];

const ruleEntries = Object.fromEntries(SOURCE_RULE_IDS.map((id) => [`renkei/${eslintRuleName(id)}`, severityOf(id)]));

plugin.configs.recommended = [
  { name: 'renkei/recommended', files: SOURCE_FILES, plugins: { renkei: plugin }, rules: ruleEntries },
  { name: 'renkei/templates', files: TEMPLATE_FILES, plugins: { renkei: plugin }, languageOptions: { parser: templateParser }, rules: ruleEntries },
];

export default plugin;
