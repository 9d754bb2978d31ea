/**
 * `renkei analyze` on vendors' source (real bin): TypeScript / JSX / Vue files, projects
 * (directories, globs, .gitignore, node_modules and build output skipped), the ESLint-like exit
 * status and summary, --max-warnings, --quiet, and SARIF 2.1.0 validated against its schema.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run';

const require = createRequire(import.meta.url);
const SARIF_SCHEMA = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;

const LOADER = "import * as ChannelService from '@channel.io/channel-web-sdk-loader';";
const BANNER_JSX = `${LOADER}\n\nexport const Banner = () => <p className="banner">ようこそ</p>;\n\nChannelService.loadScript();\nChannelService.boot({\n  pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000',\n  memberId: 'user-0001',\n  profile: { mobileNumber: '090-1234-5678' },\n});\n`;
const GOOD_TSX = `import { useEffect } from 'react';\n${LOADER}\n\ninterface User { id: string; memberHash: string }\n\nexport default function Help({ user }: { user: User | null }) {\n  useEffect(() => {\n    if (!user) return;\n    ChannelService.loadScript();\n    ChannelService.boot({ pluginKey: import.meta.env.VITE_CHANNEL_KEY as string, memberId: user.id, memberHash: user.memberHash });\n  }, [user]);\n  return <></>;\n}\n`;
const BROKEN_TS = `${LOADER}\nChannelService.boot({\n  pluginKey: \`\${process.env.NEXT_PUBLIC_CHANNEL_KEY}\`\n  memberId: user.id,\n});\n`;
const VUE = `<template>\n  <p>help</p>\n</template>\n<script setup lang="ts">\n${LOADER}\nconst props = defineProps<{ memberId: string }>();\nChannelService.boot({ pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000', memberId: props.memberId as string });\n</script>\n`;

let dir: string;
function write(rel: string, text: string) {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, text);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'renkei-src-'));
  write('.gitignore', 'generated/\n*.local.tsx\n');
  write('src/Banner.jsx', BANNER_JSX);
  write('src/pages/Help.tsx', GOOD_TSX);
  write('src/components/Chat.vue', VUE);
  write('src/lib/boot.ts', BROKEN_TS);
  write('src/lib/util.ts', 'export const one: number = 1;\n');
  // never analysed: dependencies, build output, ignored by .gitignore, minified
  for (const skipped of ['node_modules/pkg/index.js', 'dist/app.js', '.next/static/a.js', 'generated/b.jsx', 'src/Try.local.tsx', 'src/vendor.min.js']) write(skipped, BANNER_JSX);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('renkei analyze on a project', () => {
  it('walks a directory: per-file results, a summary line, exit 1 for the syntax error', async () => {
    const r = await runCli(['analyze', '.', '--lang', 'en'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const files = r.stdout.split('\n').filter((l) => /^\S/.test(l) && !l.startsWith('✖'));
    expect(files).toEqual(['src/Banner.jsx', 'src/components/Chat.vue', 'src/lib/boot.ts']);
    expect(r.stdout).toContain('  6:1  warning  memberId without memberHash  channeltalk/member-hash-missing');
    expect(r.stdout).toContain('  7:1  warning  memberId without memberHash  channeltalk/member-hash-missing');
    expect(r.stdout).toMatch(/ {2}4:3 {2}error {2}.* {2}channeltalk\/tag-syntax-error/);
    expect(r.stdout).not.toContain('plugin-key-missing');
    expect(r.stdout.trim().split('\n').pop()).toBe('✖ 4 problems (1 error, 3 warnings) in 3 files, 5 files checked');
  });

  it('globs, --quiet and --max-warnings', async () => {
    const glob = await runCli(['analyze', 'src/**/*.{tsx,jsx}', '--lang', 'en'], { cwd: dir });
    expect(glob.code).toBe(0);
    expect(glob.stdout.trim().split('\n').pop()).toBe('✖ 2 problems (0 errors, 2 warnings) in 1 file, 2 files checked');
    const max = await runCli(['analyze', 'src/**/*.{tsx,jsx}', '--lang', 'en', '--max-warnings', '1'], { cwd: dir });
    expect(max.code).toBe(1);
    const enough = await runCli(['analyze', 'src/**/*.{tsx,jsx}', '--lang', 'en', '--max-warnings', '2'], { cwd: dir });
    expect(enough.code).toBe(0);
    const quiet = await runCli(['analyze', 'src', '--quiet', '--lang', 'en'], { cwd: dir });
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toContain('  warning  ');
    expect(quiet.stdout.trim().split('\n').pop()).toBe('✖ 1 problem (1 error, 0 warnings) in 1 file, 5 files checked');
  });

  it('a valid TSX component alone: no finding, exit 0', async () => {
    const r = await runCli(['analyze', 'src/pages/Help.tsx', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('errors 0, warnings 0');
  });

  it('writes SARIF 2.1.0 that validates against the schema', async () => {
    const r = await runCli(['analyze', 'src', '--format', 'sarif', '--rules-url', 'https://example.com/renkei/docs/spec/RULES.md'], { cwd: dir });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; help: { text: string } }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[] };
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(SARIF_SCHEMA);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const run = log.runs[0];
    const results = run.results.map((x) => `${x.locations[0].physicalLocation.artifactLocation.uri}:${x.locations[0].physicalLocation.region.startLine}:${x.locations[0].physicalLocation.region.startColumn} ${x.level} ${x.ruleId}`);
    expect(results.sort()).toEqual([
      'src/Banner.jsx:6:1 warning channeltalk/member-hash-missing',
      'src/Banner.jsx:6:1 warning channeltalk/mobile-number-format',
      'src/components/Chat.vue:7:1 warning channeltalk/member-hash-missing',
      'src/lib/boot.ts:4:3 error channeltalk/tag-syntax-error',
    ]);
    const rule = run.tool.driver.rules.find((x) => x.id === 'channeltalk/member-hash-missing');
    expect(rule?.helpUri).toBe('https://example.com/renkei/docs/spec/RULES.md#channel-talk-source-001_f6cf204162cb68ebtxt-and-channel-talks-public-web-sdk');
    // help in Japanese and English
    expect(rule?.help.text).toContain('memberHash がありません');
    expect(rule?.help.text).toContain('memberId without memberHash');
  });

  it('SARIF for one page file too (session mode), with the packaged RULES.md as help URI', async () => {
    const r = await runCli(['analyze', 'src/Banner.jsx', '--format', 'sarif'], { cwd: dir });
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { helpUri: string }[] } }; results: unknown[] }[] };
    const ajv = new Ajv({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    expect(ajv.validate(SARIF_SCHEMA, log)).toBe(true);
    expect(log.runs[0].results).toHaveLength(2);
    expect(log.runs[0].tool.driver.rules[0].helpUri).toMatch(/^file:.*\/docs\/spec\/RULES\.md#/);
  });
});

describe('renkei analyze on a project with nothing to check', () => {
  it('a glob matching no source file: exit 2, one line on stderr', async () => {
    const r = await runCli(['analyze', 'src/**/*.nothing', '--lang', 'en'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('renkei: src/**/*.nothing: no source file matches this pattern');
  });
});
