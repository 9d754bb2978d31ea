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
// Then, for dist/cli only, the companion's PGlite template (companion/template.ts): a migrated
// embedded database new DATA_DIRs are unpacked from, made once per PGlite build.
//
//   node scripts/build-cli.mjs [--quiet] [--outdir DIR]   (default dist/cli)
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
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
    worker: 'utils/cli/worker-main.ts',
    companion: 'companion/main.ts',
    'pglite-template': 'companion/template-main.ts',
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

// the source files the bundle was built from: the bin compares their times with the bundle's
const inputs = [...Object.keys(result.metafile.inputs).filter((f) => !f.includes('node_modules/') && !f.startsWith('<')), 'package.json'];
writeFileSync(resolve(tmp, 'inputs.json'), `${JSON.stringify({ builtMs, inputs })}\n`);

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
  process.stdout.write(`build-cli: ${out} (${Object.keys(result.metafile.outputs).length} files, ${(bytes / 1024).toFixed(0)} KiB, ${inputs.length} sources) in ${((performance.now() - started) / 1000).toFixed(2)} s\n`);
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
