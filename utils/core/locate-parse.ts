/**
 * The parse check locate.ts uses to choose where a window around a vendor marker starts: acorn,
 * strict. Kept apart so the extension's content script can use locate.ts without a parser.
 */
import * as acorn from 'acorn';

/** Whether `text` parses as a whole (a script, or a module when it looks like one). */
export function jsParses(text: string): boolean {
  // a failed parse costs several times a good one: try a module only when the text looks like one
  const types = /\b(?:import|export)\b/.test(text) ? (['script', 'module'] as const) : (['script'] as const);
  for (const sourceType of types) {
    try {
      acorn.parse(text, { ecmaVersion: 'latest', sourceType, allowHashBang: true, allowReturnOutsideFunction: true });
      return true;
    } catch {
      /* try the other source type */
    }
  }
  return false;
}
