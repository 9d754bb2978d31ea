/*
 * Stub of the OK SKY JS SDK (`https://cdn.ok-sky.com/sdk/latest/widget.js`): `new OkskyChat(WIDGET_ID,
 * SYSTEM_URL, { login, user_infos })` then `.show()`, which POSTs `{key, query}` to
 * `{SYSTEM_URL}rapi/v1/clients/{WIDGET_ID}/login`; `query` holds the `login` and `user_infos` entries.
 */
(function () {
  function OkskyChat(widgetId, systemUrl, options) {
    this.widgetId = widgetId;
    this.systemUrl = systemUrl;
    this.options = options || {};
  }
  OkskyChat.prototype.show = function () {
    var query = {};
    var login = this.options.login || {};
    var infos = this.options.user_infos || {};
    var k;
    for (k in login) query[k] = login[k];
    for (k in infos) query[k] = infos[k];
    var url;
    try {
      url = new URL('rapi/v1/clients/' + encodeURIComponent(this.widgetId) + '/login', this.systemUrl).href;
    } catch {
      return;
    }
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ key: this.widgetId, query: query }),
    }).catch(function () {});
  };
  window.OkskyChat = OkskyChat;
})();
