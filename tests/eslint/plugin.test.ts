/**
 * The ESLint plugin (`renkei-doctor/eslint`): ESLint's RuleTester on the rules, and a real
 * `eslint` run on a small vendor project (TSX with typescript-eslint's parser, a Vue SFC through
 * vue-eslint-parser, an HTML template through the plugin's template parser).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';
import { describe, expect, it } from 'vitest';
import plugin, { SOURCE_RULE_IDS } from '../../utils/eslint/plugin';
import { allRules } from '../../utils/core/rules/registry';

const ROOT = resolve(import.meta.dirname, '..', '..');
const PROJECT = resolve(ROOT, 'tests', 'fixtures', 'eslint-project');
const LOADER = "import * as ChannelService from '@channel.io/channel-web-sdk-loader';";

// RuleTester reports through vitest's describe/it
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tsTester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } }, settings: { renkei: { lang: 'en' } } });
const vueTester = new RuleTester({ languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } } });
const templateTester = new RuleTester({ languageOptions: { parser: plugin.parsers.template } });

describe('rules', () => {
  it('one ESLint rule per OK SKY tag rule and Channel Talk rule', () => {
    const ids = allRules.map((r) => r.meta.id);
    for (const id of SOURCE_RULE_IDS) expect(ids).toContain(id);
    expect(SOURCE_RULE_IDS).toContain('oksky/smart-quotes');
    expect(SOURCE_RULE_IDS).toContain('channeltalk/plugin-key-missing');
    expect(SOURCE_RULE_IDS).not.toContain('oksky/login-request-missing');
    expect(Object.keys(plugin.rules)).toHaveLength(SOURCE_RULE_IDS.length);
  });
});

tsTester.run('channeltalk-plugin-key-missing', plugin.rules['channeltalk-plugin-key-missing'], {
  valid: [
    { filename: 'Boot.tsx', code: `${LOADER}\nChannelService.boot({ pluginKey: import.meta.env.VITE_KEY as string });\nexport const A = () => <></>;\n` },
    { filename: 'plain.ts', code: 'export const x: number = 1;\n' },
  ],
  invalid: [
    {
      filename: 'Boot.tsx',
      code: `${LOADER}\nexport const A = () => <p>hi</p>;\nChannelService.boot({ pluginKey: 'YOUR_PLUGIN_KEY' as string });\n`,
      errors: [{ messageId: 'finding', line: 3, column: 1 }],
    },
  ],
});

tsTester.run('channeltalk-member-hash-missing', plugin.rules['channeltalk-member-hash-missing'], {
  valid: [{ filename: 'Boot.ts', code: `${LOADER}\nChannelService.boot({ pluginKey: 'k-1', memberId: user.id as string, memberHash: user.hash });\n` }],
  invalid: [{ filename: 'Boot.ts', code: `${LOADER}\nfunction go(user: { id: string }) {\n  ChannelService.boot({ pluginKey: 'k-1', memberId: user.id });\n}\n`, errors: [{ messageId: 'finding', line: 3, column: 3 }] }],
});

vueTester.run('channeltalk-plugin-key-missing (Vue)', plugin.rules['channeltalk-plugin-key-missing'], {
  valid: [{ filename: 'Ok.vue', code: `<template><p>ok</p></template>\n<script setup lang="ts">\n${LOADER}\nChannelService.boot({ pluginKey: 'c1a2b3c4' as string });\n</script>\n` }],
  invalid: [{ filename: 'Bad.vue', code: `<template><p>ok</p></template>\n<script setup lang="ts">\n${LOADER}\nChannelService.boot({ memberId: 'a' as string });\n</script>\n`, errors: [{ messageId: 'finding', line: 4, column: 1 }] }],
});

const TAG = (keyword: string, quote = '"') => `<script>\n(function(d,w,n){w[n]=w[n]||function(){(w[n].q=w[n].q||[]).push(arguments)};var s=d.createElement("script");s.src="https://kobuna-s-001.okskychat.net/widget/widget.js";d.head.appendChild(s);})(document,window,"OkskyChat");\nOkskyChat("key", "kobuna-s-001-0D5ACD179B043831");\nOkskyChat("loginKey", "customer_id");\nOkskyChat(${quote === '"' ? `"${keyword}"` : `“${keyword}”`}, "A1234593");\n</script>\n`;

templateTester.run('oksky-smart-quotes (template)', plugin.rules['oksky-smart-quotes'], {
  valid: [{ filename: 'mypage.html', code: TAG('customer_id') }],
  invalid: [
    {
      filename: 'mypage.php',
      code: TAG('customer_id', '“'),
      errors: [{ messageId: 'finding', line: 5, suggestions: [{ messageId: 'fix', output: TAG('customer_id') }] }],
    },
  ],
});

templateTester.run('oksky-loginkey-keyword-undefined (template)', plugin.rules['oksky-loginkey-keyword-undefined'], {
  valid: [{ filename: 'mypage.html', code: TAG('customer_id') }],
  invalid: [
    {
      filename: 'mypage.html',
      code: TAG('customer_id').replace('"loginKey", "customer_id"', '"loginKey", "custmer_id"'),
      errors: [{ messageId: 'finding', suggestions: [{ messageId: 'fix', output: TAG('customer_id') }] }],
    },
  ],
});

describe('a real eslint run on a vendor project (TSX + Vue + HTML)', () => {
  it('reports the findings per file with the rule ids', () => {
    const r = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/eslint/bin/eslint.js'), '--no-config-lookup', '-c', 'eslint.config.mjs', '--format', 'json', 'src'], { cwd: PROJECT, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number; column: number; severity: number; fatal?: boolean }[] }[];
    const got = results.flatMap((f) => f.messages.map((m) => `${f.filePath.slice(PROJECT.length + 1)}:${m.line}:${m.column} ${m.severity} ${m.ruleId}`)).sort();
    expect(got).toEqual([
      'src/Checkout.tsx:11:5 1 renkei/channeltalk-member-hash-missing',
      'src/Checkout.tsx:11:5 1 renkei/channeltalk-mobile-number-format',
      'src/Help.vue:9:1 2 renkei/channeltalk-plugin-key-missing',
      'src/mypage.html:10:11 2 renkei/oksky-smart-quotes',
    ]);
  });
});
