// Claims register filters. Without JavaScript the register is a plain grouped list and
// the form stays hidden. With it, the group counts, the empty groups and the evidence
// profile at the top follow the filters.
(function () {
  "use strict";
  var form = document.querySelector(".filters");
  if (!form) return;
  form.hidden = false;
  var level = document.getElementById("filter-level");
  var page = document.getElementById("filter-page");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var items = Array.prototype.slice.call(document.querySelectorAll(".level-group .claim-list li"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".level-group"));
  var profile = document.querySelector(".page-header .profile");
  // The words filter reads the claim's own text, not the page title or source names
  // beside it (the field says so).
  items.forEach(function (li) {
    var claim = li.querySelector(".claim-text");
    li._words = (claim ? claim.textContent : li.textContent).toLowerCase();
  });
  var params = new URLSearchParams(location.search);
  if (params.get("level")) level.value = params.get("level");
  if (params.get("page")) page.value = params.get("page");
  if (params.get("q")) text.value = params.get("q");

  function plural(n) { return n + " claim" + (n === 1 ? "" : "s"); }

  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var filtered = !!(level.value || page.value || words.length);
    var shown = 0;
    var perLevel = {};
    items.forEach(function (li) {
      var ok = (!level.value || li.dataset.level === level.value) &&
        (!page.value || li.dataset.page === page.value) &&
        words.every(function (w) { return li._words.indexOf(w) !== -1; });
      li.hidden = !ok;
      if (ok) { shown++; perLevel[li.dataset.level] = (perLevel[li.dataset.level] || 0) + 1; }
    });
    groups.forEach(function (g) {
      var n = perLevel[g.dataset.level] || 0;
      var total = g.querySelectorAll(".claim-list li").length;
      g.hidden = filtered && n === 0;
      var label = g.querySelector(".count");
      if (label) label.textContent = filtered ? n + " of " + plural(total) : plural(total);
    });
    count.textContent = filtered ? shown + " of " + plural(items.length) + " shown" : "All " + plural(items.length) + " shown";
    if (profile) updateProfile(perLevel, shown, filtered);
  }

  // Redraws the bar, the legend and the sentence for the claims shown.
  var sentence = profile && profile.querySelector(".profile-summary");
  var original = sentence ? sentence.textContent : "";
  function updateProfile(perLevel, shown, filtered) {
    var x = 0;
    profile.querySelectorAll("svg rect[data-level]").forEach(function (r) {
      var n = perLevel[r.dataset.level] || 0;
      var w = shown ? 100 * n / shown : 0;
      r.setAttribute("x", x.toFixed(2));
      r.setAttribute("width", w.toFixed(2));
      r.style.display = n ? "" : "none";
      x += w;
    });
    profile.querySelectorAll(".profile-legend li").forEach(function (li) {
      var n = perLevel[li.dataset.level] || 0;
      li.querySelector(".n").textContent = n;
      li.hidden = filtered && n === 0;
    });
    var svg = profile.querySelector("svg");
    var parts = [];
    profile.querySelectorAll(".profile-legend li").forEach(function (li) {
      var n = perLevel[li.dataset.level] || 0;
      if (n) parts.push(n + " " + li.dataset.label);
    });
    svg.setAttribute("aria-label", plural(shown) + (parts.length ? ": " + parts.join(", ") : ""));
    if (sentence) sentence.textContent = filtered ? "Showing " + plural(shown) + (parts.length ? ": " + parts.join(", ") + "." : ".") : original;
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
