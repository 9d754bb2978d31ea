/**
 * `npm run icons`: renders the icon's SVG source (public/icon.svg) to the PNG sizes the stores and
 * browsers use (public/icon/16.png … 128.png, which WXT puts in the manifest's `icons` and the
 * toolbar button), with Debian's Chromium (the same browser the tests use). The PNGs are kept in
 * the repository, so a build needs no browser; rerun this after changing the SVG.
 */
import { chromium } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from '../e2e/fixtures';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SIZES = [16, 32, 48, 128] as const;

async function main() {
  const svg = readFileSync(join(ROOT, 'public', 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    mkdirSync(join(ROOT, 'public', 'icon'), { recursive: true });
    for (const size of ICON_SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<!doctype html><style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      writeFileSync(join(ROOT, 'public', 'icon', `${size}.png`), png);
      process.stdout.write(`public/icon/${size}.png ${png.length} B\n`);
    }
  } finally {
    await browser.close();
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`icons: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
