/** Build step: make dist/pglite-template (companion/template.ts). Run by scripts/build-cli.mjs. */
import { buildTemplate } from './template';

const started = performance.now();
buildTemplate().then(
  (made) => {
    if (made && !process.argv.includes('--quiet')) process.stdout.write(`build-cli: PGlite template in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  },
  (e: unknown) => {
    // the companion still starts without it (initdb on first start)
    process.stderr.write(`build-cli: no PGlite template (${e instanceof Error ? e.message : String(e)})\n`);
  },
);
