/**
 * The source parser the CLI and the ESLint plugin inject into the core (`setSourceParser`):
 * oxc-parser, a native TypeScript / JSX parser with an ESTree (typescript-estree shaped) output
 * and UTF-16 offsets. Why oxc: README "Source files". Node only; import it lazily (dynamic
 * `import()`), only when a TypeScript / JSX / Vue / Svelte / Astro source is analysed.
 */
import { parseSync } from 'oxc-parser';
import type { EsNode } from '../core/static-value';
import type { SourceLang, SourceParser, SourceParseResult } from '../core/source-parser';

const EXT: Record<SourceLang, string> = { js: 'source.js', jsx: 'source.jsx', ts: 'source.ts', tsx: 'source.tsx' };

export const oxcSourceParser: SourceParser = {
  name: 'oxc-parser',
  parse(text: string, lang: SourceLang, sourceType: 'module' | 'script'): SourceParseResult {
    const r = parseSync(EXT[lang], text, { lang, sourceType, preserveParens: false, showSemanticErrors: false });
    const first = r.errors.find((e) => e.severity === 'Error');
    const comments = r.comments.map((c) => ({ type: c.type, value: c.value, start: c.start, end: c.end }));
    const program = r.program as unknown as EsNode;
    if (!first) return { program, comments };
    return { program, comments, error: { message: first.message, pos: first.labels[0]?.start ?? 0 } };
  },
};

export default oxcSourceParser;
