/**
 * A pre-initialised, migrated embedded database to start new DATA_DIRs from. A first start on an
 * empty DATA_DIR otherwise runs PostgreSQL's initdb inside WebAssembly (seconds of CPU: most of
 * the companion's first start, bench:companion); copying this template's files instead skips it
 * (a plain file copy: PGlite's own dump/load through its in-memory file system costs more).
 *
 * Made by the build (scripts/build-cli.mjs runs dist/cli/pglite-template.mjs) next to the
 * compiled CLI: dist/pglite-template/{pglite/, meta.json}. It is used only when meta.json
 * names the installed PGlite build and the current migrations; otherwise (or if it fails to
 * start) a new DATA_DIR is initialised as before.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrations } from './migrations';

interface TemplateMeta {
  pglite: string;
  migrations: number;
}

/** What the template must match: the PGlite build on disk and the last migration. */
export function currentStamp(): TemplateMeta | undefined {
  try {
    const wasm = join(dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite'))), 'pglite.wasm');
    const st = statSync(wasm);
    return { pglite: `${st.size}:${Math.round(st.mtimeMs)}`, migrations: Math.max(...migrations.map((m) => m.id)) };
  } catch {
    return undefined;
  }
}

/** dist/pglite-template, from the sources (companion/) and from the bundle (dist/cli/); RENKEI_PGLITE_TEMPLATE_DIR names another. */
export function templateDir(): string {
  if (process.env.RENKEI_PGLITE_TEMPLATE_DIR) return resolve(process.env.RENKEI_PGLITE_TEMPLATE_DIR);
  const here = dirname(fileURLToPath(import.meta.url));
  return basename(here) === 'companion' ? resolve(here, '..', 'dist', 'pglite-template') : resolve(here, '..', 'pglite-template');
}

/** The template's PGlite directory when it matches this installation, else undefined. */
export function templateData(dir: string = templateDir()): string | undefined {
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as TemplateMeta;
    const now = currentStamp();
    if (!now || meta.pglite !== now.pglite || meta.migrations !== now.migrations) return undefined;
    const data = join(dir, 'pglite');
    return statSync(join(data, 'PG_VERSION')).isFile() ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Make the template (skipped when an up-to-date one exists); returns whether it made one. */
export async function buildTemplate(dir: string = templateDir()): Promise<boolean> {
  if (templateData(dir)) return false;
  const stamp = currentStamp();
  if (!stamp) return false;
  const work = mkdtempSync(join(tmpdir(), 'renkei-pglite-template-'));
  try {
    const { openDb } = await import('./db');
    // initdb and the migrations, without a template (RENKEI_PGLITE_TEMPLATE=off)
    const db = await openDb({ dataDir: work, template: false });
    await db.close();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    cpSync(join(work, 'pglite'), join(dir, 'pglite'), { recursive: true });
    writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(stamp)}\n`);
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
