#!/usr/bin/env node
// `npm run test:e2e:stress`: the browser suite, every test run 3 times (--repeat-each 3), beside
// a CPU hog (scripts/cpu-hog.mjs, one busy loop per core). A test that waits on time instead of
// state fails here; the run must end with zero failures. Not part of `npm test`.
//
//   npm run test:e2e:stress [-- [--repeat N] [--no-build] [--hog-seconds N] [playwright args…]]
//
// Builds the extension first (`npm run build`; RENKEI_OUT_DIR is honoured and the tests then load
// RENKEI_OUT_DIR/chrome-mv3 unless RENKEI_EXT_DIR says otherwise). The hog is stopped when the run
// ends, fails or is interrupted (Ctrl-C), and ends by itself after --hog-seconds (default 3 h) or
// when this process is gone. Prints one summary line: passed / failed / flaky / skipped, duration.
import { fork, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const take = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const repeat = Number(take('--repeat', '3'));
const hogSeconds = Number(take('--hog-seconds', String(3 * 3600)));
const noBuild = args.includes('--no-build');
if (noBuild) args.splice(args.indexOf('--no-build'), 1);
if (!Number.isInteger(repeat) || repeat < 1 || !Number.isFinite(hogSeconds) || hogSeconds <= 0) {
  process.stderr.write('stress-e2e: --repeat must be a positive integer and --hog-seconds a positive number\n');
  process.exit(2);
}

const env = { ...process.env };
if (env.RENKEI_OUT_DIR && !env.RENKEI_EXT_DIR) env.RENKEI_EXT_DIR = join(env.RENKEI_OUT_DIR, 'chrome-mv3');

if (!noBuild) {
  const b = spawnSync('npm', ['run', 'build'], { cwd: root, env, stdio: 'inherit' });
  if (b.status !== 0) {
    process.stderr.write(`stress-e2e: the build failed (exit ${b.status ?? b.signal})\n`);
    process.exit(1);
  }
}

const cores = availableParallelism();
let hog;
let playwright;
let finished = false;
const stopHog = () => {
  if (hog && hog.exitCode === null && hog.signalCode === null) hog.kill('SIGTERM');
};
const cleanupAndExit = (code) => {
  stopHog();
  process.exit(code);
};
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (finished) return;
    finished = true;
    process.stderr.write(`\nstress-e2e: ${sig}: stopping the tests and the CPU hog\n`);
    if (playwright && playwright.exitCode === null) playwright.kill(sig);
    stopHog();
    setTimeout(() => process.exit(130), 2_000).unref();
  });
}
process.on('exit', stopHog);

hog = fork(join(root, 'scripts', 'cpu-hog.mjs'), ['--seconds', String(hogSeconds), '--threads', String(cores)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
await new Promise((resolve, reject) => {
  hog.once('message', resolve);
  hog.once('exit', (code) => reject(new Error(`the CPU hog exited early (${code})`)));
}).catch((e) => {
  process.stderr.write(`stress-e2e: ${e.message}\n`);
  cleanupAndExit(1);
});

const reportDir = mkdtempSync(join(tmpdir(), 'renkei-stress-'));
const reportFile = join(reportDir, 'report.json');
const started = Date.now();
const pwArgs = ['playwright', 'test', '--repeat-each', String(repeat), '--reporter', 'list,json', ...args];
process.stdout.write(`stress-e2e: npx ${pwArgs.join(' ')} beside ${cores} busy loop(s)\n`);
playwright = spawn('npx', pwArgs, { cwd: root, env: { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: reportFile }, stdio: 'inherit' });
const code = await new Promise((resolve) => playwright.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
finished = true;
stopHog();

const secs = Math.round((Date.now() - started) / 1000);
const duration = `${Math.floor(secs / 60)}m${String(secs % 60).padStart(2, '0')}s`;
let counts = 'no report';
try {
  const stats = JSON.parse(readFileSync(reportFile, 'utf8')).stats;
  counts = `${stats.expected} passed, ${stats.unexpected} failed, ${stats.flaky} flaky, ${stats.skipped} skipped`;
} catch {
  /* Playwright stopped before writing its report: the exit code says enough */
}
rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(
  `\ntest:e2e:stress: ${counts} in ${duration} (--repeat-each ${repeat}, ${cores} busy loop(s) on ${cores} core(s)); playwright exit ${code}\n`,
);
process.exit(code === 0 ? 0 : 1);
