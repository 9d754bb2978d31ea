/**
 * The page probe: runs in the page's MAIN world at document_start and records the vendor tags'
 * calls as they execute, before the widget drains its queue.
 *
 * - OK SKY queue form: `window.OkskyChat` (or a tenant-named global, found when a script's `src`
 *   is set to an OK SKY widget URL and a window property holds a function with a `q` array) is
 *   kept behind an accessor; whatever function the page (or the widget) assigns is wrapped in a
 *   Proxy whose `apply` records `[name, value]` and whose `construct` records the SDK form's
 *   `new OkskyChat(id, url, options)` (and wraps the instance's `.show(...)`).
 * - Channel Talk: `window.ChannelIO` likewise; `ChannelIO(command, arg)` is recorded.
 *
 * Values are serialised defensively into StaticValue shapes: bounded depth/size, own data
 * properties only (no getter is run), never throwing into the page. Records are posted with
 * `window.postMessage({ch, call})` for the relay, and a bounded copy is kept on a non-enumerable
 * window property (the marker the DevTools fallback and `renkei check` read).
 *
 * `installProbe` must stay SELF-CONTAINED (no reference to anything outside its body): its
 * source text is injected as-is by DevTools (`inspectedWindow.reload({injectedScript})`) and by
 * `renkei check` (`addInitScript`). Nothing costly runs on pages without a vendor tag: two
 * window accessors and one wrapped setter.
 */
export function installProbe(channel: string, globalName: string): void {
  /* eslint-disable @typescript-eslint/no-explicit-any -- the probe handles whatever the page put on window; its values are untyped by nature and validated by the relay and background */
  const w = window as any;
  const O = Object;
  const gopd = O.getOwnPropertyDescriptor;
  const isArr = Array.isArray;
  if (gopd(w, globalName)) return;
  const records: any[] = [];
  try {
    O.defineProperty(w, globalName, { value: O.freeze({ v: 1, t: Date.now(), calls: records }) });
  } catch {
    return;
  }
  const post = w.postMessage.bind(w);
  const proxies = new WeakSet<object>();
  let budget = 0;

  const ser = (v: any, depth: number): any => {
    if (--budget < 0) return { kind: 'unknown', raw: '…' };
    const t = typeof v;
    if (t === 'string') return { kind: 'string', value: v.length > 3999 ? v.slice(0, 3999) : v };
    if (t === 'number') return isFinite(v) ? { kind: 'number', value: v } : { kind: 'null', raw: String(v) };
    if (t === 'boolean') return { kind: 'boolean', value: v };
    if (t === 'undefined') return { kind: 'undefined' };
    if (t === 'function') return { kind: 'function' };
    if (v === null) return { kind: 'null' };
    if (t !== 'object') return { kind: 'unknown', raw: t };
    if (depth > 6) return { kind: 'unknown', raw: '…' };
    try {
      if (v instanceof Date) return { kind: 'string', value: Date.prototype.toISOString.call(v) };
    } catch {
      return { kind: 'string', value: 'Invalid Date' };
    }
    const own = (k: string | number) => {
      const d = gopd(v, k);
      return d && 'value' in d ? ser(d.value, depth + 1) : { kind: 'unknown', raw: d ? 'getter' : '' };
    };
    if (isArr(v)) {
      const items = [];
      const n = Math.min(gopd(v, 'length')!.value, 50);
      for (let i = 0; i < n; i++) items.push(own(i));
      return { kind: 'array', items };
    }
    const entries = [];
    for (const key of O.keys(v).slice(0, 50)) entries.push({ key: key.slice(0, 200), value: own(key) });
    return { kind: 'object', entries };
  };

  const rec = (vendor: string, form: string, name: any, args: any[], global: string) => {
    if (records.length >= 500) return;
    budget = 1500;
    const call = {
      vendor,
      form,
      name: typeof name === 'string' ? name.slice(0, 200) : `(${typeof name})`,
      args: args.slice(0, 8).map((a) => {
        try {
          return ser(a, 0);
        } catch {
          return { kind: 'unknown' };
        }
      }),
      global,
      time: Date.now(),
    };
    records.push(call);
    try {
      post({ ch: channel, call }, '*');
    } catch {
      /* the page replaced postMessage's target: the marker copy remains */
    }
  };

  const wrapShow = (inst: any, global: string) => {
    try {
      const show = inst && inst.show;
      if (typeof show !== 'function') return;
      O.defineProperty(inst, 'show', {
        configurable: true,
        writable: true,
        value(this: any, ...a: any[]) {
          rec('oksky', 'sdk', 'show', a, global);
          return show.apply(this, a);
        },
      });
    } catch {
      /* frozen instance */
    }
  };

  const wrap = (fn: any, vendor: string, global: string): any => {
    if (typeof fn !== 'function' || proxies.has(fn)) return fn;
    const p = new Proxy(fn, {
      apply(target, self, args) {
        try {
          rec(vendor, vendor === 'oksky' ? 'queue' : 'snippet', args[0], args.slice(1), global);
        } catch {
          /* never break the page */
        }
        return Reflect.apply(target, self, args);
      },
      construct(target, args, newTarget) {
        const inst = Reflect.construct(target, args, newTarget);
        try {
          if (vendor === 'oksky') {
            rec('oksky', 'sdk', 'new', args, global);
            wrapShow(inst, global);
          }
        } catch {
          /* never break the page */
        }
        return inst;
      },
    });
    proxies.add(p);
    return p;
  };

  const trap = (name: string, vendor: string) => {
    const d = gopd(w, name);
    if (d && (!d.configurable || !('value' in d))) return;
    let current = wrap(d && d.value, vendor, name);
    O.defineProperty(w, name, {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (v) => {
        current = wrap(v, vendor, name);
      },
    });
  };

  trap('OkskyChat', 'oksky');
  trap('ChannelIO', 'channeltalk');

  // A tenant-named OK SKY queue: when a script's src is set to an OK SKY widget, look for a
  // window function carrying a `q` array (own data properties only), record what it holds and trap it.
  // Only the page's own globals are looked at: the names present now (the browser's interfaces)
  // are skipped, because reading their descriptors makes the browser build every interface
  // object it creates lazily (tens of ms on a typical page).
  const builtin = new Set(O.getOwnPropertyNames(w));
  const scan = () => {
    for (const k of O.getOwnPropertyNames(w)) {
      if (builtin.has(k)) continue;
      try {
        const d = gopd(w, k);
        if (!d || !('value' in d) || typeof d.value !== 'function' || !d.configurable || proxies.has(d.value)) continue;
        const q = gopd(d.value, 'q');
        if (!q || !isArr(q.value)) continue;
        for (const e of q.value.slice(0, 500)) if (isArr(e)) rec('oksky', 'queue', e[0], e.slice(1), k);
        trap(k, 'oksky');
      } catch {
        /* hostile property */
      }
    }
  };
  try {
    const proto = w.HTMLScriptElement.prototype;
    const sd = gopd(proto, 'src');
    if (sd && sd.set) {
      O.defineProperty(proto, 'src', {
        ...sd,
        set(this: any, v: any) {
          if (typeof v === 'string' && /(okskychat|oksky-chat)\.net\/widget\//.test(v)) scan();
          sd.set!.call(this, v);
        },
      });
    }
  } catch {
    /* nothing to hook */
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
}
