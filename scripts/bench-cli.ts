/**
 * Start-up cost of the `renkei` CLI as a user feels it (npm run bench:cli): CPU time (user +
 * system, every thread) and peak RSS of the whole process for
 *
 *   renkei analyze small.html      (one page, one tag: tests/fixtures/cli/oksky-correct.html)
 *   renkei --version
 *   renkei compare a.json b.json   (tests/fixtures/cli/staging.json, production.json)
 *
 * each paired with `node -e 0` in alternating runs, so both see the same machine load. The
 * figures come from the child itself: a preload (--import) records process.resourceUsage() at
 * exit, which covers the worker thread too. Ratios are of medians. One more line shows `analyze`
 * without the worker's V8 code cache (RENKEI_CODE_CACHE=off, bin/worker.cjs): what the cache saves.
 * The load average is printed before and after: figures from a busy machine are not comparable.
 *
 *   npm run bench:cli   (builds the bundle first; runs it even if a source file changes meanwhile)
 *   node --import tsx scripts/bench-cli.ts [--runs 15] [--source]   (--source: the TypeScript sources through tsx)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin', 'renkei.mjs');
const FIX = join(ROOT, 'tests', 'fixtures', 'cli');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const SOURCE = process.argv.includes('--source');

const TARGET_CPU_RATIO = 2.5;
const TARGET_RSS_MB = 80;

const dir = mkdtempSync(join(tmpdir(), 'renkei-bench-cli-'));
const probe = join(dir, 'probe.mjs');
writeFileSync(
  probe,
  `import { isMainThread } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
if (isMainThread && process.env.BENCH_PROBE_OUT) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(process.env.BENCH_PROBE_OUT, JSON.stringify({ cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, rssMb: u.maxRSS / 1024 }));
  });
}
`,
);

interface Sample {
  cpuMs: number;
  rssMb: number;
}

function once(args: string[], env: Record<string, string> = {}): Sample {
  const out = join(dir, 'probe.json');
  rmSync(out, { force: true });
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(probe).href, ...args], {
    cwd: dir,
    env: { ...process.env, BENCH_PROBE_OUT: out, LANG: 'C.UTF-8', RENKEI_CLI: SOURCE ? 'source' : 'bundle', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(0, 500)}`);
  return JSON.parse(readFileSync(out, 'utf8')) as Sample;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const cases: { name: string; args: string[]; target: boolean; env?: Record<string, string> }[] = [
  { name: 'renkei analyze small.html', args: [BIN, 'analyze', join(FIX, 'oksky-correct.html')], target: true },
  { name: 'renkei --version', args: [BIN, '--version'], target: false },
  { name: 'renkei compare a.json b.json', args: [BIN, 'compare', join(FIX, 'staging.json'), join(FIX, 'production.json')], target: false },
];
if (!SOURCE) {
  cases.push({ name: 'analyze, no code cache', args: cases[0].args, target: false, env: { RENKEI_CODE_CACHE: 'off' } });
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`bench:cli — ${RUNS} alternating runs each, ${SOURCE ? 'TypeScript sources (tsx)' : 'compiled bundle (dist/cli)'}; medians; load average ${load()}`);
// warm the file cache (and, for --source, tsx's compile cache) once
for (const c of cases) once(c.args, c.env);
once(['-e', '0']);

let ok = true;
for (const c of cases) {
  const base: Sample[] = [];
  const cli: Sample[] = [];
  for (let i = 0; i < RUNS; i++) {
    base.push(once(['-e', '0']));
    cli.push(once(c.args, c.env));
  }
  const bc = median(base.map((s) => s.cpuMs));
  const cc = median(cli.map((s) => s.cpuMs));
  const br = median(base.map((s) => s.rssMb));
  const cr = median(cli.map((s) => s.rssMb));
  const ratio = cc / bc;
  let verdict = '';
  if (c.target) {
    const met = ratio <= TARGET_CPU_RATIO && cr <= TARGET_RSS_MB;
    ok &&= met;
    verdict = `  target ≤ ${TARGET_CPU_RATIO}× CPU, ≤ ${TARGET_RSS_MB} MB: ${met ? 'met' : 'NOT met'}`;
  }
  console.log(
    `${c.name.padEnd(30)} CPU ${cc.toFixed(0).padStart(4)} ms vs node -e 0 ${bc.toFixed(0).padStart(3)} ms = ${ratio.toFixed(2)}×   RSS ${cr.toFixed(0)} MB vs ${br.toFixed(0)} MB = ${(cr / br).toFixed(2)}×${verdict}`,
  );
}
console.log(`load average ${load()}`);
rmSync(dir, { recursive: true, force: true });
process.exitCode = ok ? 0 : 0; // a benchmark reports; the verdict is in the output
