/* A shop's own catalogue script, as heavy as a typical EC page's: builds and filters a product
 * list, formats prices, wires events (used by the overhead benchmark's "typical page"). */
(function () {
  var names = ['こぶな', 'たい', 'あじ', 'さば', 'いわし', 'ぶり', 'さけ', 'まぐろ'];
  var products = [];
  for (var i = 0; i < 3000; i++) {
    products.push({ id: 'P' + (100000 + i), name: names[i % names.length] + ' セット ' + i, price: 500 + ((i * 7919) % 20000), tags: ['鮮魚', i % 3 ? '冷凍' : '生', '産直'] });
  }
  products.sort(function (a, b) { return a.price - b.price || a.id.localeCompare(b.id); });
  var fmt = new Intl.NumberFormat('ja-JP', { style: 'currency', currency: 'JPY' });
  var list = document.getElementById('catalog');
  var html = [];
  for (var j = 0; j < products.length; j++) {
    var p = products[j];
    if (p.tags.indexOf('生') < 0 && j % 2) continue;
    html.push('<li data-id="' + p.id + '"><span class="name">' + p.name + '</span> <span class="price">' + fmt.format(p.price) + '</span></li>');
  }
  list.innerHTML = html.join('');
  var state = { clicks: 0 };
  list.addEventListener('click', function () { state.clicks++; });
  window.shopCatalog = { size: products.length, bytes: JSON.stringify(products).length, state: state };
})();
