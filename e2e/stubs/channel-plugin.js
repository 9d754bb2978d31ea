/*
 * Stub of Channel Talk's plugin (`https://cdn.channel.io/plugin/ch-plugin-web.js`): drains the
 * `ChannelIO.q` queue of the official snippet, keeps `ChannelIO(...)` working, and POSTs each
 * `boot` option to `https://api.channel.io/front/v6/elastic/plugins/{pluginKey}/boot`.
 */
(function () {
  var ch = window.ChannelIO;
  var queue = ch && Array.isArray(ch.q) ? ch.q : [];
  function handle(args) {
    var command = args[0];
    var option = args[1] || {};
    if (command === 'boot') {
      fetch('https://api.channel.io/front/v6/elastic/plugins/' + encodeURIComponent(option.pluginKey || '') + '/boot', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(option),
      }).catch(function () {});
    }
  }
  for (var i = 0; i < queue.length; i++) handle(Array.prototype.slice.call(queue[i]));
  window.ChannelIO = function () {
    handle(Array.prototype.slice.call(arguments));
  };
  window.ChannelIOInitialized = true;
})();
