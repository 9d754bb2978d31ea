/** Runs the real `renkei` bin in a child process, as a user or CI would. */
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = resolve(ROOT, 'bin', 'renkei.mjs');
export const FIXTURES = resolve(ROOT, 'tests', 'fixtures', 'cli');
export const fixture = (name: string) => resolve(FIXTURES, name);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Which CLI the runs use, passed on from the test run's own environment: `RENKEI_CLI=bundle
 * RENKEI_CLI_DIST=DIR npx vitest run tests/cli` runs every test against a compiled bundle.
 */
const CLI_CHOICE = Object.fromEntries(['RENKEI_CLI', 'RENKEI_CLI_DIST'].flatMap((k) => (process.env[k] ? [[k, process.env[k] as string]] : [])));

/** Run `node bin/renkei.mjs ...args`; kills it after `timeoutMs` (a hang is a failure). */
export function runCli(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number; cwd?: string } = {}): Promise<CliRun> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TMPDIR: process.env.TMPDIR ?? '', LANG: 'C.UTF-8', ...CLI_CHOICE, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`renkei ${args.join(' ')} did not finish within ${opts.timeoutMs ?? 60_000} ms`));
    }, opts.timeoutMs ?? 60_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started });
    });
  });
}

/** stderr must be exactly one line, naming the file, with no stack trace. */
export function expectOneLineError(run: CliRun, file: string): string {
  const lines = run.stderr.split('\n').filter((l) => l.trim() !== '');
  if (lines.length !== 1) throw new Error(`expected one line on stderr, got ${lines.length}: ${run.stderr.slice(0, 2000)}`);
  if (!lines[0].includes(file)) throw new Error(`stderr does not name ${file}: ${lines[0]}`);
  if (/\bat .+:\d+:\d+/.test(run.stderr)) throw new Error(`stack trace on stderr: ${run.stderr}`);
  return lines[0];
}
