import { describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { checkExtensionZip, checkSourcesZip, forbiddenFiles, listZip, readZipText } from '../scripts/package-check';

/** a minimal zip writer (deflated entries), enough to build the packages the checks read */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const raw = Buffer.from(text);
    const data = deflateRawSync(raw);
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const locales = (lang: string) => JSON.stringify({ extName: { message: lang }, extDescription: { message: 'd' }, extActionTitle: { message: 't' } });

function extension(browser: 'chrome' | 'firefox', patch: Record<string, unknown> = {}, extra: Record<string, string> = {}): Buffer {
  const manifest = {
    manifest_version: 3,
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    version: '1.2.3',
    default_locale: 'ja',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: { default_title: '__MSG_extActionTitle__', default_popup: 'popup.html' },
    permissions: ['storage', 'webRequest', 'activeTab', 'scripting'],
    background: browser === 'chrome' ? { service_worker: 'background.js' } : { scripts: ['background.js'] },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'a@b.jp', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } } } }
      : {}),
    ...patch,
  };
  const files: Record<string, string> = {
    'manifest.json': JSON.stringify(manifest),
    '_locales/ja/messages.json': locales('ja'),
    '_locales/en/messages.json': locales('en'),
    ...Object.fromEntries(['16', '32', '48', '128'].map((s) => [`icon/${s}.png`, 'png'])),
    ...Object.fromEntries(['probe.js', 'relay.js', 'settings-reader.js', 'popup.html', 'devtools.html', 'devtools-panel.html', 'options.html', 'background.js'].map((f) => [f, 'x'])),
    ...extra,
  };
  return zip(files);
}

describe('package checks', () => {
  it('reads a zip: entries and text', () => {
    const z = zip({ 'a.txt': 'hello', 'dir/b.json': '{"x":1}' });
    expect(listZip(z).map((e) => e.name)).toEqual(['a.txt', 'dir/b.json']);
    expect(readZipText(z, 'dir/b.json')).toBe('{"x":1}');
    expect(() => listZip(Buffer.from('not a zip'))).toThrow(/not a zip/);
  });

  it('accepts well-formed Chrome and Firefox packages', () => {
    expect(checkExtensionZip(extension('chrome'), 'chrome', '1.2.3')).toEqual([]);
    expect(checkExtensionZip(extension('firefox'), 'firefox', '1.2.3')).toEqual([]);
  });

  it.each([
    ['data/', { 'data/pglite/PG_VERSION': '17' }, /companion's database/],
    ['.env', { '.env': 'TOKEN=1' }, /environment file/],
    ['source map', { 'chunks/a.js.map': '{}' }, /source map/],
    ['fixtures', { 'e2e/sites/shop.example.jp/mypage.html': '' }, /tests, fixtures/],
  ])('refuses %s', (_, extra, re) => {
    expect(checkExtensionZip(extension('chrome', {}, extra), 'chrome', '1.2.3').join('\n')).toMatch(re);
  });

  it('checks the manifests', () => {
    expect(checkExtensionZip(extension('chrome'), 'chrome', '9.9.9')).toEqual(['version 1.2.3 is not package.json\'s 9.9.9']);
    expect(checkExtensionZip(extension('chrome', { content_scripts: [{ matches: ['<all_urls>'], js: ['probe.js'] }] }), 'chrome', '1.2.3')).toEqual([
      'static content_scripts (capture must be registered per site)',
    ]);
    expect(checkExtensionZip(extension('chrome', { icons: { 16: 'icon/16.png' } }), 'chrome', '1.2.3')).toContain('no 128 px icon');
    expect(checkExtensionZip(extension('firefox', { browser_specific_settings: undefined }), 'firefox', '1.2.3')).toContain('no gecko id');
    expect(checkExtensionZip(extension('chrome', { permissions: ['storage', 'tabs'] }), 'chrome', '1.2.3').join()).toMatch(/unexpected permissions/);
  });

  it('checks the sources zip', () => {
    const base = { 'package.json': '{}', 'package-lock.json': '{}', 'wxt.config.ts': '', 'entrypoints/probe.ts': '', 'entrypoints/background.ts': '' };
    expect(checkSourcesZip(zip(base))).toEqual([]);
    expect(checkSourcesZip(zip({ ...base, 'data/pglite/base/1': 'x', 'companion/.env': 'x' }))).toHaveLength(2);
    expect(checkSourcesZip(zip({ 'package.json': '{}' }))).toContain('wxt.config.ts missing from the sources');
    expect(forbiddenFiles([{ name: 'utils/core/model.ts', size: 1 }])).toEqual([]);
  });
});
