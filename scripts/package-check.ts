/**
 * Checks of the store packages (`npm run package`): what each zip holds and what its manifest
 * says. Pure functions over zip bytes (a small reader of the zip's central directory, no
 * dependency), used by scripts/package.ts and tested in tests/package-check.test.ts.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  size: number;
}

/** The entries of a zip (its central directory). Throws on something that is not a zip. */
export function listZip(buf: Buffer): ZipEntry[] {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > buf.length) throw new Error('not a zip file (no end of central directory)');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    out.push({ name: buf.toString('utf8', p + 46, p + 46 + nameLen), size });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** The text of one entry of a zip (stored or deflated). */
export function readZipText(buf: Buffer, name: string): string | undefined {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) return undefined;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + csize);
      return (method === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  return undefined;
}

/** Files that must never be in a package: the companion's data, env files, secrets, test material, source maps, outputs. */
export const FORBIDDEN: { re: RegExp; why: string }[] = [
  { re: /(^|\/)data\//, why: "the companion's database (data/)" },
  { re: /(^|\/)\.env(\.|$)/, why: 'an environment file (.env)' },
  { re: /\.map$/, why: 'a source map' },
  { re: /(^|\/)(e2e|tests|test-results|playwright-report|__fixtures__|companion)\//, why: 'tests, fixtures or the companion service' },
  { re: /\.test\.tsx?$/, why: 'a test file' },
  { re: /(^|\/)node_modules\//, why: 'node_modules' },
  { re: /(^|\/)\.output[^/]*\//, why: 'a build output' },
  { re: /\.(pem|key|p12|pfx|sqlite|db|wal)$/i, why: 'a key or a database file' },
  { re: /(^|\/)\.git\//, why: 'git metadata' },
];

export function forbiddenFiles(entries: ZipEntry[]): string[] {
  const out: string[] = [];
  for (const e of entries) {
    const hit = FORBIDDEN.find((f) => f.re.test(e.name));
    if (hit) out.push(`${e.name}: ${hit.why}`);
  }
  return out;
}

export const ICON_SIZES = ['16', '32', '48', '128'];

/** Problems of a built extension package (its files and manifest), for `browser`. */
export function checkExtensionZip(buf: Buffer, browser: 'chrome' | 'firefox', version: string): string[] {
  const problems: string[] = [];
  const entries = listZip(buf);
  problems.push(...forbiddenFiles(entries));
  const names = new Set(entries.map((e) => e.name));
  const text = readZipText(buf, 'manifest.json');
  if (!text) return [...problems, 'no manifest.json'];
  let m: Record<string, unknown>;
  try {
    m = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return [...problems, 'manifest.json is not JSON'];
  }
  const expect = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  expect(m.manifest_version === 3, 'manifest_version is not 3');
  expect(m.version === version, `version ${String(m.version)} is not package.json's ${version}`);
  expect(m.name === '__MSG_extName__' && m.description === '__MSG_extDescription__', 'name/description are not localised');
  expect(m.default_locale === 'ja', 'default_locale is not ja');
  for (const lang of ['ja', 'en']) {
    const msgs = readZipText(buf, `_locales/${lang}/messages.json`);
    const parsed = msgs ? (JSON.parse(msgs) as Record<string, { message?: string }>) : {};
    for (const key of ['extName', 'extDescription', 'extActionTitle']) expect(!!parsed[key]?.message, `_locales/${lang} lacks ${key}`);
    expect((parsed.extDescription?.message ?? '').length <= 132, `_locales/${lang} extDescription is longer than 132 characters`);
  }
  const action = m.action as { default_title?: string; default_popup?: string } | undefined;
  expect(action?.default_title === '__MSG_extActionTitle__', 'the toolbar title is not localised');
  const icons = (m.icons ?? {}) as Record<string, string>;
  for (const size of ICON_SIZES) expect(!!icons[size] && names.has(icons[size]), `no ${size} px icon`);
  expect(!('content_scripts' in m), 'static content_scripts (capture must be registered per site)');
  for (const f of ['probe.js', 'relay.js', 'settings-reader.js', 'popup.html', 'devtools.html', 'devtools-panel.html', 'options.html']) expect(names.has(f), `${f} missing`);
  const perms = (m.permissions ?? []) as string[];
  expect(JSON.stringify([...perms].sort()) === JSON.stringify(['activeTab', 'scripting', 'storage', 'webRequest']), `unexpected permissions ${perms.join(',')}`);
  const gecko = (m.browser_specific_settings as { gecko?: Record<string, unknown> } | undefined)?.gecko;
  if (browser === 'firefox') {
    expect(typeof gecko?.id === 'string' && /@/.test(gecko.id), 'no gecko id');
    expect(typeof gecko?.strict_min_version === 'string', 'no gecko strict_min_version');
    expect(!!gecko?.data_collection_permissions, 'no data_collection_permissions');
    expect(!!(m.background as { scripts?: unknown })?.scripts, 'Firefox background is not an event page script');
  } else {
    expect(!gecko, 'gecko settings in the Chrome package');
    expect(!!(m.background as { service_worker?: unknown })?.service_worker, 'no service worker');
  }
  return problems;
}

/** Problems of the sources zip given to Mozilla's reviewers. */
export function checkSourcesZip(buf: Buffer): string[] {
  const entries = listZip(buf);
  const problems = forbiddenFiles(entries);
  const names = new Set(entries.map((e) => e.name));
  for (const f of ['package.json', 'package-lock.json', 'wxt.config.ts', 'entrypoints/probe.ts', 'entrypoints/background.ts']) {
    if (!names.has(f)) problems.push(`${f} missing from the sources`);
  }
  return problems;
}
