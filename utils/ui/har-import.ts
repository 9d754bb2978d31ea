/**
 * Import a HAR file into the panel: bounded, read as text, turned into a Session by the same
 * code `renkei analyze` uses (utils/core/har.ts). Errors come back as catalogue keys so they
 * are shown in plain Japanese (or English).
 */
import { harObjectToSession, harToSession } from '../core/har';
import { InputError, type InputErrorCode } from '../core/input-error';
import type { Lang, Session } from '../core/model';
import type { MessageKey } from './i18n';

import { MAX_HAR_BYTES } from './limits';

export { MAX_HAR_BYTES };

export interface HarFileLike {
  name: string;
  size: number;
  text(): Promise<string>;
}

export type HarImportResult =
  | { ok: true; name: string; session: Session }
  | { ok: false; name: string; error: MessageKey; detail?: string };

/** the headline per input error; the core's own reason (in the same language) follows it */
const codeMessages: Partial<Record<InputErrorCode, MessageKey>> = {
  empty: 'harErrorEmpty',
  blank: 'harErrorEmpty',
  'too-large': 'harErrorTooLarge',
  binary: 'harErrorBinary',
  undecodable: 'harErrorBinary',
  'json-syntax': 'harErrorJson',
  'json-too-deep': 'harErrorJson',
};

export async function importHarFile(file: HarFileLike, lang: Lang = 'ja'): Promise<HarImportResult> {
  const name = file.name.slice(0, 200);
  if (file.size > MAX_HAR_BYTES) return { ok: false, name, error: 'harErrorTooLarge' };
  if (file.size === 0) return { ok: false, name, error: 'harErrorEmpty' };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, name, error: 'harErrorRead' };
  }
  try {
    return { ok: true, name, session: harToSession(text) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, name, error: codeMessages[e.code] ?? 'harErrorInvalid', detail: e.reason(lang) };
    return { ok: false, name, error: 'harErrorInvalid', detail: e instanceof Error ? e.message.slice(0, 300) : undefined };
  }
}

/** A HAR already in memory (DevTools' own network log), read by the same converter. */
export function importHarObject(har: unknown, name: string, lang: Lang = 'ja'): HarImportResult {
  try {
    return { ok: true, name, session: harObjectToSession(har) };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, name, error: codeMessages[e.code] ?? 'harErrorInvalid', detail: e.reason(lang) };
    return { ok: false, name, error: 'harErrorInvalid', detail: e instanceof Error ? e.message.slice(0, 300) : undefined };
  }
}
