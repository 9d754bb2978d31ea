/**
 * `renkei` command line: argument parsing, dispatch, output and exit status (CLI.md).
 * Exit status: 0 no error finding; 1 at least one error finding; 2 input unusable (one line on
 * stderr naming the file and the reason, nothing on stdout).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang, LoginState } from '../core/model';
import { HELP, msg } from './messages';
import type { OutputFormat } from './load';
import { CliInputError } from './errors';
import { oneLine } from '../core/input-error';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The version, written in by the compiled CLI's build (scripts/build-cli.mjs); undefined in the sources. */
declare const __RENKEI_VERSION__: string | undefined;

export function toolVersion(): string {
  if (typeof __RENKEI_VERSION__ === 'string') return __RENKEI_VERSION__;
  try {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** ja unless asked otherwise: --lang, RENKEI_LANG, or an English locale in LC_ALL / LC_MESSAGES / LANG. */
export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  const explicit = env.RENKEI_LANG?.toLowerCase();
  if (explicit === 'en' || explicit === 'ja') return explicit;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en(_|-|\.|$)/i.test(locale) ? 'en' : 'ja';
}

/** Where output goes (tests swap these). */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

const defaultIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
};

class UsageError extends Error {}

function pickLang(value: string | undefined, env: NodeJS.ProcessEnv): Lang {
  if (value === undefined) return defaultLang(env);
  if (value === 'ja' || value === 'en') return value;
  throw new UsageError(msg(defaultLang(env), 'badValue', { option: '--lang', value, allowed: 'ja, en' }));
}

function pickFormat(value: string | undefined, lang: Lang): OutputFormat {
  if (value === undefined) return 'text';
  if (value === 'json' || value === 'markdown' || value === 'chatwork' || value === 'text') return value;
  if (value === 'md') return 'markdown';
  throw new UsageError(msg(lang, 'badValue', { option: '--format', value, allowed: 'json, markdown, chatwork, text' }));
}

// the states of model.ts's LoginState, without loading the schemas for --help and --version
const LOGIN_STATES: readonly LoginState[] = ['logged-in', 'logged-out', 'unknown'];

function pickState(value: string | undefined, lang: Lang): LoginState | undefined {
  if (value === undefined) return undefined;
  if ((LOGIN_STATES as readonly string[]).includes(value)) return value as LoginState;
  throw new UsageError(msg(lang, 'badValue', { option: '--state', value, allowed: LOGIN_STATES.join(', ') }));
}

/** node:util parseArgs with our one-line usage errors. */
interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

function parse(argv: string[], options: ParseArgsConfig['options'], lang: Lang): Parsed {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true }) as Parsed;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const text = e instanceof Error ? e.message : String(e);
    const option = /'(-[^'\s]*)/.exec(text)?.[1] ?? '?';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(msg(lang, 'unknownOption', { option: oneLine(option, 60) }));
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(msg(lang, 'optionValue', { option: oneLine(option, 60) }));
    throw new UsageError(msg(lang, 'badOption', { reason: oneLine(text.replace(/\. To specify a positional argument.*$/s, ''), 200) }));
  }
}

/** analyze also writes SARIF (CI dashboards, GitHub code scanning) */
function pickAnalyzeFormat(value: string | undefined, lang: Lang): OutputFormat | 'sarif' {
  if (value === 'sarif') return 'sarif';
  if (value === undefined || value === 'json' || value === 'markdown' || value === 'chatwork' || value === 'text' || value === 'md') return pickFormat(value, lang);
  throw new UsageError(msg(lang, 'badValue', { option: '--format', value, allowed: 'json, markdown, chatwork, text, sarif' }));
}

function pickMaxWarnings(value: string | undefined, lang: Lang): number | undefined {
  if (value === undefined) return undefined;
  if (/^-?\d+$/.test(value.trim())) {
    const n = Number(value);
    return n < 0 ? undefined : n; // ESLint: -1 means no limit
  }
  throw new UsageError(msg(lang, 'badValue', { option: '--max-warnings', value, allowed: '0, 1, 2, …' }));
}

const ANALYZE_OPTIONS = {
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  'rules-url': { type: 'string' },
  url: { type: 'string', multiple: true },
  state: { type: 'string' },
  format: { type: 'string' },
  lang: { type: 'string' },
  reveal: { type: 'boolean' },
  env: { type: 'string' },
  salt: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const COMPARE_OPTIONS = {
  format: { type: 'string' },
  lang: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Run the CLI; resolves to the exit status. Never throws. */
export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const envLang = defaultLang(io.env);
  // The language of usage errors before --lang is parsed: a literal `--lang en` anywhere counts.
  const li = argv.indexOf('--lang');
  const earlyLang: Lang = li >= 0 && (argv[li + 1] === 'en' || argv[li + 1] === 'ja') ? (argv[li + 1] as Lang) : argv.includes('--lang=en') ? 'en' : envLang;
  const [command, ...rest] = argv;
  let files: string[] = [];
  try {
    switch (command) {
      case undefined:
        io.stderr(`renkei: ${msg(earlyLang, 'noCommand')}\n`);
        return 2;
      case '--help':
      case '-h':
      case 'help':
        io.stdout(HELP[earlyLang]);
        return 0;
      case '--version':
      case '-v':
      case 'version':
        io.stdout(`${toolVersion()}\n`);
        return 0;
      case 'analyze': {
        const { values, positionals } = parse(rest, ANALYZE_OPTIONS, earlyLang);
        const lang = pickLang(values.lang as string | undefined, io.env);
        if (values.help) {
          io.stdout(HELP[lang]);
          return 0;
        }
        if (positionals.length === 0) throw new UsageError(msg(lang, 'noFiles'));
        files = positionals;
        const format = pickAnalyzeFormat(values.format as string | undefined, lang);
        const maxWarnings = pickMaxWarnings(values['max-warnings'] as string | undefined, lang);
        const rulesUrl = (values['rules-url'] as string | undefined) ?? io.env.RENKEI_RULES_URL;
        // a directory or a glob: a project of source files, each file on its own (ESLint-like)
        const { isProjectTarget } = await import('./targets');
        if (positionals.some((p) => isProjectTarget(p, process.cwd()))) {
          const { runProject } = await import('./project');
          return await runProject(
            {
              targets: positionals,
              format,
              lang,
              reveal: values.reveal === true,
              salt: (values.salt as string | undefined) ?? io.env.RENKEI_SALT,
              version: toolVersion(),
              maxWarnings,
              quiet: values.quiet === true,
              rulesUrl,
              cwd: process.cwd(),
            },
            io,
          );
        }
        const args = {
          files: positionals,
          urls: (values.url as string[] | undefined) ?? [],
          state: pickState(values.state as string | undefined, lang),
          format,
          maxWarnings,
          quiet: values.quiet === true,
          rulesUrl,
          lang,
          reveal: values.reveal === true,
          env: values.env as string | undefined,
          salt: (values.salt as string | undefined) ?? io.env.RENKEI_SALT,
          version: toolVersion(),
        };
        // loaded on demand: --help and usage errors stay instant
        const { runAnalyze } = await import('./analyze');
        return await runAnalyze(args, io);
      }
      case 'compare': {
        const { values, positionals } = parse(rest, COMPARE_OPTIONS, earlyLang);
        const lang = pickLang(values.lang as string | undefined, io.env);
        if (values.help) {
          io.stdout(HELP[lang]);
          return 0;
        }
        if (positionals.length !== 2) throw new UsageError(msg(lang, 'compareArgs'));
        files = positionals;
        const args = { a: positionals[0], b: positionals[1], format: pickFormat(values.format as string | undefined, lang), lang };
        const { runCompare } = await import('./compare');
        return await runCompare(args, io);
      }
      case 'check':
        return await dispatch('check', './check.ts', () => import('./check'), 'runCheck', rest, earlyLang, io);
      case 'companion':
        return await dispatch('companion', '../../companion/cli.ts', () => import('../../companion/cli'), 'runCompanionCli', rest, earlyLang, io);
      default:
        io.stderr(`renkei: ${msg(earlyLang, 'unknownCommand', { cmd: oneLine(command, 60) })}\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`renkei: ${e.message}\n`);
      return 2;
    }
    if (e instanceof CliInputError) {
      io.stderr(`renkei: ${oneLine(e.file, 300)}: ${oneLine(e.reason, 400)}\n`);
      return 2;
    }
    const names = files.map((f) => oneLine(basename(f), 100));
    const reason = oneLine(e instanceof Error ? `${e.name}: ${e.message}` : String(e), 300);
    io.stderr(`renkei: ${names.length ? `${names.join(', ')}: ` : ''}${msg(earlyLang, 'internal', { reason })}\n`);
    if (io.env.RENKEI_DEBUG && e instanceof Error && e.stack) io.stderr(`${e.stack}\n`);
    return 2;
  }
}

type Runner = (argv: string[]) => Promise<number>;

/** `check` and `companion` live in modules other parts of the project own: load them on demand. */
async function dispatch(
  cmd: string,
  specifier: string,
  load: () => Promise<object>,
  exportName: string,
  argv: string[],
  lang: Lang,
  io: CliIo,
): Promise<number> {
  let mod: Record<string, unknown>;
  try {
    // a literal import() per command: the compiled CLI keeps each in a chunk of its own
    mod = (await load()) as Record<string, unknown>;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' && String((e as Error).message).includes(specifier.replace(/^.*\//, ''))) {
      io.stderr(`renkei: ${msg(lang, 'notAvailable', { cmd, reason: specifier })}\n`);
      return 2;
    }
    throw e;
  }
  const run = mod[exportName];
  if (typeof run !== 'function') {
    io.stderr(`renkei: ${msg(lang, 'notAvailable', { cmd, reason: `${specifier} has no ${exportName}` })}\n`);
    return 2;
  }
  return await (run as Runner)(argv);
}
