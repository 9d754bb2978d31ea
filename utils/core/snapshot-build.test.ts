import { describe, expect, it } from 'vitest';
import { fixtures as ctFixtures } from '../../tests/fixtures/channeltalk';
import { fixtures } from '../../tests/fixtures/oksky';
import { analyzeSession } from './analyze';
import { parseHtmlPage } from './html';
import type { NetworkRequest } from './model';
import { Snapshot } from './snapshot';
import { buildSnapshot, redactUrl } from './snapshot-build';

const html = fixtures.correctTag.replace('OkskyChat(“customer_id”, “xxxxx");', 'OkskyChat("customer_id", "A1234567");');

function analyzed(reveal = false, query: unknown = { customer_id: 'B7654321' }) {
  const page = parseHtmlPage(html, 'https://shop.example.jp/mypage?member=A1234567&token=secret', { id: 'p0', time: 1_000 });
  const requests: NetworkRequest[] = [
    { id: 'w', url: 'https://kobuna-s-001.okskychat.net/widget/widget.js', method: 'GET', status: 200, time: 1_100 },
    {
      id: 'l',
      url: 'https://kobuna-s-001.okskychat.net/rapi/v1/clients/1/login',
      method: 'POST',
      status: 200,
      time: 1_500,
      body: JSON.stringify({ query }),
      contentType: 'application/json',
    },
  ];
  return analyzeSession({ pages: [page], requests }, { salt: 'pinned', reveal });
}

describe('buildSnapshot', () => {
  it('builds a valid snapshot with masked values and fingerprints', () => {
    const result = analyzed();
    const snap = buildSnapshot(result, { version: '0.1.0', env: 'staging', createdAt: '2026-11-22T00:00:00Z' });
    expect(Snapshot.parse(snap)).toEqual(snap);
    expect(snap).toMatchObject({ tool: { name: 'renkei-doctor', version: '0.1.0' }, env: 'staging', site: 'shop.example.jp', saltId: result.saltId, lang: 'ja' });
    const tag = snap.pages[0].tags[0];
    expect(tag).toMatchObject({ vendor: 'oksky', form: 'queue', origin: 'static', widgetHost: 'kobuna-s-001.okskychat.net', key: 'kobuna-s-001-0D5ACD179B043831', loginKeys: ['customer_id'], linkage: true });
    expect(tag.vendor === 'oksky' && tag.keywords[0]).toMatchObject({ name: 'customer_id', kind: 'string', value: { masked: 'A1****67' } });
    const login = snap.requests.find((r) => r.kind === 'login')!;
    expect(login.query).toMatchObject({ status: 'ok', format: 'object', entries: [{ key: 'customer_id', value: { masked: 'B7****21' } }] });
    expect(snap.findings.map((f) => f.ruleId)).toEqual(['oksky/login-query-mismatch']);
    expect(snap.summary).toEqual({ errors: 1, warnings: 0, infos: 0 });
  });

  it('never holds a clear personal value, even from a revealed analysis', () => {
    const result = analyzed(true);
    expect(JSON.stringify(result.findings)).toContain('B7654321');
    const text = JSON.stringify(buildSnapshot(result, { version: '0.1.0' }));
    for (const secret of ['A1234567', 'B7654321', 'secret']) expect(text).not.toContain(secret);
    expect(text).not.toContain('"clear"');
  });

  it('fingerprints equal values equally under one salt', () => {
    const a = buildSnapshot(analyzed(false, { customer_id: 'A1234567' }), { version: '1' });
    const tag = a.pages[0].tags[0];
    const login = a.requests.find((r) => r.kind === 'login')!;
    expect(tag.vendor === 'oksky' && tag.keywords[0].value?.fingerprint).toBe(login.query!.entries[0].value.fingerprint);
  });

  it("summarises other vendors' tags through their deriver (Channel Talk), masked", () => {
    const page = parseHtmlPage(ctFixtures.snippetCorrect, 'https://shop.example.jp/', { id: 'a' });
    const snap = buildSnapshot(analyzeSession({ pages: [page], requests: [] }, { salt: 'pinned' }), { version: '1' });
    const tag = snap.pages[0].tags.find((t) => t.vendor === 'channeltalk');
    expect(tag).toMatchObject({ vendor: 'channeltalk', form: 'snippet', origin: 'static', hasMemberHash: true });
    expect(tag?.vendor === 'channeltalk' && tag.memberId?.masked).toMatch(/\*\*\*\*/);
  });

  it('redacts URL query values', () => {
    expect(redactUrl('https://a.example/p?id=1&t=2#x')).toBe('https://a.example/p?id=…&t=…');
    expect(redactUrl('not a url?x=1')).toBe('not a url');
  });
});
