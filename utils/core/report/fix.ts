/**
 * A rule's fix, split into what the reader does and what the reader writes. The convention of
 * every fix template (checked for every rule in fix.test.ts): the first line is the instruction
 * (prose; `inline code` in backticks); every following line is code. A code line starting with
 * `+ ` is a line to add, one starting with `- ` a line to remove, any other line is written as
 * it is (unchanged context, or the corrected line itself). The panel, the popup and every report
 * render the same parts, so the fix never refers to a colour or a figure the reader cannot see.
 */

export type FixLineOp = 'add' | 'remove' | 'keep';

export interface FixLine {
  op: FixLineOp;
  text: string;
}

export interface FixParts {
  instruction: string;
  code: FixLine[];
}

export function splitFix(fix: string): FixParts {
  const lines = fix.replace(/\r\n?/g, '\n').split('\n');
  const instruction = (lines.shift() ?? '').trim();
  const code: FixLine[] = [];
  for (const raw of lines) {
    if (raw.trim() === '') continue;
    if (raw.startsWith('+ ')) code.push({ op: 'add', text: raw.slice(2) });
    else if (raw.startsWith('- ')) code.push({ op: 'remove', text: raw.slice(2) });
    else code.push({ op: 'keep', text: raw });
  }
  return { instruction, code };
}

/** Some line is marked as added or removed: the code block is a before → after comparison. */
export function isDiff(parts: FixParts): boolean {
  return parts.code.some((l) => l.op !== 'keep');
}

/** The code as it should read after the fix (what the copy button copies). */
export function fixedCode(parts: FixParts): string {
  return parts.code
    .filter((l) => l.op !== 'remove')
    .map((l) => l.text)
    .join('\n');
}

/** The code block as diff-style text lines: `+ `, `- ` or two spaces before each line. */
export function diffLines(parts: FixParts): string[] {
  const diff = isDiff(parts);
  return parts.code.map((l) => (diff ? `${l.op === 'add' ? '+' : l.op === 'remove' ? '-' : ' '} ${l.text}` : l.text));
}

/** The fix as Markdown: the instruction, then the code in a fenced block (`diff` when lines are marked). */
export function fixMarkdown(fix: string): string {
  const parts = splitFix(fix);
  const instruction = parts.instruction.replace(/^([#>+-]|\d+\.)/, '\\$1');
  if (parts.code.length === 0) return instruction;
  const lines = diffLines(parts);
  const longest = Math.max(2, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((r) => r.length)));
  const fence = '`'.repeat(longest + 1);
  return [instruction, '', `${fence}${isDiff(parts) ? 'diff' : ''}`, ...lines, fence].join('\n');
}

/** The fix as plain lines: the instruction without markup, then the code lines (diff marks when marked). */
export function fixTextLines(fix: string, plain: (text: string) => string = (t) => t): string[] {
  const parts = splitFix(fix);
  return [plain(parts.instruction), ...diffLines(parts)].filter((l) => l.trim() !== '');
}
