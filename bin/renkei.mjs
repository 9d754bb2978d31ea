#!/usr/bin/env node
// `renkei` CLI entry (CLI.md). The CLI is written in TypeScript next to the analysis core it
// shares with the extension and ships compiled: `npm run build:cli` (also run by `prepare`, so
// right after `npm ci`) bundles it into dist/cli/ (scripts/build-cli.mjs). This file runs that
// bundle when it is newer than every source file it was built from; otherwise (a fresh edit, a
// checkout without a build) it runs the TypeScript sources through tsx, a development dependency.
// RENKEI_CLI=bundle or RENKEI_CLI=source forces one or the other; RENKEI_CLI_DIST names another
// bundle directory.
//
// `analyze` and `compare` run in a worker thread with a time bound (RENKEI_TIMEOUT_SECONDS,
// default 300) and a heap bound (RENKEI_MAX_HEAP_MB, default 4096, at least 64): whatever a hostile input
// does, the command ends with one line on stderr and exit status 2 instead of hanging. From the
// bundle, the thread runs bin/worker.cjs, which compiles the worker's script through V8's code cache.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = process.env.RENKEI_CLI_DIST ? resolve(process.env.RENKEI_CLI_DIST) : resolve(root, 'dist', 'cli');
const argv = process.argv.slice(2);

// Writes to a closed pipe (`renkei ... | head`) end the output, not the process with a trace.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});

const japanese = () => {
  const li = argv.indexOf('--lang');
  if (li >= 0) return argv[li + 1] !== 'en';
  if (argv.includes('--lang=en')) return false;
  const env = (process.env.RENKEI_LANG || '').toLowerCase();
  if (env === 'en' || env === 'ja') return env === 'ja';
  return !/^en(_|-|\.|$)/i.test(process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '');
};

function fail(reason) {
  const files = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !(i > 0 && /^--(url|state|format|lang|env|salt|max-warnings|rules-url|storage-state|out|wait|workspace)$/.test(all[i - 1])));
  process.stderr.write(`renkei: ${files.length ? `${files.map((f) => basename(f)).join(', ')}: ` : ''}${reason}\n`);
  process.exitCode = 2;
}

/** The bundle's build record (its sources, the worker's script), or undefined when it is not there. */
function builtBundle() {
  let built;
  try {
    built = JSON.parse(readFileSync(resolve(dist, 'inputs.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof built.worker !== 'string' || !existsSync(resolve(dist, 'main.mjs')) || !existsSync(resolve(dist, built.worker))) return undefined;
  return built;
}

/** 'fresh' | 'stale' | 'missing': the bundle against the sources listed at its build. */
function bundleState(built) {
  if (!built) return 'missing';
  for (const f of built.inputs) {
    const st = statSync(resolve(root, f), { throwIfNoEntry: false });
    if (!st || st.mtimeMs > built.builtMs) return 'stale';
  }
  return 'fresh';
}

/** 'bundle' or 'source' (TypeScript through tsx), or a reason it cannot run. */
async function pickMode() {
  const forced = process.env.RENKEI_CLI;
  const built = forced === 'source' ? undefined : builtBundle();
  const state = forced === 'source' ? 'skip' : bundleState(built);
  if (forced === 'bundle' || state === 'fresh') {
    if (state === 'missing') return { error: 'missing' };
    return { mode: 'bundle', worker: built.worker };
  }
  try {
    const { register } = await import('tsx/esm/api');
    // The tsconfig gives the `@/` path alias; it extends `.wxt/tsconfig.json`, which `npm ci`
    // generates (postinstall `wxt prepare`). Without it, relative imports still work.
    const tsconfig = existsSync(resolve(root, '.wxt/tsconfig.json')) ? resolve(root, 'tsconfig.json') : false;
    return { mode: 'source', register, tsconfig };
  } catch {
    // no development dependencies: an older bundle still beats none
    return state === 'stale' ? { mode: 'bundle', worker: built.worker } : { error: 'missing' };
  }
}

function notBuilt() {
  process.stderr.write(
    japanese()
      ? `renkei: コンパイル済みの CLI(${basename(dist)}/)がありません。リポジトリで npm run build:cli を実行してください\n`
      : `renkei: the compiled CLI (${basename(dist)}/) is missing: run \`npm run build:cli\` in the repository\n`,
  );
  process.exitCode = 2;
}

function runBounded(how) {
  const seconds = Number(process.env.RENKEI_TIMEOUT_SECONDS) > 0 ? Number(process.env.RENKEI_TIMEOUT_SECONDS) : 300;
  // (below 64 MB V8 cannot even report the limit: it aborts the whole process)
  const heapMb = Number(process.env.RENKEI_MAX_HEAP_MB) > 0 ? Math.max(64, Number(process.env.RENKEI_MAX_HEAP_MB)) : 4096;
  // the compiled worker: bin/worker.cjs runs dist/cli/worker-<hash>.js through V8's code cache
  const script = how.mode === 'bundle' ? new URL('./worker.cjs', import.meta.url) : new URL('../utils/cli/worker.mjs', import.meta.url);
  const worker = new Worker(script, {
    workerData: how.mode === 'bundle' ? { argv, dist, script: how.worker } : { argv, tsconfig: how.tsconfig },
    resourceLimits: { maxOldGenerationSizeMb: heapMb },
  });
  let code;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void worker.terminate();
  }, seconds * 1000);
  worker.on('message', (m) => {
    code = m.code;
  });
  worker.on('error', (e) => {
    code = undefined;
    const memory = e && e.code === 'ERR_WORKER_OUT_OF_MEMORY';
    fail(
      memory
        ? japanese()
          ? `メモリの上限(${heapMb} MB)を超えたため解析を中止しました`
          : `analysis stopped: over the memory bound (${heapMb} MB)`
        : japanese()
          ? `解析中に内部エラーが発生しました(${String(e && e.message).split('\n')[0]})`
          : `internal error during analysis (${String(e && e.message).split('\n')[0]})`,
    );
  });
  worker.on('exit', () => {
    clearTimeout(timer);
    if (timedOut) fail(japanese() ? `解析が ${seconds} 秒以内に終わらなかったため中止しました` : `analysis stopped: it did not finish within ${seconds} s`);
    else if (code !== undefined) process.exitCode = code;
    else if (process.exitCode === undefined) process.exitCode = 2;
  });
}

const how = await pickMode();
if (how.error) {
  notBuilt();
} else if (argv[0] === 'analyze' || argv[0] === 'compare') {
  runBounded(how);
} else {
  // help, version, and `check` / `companion` (browsers and servers run as long as they need)
  try {
    let main;
    if (how.mode === 'bundle') {
      ({ main } = await import(pathToFileURL(resolve(dist, 'main.mjs')).href));
    } else {
      how.register({ tsconfig: how.tsconfig });
      ({ main } = await import('../utils/cli/main.ts'));
    }
    process.exitCode = await main(argv);
  } catch (e) {
    // Only reached when the CLI itself cannot load (broken installation): still one line.
    process.stderr.write(`renkei: cannot start (${e instanceof Error ? e.message.split('\n')[0] : String(e)})\n`);
    process.exitCode = 2;
  }
}
