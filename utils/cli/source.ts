/**
 * The TypeScript / JSX parser for the core (`setSourceParser`), loaded only when a source file
 * needs it: analysing pages and HARs never loads it, and a bundle keeps it as a separate, lazily
 * imported module (oxc-parser is native).
 */
import type { Page } from '../core/model';
import { needsSourceParser, setSourceParser, sourceParser } from '../core/source-parser';

/** Registers the source parser when one of the pages has a TypeScript / JSX script. */
export async function ensureSourceParser(pages: readonly Page[]): Promise<void> {
  if (sourceParser()) return;
  if (!pages.some((p) => p.scripts.some((s) => needsSourceParser(s.lang)))) return;
  const { oxcSourceParser } = await import('../source/oxc');
  setSourceParser(oxcSourceParser);
}
