// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Lang } from '@/utils/core/model';
import type { Snapshot } from '@/utils/core/snapshot';
import type { FetchLike } from '@/utils/ui/companion-check';
import type { Recordings } from '@/utils/ui/recording';
import type { CompanionSettings } from '@/utils/ui/settings';
import type { TabCapture } from '@/utils/ui/source';
import { fixtureCapture } from '../__fixtures__/session';
import { I18nProvider } from '../i18n-context';
import { CompareView, parseSnapshotText, type CompareDeps } from './CompareView';
import { compareCore } from './core';
import { compareStrings } from './strings';

afterEach(cleanup);

const TOKEN = `rk_${'a'.repeat(43)}`;
const SHARE = `rks_${'b'.repeat(43)}`;

/** the capture reduced to its first page (linkage, logged in) or its second (no linkage) */
function onePage(i: 0 | 1, host?: string): TabCapture {
  const c = fixtureCapture(5);
  const page = c.session.pages[i]!;
  const p = host ? { ...page, url: page.url.replace(/^https:\/\/[^/]+/, `https://${host}`) } : page;
  return { ...c, session: { pages: [p], requests: c.session.requests.filter((r) => r.pageId === page.id) }, overrides: { [page.id]: 'logged-in' } };
}

function snapshotOf(capture: TabCapture, env?: string): Snapshot {
  return compareCore.snapshotOf(capture, { version: '1.0.0', lang: 'ja', env, salt: 'fixed-salt-123' });
}

function memoryRecordings() {
  let value: unknown;
  return { load: vi.fn(async () => value), save: vi.fn(async (v: Recordings) => void (value = JSON.parse(JSON.stringify(v)))), peek: () => value as Recordings | undefined };
}

function setup(opts: { capture?: TabCapture; companion?: CompanionSettings; fetch?: FetchLike; lang?: Lang; copy?: (t: string) => Promise<boolean> } = {}) {
  const recordings = memoryRecordings();
  const deps: CompareDeps = {
    recordings,
    loadCompanion: async () => opts.companion,
    fetch: opts.fetch,
    loadCore: async () => compareCore,
    copy: opts.copy ?? (async () => true),
  };
  const utils = render(
    <I18nProvider lang={opts.lang ?? 'ja'}>
      <CompareView capture={opts.capture ?? fixtureCapture(5)} version="1.0.0" deps={deps} />
    </I18nProvider>,
  );
  return { recordings, ...utils };
}

async function ready() {
  await waitFor(() => expect((screen.getByRole('button', { name: 'このタブの記録を追加' }) as HTMLButtonElement).disabled).toBe(false));
}

function chooseFile(label: string, name: string, text: string) {
  const input = screen.getByLabelText(label) as HTMLInputElement;
  const file = new File([text], name, { type: 'application/json' });
  fireEvent.change(input, { target: { files: [file] } });
}

const row = (container: HTMLElement, id: string) => container.querySelector(`li[data-record="${id}"]`) as HTMLElement;

describe('CompareView', () => {
  it('works without a companion: this tab vs a file, labelled rows, differences marked in words, compare/* findings as cards', async () => {
    const { container } = setup({ capture: onePage(1, 'shop.example.jp') });
    await ready();
    expect(screen.getByTestId('companion-status').textContent).toContain('未設定');
    fireEvent.click(screen.getByRole('button', { name: 'このタブの記録を追加' }));
    // the message appears beside the button that caused it
    expect(container.querySelector('[data-at="add"]')!.textContent).toBe('このタブ（shop.example.jp）を記録 A に入れました。');
    const a = container.querySelector('.pair-side[data-side="a"]');
    expect(a).toBeNull();
    // B: a staging record with linkage, from a file; the file input is named by its visible label
    chooseFile('ファイルを読み込む', 'stg.json', JSON.stringify(snapshotOf(onePage(0, 'stg.shop.example.jp'))));
    await waitFor(() => expect(container.querySelector('.pair-side[data-side="b"]')?.getAttribute('data-env')).toBe('staging'));
    // host name suggests production
    expect(container.querySelector('.pair-side[data-side="a"]')!.getAttribute('data-env')).toBe('production');
    expect(row(container, 'x1').getAttribute('data-env')).toBe('production');
    const table = await screen.findByTestId('compare-main');
    // env and site differ as chosen: muted, marked 想定どおり, not counted
    const envRow = table.querySelector('tr[data-aspect="env"]')!;
    expect(envRow.getAttribute('data-same')).toBe('false');
    expect(envRow.className).toBe('context');
    expect(envRow.textContent).toBe('想定どおり 環境ラベル本番ステージング');
    expect(table.querySelector('tr[data-aspect="site"]')!.className).toBe('context');
    // a real problem: marked 要確認 in words, labelled in Japanese
    const linkage = [...table.querySelectorAll('tr.diff')].find((r) => r.getAttribute('data-aspect')!.endsWith(' linkage'))!;
    expect(linkage.textContent).toMatch(/^要確認 ID 連携(なし|あり|—){2}$/);
    const summary = table.querySelector('.view-summary')!;
    expect(Number(summary.getAttribute('data-diff-count'))).toBe(table.querySelectorAll('tr.diff').length);
    expect(summary.textContent).toContain(`要確認の違い ${summary.getAttribute('data-diff-count')} 件`);
    // only differing rows by default; all rows on request
    expect(table.querySelectorAll('tr.same').length).toBe(0);
    fireEvent.click(within(table).getByRole('checkbox', { name: /同じ項目も表示する/ }));
    expect(table.querySelectorAll('tr.same').length).toBeGreaterThan(0);
    // no internal key on screen: every row header is a label in words
    for (const th of table.querySelectorAll('tbody th[scope="row"]')) {
      expect(th.textContent).not.toMatch(/^(env|site|login state|findings \(|finding )|\b(page|OK SKY tag|widget host|linkage|keywords|\/login query)$/);
    }
    expect(table.querySelector('table')!.textContent).not.toMatch(/queue\/|\bempty\b|\btrue\b|\bfalse\b/);
    const finding = table.querySelector('article[data-rule-id="compare/linkage-missing"]');
    expect(finding).not.toBeNull();
    expect(finding!.getAttribute('data-severity')).toBe('error');
    // relabel A as custom text: the comparison follows
    fireEvent.change(within(row(container, 'x1')).getByRole('combobox'), { target: { value: 'custom' } });
    fireEvent.change(within(row(container, 'x1')).getByLabelText('ラベル（自由入力）: このタブ（shop.example.jp）'), { target: { value: '本番(旧)' } });
    await waitFor(() => expect(screen.getByTestId('compare-main').querySelector('tr[data-aspect="env"]')!.textContent).toContain('本番(旧)'));
    // swap
    fireEvent.click(screen.getByRole('button', { name: 'A と B を入れ替える' }));
    expect(container.querySelector('.pair-side[data-side="a"]')!.getAttribute('data-env')).toBe('staging');
  });

  it('explains the rows it cannot compare (fingerprints under different salts)', async () => {
    const { container } = setup({ capture: onePage(0, 'shop.example.jp') });
    await ready();
    fireEvent.click(screen.getByRole('button', { name: 'このタブの記録を追加' }));
    chooseFile('ファイルを読み込む', 'stg.json', JSON.stringify(snapshotOf(onePage(0, 'stg.shop.example.jp'))));
    await waitFor(() => expect(container.querySelector('.pair-side[data-side="b"]')?.getAttribute('data-env')).toBe('staging'));
    const table = await screen.findByTestId('compare-main');
    const rows = table.querySelectorAll('tr[data-comparable="false"]');
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.className).toBe('not-comparable');
      expect(r.querySelector('.mark')!.textContent).toBe('比較不可');
    }
    expect(table.querySelector('[data-note="not-comparable"]')!.textContent).toContain('別々のソルトで作られた記録');
  });

  it('says clearly why a file is not a snapshot, beside the file button', async () => {
    const { container } = setup();
    await ready();
    chooseFile('ファイルを読み込む', 'broken.json', '{"pages": ');
    expect((await screen.findByRole('alert')).textContent).toContain('「broken.json」は JSON として読めません');
    expect(container.querySelector('[data-at="add"] [role="alert"]')).not.toBeNull();
    chooseFile('ファイルを読み込む', 'other.json', JSON.stringify({ hello: 1 }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('「other.json」は連携ドクターのスナップショットではありません'));
    const r = parseSnapshotText(JSON.stringify({ id: 'sn_x', snapshot: snapshotOf(onePage(0)) }), 'env.json', 'en');
    expect(r.ok).toBe(true);
    expect(parseSnapshotText('x'.repeat(11 * 1024 * 1024), 'big.json', 'en')).toMatchObject({ ok: false });
  });
  it('with a companion: lists and loads, uploads, creates and copies a share link, opens a shared snapshot', async () => {
    const stg = snapshotOf(onePage(0, 'stg.shop.example.jp'), 'staging');
    const prod = snapshotOf(onePage(1, 'shop.example.jp'), 'production');
    const stored = new Map<string, Snapshot>([[`sn_${'1'.repeat(22)}`, stg]]);
    const calls: string[] = [];
    const fetchImpl: FetchLike = async (url, init) => {
      const u = new URL(url);
      calls.push(`${init?.method ?? 'GET'} ${u.pathname}${u.search}`);
      const ok = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (u.pathname.startsWith('/v1/shared/')) return ok(200, { id: `sn_${'2'.repeat(22)}`, site: prod.site, env: 'production', createdAt: 'now', snapshot: prod });
      if ((init?.headers as Record<string, string>)?.Authorization !== `Bearer ${TOKEN}`) return ok(401, { error: 'unauthorized' });
      if (u.pathname === '/v1/snapshots' && init?.method === 'POST') {
        const id = `sn_${'3'.repeat(22)}`;
        stored.set(id, JSON.parse(init.body as string) as Snapshot);
        return ok(201, { id });
      }
      if (u.pathname === '/v1/snapshots') return ok(200, { items: [...stored].map(([id, s]) => ({ id, site: s.site ?? null, env: s.env ?? null, createdAt: 'now', summary: s.summary })), nextCursor: null });
      const m = /^\/v1\/snapshots\/([^/]+)(\/share)?$/.exec(u.pathname);
      if (m && init?.method === 'DELETE') return stored.delete(m[1]!) ? new Response(null, { status: 204 }) : ok(404, { error: 'not_found' });
      if (m && m[2]) return ok(201, { url: `http://127.0.0.1:8787/v1/shared/${SHARE}`, token: SHARE, expiresAt: '2026-11-29T00:00:00.000Z' });
      if (m) return ok(200, { id: m[1], site: stored.get(m[1]!)!.site, env: stored.get(m[1]!)!.env, createdAt: 'now', snapshot: stored.get(m[1]!) });
      return ok(404, { error: 'not_found' });
    };
    const copy = vi.fn(async () => true);
    const { container } = setup({ companion: { url: 'http://127.0.0.1:8787', token: TOKEN }, fetch: fetchImpl, copy, capture: onePage(1, 'shop.example.jp') });
    await ready();
    fireEvent.click(screen.getByText('共有リンク・共有サーバーから'));
    await waitFor(() => expect(screen.getByTestId('companion-status').textContent).toBe('共有サーバー: http://127.0.0.1:8787/'));
    fireEvent.change(screen.getByLabelText('サイト'), { target: { value: 'stg.shop.example.jp' } });
    fireEvent.click(screen.getByRole('button', { name: '一覧を読み込む' }));
    const item = await screen.findByText(`sn_${'1'.repeat(22)}`);
    expect(calls).toContain('GET /v1/snapshots?site=stg.shop.example.jp');
    fireEvent.click(within(item.closest('li')!).getByRole('button', { name: /^記録 A に読み込む/ }));
    await waitFor(() => expect(row(container, 'x1')?.textContent).toContain(`共有サーバー sn_${'1'.repeat(22)}`));
    expect((within(row(container, 'x1')).getByRole('radio', { name: /^A/ }) as HTMLInputElement).checked).toBe(true);
    // B: this tab, saved to the companion, then shared; the messages appear in its row
    fireEvent.click(screen.getByRole('button', { name: 'このタブの記録を追加' }));
    const b = row(container, 'x2');
    expect(container.querySelector('.pair-side[data-side="b"]')!.getAttribute('data-env')).toBe('production');
    await act(async () => fireEvent.click(within(b).getByRole('button', { name: /^共有サーバーに保存/ })));
    await waitFor(() => expect(b.querySelector('[data-companion-id]')).not.toBeNull());
    expect(b.querySelector('[data-at="row:x2"]')!.textContent).toBe(`共有サーバーに保存しました（sn_${'3'.repeat(22)}）。`);
    expect(JSON.parse(JSON.stringify(stored.get(`sn_${'3'.repeat(22)}`)!.env))).toBe('production');
    await act(async () => fireEvent.click(within(b).getByRole('button', { name: /^共有リンクをコピー/ })));
    await waitFor(() => expect(within(b).getByTestId('share-url').textContent).toBe(`http://127.0.0.1:8787/v1/shared/${SHARE}`));
    expect(copy).toHaveBeenCalledWith(`http://127.0.0.1:8787/v1/shared/${SHARE}`);
    expect(screen.getByTestId('compare-main').querySelector('[data-rule-id="compare/linkage-missing"]')).not.toBeNull();
    // delete the listed record from the companion
    const listed = () => container.querySelector(`li[data-snapshot-id="sn_${'1'.repeat(22)}"]`);
    await act(async () => fireEvent.click(within(listed() as HTMLElement).getByRole('button', { name: /^共有サーバーから削除/ })));
    await waitFor(() => expect(listed()).toBeNull());
    expect(calls).toContain(`DELETE /v1/snapshots/sn_${'1'.repeat(22)}`);
    expect(stored.has(`sn_${'1'.repeat(22)}`)).toBe(false);
    expect(container.querySelector('[data-at="companion"]')!.textContent).toContain('共有サーバーから削除しました');
    // open the shared link: it goes into B (A is taken)
    fireEvent.change(screen.getByLabelText('共有リンクまたはトークン（rks_…）'), { target: { value: `http://127.0.0.1:8787/v1/shared/${SHARE}` } });
    fireEvent.click(screen.getByRole('button', { name: '開く' }));
    await waitFor(() => expect(container.querySelector('.pair-side[data-side="b"]')!.textContent).toContain('共有リンク'));
  });

  it('shows the companion’s refusal in words (wrong token, privacy path)', async () => {
    const fetchImpl: FetchLike = async (url, init) => {
      if (init?.method === 'POST')
        return new Response(JSON.stringify({ error: 'personal_data', issues: [{ path: ['pages', 0, 'url'], message: 'e-mail' }] }), { status: 400 });
      return new Response(JSON.stringify({ error: 'unauthorized' }), { status: 401 });
    };
    const { container } = setup({ companion: { url: 'http://127.0.0.1:8787', token: TOKEN }, fetch: fetchImpl });
    await ready();
    await waitFor(() => expect(screen.getByRole('button', { name: '一覧を読み込む' })).toBeTruthy());
    fireEvent.click(screen.getByRole('button', { name: '一覧を読み込む' }));
    expect((await screen.findByRole('alert')).textContent).toContain('トークンが正しくないか、無効化されています');
    expect(container.querySelector('[data-at="companion"] [role="alert"]')).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'このタブの記録を追加' }));
    fireEvent.click(within(row(container, 'x1')).getByRole('button', { name: /^共有サーバーに保存/ }));
    await waitFor(() => expect(row(container, 'x1').querySelector('[role="alert"]')!.textContent).toContain('pages.0.url'));
  });

  it('recording wizard: four slots persisted, the next one marked, staging vs production compared by default', async () => {
    let capture = onePage(0, 'stg.shop.example.jp');
    const { recordings, rerender, container } = setup({ capture });
    await ready();
    const slot = (s: string) => container.querySelector(`[data-slot="${s}"]`) as HTMLElement;
    expect(screen.getByTestId('recording-wizard').textContent).toContain('ログインした状態でページ');
    expect(slot('staging-in').getAttribute('aria-current')).toBe('step');
    // four record buttons, each with its own name that starts with the visible text
    expect(screen.getAllByRole('button', { name: /^このページを記録\s?（/ }).map((b) => b.textContent)).toEqual([
      'このページを記録（ステージング・ログイン中）',
      'このページを記録（ステージング・ログアウト中）',
      'このページを記録（本番・ログイン中）',
      'このページを記録（本番・ログアウト中）',
    ]);
    await act(async () => fireEvent.click(within(slot('staging-in')).getByRole('button', { name: /^このページを記録/ })));
    await waitFor(() => expect(slot('staging-in').getAttribute('data-recorded')).toBe('true'));
    expect(slot('staging-in').querySelector('[data-at="row:staging-in"]')!.textContent).toBe('記録しました。');
    expect(slot('staging-out').getAttribute('aria-current')).toBe('step');
    expect(recordings.save).toHaveBeenCalled();
    const summary = slot('staging-in').querySelector('details.record-findings summary')!;
    const own = recordings.peek()!.slots['staging-in']!.snapshot.summary;
    expect(summary.textContent).toBe(`エラー ${own.errors}・警告 ${own.warnings}・情報 ${own.infos}（ステージング・ログイン中）`);
    expect(slot('staging-in').querySelectorAll('article[data-rule-id]').length).toBe(own.errors + own.warnings + own.infos);
    expect(recordings.peek()!.slots['staging-in']!.snapshot.env).toBe('staging');
    expect(screen.queryByTestId('compare-main')).toBeNull();
    capture = onePage(1, 'shop.example.jp');
    const deps: CompareDeps = { recordings, loadCompanion: async () => undefined, loadCore: async () => compareCore };
    rerender(
      <I18nProvider lang="ja">
        <CompareView capture={capture} version="1.0.0" deps={deps} />
      </I18nProvider>,
    );
    await ready();
    await act(async () => fireEvent.click(within(slot('production-in')).getByRole('button', { name: /^このページを記録/ })));
    // the usual pair is shown without picking: logged in, staging ⇄ production
    const main = await screen.findByTestId('compare-main');
    expect(main.getAttribute('data-pair')).toBe('loggedIn');
    expect(main.querySelector('[data-rule-id="compare/linkage-missing"]')).not.toBeNull();
    const preset = container.querySelector('[data-preset="loggedIn"]')!;
    expect(preset.getAttribute('aria-pressed')).toBe('true');
    expect(preset.textContent).toMatch(/要確認 [1-9]/);
    expect((within(slot('staging-in')).getByRole('radio', { name: /^A/ }) as HTMLInputElement).checked).toBe(true);
    expect((within(slot('production-in')).getByRole('radio', { name: /^B/ }) as HTMLInputElement).checked).toBe(true);
    expect(recordings.peek()!.slots['production-in']!.snapshot.pages[0]!.url).toContain('https://shop.example.jp/');
    // pick another pair by hand: B = staging logged in as well → no differences to check
    fireEvent.click(within(slot('staging-in')).getByRole('radio', { name: /^B/ }));
    expect(screen.getByTestId('compare-main').getAttribute('data-pair')).toBeNull();
    expect(screen.getByTestId('compare-main').querySelector('.view-summary')!.textContent).toContain('確認が必要な違いはありません');
    // remove
    await act(async () => fireEvent.click(within(slot('production-in')).getByRole('button', { name: /^削除/ })));
    expect(slot('production-in').getAttribute('data-recorded')).toBe('false');
    expect(recordings.peek()!.slots['production-in']).toBeUndefined();
  });

  it('recording wizard: one environment logged in ⇄ logged out shows no error, the login-state differences muted', async () => {
    let capture = onePage(0, 'shop.example.jp');
    const { recordings, rerender, container } = setup({ capture });
    await ready();
    const slot = (s: string) => container.querySelector(`[data-slot="${s}"]`) as HTMLElement;
    await act(async () => fireEvent.click(within(slot('production-in')).getByRole('button', { name: /^このページを記録/ })));
    await waitFor(() => expect(slot('production-in').getAttribute('data-recorded')).toBe('true'));
    capture = onePage(1, 'shop.example.jp');
    rerender(
      <I18nProvider lang="ja">
        <CompareView capture={capture} version="1.0.0" deps={{ recordings, loadCompanion: async () => undefined, loadCore: async () => compareCore }} />
      </I18nProvider>,
    );
    await ready();
    await act(async () => fireEvent.click(within(slot('production-out')).getByRole('button', { name: /^このページを記録/ })));
    const pair = await waitFor(() => {
      const p = container.querySelector('[data-pair="productionStates"]');
      expect(p).not.toBeNull();
      return p as HTMLElement;
    });
    expect(pair.querySelector('[data-severity="error"]')).toBeNull();
    expect(pair.querySelector('[data-rule-id="compare/query-empty-on-one-side"]')).toBeNull();
    expect(pair.querySelector('[data-rule-id="compare/login-state-differs"]')?.getAttribute('data-severity')).toBe('info');
    expect(pair.textContent).not.toContain('環境によって');
    const stateRow = pair.querySelector('tr[data-aspect="login state"]')!;
    expect(stateRow.className).toBe('expected');
    expect(stateRow.textContent).toBe('想定どおり ログイン状態ログイン中ログアウト中');
    expect(pair.querySelector('[data-note="expected"]')!.textContent).toContain('ログイン状態による違いです');
    const summary = pair.querySelector('.view-summary')!;
    expect(Number(summary.getAttribute('data-expected-count'))).toBeGreaterThan(0);
    const counted = Number(summary.getAttribute('data-diff-count'));
    expect(pair.querySelectorAll('tr.diff').length).toBe(counted);
    // the pair's button says in words how many findings need checking (warnings and errors)
    const toCheck = pair.querySelectorAll('article[data-severity="warning"], article[data-severity="error"]').length;
    expect(container.querySelector('[data-preset="productionStates"]')!.textContent).toContain(toCheck === 0 ? '問題なし' : `要確認 ${toCheck}`);
  });

  it('flags a companion URL that is not valid on the closed "share" section', async () => {
    const { container } = setup({ companion: { url: 'not a url', token: TOKEN } });
    await ready();
    await waitFor(() => expect(screen.getByTestId('companion-status').textContent).toBe('共有サーバーの URL が正しくありません。オプション画面で確認してください。'));
    expect(container.querySelector('.more-sources > summary')!.textContent).toBe('共有リンク・共有サーバーから 要確認');
  });

  it('recording without a page says what to do, in the slot’s row', async () => {
    const empty = { ...fixtureCapture(5), session: { pages: [], requests: [] } };
    const { container } = setup({ capture: empty });
    await ready();
    const row2 = container.querySelector('[data-slot="staging-out"]') as HTMLElement;
    await act(async () => fireEvent.click(within(row2).getByRole('button', { name: /^このページを記録/ })));
    expect((await within(row2).findByRole('alert')).textContent).toContain('このタブにページの記録がありません');
  });

  it('speaks English (plurals included), and both string tables have the same keys and placeholders', async () => {
    const { container } = setup({ lang: 'en', capture: onePage(1, 'shop.example.jp') });
    await waitFor(() => expect(screen.getByTestId('companion-status').textContent).toContain('No companion server'));
    expect(screen.getByRole('button', { name: 'Add this tab’s record' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add this tab’s record' }));
    chooseFile('Load a file', 'stg.json', JSON.stringify(snapshotOf(onePage(0, 'stg.shop.example.jp'))));
    const table = await screen.findByTestId('compare-main');
    const linkage = [...table.querySelectorAll('tr.diff')].find((r) => r.getAttribute('data-aspect')!.endsWith(' linkage'))!;
    expect(linkage.textContent).toMatch(/^Check Member linkage(no|yes|—){2}$/);
    expect(row(container, 'x1').querySelector('summary')!.textContent).toMatch(/^\d+ errors? · \d+ warnings? · \d+ info \(/);
    expect(container.textContent).not.toMatch(/[\u3040-\u30ff]/);
    const { ja, en } = compareStrings;
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
    const ph = (s: string) => [...new Set([...s.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]))].sort();
    for (const k of Object.keys(ja) as (keyof typeof ja)[]) expect(ph(en[k]), k).toEqual(ph(ja[k]));
  });
});
