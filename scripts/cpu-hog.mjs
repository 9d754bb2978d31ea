#!/usr/bin/env node
// A CPU hog for the stress run of the browser tests (scripts/stress-e2e.mjs): one busy loop per
// core, so the tests run on a machine with no idle core. Bounded three ways, so it can never
// outlive the run that started it:
// - a deadline (--seconds, default 3600): every loop checks the clock and ends by itself;
// - SIGINT / SIGTERM end it at once;
// - started by another Node process with an IPC channel (child_process.fork), it ends when that
//   channel closes: its parent exited, however it exited (even SIGKILL).
// The loops are worker threads of this one process, so the main thread stays free to notice the
// above and one process id ends everything.
//
//   node scripts/cpu-hog.mjs [--seconds N] [--threads N]   (threads: default one per core)
import { availableParallelism } from 'node:os';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

if (!isMainThread) {
  const { until } = workerData;
  let x = 0;
  // check the clock every few million iterations: the loop stays busy, the deadline holds
  while (Date.now() < until) for (let i = 0; i < 5_000_000; i++) x = (x + i) % 1_000_003;
  process.exit(x < 0 ? 1 : 0);
} else {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    const v = i > 0 ? Number(process.argv[i + 1]) : fallback;
    if (!Number.isFinite(v) || v <= 0) {
      process.stderr.write(`cpu-hog: ${name} must be a positive number\n`);
      process.exit(2);
    }
    return v;
  };
  const seconds = arg('--seconds', 3600);
  const threads = Math.round(arg('--threads', availableParallelism()));
  const until = Date.now() + seconds * 1000;
  const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url), { workerData: { until } }));
  const stop = (why) => {
    process.stderr.write(`cpu-hog: stopped (${why})\n`);
    process.exit(0);
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  if (process.send) process.on('disconnect', () => stop('parent gone'));
  let left = workers.length;
  for (const w of workers) w.on('exit', () => --left === 0 && stop('deadline'));
  // the timer keeps the event loop of the main thread alive until the deadline
  setTimeout(() => stop('deadline'), seconds * 1000 + 1000).unref();
  process.stderr.write(`cpu-hog: ${threads} busy loop(s) for at most ${seconds} s (pid ${process.pid})\n`);
  if (process.send) process.send({ ready: threads });
}
