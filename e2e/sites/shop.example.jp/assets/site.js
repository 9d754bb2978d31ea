/* the shop's own script */
window.shop = { name: "こぶなショップ" };
