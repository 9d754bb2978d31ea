/** Whether `renkei analyze` got a project (a directory or a glob) rather than the files of one session. Light: no parser loaded. */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export function isProjectTarget(arg: string, cwd: string): boolean {
  if (/[*?{[]/.test(arg) && !existsSync(resolve(cwd, arg))) return true;
  try {
    return statSync(resolve(cwd, arg)).isDirectory();
  } catch {
    return false;
  }
}
