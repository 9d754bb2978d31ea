/**
 * Benchmark of `renkei analyze` on a project of source files (`npm run bench:source`).
 *
 * Generates a project of 2,000 source files (React components in .tsx / .jsx, TypeScript modules,
 * Vue SFCs with `<script setup lang="ts">`; about one in four boots Channel Talk or loads OK SKY)
 * in a temporary directory, then measures side by side, alternating, in separate processes:
 * - renkei: `renkei analyze DIR --format json` (the real bin: walk, read, parse with oxc-parser,
 *   analyse, print)
 * - eslint: `eslint DIR` with typescript-eslint's parser (vue-eslint-parser around it for .vue)
 *   and no rule at all: the time ESLint needs only to parse the same files
 * Wall time, median of the runs (first run reported too). Target: renkei < 3 × eslint.
 *
 * Options: --files N (default 2000) --runs N (default 3) --keep
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const requireHere = createRequire(import.meta.url);
const moduleUrl = (name: string) => pathToFileURL(requireHere.resolve(name)).href;
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const FILES = arg('files', 2000);
const RUNS = arg('runs', 3);
const KEEP = process.argv.includes('--keep');

const LOADER = "import * as ChannelService from '@channel.io/channel-web-sdk-loader';";
const OKSKY_LOADER =
  '(function(d,w,n){w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)};var s=d.createElement("script");s.async=1;s.src="https://kobuna-s-001.okskychat.net/widget/widget.js";d.head.appendChild(s);})(document,window,"OkskyChat");';

function body(i: number): string {
  const fields = Array.from({ length: 6 + (i % 5) }, (_, k) => `  field${k}: ${k % 2 ? 'string' : 'number | null'};`).join('\n');
  const helpers = Array.from({ length: 4 + (i % 4) }, (_, k) => `export function helper${i}_${k}(items: Item${i}[], limit = ${k + 3}): Item${i}[] {\n  return items.filter((it) => it.field0 !== null).slice(0, limit).map((it) => ({ ...it, field1: \`\${it.field1}-${k}\` }));\n}`).join('\n\n');
  return `interface Item${i} {\n${fields}\n}\n\ntype State${i} = { items: Item${i}[]; loading: boolean; error?: string };\n\n${helpers}\n`;
}

function tsx(i: number, boot: boolean): string {
  return `import { useEffect, useState } from 'react';\n${boot ? `${LOADER}\n` : ''}\n${body(i)}\nexport default function Page${i}({ user }: { user: { id: string; memberHash: string } | null }) {\n  const [state, setState] = useState<State${i}>({ items: [], loading: true });\n  useEffect(() => {\n${boot ? `    ChannelService.loadScript();\n    ChannelService.boot({ pluginKey: import.meta.env.VITE_CHANNEL_KEY as string, memberId: user?.id, memberHash: user?.memberHash, profile: { mobileNumber: '${i % 3 ? '+819012345678' : '090-1234-5678'}' } });\n` : ''}    setState((s) => ({ ...s, loading: false }));\n  }, [user]);\n  if (state.loading) return <></>;\n  return (\n    <ul className="list">\n      {state.items.map((it) => (\n        <li key={String(it.field0)}>{it.field1}</li>\n      ))}\n    </ul>\n  );\n}\n`;
}

function jsx(i: number, boot: boolean): string {
  return `import { useEffect } from 'react';\n\nexport function Banner${i}({ name }) {\n  useEffect(() => {\n${boot ? `    window.OkskyChat = window.OkskyChat || function(){ (window.OkskyChat.q = window.OkskyChat.q || []).push(arguments); };\n    ${OKSKY_LOADER}\n    OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\n    OkskyChat("loginKey", "customer_id");\n    OkskyChat("customer_id", name);\n` : ''}  }, [name]);\n  return <p className="banner">ようこそ {name} さん</p>;\n}\n`;
}

function vue(i: number, boot: boolean): string {
  return `<template>\n  <section class="help">\n    <h2>お問い合わせ</h2>\n    <p v-if="user">{{ user.id }}</p>\n  </section>\n</template>\n\n<script setup lang="ts">\nimport { onMounted } from 'vue';\n${boot ? `${LOADER}\n` : ''}const props = defineProps<{ user: { id: string; memberHash: string } | null }>();\n${body(i)}\nonMounted(() => {\n${boot ? "  ChannelService.boot({ pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000', memberId: props.user?.id, memberHash: props.user?.memberHash });\n" : ''}});\n</script>\n`;
}

function generate(dir: string): void {
  for (let i = 0; i < FILES; i++) {
    const boot = i % 4 === 0;
    const group = `src/feature${i % 40}`;
    mkdirSync(join(dir, group), { recursive: true });
    const kind = i % 20;
    if (kind < 12) writeFileSync(join(dir, group, `Page${i}.tsx`), tsx(i, boot));
    else if (kind < 15) writeFileSync(join(dir, group, `model${i}.ts`), `${boot ? `${LOADER}\nChannelService.boot({ pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000' });\n` : ''}${body(i)}`);
    else if (kind < 18) writeFileSync(join(dir, group, `Help${i}.vue`), vue(i, boot));
    else writeFileSync(join(dir, group, `Banner${i}.jsx`), jsx(i, boot));
  }
  // what a vendor's project also holds, and renkei must skip
  mkdirSync(join(dir, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'pkg', 'index.js'), jsx(0, true));
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\ndist/\n');
  writeFileSync(
    join(dir, 'eslint.config.mjs'),
    `import tseslint from ${JSON.stringify(moduleUrl('typescript-eslint'))};\nimport vueParser from ${JSON.stringify(moduleUrl('vue-eslint-parser'))};\nexport default [\n  { ignores: ['node_modules/**'] },\n  { files: ['**/*.{ts,tsx,jsx}'], languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } },\n  { files: ['**/*.vue'], languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } } },\n];\n`,
  );
}

function time(cmd: string[], cwd: string): { ms: number; status: number | null; out: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, cmd, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, env: { ...process.env, RENKEI_LANG: 'en' } });
  return { ms: performance.now() - t, status: r.status, out: r.stdout + r.stderr };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'renkei-bench-source-'));
try {
  generate(dir);
  const renkeiCmd = [resolve(ROOT, 'bin/renkei.mjs'), 'analyze', '.', '--format', 'json'];
  const eslintCmd = [resolve(ROOT, 'node_modules/eslint/bin/eslint.js'), '--no-config-lookup', '-c', 'eslint.config.mjs', '.'];
  const renkei: number[] = [];
  const eslint: number[] = [];
  let checked = 0;
  let withFindings = 0;
  for (let run = 0; run < RUNS; run++) {
    const r = time(renkeiCmd, dir);
    if (r.status !== 0 && r.status !== 1) throw new Error(`renkei failed (${r.status}): ${r.out.slice(0, 500)}`);
    const parsed = JSON.parse(r.out.slice(0, r.out.lastIndexOf('}') + 1)) as { checked: number; files: { findings: unknown[] }[] };
    checked = parsed.checked;
    withFindings = parsed.files.filter((f) => f.findings.length > 0).length;
    renkei.push(r.ms);
    const e = time(eslintCmd, dir);
    if (e.status !== 0) throw new Error(`eslint failed (${e.status}): ${e.out.slice(0, 500)}`);
    eslint.push(e.ms);
  }
  const rm = median(renkei);
  const em = median(eslint);
  const ratio = rm / em;
  console.log(`files: ${FILES} generated, ${checked} checked by renkei (with eslint.config.mjs; node_modules skipped), ${withFindings} with findings`);
  console.log(`renkei analyze DIR --format json : median ${rm.toFixed(0)} ms (first ${renkei[0].toFixed(0)} ms; runs ${renkei.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`eslint + typescript-eslint parser: median ${em.toFixed(0)} ms (first ${eslint[0].toFixed(0)} ms; runs ${eslint.map((x) => x.toFixed(0)).join(', ')})`);
  console.log(`ratio renkei / eslint: ${ratio.toFixed(2)} (target < 3) ${ratio < 3 ? 'OK' : 'OVER TARGET'}`);
  // the generated files and eslint.config.mjs (a source file too); node_modules skipped
  if (checked !== FILES + 1) throw new Error(`renkei checked ${checked} files, expected ${FILES + 1}`);
  if (ratio >= 3) process.exitCode = 1;
} finally {
  if (KEEP) console.log(`kept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
