/**
 * `npm run lint:firefox`: Mozilla's linter (`web-ext lint`, offline) on the built Firefox package.
 * Fails on any error and on any warning that is not one of the explained ones below (each is
 * also explained in the README, "Firefox package").
 *
 *   npm run lint:firefox            (builds .output/firefox-mv3 first)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIR = join(ROOT, process.env.RENKEI_OUT_DIR ?? '.output', 'firefox-mv3');

interface LintMessage {
  code: string;
  file?: string;
  message: string;
}

/** warnings that stay, with the reason (README "Firefox package") */
const EXPLAINED: { code: string; file: RegExp; message: RegExp; max: number; why: string }[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    file: /^chunks\/[\w-]+\.js$/,
    message: /innerHTML/,
    max: 2,
    why: "React DOM's own innerHTML assignments (dangerouslySetInnerHTML and its SVG workaround); the extension's UI never uses dangerouslySetInnerHTML",
  },
];

function main() {
  if (!existsSync(join(DIR, 'manifest.json'))) {
    process.stderr.write(`lint:firefox: build the Firefox package first (npx wxt build -b firefox --mv3): ${DIR} has no manifest.json\n`);
    process.exit(1);
  }
  let out: string;
  try {
    out = execFileSync(join(ROOT, 'node_modules', '.bin', 'web-ext'), ['lint', '--source-dir', DIR, '--output', 'json', '--no-config-discovery'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    // web-ext exits 1 when there are errors; the JSON is still on stdout
    out = (e as { stdout?: string }).stdout ?? '';
  }
  const report = JSON.parse(out.slice(out.indexOf('{'))) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
  const used = new Map<string, number>();
  const unexplained = report.warnings.filter((w) => {
    const hit = EXPLAINED.find((x) => x.code === w.code && x.file.test(w.file ?? '') && x.message.test(w.message));
    if (!hit) return true;
    const n = (used.get(hit.code) ?? 0) + 1;
    used.set(hit.code, n);
    return n > hit.max;
  });
  const line = (m: LintMessage) => `  ${m.code} ${m.file ?? ''}: ${m.message}`;
  process.stdout.write(
    `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexplained.length} explained), ${report.notices.length} notices\n`,
  );
  for (const x of EXPLAINED) if (used.get(x.code)) process.stdout.write(`  explained: ${x.code} ×${used.get(x.code)} — ${x.why}\n`);
  if (report.errors.length || unexplained.length) {
    process.stderr.write([...report.errors, ...unexplained].map(line).join('\n') + '\n');
    process.exit(1);
  }
}

main();
