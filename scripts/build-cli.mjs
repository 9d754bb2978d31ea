#!/usr/bin/env node
// Compiles the CLI and the companion into plain JavaScript bundles in dist/ (npm run build:cli;
// also run by `prepare`, so `npx renkei` is compiled right after `npm ci`). bin/renkei.mjs runs
// the bundle when it is newer than every source file it was built from (dist/cli/inputs.json),
// and the TypeScript sources through tsx otherwise.
//
// One ESM build with code splitting: what a command does not need stays in its own chunk and is
// loaded on demand (`check`, `companion`, the settings-page checklists). Packages with files of
// their own (PGlite's WebAssembly, Playwright, pg's optional native part) are not bundled.
//
// `analyze` and `compare` run in a worker thread (bin/renkei.mjs) from a second build: one
// classic script, worker-<hash>.js, that bin/worker.cjs compiles through V8's code cache (Node 20
// has none for ES modules). The build runs it once on a fixture, which writes that cache.
//
// Then, for dist/cli only, the companion's PGlite template (companion/template.ts): a migrated
// embedded database new DATA_DIRs are unpacked from, made once per PGlite build.
//
//   node scripts/build-cli.mjs [--quiet] [--outdir DIR]   (default dist/cli)
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  // production install without dev dependencies: the bin falls back to (or asks for) a build
  if (!quiet) process.stderr.write('build-cli: esbuild is not installed; skipping the CLI bundle\n');
  process.exit(0);
}

const oi = process.argv.indexOf('--outdir');
const out = oi > 0 ? resolve(process.argv[oi + 1]) : resolve(root, 'dist', 'cli');
const tmp = resolve(out, '..', `.cli-${process.pid}`);
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

const started = performance.now();

// `renkei check` injects the extension's probe as source text (utils/ext/probe-source.ts). From a
// minified bundle, `installProbe.toString()` would name helpers of the bundle (keepNames'
// renamer) that the page does not have: the probe is built on its own, as one self-contained
// script, and its text goes into the bundle.
const probe = await esbuild.build({
  absWorkingDir: root,
  stdin: {
    contents:
      "import { installProbe } from './utils/ext/probe-main';\nimport { PROBE_CHANNEL, PROBE_GLOBAL } from './utils/ext/constants';\ntry { installProbe(PROBE_CHANNEL, PROBE_GLOBAL); } catch {}\n",
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  write: false,
  logLevel: 'error',
});
const probeSource = probe.outputFiles[0].text;
// sources changed from here on make the bundle stale (even those changed while it builds)
const builtMs = Date.now();
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: {
    main: 'utils/cli/main.ts',
    companion: 'companion/main.ts',
    'pglite-template': 'companion/template-main.ts',
    // a name the worker's script can import it by (oxc-parser is native: never bundled)
    'source-oxc': 'utils/source/oxc.ts',
    // the threads that read a big HAR in parts (utils/cli/har-pool.ts starts them by this name)
    'har-pool-worker': 'utils/cli/har-pool-worker-main.ts',
  },
  outdir: tmp,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // bundled CommonJS packages may require() Node's own modules
  banner: { js: "import { createRequire as __renkeiRequire } from 'node:module'; const require = __renkeiRequire(import.meta.url);" },
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'pg-native', 'playwright-core', 'playwright', 'tsx', 'tsx/*', 'oxc-parser', '@oxc-parser/*'],
  // chunks next to the entries: a module's own directory (import.meta.url) is the same in both
  chunkNames: '[name]-[hash]',
  metafile: true,
  // `renkei --version` without reading package.json (and right wherever the bundle lives)
  define: {
    __RENKEI_VERSION__: JSON.stringify(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version),
    __RENKEI_PROBE_SOURCE__: JSON.stringify(probeSource),
  },
  legalComments: 'none',
  // a third of the bytes to parse at every start (names kept: error messages print them)
  minify: true,
  keepNames: true,
  logLevel: quiet ? 'error' : 'warning',
});

// The worker's script: `main` and the code of `analyze` and `compare` in one classic script (a
// function of exports, require, module, import.meta.url and an import() for its ES module files:
// bin/worker.cjs). `check` and `companion` never run in the worker (bin/renkei.mjs runs them in
// the main thread): left out.
const notInWorker = {
  name: 'not-in-worker',
  setup(b) {
    b.onResolve({ filter: /^(\.\/check|\.\.\/\.\.\/companion\/cli)$/ }, (a) => ({ path: a.path, namespace: 'not-in-worker' }));
    b.onLoad({ filter: /.*/, namespace: 'not-in-worker' }, () => ({ contents: 'export {};', loader: 'js' }));
    b.onResolve({ filter: /^\.\.\/source\/oxc$/ }, () => ({ path: './source-oxc.mjs', external: true }));
    // zod's `z.locales` (its error messages in 40 languages, a fifth of the script) is never
    // used: the CLI writes its own messages; zod's English stays (classic/schemas.js imports it)
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (a) =>
      a.importer.includes(`${sep}zod${sep}`) ? { path: resolve(dirname(a.importer), '..', 'locales', 'index.js'), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (a) => ({
      contents: `export { default as en } from ${JSON.stringify(resolve(dirname(a.path), 'en.js'))};`,
      loader: 'js',
      resolveDir: dirname(a.path),
    }));
  },
};
// The core's zod schemas are built on first use in the worker (utils/cli/lazy-schema.ts,
// scripts/lazy-schemas.mjs): most of them are never used by a run, and building them was the
// biggest part of loading the core. The sources stay as they are; a module the rewrite cannot
// read is bundled unchanged.
const { lazySchemaSource } = await import('./lazy-schemas.mjs');
const lazySchemas = {
  name: 'lazy-schemas',
  setup(b) {
    b.onLoad({ filter: /[\\/]utils[\\/]core[\\/].*\.ts$/ }, async (a) => {
      const ts = readFileSync(a.path, 'utf8');
      if (!ts.includes("from 'zod'")) return undefined;
      try {
        const js = (await esbuild.transform(ts, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: a.path })).code;
        const out = lazySchemaSource(js, resolve(root, 'utils', 'cli', 'lazy-schema.ts'));
        return out === null ? undefined : { contents: out, loader: 'js', resolveDir: dirname(a.path) };
      } catch {
        return undefined;
      }
    });
  },
};
const worker = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ['utils/cli/worker-bundle.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pg', 'pg-native', 'playwright-core', 'playwright', 'tsx', 'tsx/*', 'oxc-parser', '@oxc-parser/*'],
  plugins: [notInWorker, lazySchemas],
  metafile: true,
  write: false,
  define: {
    __RENKEI_VERSION__: JSON.stringify(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version),
    __RENKEI_PROBE_SOURCE__: '""',
    'import.meta.url': '__renkeiImportMetaUrl',
  },
  legalComments: 'none',
  minify: true,
  keepNames: true,
  logLevel: quiet ? 'error' : 'warning',
});
const workerText = `(function (exports, require, module, __renkeiImportMetaUrl, __renkeiImport) {${worker.outputFiles[0].text}\n})`;
const workerName = `worker-${createHash('sha256').update(workerText).digest('hex').slice(0, 16)}.js`;
writeFileSync(resolve(tmp, workerName), workerText);

// the source files the bundle was built from: the bin compares their times with the bundle's
const inputs = [
  // (files only: not packages, nor the plugins' stand-ins such as `not-in-worker:./check`)
  ...new Set([...Object.keys(result.metafile.inputs), ...Object.keys(worker.metafile.inputs)].filter((f) => !f.includes('node_modules/') && !f.startsWith('<') && !/^[a-z-]+:/.test(f))),
  'package.json',
  // the build itself: a change to how the worker's script is made makes the bundle stale too
  'scripts/build-cli.mjs',
  'scripts/lazy-schemas.mjs',
];
writeFileSync(resolve(tmp, 'inputs.json'), `${JSON.stringify({ builtMs, inputs, worker: workerName })}\n`);

// Two runs write the worker's code cache (bin/worker.cjs) before the build is swapped in: the
// functions `analyze` of a page and `compare` compile go into it. Without the fixtures (an
// installation without tests/) the first real run writes it.
const fixtures = resolve(root, 'tests', 'fixtures', 'cli');
const warmRuns = [
  ['', ['analyze', resolve(fixtures, 'oksky-correct.html')]],
  ['refresh', ['compare', resolve(fixtures, 'staging.json'), resolve(fixtures, 'production.json')]],
];
for (const [mode, args] of warmRuns) {
  if (!args.slice(1).every((f) => existsSync(f))) break;
  spawnSync(process.execPath, [resolve(root, 'bin', 'renkei.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, RENKEI_CLI: 'bundle', RENKEI_CLI_DIST: tmp, RENKEI_CODE_CACHE: mode },
    stdio: 'ignore',
  });
}

// swap in the new build as a whole; the previous one stays a few minutes for runs that started
// on it and still load chunks on demand
const parent = resolve(out, '..');
for (const name of readdirSync(parent)) {
  const p = resolve(parent, name);
  if (name.startsWith('.cli-old-') && Date.now() - statSync(p).mtimeMs > 5 * 60_000) rmSync(p, { recursive: true, force: true });
}
try {
  renameSync(out, resolve(parent, `.cli-old-${process.pid}-${Date.now()}`));
} catch {
  /* first build */
}
renameSync(tmp, out);

if (!quiet) {
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  process.stdout.write(
    `build-cli: ${out} (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB; worker ${(workerText.length / 1024).toFixed(0)} KiB; ${inputs.length} sources) in ${((performance.now() - started) / 1000).toFixed(2)} s\n`,
  );
}

// the ESLint plugin (`renkei-doctor/eslint`, eslint/index.mjs): one file, so an install without
// development dependencies (no tsx) loads it too; its parsers are the user's own packages
if (oi < 0) {
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { plugin: 'utils/eslint/plugin.ts' },
    outdir: resolve(root, 'dist', 'eslint'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __renkeiRequire } from 'node:module'; const require = __renkeiRequire(import.meta.url);" },
    packages: 'external',
    legalComments: 'none',
    logLevel: quiet ? 'error' : 'warning',
  });
}

if (oi < 0) {
  const r = spawnSync(process.execPath, [resolve(out, 'pglite-template.mjs'), ...(quiet ? ['--quiet'] : [])], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.stderr.write('build-cli: the PGlite template was not made (the companion initialises new DATA_DIRs itself)\n');
}
