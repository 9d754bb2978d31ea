import { describe, expect, it } from 'vitest';
import { allChecklists } from '../checklists/index';
import { allRules } from '../rules/registry';
import { diffLines, fixedCode, isDiff, splitFix } from './fix';
import { hasSectionTitle, sectionTitle } from './sections';

describe('splitFix', () => {
  it('reads the instruction, then code lines marked added, removed or kept', () => {
    const parts = splitFix('key の行の次に追加してください。\nOkskyChat("key", "k");\n+ OkskyChat("loginKey", "customer_id");\n- OkskyChat("loginKey", "");\n');
    expect(parts.instruction).toBe('key の行の次に追加してください。');
    expect(parts.code).toEqual([
      { op: 'keep', text: 'OkskyChat("key", "k");' },
      { op: 'add', text: 'OkskyChat("loginKey", "customer_id");' },
      { op: 'remove', text: 'OkskyChat("loginKey", "");' },
    ]);
    expect(isDiff(parts)).toBe(true);
    expect(fixedCode(parts)).toBe('OkskyChat("key", "k");\nOkskyChat("loginKey", "customer_id");');
    expect(diffLines(parts)).toEqual(['  OkskyChat("key", "k");', '+ OkskyChat("loginKey", "customer_id");', '- OkskyChat("loginKey", "");']);
  });

  it('a fix without code is only an instruction; code without marks is the corrected code itself', () => {
    expect(splitFix('対応は不要です。')).toEqual({ instruction: '対応は不要です。', code: [] });
    const p = splitFix('Use straight quotes:\r\nOkskyChat("key", "k");');
    expect(isDiff(p)).toBe(false);
    expect(diffLines(p)).toEqual(['OkskyChat("key", "k");']);
  });
});

describe('every rule fix follows the convention', () => {
  const texts = allRules.flatMap((r) =>
    [r.meta.fix, ...Object.values(r.meta.fixes ?? {})].flatMap((loc) => [
      { id: r.meta.id, lang: 'ja', text: loc.ja },
      { id: r.meta.id, lang: 'en', text: loc.en },
    ]),
  );

  const checklistTexts = allChecklists.flatMap((c) =>
    c.items.flatMap((item) => [
      { id: `${c.id}/${item.id}`, lang: 'ja', text: item.fix.ja },
      { id: `${c.id}/${item.id}`, lang: 'en', text: item.fix.en },
    ]),
  );

  it.each([...texts, ...checklistTexts])('$id ($lang): one instruction line, then only code', ({ text }) => {
    const [, ...rest] = text.split('\n');
    for (const line of rest) {
      // prose ends a sentence; code does not
      expect(line.trim(), line).not.toMatch(/[。．]$|\.\s*$|[。]\s/);
    }
  });

  it.each(allRules.map((r) => ({ id: r.meta.id, meta: r.meta })))('$id: no text refers to a colour the reader cannot see', ({ meta }) => {
    const all = [meta.fix, ...Object.values(meta.fixes ?? {}), ...Object.values(meta.messages)].flatMap((l) => [l.ja, l.en]);
    for (const t of all) expect(t).not.toMatch(/赤|緑|青い|\bred\b|\bgreen\b/i);
  });

  it.each(allRules.map((r) => ({ id: r.meta.id, section: r.meta.source.section })))('$id: the source section has an English title', ({ section }) => {
    if (section === undefined) return;
    expect(hasSectionTitle(section), section).toBe(true);
    expect(sectionTitle('en', section)).not.toMatch(/[ぁ-んァ-ヶ]/);
    expect(sectionTitle('ja', section)).toBe(section);
  });
});

describe('the fix in the Markdown and plain reports', () => {
  const fix = '`key` の行の次に追加してください（＋の行）。\nOkskyChat("key", "k");\n+ OkskyChat("loginKey", "customer_id");';

  it('Markdown: the instruction, then a diff block whose fence outlasts any backticks in the code', async () => {
    const { fixMarkdown } = await import('./fix');
    expect(fixMarkdown(fix)).toBe('`key` の行の次に追加してください（＋の行）。\n\n```diff\n  OkskyChat("key", "k");\n+ OkskyChat("loginKey", "customer_id");\n```');
    expect(fixMarkdown('Use:\na ``` b')).toBe('Use:\n\n````\na ``` b\n````');
    // an instruction that would read as a list item or heading stays a sentence
    expect(fixMarkdown('- not a list')).toBe('\\- not a list');
  });

  it('plain text: the instruction without markup, then the marked lines', async () => {
    const { fixTextLines } = await import('./fix');
    const { plainInline } = await import('./inline');
    expect(fixTextLines(fix, plainInline)).toEqual(['key の行の次に追加してください（＋の行）。', '  OkskyChat("key", "k");', '+ OkskyChat("loginKey", "customer_id");']);
  });
});
