/** Reading and recognising input files for `analyze` and `compare`. */
import { InputError } from '../core/input-error';
import { decodeInput, recogniseText, type RecognisedInput } from '../core/input';
import type { Finding, Lang } from '../core/model';
import { isUtf8 } from 'node:buffer';
import { CliInputError, readInputFile } from './io';

export type OutputFormat = 'json' | 'markdown' | 'text';

/** Read, decode and recognise one file; every failure becomes a one-line CliInputError. */
export function loadInput(file: string, index: number, lang: Lang, url: string | undefined): RecognisedInput {
  try {
    // The bytes are dropped as soon as they are decoded: big HARs are parsed from the text alone.
    const bytes = readInputFile(file, lang);
    const idPrefix = `f${index + 1}:`;
    if (bigUtf8Json(bytes)) {
      // One byte per character instead of two for non-ASCII text (see latin1ToUtf8).
      return recogniseText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), file, { url, idPrefix, encoding: 'utf-8', latin1: true });
    }
    const decoded = decodeInput(bytes);
    return recogniseText(decoded.text, file, { url, idPrefix, encoding: decoded.encoding });
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
