/*
 * Stub of the OK SKY queue-form widget (`https://{tenant}.okskychat.net/widget/widget.js`) for the
 * fixture sites. Like the real widget (000 切り分け方法): it finds its queue whatever global the
 * loader used (a window function carrying a `q` array), drains it, keeps the global working for
 * later calls, then POSTs `{key, query}` to `https://{widget host}/rapi/v1/clients/{key}/login`,
 * where `query` holds the master keywords and values when `loginKey` was set, `{}` otherwise.
 * The fixture server fills in the per-host test knobs below (see e2e/server.ts `widget()`).
 */
(function () {
  var CONFIG = /*__STUB_CONFIG__*/ {};
  var script = document.currentScript;
  var origin = script && script.src ? new URL(script.src).origin : location.origin;
  var name = null;
  var queueFn = null;
  var names = ['OkskyChat'].concat(Object.getOwnPropertyNames(window));
  for (var i = 0; i < names.length && !queueFn; i++) {
    try {
      var v = window[names[i]];
      if (typeof v === 'function' && Array.isArray(v.q)) {
        name = names[i];
        queueFn = v;
      }
    } catch {
      /* not ours */
    }
  }
  if (!queueFn) return;
  var settings = { key: null, loginKey: null, keywords: {} };
  function apply(k, val) {
    if (k === 'key') settings.key = val;
    else if (k === 'loginKey') settings.loginKey = val;
    else if (typeof k === 'string') settings.keywords[k] = val;
  }
  for (var j = 0; j < queueFn.q.length; j++) apply(queueFn.q[j][0], queueFn.q[j][1]);
  window[name] = function (k, val) {
    apply(k, val);
  };
  if (CONFIG.login === false || !settings.key) return;
  var query = {};
  if (settings.loginKey) {
    for (var kw in settings.keywords) query[kw] = settings.keywords[kw];
  }
  fetch(origin + '/rapi/v1/clients/' + encodeURIComponent(settings.key) + '/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: settings.key, query: query }),
  }).catch(function () {});
})();
