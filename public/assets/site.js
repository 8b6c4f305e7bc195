// Every page: the Menu button on small screens, the table of contents open on wide
// ones, and the definitions behind the claim badges. Without JavaScript the navigation
// stays in the page, the contents are a disclosure, and a badge shows its definition on
// hover and focus (style.css) and leads to the methodology page.
(function () {
  "use strict";
  var doc = document;

  // Menu
  var toggle = doc.querySelector(".menu-toggle");
  var nav = doc.getElementById("site-nav");
  if (toggle && nav) {
    var setMenu = function (open) {
      nav.classList.toggle("open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    };
    toggle.addEventListener("click", function () { setMenu(!nav.classList.contains("open")); });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && nav.classList.contains("open")) { setMenu(false); toggle.focus(); }
    });
  }

  // Contents: a sidebar that is always open on wide screens, a closed disclosure on phones.
  var toc = doc.querySelector(".toc details");
  if (toc && window.matchMedia("(min-width: 70rem)").matches) toc.open = true;

  // Badge definitions. Each badge is described by its own definition (aria-describedby),
  // and one shared panel shows it: on hover and focus, and on a tap, which on touch
  // screens opens the panel instead of leaving the page (the panel links on). The panel
  // is placed below the badge, or above when there is no room, and kept inside the
  // viewport; the pointer can move onto it; Esc closes it (WCAG 1.4.13).
  var badges = doc.querySelectorAll("a.badge");
  if (!badges.length) return;
  var pop = doc.createElement("div");
  pop.className = "badge-pop";
  pop.id = "badge-pop";
  pop.hidden = true;
  var popTitle = doc.createElement("p");
  popTitle.className = "pop-title";
  var popText = doc.createElement("p");
  var popLink = doc.createElement("a");
  popLink.textContent = "How claims are rated";
  pop.appendChild(popTitle);
  pop.appendChild(popText);
  pop.appendChild(popLink);
  doc.body.appendChild(pop);

  var current = null;     // the badge whose definition is showing
  var closeTimer = 0;
  var lastPointer = "";   // "touch", "pen" or "mouse": the kind of the last press
  var openBeforePress = false;

  Array.prototype.forEach.call(badges, function (badge, n) {
    var tip = badge.querySelector(".badge-tip");
    if (!tip) return;
    if (!tip.id) tip.id = "badge-def-" + n;
    badge.setAttribute("aria-describedby", tip.id);
    badge.addEventListener("pointerenter", function (e) { if (e.pointerType === "mouse") open(badge); });
    badge.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") closeSoon(); });
    badge.addEventListener("pointerdown", function (e) {
      lastPointer = e.pointerType;
      openBeforePress = current === badge && !pop.hidden;
    });
    badge.addEventListener("focus", function () { open(badge); });
    badge.addEventListener("blur", function () { closeSoon(); });
    badge.addEventListener("click", function (e) {
      // A tap shows the definition first; a second tap follows the link.
      if ((lastPointer === "touch" || lastPointer === "pen") && !openBeforePress) {
        e.preventDefault();
        open(badge);
      }
      lastPointer = "";
    });
  });
  pop.addEventListener("pointerenter", function () { clearTimeout(closeTimer); });
  pop.addEventListener("pointerleave", function (e) { if (e.pointerType === "mouse") closeSoon(); });
  pop.addEventListener("focusin", function () { clearTimeout(closeTimer); });
  pop.addEventListener("focusout", function () { closeSoon(); });
  doc.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) { e.preventDefault(); close(); }
  });
  doc.addEventListener("pointerdown", function (e) {
    if (current && !pop.contains(e.target) && !current.contains(e.target)) close();
  });
  window.addEventListener("resize", function () { if (current) place(current); });

  function open(badge) {
    clearTimeout(closeTimer);
    if (current && current !== badge) mark(current, false);
    current = badge;
    var label = badge.querySelector(".badge-label");
    var tip = badge.querySelector(".badge-tip");
    var marks = getComputedStyle(badge).getPropertyValue("--level-marks").trim().replace(/^"|"$/g, "");
    popTitle.textContent = "";
    if (marks) {
      var m = doc.createElement("span");
      m.className = "marks";
      m.setAttribute("aria-hidden", "true");
      m.textContent = marks;
      popTitle.appendChild(m);
    }
    popTitle.appendChild(doc.createTextNode(label ? label.textContent : ""));
    popText.textContent = tip ? tip.textContent : "";
    popLink.href = badge.href;
    pop.hidden = false;
    mark(badge, true);
    place(badge);
  }

  function close() {
    clearTimeout(closeTimer);
    pop.hidden = true;
    if (current) mark(current, false);
    current = null;
  }

  function closeSoon() {
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () {
      if (pop.matches(":hover") || pop.contains(doc.activeElement) || (current && current === doc.activeElement)) return;
      close();
    }, 250);
  }

  function mark(badge, on) {
    var claim = badge.closest(".claim");
    if (claim) claim.classList.toggle("is-active", on);
  }

  // Below the badge if it fits, else above; horizontally clamped to the viewport.
  function place(badge) {
    var margin = 8;
    var vw = doc.documentElement.clientWidth;
    var vh = window.innerHeight;
    pop.style.left = "0px";
    pop.style.top = "0px";
    pop.style.maxWidth = Math.min(320, vw - 2 * margin) + "px";
    var rects = badge.getClientRects();
    var r = rects.length ? rects[rects.length - 1] : badge.getBoundingClientRect();
    var w = pop.offsetWidth, h = pop.offsetHeight;
    var left = Math.max(margin, Math.min(r.left, vw - w - margin));
    var top = r.bottom + 6;
    if (top + h > vh - margin && r.top - 6 - h >= margin) top = r.top - 6 - h;
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (top + window.scrollY) + "px";
  }
})();
