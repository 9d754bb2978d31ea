/**
 * Benchmark of the companion API on loopback (npm run bench:companion):
 * snapshot reads (GET /v1/snapshots/:id) and checklist writes (PUT with a fresh If-Match each
 * time) on the embedded database, side by side with a bare Hono hello-world on
 * @hono/node-server in the same run. 100 connections (autocannon). Each server runs in its own
 * child process; autocannon runs in this one.
 *
 * First, the start-up figures (the compiled CLI, dist/cli): `renkei companion serve` on an empty
 * DATA_DIR until /healthz answers, a restart on the same DATA_DIR, and `renkei companion token
 * create` beside `renkei --version` (the CLI's own start). Wall-clock medians of --start-runs.
 *
 *   node --import tsx scripts/bench-companion.ts [--duration 10] [--connections 100] [--rounds 3] [--profile DIR] [--start-runs 3] [--start-only]
 *   BENCH_PAGES=4 pages per stored snapshot (size of the documents read)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}
type Autocannon = (opts: Record<string, unknown>, cb: (err: Error | null, res: AutocannonResult) => void) => unknown;

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};

// ── child processes ───────────────────────────────────────────────────────────

async function childHello(port: number) {
  const { Hono } = await import('hono');
  const { serve } = await import('@hono/node-server');
  const app = new Hono();
  app.get('/', (c) => c.text('Hello World'));
  serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => console.log(JSON.stringify({ ready: true })));
  process.on('SIGTERM', () => process.exit(0));
}

async function childCompanion(port: number, dataDir: string) {
  const { startServer } = await import('../companion/server');
  const { snapshot } = await import('../companion/test/fixtures');
  const srv = await startServer(
    {
      host: '127.0.0.1',
      port,
      dataDir,
      corsOrigins: [],
      // the limiter stays in the path, with a bucket no benchmark can drain
      rateLimit: { ratePerSec: 1e9, burst: 1e9 },
      shareTtlSeconds: 3600,
      shutdownTimeoutMs: 1000,
    },
    () => undefined,
  );
  const { token, workspaceId } = await srv.store.createToken('bench');
  const ids: string[] = [];
  // realistic documents: a few pages with tags, requests and findings (several KB each)
  const base = snapshot();
  const pages = Number(process.env.BENCH_PAGES ?? 4);
  for (let i = 0; i < 200; i++) {
    const s = {
      ...base,
      site: `bench-${i % 10}.example.jp`,
      pages: Array.from({ length: pages }, (_, p) => ({ ...base.pages[0], url: `https://bench-${i}.example.jp/page/${p}` })),
      findings: Array.from({ length: pages * 2 }, () => base.findings[0]),
    };
    const m = await srv.store.createSnapshot(workspaceId, JSON.stringify(s), s.summary, { site: s.site, env: s.env });
    ids.push(m.id);
  }
  const sample = await srv.store.getSnapshot(workspaceId, ids[0]);
  console.log(JSON.stringify({ ready: true, token, ids, bytes: sample?.body.length ?? 0 }));
  process.on('SIGTERM', () => void srv.close().then(() => process.exit(0)));
}

// ── parent ────────────────────────────────────────────────────────────────────

function startChild(args: string[]): Promise<{ proc: ChildProcess; info: Record<string, unknown> }> {
  return new Promise((res, rej) => {
    const pi = process.argv.indexOf('--profile');
    const prof = pi >= 0 ? ['--cpu-prof', '--cpu-prof-dir', process.argv[pi + 1]] : [];
    const proc = spawn(process.execPath, [...prof, '--import', 'tsx', import.meta.filename, '--child', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl >= 0) res({ proc, info: JSON.parse(buf.slice(0, nl)) as Record<string, unknown> });
    });
    proc.once('exit', (code) => rej(new Error(`child ${args[0]} exited with ${code}`)));
  });
}

function run(autocannon: Autocannon, opts: Record<string, unknown>): Promise<AutocannonResult> {
  return new Promise((res, rej) => autocannon(opts, (err, r) => (err ? rej(err) : res(r))));
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => res(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

const BIN = join(import.meta.dirname, '..', 'bin', 'renkei.mjs');
const median = (xs: number[]) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

// CPU time (every thread) of a child, recorded by a preload when it exits: on a shared machine
// the wall clock measures the other processes as much as this one
let probeDir: string | undefined;
function probeArgs(): { args: string[] } {
  probeDir ??= mkdtempSync(join(tmpdir(), 'rk-bench-probe-'));
  const probe = join(probeDir, 'probe.mjs');
  writeFileSync(
    probe,
    "import { isMainThread } from 'node:worker_threads'; import { writeFileSync } from 'node:fs';\n" +
      "if (isMainThread && process.env.BENCH_PROBE_OUT) { const out = process.env.BENCH_PROBE_OUT; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(out, String((u.userCPUTime + u.systemCPUTime) / 1000)); }); }\n",
  );
  return { args: ['--import', pathToFileURL(probe).href] };
}

interface Timed {
  wallMs: number;
  cpuMs: number;
}

/** Wall and CPU time of one CLI run to its exit. */
function timeCli(args: string[], env: Record<string, string>): Promise<Timed> {
  const t0 = performance.now();
  const probe = probeArgs();
  const out = join(probeDir!, `cpu-${Math.random().toString(36).slice(2)}.json`);
  return new Promise((res, rej) => {
    const p = spawn(process.execPath, [...probe.args, BIN, ...args], {
      env: { ...process.env, RENKEI_CLI: 'bundle', BENCH_PROBE_OUT: out, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    p.once('exit', (code) =>
      code === 0 ? res({ wallMs: performance.now() - t0, cpuMs: Number(readFileSync(out, 'utf8')) }) : rej(new Error(`renkei ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

/** From spawning `renkei companion serve` to the first 200 from /healthz (wall); CPU of the whole run. */
async function timeServe(dataDir: string): Promise<Timed> {
  const port = await freePort();
  const probe = probeArgs();
  const out = join(probeDir!, `cpu-${Math.random().toString(36).slice(2)}.json`);
  const t0 = performance.now();
  const p = spawn(process.execPath, [...probe.args, BIN, 'companion', 'serve'], {
    env: { ...process.env, RENKEI_CLI: 'bundle', BENCH_PROBE_OUT: out, HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir },
    stdio: 'ignore',
  });
  const exited = new Promise((r) => p.once('exit', r));
  let wallMs: number;
  try {
    for (;;) {
      if (p.exitCode !== null) throw new Error(`companion exited with ${p.exitCode}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) {
          wallMs = performance.now() - t0;
          break;
        }
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    p.kill('SIGTERM');
    await exited;
  }
  return { wallMs, cpuMs: Number(readFileSync(out, 'utf8')) };
}

async function startup() {
  const n = arg('start-runs', 3);
  const first: Timed[] = [];
  const restart: Timed[] = [];
  const create: Timed[] = [];
  const version: Timed[] = [];
  const initdb: Timed[] = [];
  for (let i = 0; i < n; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'rk-bench-start-'));
    const bare = mkdtempSync(join(tmpdir(), 'rk-bench-start-'));
    try {
      version.push(await timeCli(['--version'], {}));
      create.push(await timeCli(['companion', 'token', 'create', '--workspace', 'bench'], { DATA_DIR: dir }));
      first.push(await timeServe(dir));
      restart.push(await timeServe(dir));
      // the same first start without the build's template (PostgreSQL's initdb in WebAssembly)
      if (!process.argv.includes('--no-initdb')) initdb.push(await withEnv({ RENKEI_PGLITE_TEMPLATE: 'off' }, () => timeServe(bare)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(bare, { recursive: true, force: true });
    }
  }
  const w = (xs: Timed[]) => median(xs.map((x) => x.wallMs)) / 1000;
  const c = (xs: Timed[]) => median(xs.map((x) => x.cpuMs)) / 1000;
  const line = (name: string, xs: Timed[], target: string) =>
    `  ${name.padEnd(44)} wall ${w(xs).toFixed(2)} s  CPU ${c(xs).toFixed(2)} s   ${target}   (wall runs ${xs.map((x) => (x.wallMs / 1000).toFixed(2)).join(', ')})`;
  const verdict = (v: number, max: number) => `target ≤ ${max} s: ${v <= max ? 'OK' : 'MISSED'}`;
  console.log(`\ncompanion start (compiled CLI; medians of ${n}; wall clock to /healthz, CPU of the whole process):`);
  console.log(line('first start on an empty DATA_DIR', first, verdict(w(first), 3)));
  if (initdb.length) console.log(line('  (same, without the template: initdb)', initdb, ''));
  console.log(line('restart on the same DATA_DIR', restart, verdict(w(restart), 1)));
  console.log(line('token create (no server running)', create, ''));
  console.log(line('renkei --version (the CLI start)', version, ''));
  const over = w(create) - w(version);
  console.log(`  token create over the CLI's start: ${over.toFixed(2)} s wall, ${(c(create) - c(version)).toFixed(2)} s CPU   ${verdict(over, 0.5)}`);
  if (probeDir) rmSync(probeDir, { recursive: true, force: true });
}

async function withEnv<T>(env: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function main() {
  await startup();
  if (process.argv.includes('--start-only')) return;
  const duration = arg('duration', 10);
  const connections = arg('connections', 100);
  const require = createRequire(import.meta.url);
  const autocannon = require('autocannon') as Autocannon;
  const dataDir = mkdtempSync(join(tmpdir(), 'rk-bench-'));
  const helloPort = await freePort();
  const compPort = await freePort();
  const hello = await startChild(['hello', String(helloPort)]);
  const comp = await startChild(['companion', String(compPort), dataDir]);
  const token = comp.info.token as string;
  const ids = comp.info.ids as string[];
  const auth = { authorization: `Bearer ${token}` };
  const common = { connections, duration, pipelining: 1 };
  const rounds = arg('rounds', 3);
  try {
    // warm-up (JIT, caches) — not measured
    await run(autocannon, { ...common, duration: 2, url: `http://127.0.0.1:${helloPort}/` });
    let n = 0;
    const readReq: AutocannonRequest = { method: 'GET', headers: auth, setupRequest: (r) => ({ ...r, path: `/v1/snapshots/${ids[n++ % ids.length]}` }) };
    await run(autocannon, { ...common, duration: 2, url: `http://127.0.0.1:${compPort}`, requests: [readReq] });

    let client = 0;
    const writeReq: AutocannonRequest = {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      setupRequest: (r, ctx) => {
        ctx.list ??= `bench-${client++}`;
        ctx.version ??= 0;
        const items = [{ id: 'channel-id', state: 'pass', note: `v${Number(ctx.version) + 1}` }];
        return { ...r, path: `/v1/checklists/bench.example.jp/${String(ctx.list)}`, headers: { ...r.headers, 'if-match': `"${String(ctx.version)}"` }, body: JSON.stringify({ items }) };
      },
      onResponse: (status, body, ctx) => {
        if (status === 200) ctx.version = (JSON.parse(body) as { version: number }).version;
      },
    };
    await run(autocannon, { ...common, duration: 2, url: `http://127.0.0.1:${compPort}`, requests: [writeReq] });
    // interleaved rounds (hello, reads, writes, hello, …): on a shared machine the load changes
    // from second to second, so each ratio compares runs made moments apart; medians are reported
    const names = ['hello-world (Hono)', 'GET /v1/snapshots/:id', 'PUT /v1/checklists/… (If-Match)'];
    const runs: AutocannonResult[][] = [[], [], []];
    for (let round = 0; round < rounds; round++) {
      runs[0].push(await run(autocannon, { ...common, url: `http://127.0.0.1:${helloPort}/` }));
      runs[1].push(await run(autocannon, { ...common, url: `http://127.0.0.1:${compPort}`, requests: [readReq] }));
      runs[2].push(await run(autocannon, { ...common, url: `http://127.0.0.1:${compPort}`, requests: [writeReq] }));
    }
    const ratio = (i: number) => median(runs[i].map((r, k) => r.requests.average / runs[0][k].requests.average));
    const rows = names.map((name, i) => ({
      benchmark: name,
      'req/s': Math.round(median(runs[i].map((r) => r.requests.average))),
      'p99 ms': median(runs[i].map((r) => r.latency.p99)),
      'avg ms': Number(median(runs[i].map((r) => r.latency.average)).toFixed(2)),
      'vs hello': `${(ratio(i) * 100).toFixed(0)}%`,
      'non-2xx': runs[i].reduce((n, r) => n + r.non2xx, 0),
      errors: runs[i].reduce((n, r) => n + r.errors + r.timeouts, 0),
    }));
    console.log(
      `\ncompanion benchmark: ${connections} connections, ${rounds} interleaved rounds of ${duration} s, loopback, embedded database (PGlite); snapshot documents of ${String(comp.info.bytes)} bytes; medians`,
    );
    console.table(rows);
    console.log('per round req/s (hello / reads / writes):', runs[0].map((_, k) => runs.map((r) => Math.round(r[k].requests.average)).join(' / ')).join(' · '));
    const readP99 = rows[1]['p99 ms'];
    console.log(
      `targets: snapshot reads ≥ 40% of hello-world → ${(ratio(1) * 100).toFixed(0)}% ${ratio(1) >= 0.4 ? 'OK' : 'MISSED'}; p99 ≤ 20 ms → reads ${readP99} ms ${readP99 <= 20 ? 'OK' : 'MISSED'} (hello-world itself: ${rows[0]['p99 ms']} ms), writes ${rows[2]['p99 ms']} ms`,
    );
  } finally {
    hello.proc.kill('SIGTERM');
    comp.proc.kill('SIGTERM');
    await new Promise((r) => comp.proc.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) {
  const [kind, port, dir] = process.argv.slice(ci + 1);
  (kind === 'hello' ? childHello(Number(port)) : childCompanion(Number(port), dir)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
} else {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
