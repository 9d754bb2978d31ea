/** Node side of reading input files: one-line, localised reasons for every way a read can fail. */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from '../core/input-error';
import { INPUT_LIMITS } from '../core/input';
import type { Lang } from '../core/model';

import { CliInputError } from './errors';

export { CliInputError };

const FS_REASONS: Record<string, Record<Lang, string>> = {
  ENOENT: { ja: 'ファイルが見つかりません', en: 'no such file' },
  EISDIR: { ja: 'ディレクトリです(ファイルを指定してください)', en: 'is a directory, not a file' },
  EACCES: { ja: '読み取る権限がありません', en: 'permission denied' },
  EPERM: { ja: '読み取る権限がありません', en: 'permission denied' },
  notFile: { ja: '通常のファイルではありません', en: 'not a regular file' },
  other: { ja: '読み込めません({detail})', en: 'cannot be read ({detail})' },
};

function fsReason(lang: Lang, key: string, detail = ''): string {
  return (FS_REASONS[key] ?? FS_REASONS.other)[lang].replace('{detail}', detail);
}

/**
 * Read a whole file, refusing anything over the size bound before reading it (a 10 GB file or a
 * FIFO must not hang or exhaust memory).
 */
export function readInputFile(path: string, lang: Lang, maxBytes: number = INPUT_LIMITS.maxBytes): Uint8Array {
  let fd: number | undefined;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer (it is then refused as not a file)
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new CliInputError(path, fsReason(lang, 'EISDIR'));
    if (!st.isFile()) throw new CliInputError(path, fsReason(lang, 'notFile'));
    if (st.size > maxBytes) throw new CliInputError(path, new InputError('too-large', { size: st.size, limit: maxBytes }).reason(lang));
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, null);
      if (n === 0) break;
      off += n;
    }
    return off === st.size ? buf : buf.subarray(0, off);
  } catch (e) {
    if (e instanceof CliInputError) throw e;
    const codeName = (e as NodeJS.ErrnoException)?.code ?? '';
    throw new CliInputError(path, fsReason(lang, codeName, codeName || (e instanceof Error ? e.message : String(e))));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
