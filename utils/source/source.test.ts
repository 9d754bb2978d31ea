/**
 * Source files as input (issue: vendors' code before it ships): TypeScript, JSX, Vue, Svelte,
 * Astro and server templates, parsed by the injected source parser (oxc-parser). Every example
 * of the issue is a case here, in files of the same shape written for these tests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeSession } from '../core/analyze';
import { assembleSession, recogniseText } from '../core/input';
import type { Finding } from '../core/model';
import { setSourceParser } from '../core/source-parser';
import { oxcSourceParser } from './oxc';

beforeAll(() => setSourceParser(oxcSourceParser));
afterAll(() => setSourceParser(undefined));

function analyze(name: string, text: string): Finding[] {
  const input = recogniseText(text, name);
  const session = assembleSession([input]);
  return analyzeSession(session, { lang: 'ja', salt: 'test-salt', reveal: false }).findings;
}
const ids = (fs: Finding[]) => fs.map((f) => f.ruleId).sort();
const LOADER_LINE = "import * as ChannelService from '@channel.io/channel-web-sdk-loader';";
const at = (f: Finding | undefined) => f?.evidence[0]?.location && { line: f.evidence[0].location.line, column: f.evidence[0].location.column };

const GOOD_BOOT = `ChannelService.boot({
      pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000',
      memberId: user.id,
      memberHash: user.memberHash,
      profile: { mobileNumber: '+819012345678' },
    });`;

describe('valid TypeScript / TSX gives no false syntax error', () => {
  const cases: [string, string, string][] = [
    ['an `as` cast', 'boot.ts', `import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nChannelService.loadScript();\nChannelService.boot({ pluginKey: import.meta.env.VITE_KEY as string });\n`],
    [
      'typed parameters',
      'boot.ts',
      `import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nexport function bootChannel(user: { id: string; memberHash: string }, email: string): void {\n  ChannelService.loadScript();\n  ${GOOD_BOOT}\n  void email;\n}\n`,
    ],
    [
      'a typed destructured prop, an interface and return <></>',
      'Checkout.tsx',
      `import { useEffect } from 'react';\nimport * as ChannelService from '@channel.io/channel-web-sdk-loader';\n\ninterface Order { id: string }\ntype User = { id: string; memberHash: string };\n\nexport default function Checkout({ order, user }: { order: Order | null; user: User }) {\n  useEffect(() => {\n    ChannelService.loadScript();\n    ${GOOD_BOOT}\n  }, [order]);\n  if (!order) return <></>;\n  return <div className="checkout">{order.id}</div>;\n}\n`,
    ],
    ['satisfies, non-null and generics', 'boot.mts', `import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nenum Plan { Free, Pro }\nconst user = getUser<{ id: string; memberHash: string }>()!;\nChannelService.loadScript();\nChannelService.boot({ pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000', memberId: user.id, memberHash: user.memberHash } satisfies ChannelService.BootOption);\n`],
  ];
  for (const [what, name, text] of cases) {
    it(`${what} (${name})`, () => {
      expect(ids(analyze(name, text))).toEqual([]);
    });
  }

  it('reads a literal through `as`: the sample plugin key is still found', () => {
    const fs = analyze('boot.ts', `import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nChannelService.boot({ pluginKey: 'YOUR_PLUGIN_KEY' as string });\n`);
    expect(ids(fs)).toEqual(['channeltalk/plugin-key-missing']);
  });
});

describe('a boot after JSX is found', () => {
  const body = `import * as ChannelService from '@channel.io/channel-web-sdk-loader';\n\nexport const Banner = () => <p className="banner">ようこそ</p>;\n\nChannelService.loadScript();\nChannelService.boot({\n  pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000',\n  memberId: 'user-0001',\n  profile: { mobileNumber: '090-1234-5678' },\n});\n`;
  for (const name of ['Banner.jsx', 'Banner.tsx', 'Banner.js']) {
    it(name, () => {
      const fs = analyze(name, body);
      expect(ids(fs)).toEqual(['channeltalk/member-hash-missing', 'channeltalk/mobile-number-format']);
      expect(at(fs.find((f) => f.ruleId === 'channeltalk/member-hash-missing'))).toEqual({ line: 6, column: 1 });
    });
  }
});

describe('a broken parse never invents findings', () => {
  it('an unrendered PHP echo inside the boot object: the syntax error only, no key-format findings', () => {
    const html = `<!doctype html>\n<html><body>\n<script>\n  (function(){var w=window;if(w.ChannelIO){return;}var ch=function(){ch.c(arguments);};ch.q=[];ch.c=function(args){ch.q.push(args);};w.ChannelIO=ch;function l(){var s=document.createElement('script');s.src='https://cdn.channel.io/plugin/ch-plugin-web.js';document.head.appendChild(s);}l();})();\n  ChannelIO('boot', {\n    "pluginKey": "c1a2b3c4-0000-4000-8000-000000000000",\n    "memberId": "<?php echo $TPL_VAR["id"]?>",\n    "profile": { "name": "<?php echo $TPL_VAR["name"]?>" }\n  });\n</script>\n</body></html>\n`;
    const fs = analyze('mypage.php', html);
    expect(ids(fs)).toEqual(['channeltalk/tag-syntax-error']);
    expect(fs[0].message).toContain('7行目');
  });

  it('a missing comma after a `${process.env…}` value: the syntax error, not plugin-key-missing', () => {
    const text = 'import * as ChannelService from \'@channel.io/channel-web-sdk-loader\';\nChannelService.loadScript();\nChannelService.boot({\n  pluginKey: `${process.env.NEXT_PUBLIC_CHANNEL_KEY}`\n  memberId: user.id,\n});\n';
    for (const name of ['boot.js', 'boot.ts']) {
      const fs = analyze(name, text);
      expect(ids(fs)).toEqual(['channeltalk/tag-syntax-error']);
      expect(fs[0].message).toContain('5行目');
    }
  });
});

describe('components: script blocks with positions in the file', () => {
  it('Vue SFC with <script setup lang="ts">', () => {
    const vue = `<template>\n  <div class="help">お問い合わせ</div>\n</template>\n\n<script setup lang="ts">\nimport { onMounted } from 'vue';\nimport * as ChannelService from '@channel.io/channel-web-sdk-loader';\nconst props = defineProps<{ memberId: string }>();\nonMounted(() => {\n  ChannelService.loadScript();\n  ChannelService.boot({ pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000', memberId: props.memberId as string });\n});\n</script>\n`;
    const fs = analyze('Help.vue', vue);
    expect(ids(fs)).toEqual(['channeltalk/member-hash-missing']);
    expect(at(fs[0])).toEqual({ line: 11, column: 3 });
  });

  it('a correct Vue SFC gives no finding', () => {
    const vue = `<script lang="ts">\nimport * as ChannelService from '@channel.io/channel-web-sdk-loader';\nexport default { mounted(this: { user: { id: string; memberHash: string } }) { const user = this.user;\n  ChannelService.loadScript();\n  ${GOOD_BOOT}\n} };\n</script>\n<template><p>ok</p></template>\n`;
    expect(ids(analyze('Ok.vue', vue))).toEqual([]);
  });

  it('Svelte <script lang="ts">', () => {
    const svelte = `<script lang="ts">\n  import * as ChannelService from '@channel.io/channel-web-sdk-loader';\n  export let memberId: string;\n  ChannelService.loadScript();\n  ChannelService.boot({ pluginKey: 'YOUR_PLUGIN_KEY', memberId });\n</script>\n<p>{memberId}</p>\n`;
    const fs = analyze('Chat.svelte', svelte);
    expect(ids(fs)).toContain('channeltalk/plugin-key-missing');
    expect(at(fs.find((f) => f.ruleId === 'channeltalk/plugin-key-missing'))).toEqual({ line: 5, column: 3 });
  });

  it('Astro frontmatter is TypeScript', () => {
    const astro = `---\nimport * as ChannelService from '@channel.io/channel-web-sdk-loader';\nconst key: string = 'YOUR_PLUGIN_KEY';\nChannelService.boot({ pluginKey: 'YOUR_PLUGIN_KEY' });\n---\n<html><body><p>{key}</p></body></html>\n`;
    const fs = analyze('index.astro', astro);
    expect(ids(fs)).toContain('channeltalk/plugin-key-missing');
    expect(at(fs.find((f) => f.ruleId === 'channeltalk/plugin-key-missing'))).toEqual({ line: 4, column: 1 });
  });
});

describe('OK SKY tags in source', () => {
  it('a TSX component with the SDK form and a typed login', () => {
    const tsx = `import { useEffect } from 'react';\ndeclare const OkskyChat: any;\nexport function Chat({ customerId }: { customerId: string }) {\n  useEffect(() => {\n    const chat = new OkskyChat('kobuna-s-001-0D5ACD179B043831', 'https://kobuna-s-001.ok-sky.com/', { login: { customer_id: customerId as string } });\n    chat.show();\n  }, [customerId]);\n  return <div id="chat" />;\n}\n`;
    const fs = analyze('Chat.tsx', tsx);
    expect(fs.filter((f) => f.ruleId === 'oksky/tag-syntax-error')).toEqual([]);
  });
});

describe('without the source parser (the extension)', () => {
  it('falls back to JavaScript: TypeScript is then a syntax error, as before', () => {
    setSourceParser(undefined);
    try {
      const fs = analyze('boot.ts', `import * as ChannelService from '@channel.io/channel-web-sdk-loader';\nChannelService.boot({ pluginKey: import.meta.env.VITE_KEY as string });\n`);
      expect(ids(fs)).toEqual(['channeltalk/tag-syntax-error']);
    } finally {
      setSourceParser(oxcSourceParser);
    }
  });
});

describe('server templates: the unrendered expression is the evidence, shown unmasked', () => {
  it('names the PHP echo that broke the script', () => {
    const html = `<script>\nChannelIO('boot', {\n  "pluginKey": "c1a2b3c4-0000-4000-8000-000000000000",\n  "memberId": "<?php echo $TPL_VAR["id"]?>"\n});\n</script>\n`;
    const fs = analyze('mypage.php', html);
    expect(ids(fs)).toEqual(['channeltalk/tag-syntax-error']);
    expect(fs[0].message).toContain('<?php echo $TPL_VAR["id"]?>');
    expect(fs[0].fix).toContain('<?php echo $TPL_VAR["id"]?>');
    expect(fs[0].evidence.map((e) => e.text)).toContain('<?php echo $TPL_VAR["id"]?>');
  });

  it('a rendered-looking Liquid value that is only a placeholder stays visible in the placeholder finding', () => {
    const liquid = `<script>\nChannelIO('boot', { pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000', memberId: '{{ customer.id }}', memberHash: '{{ customer.hash }}' });\n</script>\n`;
    const fs = analyze('theme.liquid', liquid);
    const f = fs.find((x) => x.ruleId === 'channeltalk/member-id-placeholder');
    expect(f).toBeDefined();
    expect(JSON.stringify(f)).toContain('{{ customer.id }}');
    expect(JSON.stringify(f)).not.toContain('{{****}}');
  });
});

describe('fixes that fit the case', () => {
  it('the SDK form gets the SDK fix line, and the template placeholder is shown as written', () => {
    const tsx = `declare const OkskyChat: any;\nexport function Chat() {\n  const chat = new OkskyChat('kobuna-s-001-0D5ACD179B043831', 'https://kobuna-s-001.ok-sky.com/', { login: { customer_id: '{{ customer.id }}' } });\n  chat.show();\n  return <div id="chat" />;\n}\n`;
    const f = analyze('Chat.tsx', tsx).find((x) => x.ruleId === 'oksky/login-value-placeholder');
    expect(f?.fix).toContain('new OkskyChat(WIDGET_ID, SYSTEM_URL, { login: { customer_id: "<ログインした会員の値>" } });');
    expect(f?.fix).not.toContain('OkskyChat("customer_id"');
    expect(f?.message).toContain('{{ customer.id }}');
  });

  it('a Korean mobile number is not turned into +81', () => {
    const fs = analyze('boot.ts', `${LOADER_LINE}\nChannelService.boot({ pluginKey: 'c1a2b3c4-0000-4000-8000-000000000000', memberId: u.id as string, memberHash: u.hash, profile: { mobileNumber: '010-9876-5432' } });\n`);
    const f = fs.find((x) => x.ruleId === 'channeltalk/mobile-number-format');
    expect(f?.fix).not.toContain('+81109');
    expect(f?.fix).toContain('国番号');
  });

  it('loader package code without boot: the fix is ChannelService.boot', () => {
    const fs = analyze('channel.ts', `${LOADER_LINE}\nexport function start(): void {\n  ChannelService.loadScript();\n}\n`);
    const f = fs.find((x) => x.ruleId === 'channeltalk/boot-missing');
    expect(f?.fix).toContain('ChannelService.boot({');
    expect(f?.fix).not.toContain("ChannelIO('boot'");
  });
});

describe('the extension never bundles the source parser', () => {
  it('no module of the core, the extension or its UI imports oxc-parser or utils/source', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join, resolve } = await import('node:path');
    const root = resolve(import.meta.dirname, '..', '..');
    const offenders: string[] = [];
    const visit = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) visit(p);
        else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) && /from ['"](?:oxc-parser|[./]+\/source\/|[./]*source\/oxc)/.test(readFileSync(p, 'utf8'))) offenders.push(p);
      }
    };
    for (const d of ['utils/core', 'utils/ext', 'utils/ui', 'entrypoints', 'components']) visit(resolve(root, d));
    expect(offenders).toEqual([]);
  });
});
