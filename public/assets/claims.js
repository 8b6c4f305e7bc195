// Claims register filters. Without JavaScript the register is a plain grouped list.
(function () {
  "use strict";
  var form = document.querySelector(".filters");
  if (!form) return;
  form.hidden = false;
  var level = document.getElementById("filter-level");
  var page = document.getElementById("filter-page");
  var text = document.getElementById("filter-text");
  var count = document.getElementById("filter-count");
  var items = Array.prototype.slice.call(document.querySelectorAll(".claim-list li"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".level-group"));
  var params = new URLSearchParams(location.search);
  if (params.get("level")) level.value = params.get("level");
  if (params.get("page")) page.value = params.get("page");
  function apply() {
    var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0;
    items.forEach(function (li) {
      var ok = (!level.value || li.dataset.level === level.value) &&
        (!page.value || li.dataset.page === page.value) &&
        words.every(function (w) { return li.textContent.toLowerCase().indexOf(w) !== -1; });
      li.hidden = !ok;
      if (ok) shown++;
    });
    groups.forEach(function (g) {
      g.hidden = !!level.value && g.dataset.level !== level.value;
    });
    count.textContent = shown + " of " + items.length + " claims shown";
  }
  form.addEventListener("input", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  apply();
})();
