/**
 * `renkei analyze src/` and `renkei analyze 'src/**\/*.{tsx,vue}'`: a project of source files, each
 * analysed on its own (one page per file), results per file as ESLint prints them, a summary
 * line, ESLint's exit status (`--max-warnings`, `--quiet`), or SARIF for CI dashboards.
 *
 * Directories are walked for the source extensions (input.ts SOURCE_EXTENSIONS), `.gitignore`
 * files are respected, `node_modules` and build output are skipped. A file naming no vendor is
 * counted as checked and has no findings.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import ignore, { type Ignore } from 'ignore';
import { glob } from 'tinyglobby';
import { analyzeSession } from '../core/analyze';
import { InputError } from '../core/input-error';
import { assembleSession, decodeInput, isSourceFileName, recogniseText } from '../core/input';
import { randomSalt } from '../core/mask';
import type { Finding, Lang } from '../core/model';
import { buildSarif, type SarifFileResult } from '../core/report/sarif';
import { CliInputError, readInputFile } from './io';
import type { CliIo } from './main';
import { ensureSourceParser } from './source';

export { isProjectTarget } from './targets';

/** `chatwork` prints the text layout (a project's findings are read in a terminal or CI log) */
export type ProjectFormat = 'text' | 'json' | 'sarif' | 'markdown' | 'chatwork';

export interface ProjectArgs {
  targets: string[];
  format: ProjectFormat;
  lang: Lang;
  reveal: boolean;
  salt?: string;
  version: string;
  /** exit 1 when warnings exceed this (ESLint's --max-warnings); undefined: no limit */
  maxWarnings?: number;
  /** errors only (ESLint's --quiet) */
  quiet: boolean;
  /** where RULES.md is published (SARIF help URIs) */
  rulesUrl?: string;
  cwd: string;
}

/** Folders never walked: dependencies, version control, build and framework output, caches. */
export const SKIPPED_DIRS = new Set([
  'node_modules', '.git', '.hg', '.svn', 'dist', 'build', 'out', '.output', '.next', '.nuxt', '.svelte-kit', '.astro',
  '.vercel', '.netlify', '.turbo', '.cache', '.parcel-cache', 'coverage', 'vendor', 'bower_components', 'storybook-static',
]);
/** Minified bundles are build output even outside a build folder. */
const MINIFIED = /[.-]min\.(?:js|mjs|cjs)$/i;
/** Cheap test before a file is parsed: it names one of the vendors. */
const VENDOR = /OkskyChat|okskychat\.net|oksky-chat\.net|ok-sky\.com|ChannelIO|ChannelService|channel\.io|channel-web-sdk-loader/;
const MAX_FILES = 50_000;

function isProjectDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readIgnore(dir: string): Ignore | undefined {
  const file = join(dir, '.gitignore');
  try {
    return ignore().add(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** `.gitignore` rules from `dir` up to the repository root (the folder holding `.git`) or the file system root. */
function ancestorIgnores(dir: string): { dir: string; ig: Ignore }[] {
  const out: { dir: string; ig: Ignore }[] = [];
  let cur = resolve(dir);
  for (;;) {
    const ig = readIgnore(cur);
    if (ig) out.unshift({ dir: cur, ig });
    if (existsSync(join(cur, '.git'))) break;
    const parent = resolve(cur, '..');
    if (parent === cur) break;
    cur = parent;
  }
  return out;
}

function ignoredBy(rules: { dir: string; ig: Ignore }[], path: string, isDir: boolean): boolean {
  for (const { dir, ig } of rules) {
    const rel = relative(dir, path).split(sep).join('/');
    if (rel === '' || rel.startsWith('..')) continue;
    if (ig.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function walk(root: string, files: Set<string>): void {
  const base = ancestorIgnores(root);
  const stack: { dir: string; rules: { dir: string; ig: Ignore }[] }[] = [{ dir: resolve(root), rules: base }];
  while (stack.length > 0 && files.size < MAX_FILES) {
    const { dir, rules } = stack.pop() as (typeof stack)[number];
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const e of entries) {
      const path = join(dir, e.name);
      if (e.isDirectory()) {
        if (SKIPPED_DIRS.has(e.name) || ignoredBy(rules, path, true)) continue;
        const own = dir === resolve(root) ? undefined : readIgnore(path);
        stack.push({ dir: path, rules: own ? [...rules, { dir: path, ig: own }] : rules });
      } else if (e.isFile() && isSourceFileName(e.name) && !MINIFIED.test(e.name) && !ignoredBy(rules, path, false)) {
        files.add(path);
      }
    }
  }
}

/** The files of the targets: directories walked, globs expanded, plain files as given; sorted, unique. */
export async function expandTargets(targets: string[], cwd: string): Promise<string[]> {
  const files = new Set<string>();
  for (const t of targets) {
    const abs = resolve(cwd, t);
    let st;
    try {
      st = statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory()) walk(abs, files);
    else if (st?.isFile()) files.add(abs);
    else {
      const found = await glob(t, { cwd, absolute: true, dot: false, ignore: [...SKIPPED_DIRS].map((d) => `**/${d}/**`) });
      const rules = ancestorIgnores(cwd);
      for (const f of found) if (!MINIFIED.test(f) && !ignoredBy(rules, f, false)) files.add(resolve(f));
    }
  }
  return [...files].sort();
}

export interface FileResult {
  file: string;
  findings: Finding[];
  /** the file could not be used (one line) */
  error?: string;
}

/** Analyse one file on its own; a file without a vendor tag has no findings. */
export async function analyzeFile(path: string, display: string, args: Pick<ProjectArgs, 'lang' | 'reveal'>, salt: string): Promise<FileResult> {
  let text: string;
  try {
    text = decodeInput(readInputFile(path, args.lang)).text;
  } catch (e) {
    if (e instanceof CliInputError) return { file: display, findings: [], error: e.reason };
    if (e instanceof InputError) return { file: display, findings: [], error: e.reason(args.lang) };
    throw e;
  }
  if (!VENDOR.test(text)) return { file: display, findings: [] };
  try {
    const input = recogniseText(text, display, { idPrefix: 'f1:' });
    if (input.kind === 'snapshot') return { file: display, findings: [] };
    const session = assembleSession([input]);
    await ensureSourceParser(session.pages);
    return { file: display, findings: analyzeSession(session, { lang: args.lang, salt, reveal: args.reveal }).findings };
  } catch (e) {
    if (e instanceof InputError) return { file: display, findings: [] };
    throw e;
  }
}

const SEVERITY_LABEL: Record<Lang, Record<Finding['severity'], string>> = {
  ja: { error: 'エラー', warning: '警告', info: '情報' },
  en: { error: 'error', warning: 'warning', info: 'info' },
};

function locationOf(f: Finding): { line: number; column: number } {
  const loc = f.evidence.find((e) => e.location)?.location;
  return { line: loc?.line ?? 0, column: loc?.column ?? 0 };
}

/** ESLint's stylish layout: the file, then `line:column  severity  title  rule-id` per finding. */
export function renderProjectText(results: FileResult[], checked: number, lang: Lang): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let withFindings = 0;
  for (const r of results) {
    if (r.error) {
      lines.push(r.file, `  0:0  ${SEVERITY_LABEL[lang].error}  ${r.error}`, '');
      errors++;
      withFindings++;
      continue;
    }
    if (r.findings.length === 0) continue;
    withFindings++;
    lines.push(r.file);
    const sorted = [...r.findings].sort((a, b) => locationOf(a).line - locationOf(b).line || locationOf(a).column - locationOf(b).column);
    for (const f of sorted) {
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      const { line, column } = locationOf(f);
      lines.push(`  ${line}:${column}  ${SEVERITY_LABEL[lang][f.severity]}  ${f.title}  ${f.ruleId}`);
    }
    lines.push('');
  }
  const problems = errors + warnings;
  lines.push(
    lang === 'ja'
      ? `${problems > 0 ? '✖' : '✔'} ${problems}件の問題(エラー ${errors}件・警告 ${warnings}件)・${withFindings}ファイル / ${checked}ファイルを確認`
      : `${problems > 0 ? '✖' : '✔'} ${problems} problem${problems === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) in ${withFindings} file${withFindings === 1 ? '' : 's'}, ${checked} file${checked === 1 ? '' : 's'} checked`,
  );
  return `${lines.join('\n')}\n`;
}

function renderProjectMarkdown(results: FileResult[], checked: number, lang: Lang): string {
  const out: string[] = [lang === 'ja' ? '## 連携ドクター: ソースの診断結果' : '## Renkei Doctor: source findings', ''];
  for (const r of results) {
    if (!r.error && r.findings.length === 0) continue;
    out.push(`### \`${r.file}\``, '');
    if (r.error) out.push(`- ${r.error}`);
    for (const f of r.findings) {
      const { line, column } = locationOf(f);
      out.push(`- **${SEVERITY_LABEL[lang][f.severity]}** ${line}:${column} ${f.title} (\`${f.ruleId}\`)`, `  - ${f.fix.replace(/\n/g, ' ')}`);
    }
    out.push('');
  }
  out.push(renderProjectText([], checked, lang).trim().replace(/^✔ 0.*$/, ''), '');
  return out.join('\n');
}

/** The RULES.md shipped with the package (SARIF help URIs when no public URL is given). */
function packagedRulesUri(): string {
  const here = new URL('.', import.meta.url);
  for (const up of ['../../docs/spec/RULES.md', '../../../docs/spec/RULES.md']) {
    const u = new URL(up, here);
    if (u.protocol === 'file:' && existsSync(u)) return u.href;
  }
  return pathToFileURL(resolve('docs/spec/RULES.md')).href;
}

/** Run the project mode; resolves to the exit status (ESLint's: 1 on an error or too many warnings). */
export async function runProject(args: ProjectArgs, io: CliIo): Promise<number> {
  const files = await expandTargets(args.targets, args.cwd);
  if (files.length === 0) {
    // as ESLint: nothing to check is an input error (exit 2), not a clean result
    const target = args.targets[0];
    const isDir = isProjectDirectory(resolve(args.cwd, target));
    const reason = isDir
      ? { ja: 'ディレクトリにソースファイルがありません(.ts .tsx .jsx .js .vue .html .php など)', en: 'no source file in this directory (.ts .tsx .jsx .js .vue .html .php …)' }
      : { ja: 'パターンに一致するソースファイルがありません', en: 'no source file matches this pattern' };
    throw new CliInputError(target, reason[args.lang]);
  }
  const salt = args.salt || randomSalt();
  const results: FileResult[] = [];
  for (const f of files) {
    const display = relative(args.cwd, f).split(sep).join('/') || f;
    const r = await analyzeFile(f, display.startsWith('..') ? f : display, args, salt);
    if (args.quiet) r.findings = r.findings.filter((x) => x.severity === 'error');
    results.push(r);
  }
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length + results.filter((r) => r.error).length;
  const warnings = all.filter((f) => f.severity === 'warning').length;

  if (args.format === 'sarif') {
    const sarifFiles: SarifFileResult[] = results.map((r) => ({ file: r.file, findings: r.findings }));
    const log = buildSarif(sarifFiles, { version: args.version, lang: args.lang, rulesUrl: args.rulesUrl ?? packagedRulesUri() });
    io.stdout(`${JSON.stringify(log, null, 2)}\n`);
  } else if (args.format === 'json') {
    io.stdout(`${JSON.stringify({ files: results, checked: files.length, summary: { errors, warnings } }, null, 2)}\n`);
  } else if (args.format === 'markdown') {
    io.stdout(renderProjectMarkdown(results, files.length, args.lang));
  } else {
    io.stdout(renderProjectText(results, files.length, args.lang));
  }
  for (const r of results) if (r.error) io.stderr(`${r.file}: ${r.error}\n`);
  if (errors > 0) return 1;
  if (args.maxWarnings !== undefined && warnings > args.maxWarnings) return 1;
  return 0;
}

/** SARIF for a session-mode run (`renkei analyze page.html --format sarif`): the findings on the first file. */
export function sessionSarif(file: string, findings: Finding[], args: { version: string; lang: Lang; rulesUrl?: string; cwd: string }): string {
  const display = relative(args.cwd, resolve(args.cwd, file)).split(sep).join('/');
  const log = buildSarif([{ file: display.startsWith('..') ? file : display, findings }], { version: args.version, lang: args.lang, rulesUrl: args.rulesUrl ?? packagedRulesUri() });
  return `${JSON.stringify(log, null, 2)}\n`;
}
