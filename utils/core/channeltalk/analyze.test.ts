/**
 * Channel Talk through the whole core pipeline: input recognition (the CLI's reader), the
 * analysis driver with its derivers, the engine, and the snapshot — both vendors on one page.
 */
import { describe, expect, it } from 'vitest';
import { fixtures } from '../../../tests/fixtures/channeltalk';
import { analyzeSession } from '../analyze';
import { assembleSession, recogniseText } from '../input';
import { channelTalkOf } from './derive';

const ids = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId).filter((id) => id.startsWith('channeltalk/'));

describe('Channel Talk in analyzeSession', () => {
  it('a boot-option JSON file', () => {
    const input = recogniseText(fixtures.bootOption, 'boot-option.json');
    expect(input.kind).toBe('channeltalk-boot');
    const result = analyzeSession(assembleSession([input]), { salt: 's' });
    expect(ids(result.findings)).toEqual([
      'channeltalk/member-id-placeholder',
      'channeltalk/profile-datetime-not-ms',
      'channeltalk/member-hash-missing',
      'channeltalk/profile-key-format',
    ]);
    const ev = channelTalkOf(result.pages[0]);
    expect(ev).toMatchObject({ present: true, callsOrigin: 'static', probed: false });
    expect(JSON.stringify(result.findings)).not.toContain('taro.yamada@example.jp');
  });

  it('an HTML page with both OK SKY and Channel Talk tags is analysed for both', () => {
    const html = fixtures.snippetMemberNoId.replace(
      '</body>',
      `<script>
(function(w,d,s,u,o){w[o]=w[o]||function(){(w[o].q=w[o].q||[]).push(arguments)};var e=d.createElement(s);e.async=1;e.src=u;d.body.appendChild(e)})(window,document,'script','https://kobuna-s-001.okskychat.net/widget/widget.js','OkskyChat');
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("customer_id", "A1234567");
</script>
</body>`,
    );
    const input = recogniseText(html, 'mypage.html', { url: 'https://shop.example.jp/mypage' });
    const result = analyzeSession(assembleSession([input]), { salt: 's', lang: 'en' });
    const all = result.findings.map((f) => f.ruleId);
    expect(all).toContain('oksky/loginkey-missing');
    expect(ids(result.findings)).toEqual(['channeltalk/profile-datetime-not-ms', 'channeltalk/member-id-missing', 'channeltalk/mobile-number-format']);
    expect(result.outcomes.some((o) => o.ruleId === 'channeltalk/boot-missing' && o.status === 'passed')).toBe(true);
  });

  it('a page without Channel Talk: the Channel Talk rules are not applicable', () => {
    const input = recogniseText('<html><body><p>hello</p><script>var x = 1;</script></body></html>', 'plain.html', { url: 'https://shop.example.jp/' });
    const result = analyzeSession(assembleSession([input]), { salt: 's' });
    const ct = result.outcomes.filter((o) => o.ruleId.startsWith('channeltalk/'));
    expect(ct.length).toBeGreaterThan(0);
    expect(ct.every((o) => o.status === 'not-applicable' && o.missing?.includes('channeltalk-tag'))).toBe(true);
  });
});
