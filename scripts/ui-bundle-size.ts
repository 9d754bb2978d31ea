/**
 * Initial JavaScript of the popup and the DevTools panel, gzip-compressed, from the built
 * extension (`npx wxt build` first): the entry script plus its modulepreloads. Budget 200 KB each.
 *
 *   npx tsx scripts/ui-bundle-size.ts [.output/chrome-mv3]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dir = process.argv[2] ?? '.output/chrome-mv3';
const BUDGET = 200 * 1024;
let over = false;
for (const page of ['popup.html', 'devtools-panel.html', 'options.html']) {
  const html = readFileSync(join(dir, page), 'utf8');
  const files = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\/?([^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    raw += buf.length;
    gz += gzipSync(buf, { level: 9 }).length;
  }
  const ok = gz <= BUDGET;
  if (!ok && page !== 'options.html') over = true;
  console.log(`${page}: ${files.length} files, ${(raw / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip ${ok ? '≤' : '>'} ${BUDGET / 1024} KB`);
}
if (over) process.exit(1);
