'use strict';
// Worker thread of the compiled CLI: runs `renkei analyze|compare` under the time and heap bounds
// that bin/renkei.mjs sets on this thread. The command is the bundle dist/cli/worker-<hash>.js
// (scripts/build-cli.mjs): one classic script, a function of (exports, require, module,
// importMetaUrl, renkeiImport), so that it can be compiled through V8's code cache. Node 20 keeps no code cache
// for ES modules, and compiling the 1.2 MB bundle from scratch costs about as much CPU as the
// whole analysis of a small page.
//
// The cache sits next to the bundle: worker-<hash>.<V8 version>.<arch>.cache. The bundle's name
// carries a hash of its text because V8 checks a cache against the length of the source only,
// not its content. The build writes the cache with one run on a fixture; a run that finds none,
// or one that V8 rejects (another Node, other V8 flags), writes a new one after it has finished,
// and a directory it cannot write to just means compiling without a cache. The cache is code to
// be run: it is only ever read from the bundle's own directory, never from a shared one.
// RENKEI_CODE_CACHE=off runs without it (npm run bench:cli measures both); =refresh writes it
// again after the run (the build: one run of `analyze` and one of `compare` fill it together).
//
// This file is CommonJS on purpose: an ES module as the worker's entry would start Node's ES
// module loader in the thread as well.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose (above) */
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { parentPort, threadId, workerData } = require('node:worker_threads');

const { argv, dist, script: name } = workerData;
const file = join(dist, name);
const cacheFile = join(dist, `${name.replace(/\.js$/, '')}.${process.versions.v8}.${process.arch}.cache`);

const source = readFileSync(file, 'utf8');
let cachedData;
if (process.env.RENKEI_CODE_CACHE !== 'off') {
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // none yet: compiled from the source, and the cache written at the end
  }
}
const script = new vm.Script(source, { filename: file, cachedData });
const bundle = { exports: {} };
// A script compiled from a cache has no import() (Node loses its callback): the bundle loads its
// ES module files (the TypeScript parser, utils/cli/source.ts) through this function instead.
const renkeiImport = (specifier) => import(pathToFileURL(join(dist, specifier)).href);
// packages it does not bundle resolve from its own directory, as from the ES module chunks
script.runInThisContext()(bundle.exports, createRequire(file), bundle, pathToFileURL(file).href, renkeiImport);

function writeCache() {
  const mode = process.env.RENKEI_CODE_CACHE;
  if (mode === 'off' || (cachedData && !script.cachedDataRejected && mode !== 'refresh')) return;
  // V8's flags are part of a cache; a run that switched one on (--expose-gc for a big input)
  // would write a cache the next run rejects
  if (typeof bundle.exports.flagsChanged !== 'function' || bundle.exports.flagsChanged()) return;
  const tmp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
  try {
    // after the run: the functions it compiled lazily are in the cache too
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
  } catch {
    // read-only installation, full disk: the next run compiles from the source again
    rmSync(tmp, { force: true });
  }
}

bundle.exports.main(argv).then((code) => {
  parentPort.postMessage({ code });
  writeCache();
});
