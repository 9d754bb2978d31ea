/** Reading and recognising input files for `analyze` and `compare`. */
import { InputError } from '../core/input-error';
import { decodeInput, recogniseText, type RecognisedInput } from '../core/input';
import type { Finding, Lang } from '../core/model';
import { isUtf8 } from 'node:buffer';
import { CliInputError, readInputFile } from './io';
import { collectGarbage } from './memory';

export type OutputFormat = 'json' | 'markdown' | 'chatwork' | 'text';

interface FileText {
  text: string;
  encoding: string;
  latin1: boolean;
  big: boolean;
}

/** The file's text; the bytes are garbage when this returns. */
function readText(file: string, lang: Lang): FileText {
  const bytes = readInputFile(file, lang);
  const big = bytes.length >= LATIN1_MIN_BYTES;
  if (bigUtf8Json(bytes)) {
    // One byte per character instead of two for non-ASCII text (see latin1ToUtf8).
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return { text, encoding: 'utf-8', latin1: true, big };
  }
  const decoded = decodeInput(bytes);
  return { text: decoded.text, encoding: decoded.encoding, latin1: false, big };
}

function recogniseFile(file: string, index: number, lang: Lang, url: string | undefined): { input: RecognisedInput; big: boolean } {
  const t = readText(file, lang);
  if (t.big) collectGarbage(); // the bytes, before the text is parsed
  return { input: recogniseText(t.text, file, { url, idPrefix: `f${index + 1}:`, encoding: t.encoding, latin1: t.latin1 }), big: t.big };
}

/** Read, decode and recognise one file; every failure becomes a one-line CliInputError. */
export function loadInput(file: string, index: number, lang: Lang, url: string | undefined): RecognisedInput {
  try {
    const { input, big } = recogniseFile(file, index, lang, url);
    if (big) collectGarbage(); // the text and the parse tree, before the analysis
    return input;
  } catch (e) {
    if (e instanceof InputError) throw new CliInputError(file, e.reason(lang));
    throw e;
  }
}

/** Files from this size on are read the memory-saving way when they are UTF-8 JSON. */
export const LATIN1_MIN_BYTES = 1024 * 1024;

/** A big JSON file (first byte `{` or `[`, no BOM) whose bytes are valid UTF-8. */
export function bigUtf8Json(bytes: Uint8Array): boolean {
  if (bytes.length < LATIN1_MIN_BYTES) return false;
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== 0x7b && bytes[i] !== 0x5b) return false;
  return isUtf8(bytes);
}

export function hasError(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
