/**
 * The TypeScript / JSX parser for the core (`setSourceParser`), loaded only when a source file
 * needs it: analysing pages and HARs never loads it, and a bundle keeps it as a separate, lazily
 * imported module (oxc-parser is native).
 */
import type { Page } from '../core/model';
import { needsSourceParser, setSourceParser, sourceParser } from '../core/source-parser';

/**
 * The compiled worker runs the CLI as a classic script through V8's code cache (bin/worker.cjs),
 * where `import()` has no module loader behind it (Node loses the callback of a script compiled
 * from a cache): the worker hands in its own, which loads dist/cli/source-oxc.mjs.
 */
declare const __renkeiImport: ((specifier: string) => Promise<unknown>) | undefined;

async function loadOxc(): Promise<typeof import('../source/oxc')> {
  if (typeof __renkeiImport === 'function') return (await __renkeiImport('./source-oxc.mjs')) as typeof import('../source/oxc');
  return import('../source/oxc');
}

/** Registers the source parser when one of the pages has a TypeScript / JSX script. */
export async function ensureSourceParser(pages: readonly Page[]): Promise<void> {
  if (sourceParser()) return;
  if (!pages.some((p) => p.scripts.some((s) => needsSourceParser(s.lang)))) return;
  const { oxcSourceParser } = await loadOxc();
  setSourceParser(oxcSourceParser);
}
