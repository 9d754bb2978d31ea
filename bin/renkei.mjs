#!/usr/bin/env node
// `renkei` CLI entry (CLI.md). The CLI is written in TypeScript next to the analysis core it
// shares with the extension; tsx's loader compiles it on the fly (cached), so `npx renkei`
// works in the repository right after `npm ci`, with no build step.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The tsconfig gives the `@/` path alias; it extends `.wxt/tsconfig.json`, which `npm ci`
// generates (postinstall `wxt prepare`). Without it, relative imports still work.
const tsconfig = resolve(root, 'tsconfig.json');
register({ tsconfig: existsSync(resolve(root, '.wxt/tsconfig.json')) ? tsconfig : false });

// Writes to a closed pipe (`renkei ... | head`) end the output, not the process with a trace.
process.stdout.on('error', (e) => {
  if (e.code !== 'EPIPE') throw e;
});

try {
  const { main } = await import('../utils/cli/main.ts');
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  // Only reached when the CLI itself cannot load (broken installation): still one line.
  process.stderr.write(`renkei: cannot start (${e instanceof Error ? e.message.split('\n')[0] : String(e)})\n`);
  process.exitCode = 2;
}
