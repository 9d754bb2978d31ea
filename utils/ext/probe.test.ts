// @vitest-environment happy-dom
/**
 * The probe in a DOM: the documents' loader snippets run as written, the calls are recorded
 * before any widget drains the queue, and the page keeps working.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { PROBE_CHANNEL, PROBE_GLOBAL } from './constants';
import { PROBE_SOURCE } from './probe-source';

type Rec = { vendor: string; form: string; name: string; args: unknown[]; global: string };
const w = window as unknown as Record<string, unknown> & { eval(code: string): unknown };
const records = () => (w[PROBE_GLOBAL] as { calls: Rec[] }).calls;
const posted: unknown[] = [];

beforeAll(() => {
  window.addEventListener('message', (e) => posted.push(e.data));
  // the same text DevTools and `renkei check` inject
  w.eval(PROBE_SOURCE);
});
// every test starts from an empty record and message log (the probe's array is the one it fills),
// so the tests hold in any order (`vitest --sequence.shuffle`)
beforeEach(() => {
  records().length = 0;
  posted.length = 0;
});

describe('probe', () => {
  it('installs once, with a non-enumerable marker', () => {
    const marker = w[PROBE_GLOBAL] as { v: number; t: number; calls: unknown[] };
    expect(marker.v).toBe(1);
    expect(Object.keys(window)).not.toContain(PROBE_GLOBAL);
    w.eval(PROBE_SOURCE);
    expect(w[PROBE_GLOBAL]).toBe(marker);
  });

  it('records 000 queue calls as they run, and the queue still fills for the widget', async () => {
    document.body.innerHTML = '<script></script>';
    w.eval(`!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.OkskyChat=i,i.q=[],o=e.createElement("script"),o.async=1,o.src="https://kobuna-s-001.okskychat.net/widget/widget.js",n=e.getElementsByTagName("script")[0],n.parentNode.insertBefore(o,n)}(window,document);
OkskyChat("key", "kobuna-s-001-0D5ACD179B043831");
OkskyChat("loginKey", "customer_id");
OkskyChat("customer_id", 12345);`);
    const oksky = records().filter((r) => r.global === 'OkskyChat');
    expect(oksky.map((r) => [r.form, r.name, r.args])).toEqual([
      ['queue', 'key', [{ kind: 'string', value: 'kobuna-s-001-0D5ACD179B043831' }]],
      ['queue', 'loginKey', [{ kind: 'string', value: 'customer_id' }]],
      ['queue', 'customer_id', [{ kind: 'number', value: 12345 }]],
    ]);
    const q = (w.OkskyChat as { q: unknown[][] }).q;
    expect(q).toEqual([
      ['key', 'kobuna-s-001-0D5ACD179B043831'],
      ['loginKey', 'customer_id'],
      ['customer_id', 12345],
    ]);
    // postMessage is delivered asynchronously: wait for the three messages, not for a time
    await vi.waitFor(() => expect(posted.filter((m) => (m as { ch?: string }).ch === PROBE_CHANNEL).length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    // the widget replaces the global: later calls are recorded too
    w.OkskyChat = function live() {};
    w.eval('OkskyChat("customer_id", "later")');
    expect(records().at(-1)!.args).toEqual([{ kind: 'string', value: 'later' }]);
  });

  it('finds a tenant-named queue when the widget script src is set', () => {
    w.eval(`!function(t,e,o,n){var i=function(t,e){i.q.push([t,e])};t.TenantChat=i,i.q=[],o=e.createElement("script"),o.src="https://tenant-001.oksky-chat.net/widget/widget.js"}(window,document);
TenantChat("key", "tenant-001-AAAA");`);
    expect(records().filter((r) => r.global === 'TenantChat').map((r) => r.name)).toEqual(['key']);
  });

  it('records the SDK form: new OkskyChat(id, url, options) and .show()', () => {
    w.eval(`window.OkskyChat = class { constructor(a, b, c) { this.a = a; } show(o) { return 'shown:' + this.a; } };
var c = new OkskyChat("wid", "https://t.okskychat.net/", { login: { customer_id: "A1" } });
window.__shown = c.show({ hideButton: true });`);
    const sdk = records().filter((r) => r.form === 'sdk');
    expect(sdk.map((r) => r.name)).toEqual(['new', 'show']);
    expect(sdk[0]!.args[2]).toEqual({ kind: 'object', entries: [{ key: 'login', value: { kind: 'object', entries: [{ key: 'customer_id', value: { kind: 'string', value: 'A1' } }] } }] });
    expect(w.__shown).toBe('shown:wid');
    expect(w.eval('c instanceof OkskyChat')).toBe(true);
  });

  it('records ChannelIO(command, arg); the snippet still sees no ChannelIO before it defines one', () => {
    expect(w.eval('window.ChannelIO ? "present" : "absent"')).toBe('absent');
    w.eval(`(function(){var w=window;if(w.ChannelIO){return;}var ch=function(){ch.c(arguments);};ch.q=[];ch.c=function(args){ch.q.push(args);};w.ChannelIO=ch;})();
ChannelIO('boot', { pluginKey: 'pk', memberId: 'M1' });`);
    const ct = records().filter((r) => r.vendor === 'channeltalk');
    expect(ct.map((r) => [r.form, r.name])).toEqual([['snippet', 'boot']]);
    expect((w.ChannelIO as { q: unknown[] }).q).toHaveLength(1);
  });

  it('serialises hostile values defensively: no getter runs, depth and size bounded', () => {
    let ran = false;
    const hostile: Record<string, unknown> = {};
    Object.defineProperty(hostile, 'secret', {
      enumerable: true,
      get() {
        ran = true;
        return 'x';
      },
    });
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 1_000; i++) {
      deep.a = {};
      deep = deep.a as Record<string, unknown>;
    }
    w.OkskyChat = function queue() {};
    (w.OkskyChat as (...a: unknown[]) => void)('customer_id', hostile);
    (w.OkskyChat as (...a: unknown[]) => void)('deep', root);
    (w.OkskyChat as (...a: unknown[]) => void)('big', 'x'.repeat(100_000));
    (w.OkskyChat as (...a: unknown[]) => void)('nan', Number.NaN);
    expect(ran).toBe(false);
    const last = records().slice(-4);
    expect(last[0]!.args[0]).toEqual({ kind: 'object', entries: [{ key: 'secret', value: { kind: 'unknown', raw: 'getter' } }] });
    expect(JSON.stringify(last[1]!.args[0]).length).toBeLessThan(1_000);
    expect((last[2]!.args[0] as { value: string }).value.length).toBeLessThan(4_000);
    expect(last[3]!.args[0]).toEqual({ kind: 'null', raw: 'NaN' });
  });

  it('keeps at most 500 records', () => {
    w.OkskyChat = function queue() {};
    for (let i = 0; i < 600; i++) (w.OkskyChat as (...a: unknown[]) => void)('k', i);
    expect(records().length).toBe(500);
  });
});
