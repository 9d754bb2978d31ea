/**
 * `npm run package`: the store packages — Chrome (MV3), Firefox (MV3) and the sources zip for
 * Mozilla's review — built with `wxt zip`, then checked (scripts/package-check.ts): the files
 * each holds (no data/, .env, test fixtures, source maps) and the manifests. Prints the zips and
 * their sizes; exits 1 with the problems otherwise. The zips land in `.output/` (or RENKEI_OUT_DIR).
 *
 *   npm run package
 *   npm run package -- --no-build     (check the zips already made)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkExtensionZip, checkSourcesZip, listZip } from './package-check';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, process.env.RENKEI_OUT_DIR ?? '.output');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

function main() {
  if (!process.argv.includes('--no-build')) {
    const wxt = join(ROOT, 'node_modules', '.bin', 'wxt');
    execFileSync(wxt, ['zip'], { cwd: ROOT, stdio: 'inherit' });
    execFileSync(wxt, ['zip', '-b', 'firefox', '--mv3'], { cwd: ROOT, stdio: 'inherit' });
  }
  const zips = {
    chrome: join(OUT, `${pkg.name}-${pkg.version}-chrome.zip`),
    firefox: join(OUT, `${pkg.name}-${pkg.version}-firefox.zip`),
    sources: join(OUT, `${pkg.name}-${pkg.version}-sources.zip`),
  };
  const problems: string[] = [];
  for (const [kind, file] of Object.entries(zips)) {
    if (!existsSync(file)) {
      problems.push(`${file}: missing (found: ${existsSync(OUT) ? readdirSync(OUT).filter((f) => f.endsWith('.zip')).join(', ') : 'no output folder'})`);
      continue;
    }
    const buf = readFileSync(file);
    const found = kind === 'sources' ? checkSourcesZip(buf) : checkExtensionZip(buf, kind as 'chrome' | 'firefox', pkg.version);
    problems.push(...found.map((p) => `${kind}: ${p}`));
    process.stdout.write(`${kind.padEnd(8)} ${file.slice(ROOT.length + 1)}  ${(statSync(file).size / 1024).toFixed(0)} KB, ${listZip(buf).length} files\n`);
  }
  if (problems.length) {
    process.stderr.write(`package: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('package: zips checked (files and manifests) — OK\n');
}

main();
