// Static search over the index written by `assay build` (search-index.js): titles,
// summaries, headings and claims. No server, no external service. Matches are marked,
// and a claim's result shows its evidence badge.
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
    entries.push({ url: p[0], title: p[1], text: p[1] + " " + p[2], kind: "Page", detail: p[2], weight: 3 });
    p[3].forEach(function (h) { entries.push({ url: p[0] + "#" + h[1], title: h[0], text: h[0], kind: "Section of " + p[1], weight: 2 }); });
    p[4].forEach(function (c) {
      entries.push({ url: p[0] + "#" + c[1], title: c[0], text: c[0], kind: "Claim on " + p[1], level: c[2], weight: 1 });
    });
  });
  entries.forEach(function (e) { e.lower = e.text.toLowerCase(); });

  // Appends `s` to `el` with every occurrence of a query word wrapped in <mark>.
  function highlight(el, s, words) {
    var lower = s.toLowerCase();
    var spans = [];
    words.forEach(function (w) {
      var at = lower.indexOf(w);
      while (at !== -1) { spans.push([at, at + w.length]); at = lower.indexOf(w, at + w.length); }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    spans.forEach(function (span) {
      if (span[0] < pos) { if (span[1] > pos) span[0] = pos; else return; }
      el.appendChild(document.createTextNode(s.slice(pos, span[0])));
      var m = document.createElement("mark");
      m.textContent = s.slice(span[0], span[1]);
      el.appendChild(m);
      pos = span[1];
    });
    el.appendChild(document.createTextNode(s.slice(pos)));
  }

  function badge(levelIndex) {
    var level = levels[levelIndex];
    var b = document.createElement("span");
    b.className = "badge level-" + level[0];
    b.textContent = level[1];
    return b;
  }

  function render(query) {
    list.textContent = "";
    var qwords = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!qwords.length) { status.textContent = ""; return; }
    var hits = entries.filter(function (e) {
      return qwords.every(function (w) { return e.lower.indexOf(w) !== -1; });
    }).sort(function (a, b) { return b.weight - a.weight; }).slice(0, 100);
    status.textContent = hits.length === 100 ? "First 100 results for “" + query + "”" :
      (hits.length || "No") + " result" + (hits.length === 1 ? "" : "s") + " for “" + query + "”";
    hits.forEach(function (e) {
      var li = document.createElement("li");
      if (e.level !== undefined) li.dataset.level = levels[e.level][0];
      var a = document.createElement("a");
      a.href = root + e.url;
      highlight(a, e.title, qwords);
      var kind = document.createElement("div");
      kind.className = "kind";
      if (e.level !== undefined) kind.appendChild(badge(e.level));
      var where = document.createElement("span");
      where.textContent = e.kind;
      kind.appendChild(where);
      li.appendChild(a);
      li.appendChild(kind);
      list.appendChild(li);
    });
  }
  input.addEventListener("input", function () { render(input.value); });
  var q = new URLSearchParams(location.search).get("q");
  if (q) { input.value = q; render(q); }
})();
