// Static search over the index written by `assay build` (search-index.js): titles,
// summaries, headings and claims. No server, no external service.
(function () {
  "use strict";
  var data = window.ASSAY_SEARCH;
  var input = document.getElementById("q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");
  if (!data || !input) return;
  var root = document.querySelector('link[rel=stylesheet]').getAttribute("href").replace(/assets\/style\.css$/, "");
  var levels = data.levels;
  var words = data.words;
  // Texts are coded as base-36 numbers into the shared word list (see searchIndex()).
  function text(coded) {
    return coded ? coded.split(" ").map(function (n) { return words[parseInt(n, 36)]; }).join(" ") : "";
  }
  var entries = [];
  data.pages.forEach(function (p) {
    p[1] = text(p[1]);
    p[2] = text(p[2]);
    p[3].forEach(function (h) { h[0] = text(h[0]); });
    p[4].forEach(function (c) { c[0] = text(c[0]); });
    entries.push({ url: p[0], title: p[1], text: p[1] + " " + p[2], kind: "Page", weight: 3 });
    p[3].forEach(function (h) { entries.push({ url: p[0] + "#" + h[1], title: h[0], text: h[0], kind: "Section of " + p[1], weight: 2 }); });
    p[4].forEach(function (c) {
      entries.push({ url: p[0] + "#" + c[1], title: c[0], text: c[0], kind: levels[c[2]][1] + " claim on " + p[1], level: levels[c[2]][0], weight: 1 });
    });
  });
  entries.forEach(function (e) { e.lower = e.text.toLowerCase(); });
  function render(query) {
    list.textContent = "";
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { status.textContent = ""; return; }
    var hits = entries.filter(function (e) {
      return words.every(function (w) { return e.lower.indexOf(w) !== -1; });
    }).sort(function (a, b) { return b.weight - a.weight; }).slice(0, 100);
    status.textContent = hits.length === 100 ? "First 100 results" : hits.length + " result" + (hits.length === 1 ? "" : "s");
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e.url;
      a.textContent = e.title;
      var kind = document.createElement("div");
      kind.className = "kind";
      kind.textContent = e.kind;
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", function () { render(input.value); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; render(q); }
})();
