#!/usr/bin/env python3
"""Browser suite for a site built by Assay, in headless Chromium through selenium.

    python3 Tests/Browser/test_site.py SITE_DIR --axe axe.min.js [--quick]

On every page, at 320, 390 and 1280 px wide, in the light and the dark scheme:
no horizontal scroll; every badge definition inside the viewport when opened, and Esc
closes it; 0 serious or critical axe violations; 0 console errors; 0 requests to any
other host; every level colour at least 3:1 against the backgrounds it sits on, and
neighbouring levels distinct in greyscale (1.25:1 apart in lightness). Then:
the register's counts equal claims.json for a set of filters (and without JavaScript it
is a plain list); search finds known claims, marks the matches and shows their badges;
a tap on a badge shows its definition; the 404 page is styled and its links work at the
site root, under a sub-path and from file://; a page's latest change leads to its entry
on changes.html; print.html has unique ids, every in-page link has its target, and in
print media it hides the navigation, starts each page on a new sheet and prints each
level's word in black. Exits 1 on any failure, listing each.
"""
import argparse
import json
import os
import re
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, serve  # noqa: E402

WIDTHS = [(320, 720), (390, 844), (1280, 900)]
SCHEMES = ["light", "dark"]
failures = []
checks = 0


def check(ok, message):
    global checks
    checks += 1
    if not ok:
        failures.append(message)
        print("FAIL:", message, flush=True)
    return ok


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = rgb[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def parse_rgb(css):
    """`rgb(1, 2, 3)`, `rgba(…)` or `color(srgb r g b)` (what color-mix() computes to)."""
    m = re.match(r"rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)", css)
    if m:
        return tuple(float(x) for x in m.groups())
    m = re.match(r"color\(srgb ([\d.e-]+) ([\d.e-]+) ([\d.e-]+)", css)
    if m:
        return tuple(float(x) * 255 for x in m.groups())
    raise ValueError("unparsed colour " + css)


def html_pages(site):
    pages = []
    for folder, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                pages.append(os.path.relpath(os.path.join(folder, name), site).replace(os.sep, "/"))
    return sorted(pages)


def drain_logs(browser):
    """Console errors and the hosts of every request since the last call."""
    errors = [e["message"] for e in browser.driver.get_log("browser") if e["level"] == "SEVERE"]
    hosts = set()
    for entry in browser.driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            parts = urllib.parse.urlsplit(url)
            if parts.scheme in ("http", "https", "ws", "wss"):
                hosts.add(parts.hostname)
    return errors, hosts


BADGE_SCRIPT = """
const out = [];
const vw = document.documentElement.clientWidth, vh = window.innerHeight;
const pop = () => document.getElementById('badge-pop');
for (const [n, badge] of [...document.querySelectorAll('a.badge')].entries()) {
  badge.scrollIntoView({block: n % 2 ? 'end' : 'start'});
  badge.focus();
  const p = pop();
  const shown = p && !p.hidden;
  const r = shown ? p.getBoundingClientRect() : null;
  const desc = badge.getAttribute('aria-describedby');
  const described = desc && document.getElementById(desc) && document.getElementById(desc).textContent.trim();
  document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
  const closed = !p || p.hidden;
  badge.blur();
  out.push({n, shown, described: !!described, closed,
            rect: r && [r.left, r.top, r.right, r.bottom], vw, vh});
}
return out;
"""


def check_page(browser, base, page, width, scheme, axe_source, run_axe):
    where = f"{page} at {width}px, {scheme}"
    browser.get(base + page)
    state = browser.js("""
      const d = document.documentElement;
      return {scrollWidth: d.scrollWidth, clientWidth: d.clientWidth,
              badges: document.querySelectorAll('a.badge').length,
              icon: !!document.querySelector('link[rel=icon]'),
              styled: getComputedStyle(document.querySelector('.site-header')).backgroundColor};
    """)
    check(state["scrollWidth"] <= state["clientWidth"],
          f"{where}: scrolls sideways ({state['scrollWidth']} px of content in {state['clientWidth']} px)")
    check(state["icon"], f"{where}: no favicon link")
    # Badge definitions: open on focus, inside the viewport, described, closed by Esc.
    if state["badges"]:
        results = browser.js(BADGE_SCRIPT)
        outside = [r for r in results if not r["shown"] or r["rect"][0] < 0 or r["rect"][1] < 0
                   or r["rect"][2] > r["vw"] or r["rect"][3] > r["vh"]]
        check(not outside, f"{where}: {len(outside)} of {len(results)} badge definitions not shown inside the viewport"
              + (f" (first: badge {outside[0]['n']}, {outside[0]['rect']} in {outside[0]['vw']}x{outside[0]['vh']})" if outside else ""))
        check(all(r["described"] for r in results), f"{where}: a badge has no accessible description")
        check(all(r["closed"] for r in results), f"{where}: Esc did not close a badge definition")
        # One real key press, through the browser's own input pipeline.
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys
        badge = browser.driver.find_element("css selector", "a.badge")
        browser.js("arguments[0].scrollIntoView({block:'center'}); arguments[0].focus();", badge)
        opened = browser.js("return !document.getElementById('badge-pop').hidden")
        ActionChains(browser.driver).send_keys(Keys.ESCAPE).perform()
        closed = browser.js("return document.getElementById('badge-pop').hidden")
        check(opened and closed, f"{where}: a real Esc key press did not close the definition (opened={opened})")
    check_level_colours(browser, where)
    if run_axe:
        browser.js(axe_source)
        result = browser.driver.execute_async_script("""
          const done = arguments[arguments.length - 1];
          axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({
            id: v.id, impact: v.impact, nodes: v.nodes.length, target: v.nodes[0].target.join(' ')}))),
            e => done([{id: 'axe-error', impact: 'critical', nodes: 0, target: String(e)}]));
        """)
        bad = [v for v in result if v["impact"] in ("serious", "critical")]
        check(not bad, f"{where}: axe: " + "; ".join(f"{v['id']} ({v['impact']}, {v['nodes']} nodes, e.g. {v['target']})" for v in bad))
    errors, hosts = drain_logs(browser)
    check(not errors, f"{where}: console errors: {errors[:3]}")
    check(hosts <= {"127.0.0.1"}, f"{where}: requests to other hosts: {sorted(hosts - {'127.0.0.1'})}")


def check_level_colours(browser, where):
    """Every level colour used as a mark (legend dots, bar parts, badge dots) is at least
    3:1 against the background it sits on, highlighted claims included."""
    found = browser.js("""
      const out = [];
      const bgOf = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor;
        if (c && !/rgba\\(.*, 0\\)$/.test(c) && c !== 'transparent') return c; } return 'rgb(255, 255, 255)'; };
      for (const li of document.querySelectorAll('.profile-legend li')) {
        const m = li.querySelector('.marks'); out.push({what: 'legend ' + li.dataset.level, fg: getComputedStyle(m).color, bg: bgOf(li)}); }
      for (const r of document.querySelectorAll('.profile-bar rect')) {
        out.push({what: 'bar ' + r.dataset.level, fg: getComputedStyle(r).fill, bg: bgOf(r.closest('svg'))}); }
      const claim = document.querySelector('.claim');
      if (claim) { claim.classList.add('is-active');
        const b = claim.querySelector('.badge');
        out.push({what: 'badge dots ' + claim.dataset.level, fg: getComputedStyle(b, '::before').color, bg: bgOf(b)});
        out.push({what: 'highlighted claim text', fg: getComputedStyle(claim).color, bg: bgOf(claim), text: true});
        claim.classList.remove('is-active'); }
      return out;
    """)
    # In greyscale (print, colour-blind readers) neighbouring levels must still look
    # different: their greys at least 1.25:1 apart, in the legend's order.
    legend = [i for i in found if i["what"].startswith("legend ")]
    for a, b in zip(legend, legend[1:]):
        try:
            ratio = contrast(parse_rgb(a["fg"]), parse_rgb(b["fg"]))
        except ValueError:
            continue
        check(ratio >= 1.25, f"{where}: {a['what']} and {b['what']} are {ratio:.2f}:1 apart in lightness, need 1.25:1 to tell apart in greyscale")
    for item in found:
        try:
            ratio = contrast(parse_rgb(item["fg"]), parse_rgb(item["bg"]))
        except ValueError as e:
            check(False, f"{where}: {item['what']}: {e}")
            continue
        need = 4.5 if item.get("text") else 3.0
        check(ratio >= need, f"{where}: {item['what']}: {item['fg']} on {item['bg']} is {ratio:.2f}:1, needs {need}:1")


def check_register(browser, base, site):
    data = json.load(open(os.path.join(site, "claims.json"), encoding="utf-8"))
    claims = data["claims"]
    levels = [l["id"] for l in data["levels"]]
    pages = sorted({c["page"] for c in claims})
    filters = [("", "", "")] + [(l, "", "") for l in levels] + [("", p, "") for p in pages[:4]]
    filters += [("", "", "liver"), ("", "", "opioid receptors"), (levels[0], pages[0], ""), ("", "", "zzzz-no-such-word")]
    browser.set_viewport(1280, 900)
    browser.get(base + "claims.html")
    for level, page, words in filters:
        browser.js("""
          const [l, p, w] = arguments;
          document.getElementById('filter-level').value = l;
          document.getElementById('filter-page').value = p;
          const t = document.getElementById('filter-text'); t.value = w;
          t.dispatchEvent(new Event('input', {bubbles: true}));
        """, level, page, words)
        expected = [c for c in claims if (not level or c["level"] == level) and (not page or c["page"] == page)
                    and all(w in c["text"].lower() for w in words.lower().split())]
        shown = browser.js("""
          const groups = {};
          for (const g of document.querySelectorAll('.level-group')) {
            groups[g.dataset.level] = {hidden: g.hidden || g.offsetParent === null,
              visible: [...g.querySelectorAll('.claim-list li')].filter(li => li.offsetParent !== null).length,
              label: g.querySelector('.count').textContent};
          }
          const legend = {};
          for (const li of document.querySelectorAll('.page-header .profile-legend li'))
            legend[li.dataset.level] = li.hidden ? 0 : Number(li.querySelector('.n').textContent);
          return {groups, legend, total: [...document.querySelectorAll('.claim-list li')].filter(li => li.offsetParent !== null).length,
                  status: document.getElementById('filter-count').textContent};
        """)
        name = f"register filter level={level!r} page={page!r} words={words!r}"
        check(shown["total"] == len(expected), f"{name}: {shown['total']} shown, claims.json has {len(expected)}")
        for lid in levels:
            n = sum(1 for c in expected if c["level"] == lid)
            g = shown["groups"].get(lid)
            if not check(g is not None, f"{name}: no group for {lid}"):
                continue
            check(g["visible"] == n, f"{name}: group {lid} shows {g['visible']}, expected {n}")
            check(g["hidden"] == (n == 0), f"{name}: group {lid} hidden={g['hidden']} with {n} claims")
            filtered = bool(level or page or words)
            if n and filtered:
                check(g["label"].startswith(f"{n} of "), f"{name}: group {lid} count reads {g['label']!r}, expected {n} of …")
            check(shown["legend"].get(lid, 0) == n, f"{name}: profile legend {lid} reads {shown['legend'].get(lid)}, expected {n}")
        check(str(len(expected)) in shown["status"], f"{name}: status {shown['status']!r}")
    # The words filter matches claim text only: a word found only in a page title must not match.
    titles = " ".join(c["page_title"].lower() for c in claims).split()
    texts = " ".join(c["text"].lower() for c in claims)
    title_only = next((w for w in titles if len(w) > 4 and w not in texts), None)
    if title_only:
        browser.js("const t = document.getElementById('filter-text'); t.value = arguments[0];"
                   "document.getElementById('filter-level').value=''; document.getElementById('filter-page').value='';"
                   "t.dispatchEvent(new Event('input', {bubbles: true}));", title_only)
        n = browser.js("return [...document.querySelectorAll('.claim-list li')].filter(li => li.offsetParent !== null).length")
        check(n == 0, f"register: words filter {title_only!r} (only in page titles) matched {n} claims")
    # Without JavaScript: no filter form, every claim listed.
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": True})
    browser.get(base + "claims.html")
    nojs = browser.driver.execute_cdp_cmd("Runtime.evaluate", {"returnByValue": True, "expression": """
      ({form: getComputedStyle(document.querySelector('.filters')).display,
        shown: [...document.querySelectorAll('.claim-list li')].filter(li => li.offsetParent !== null).length})"""})
    browser.cdp("Emulation.setScriptExecutionDisabled", {"value": False})
    value = nojs.get("result", {}).get("value", {})
    check(value.get("form") == "none", f"register without JavaScript: filter form display is {value.get('form')!r}")
    check(value.get("shown") == len(claims), f"register without JavaScript: {value.get('shown')} of {len(claims)} claims listed")
    drain_logs(browser)


def check_register_without_js(site):
    """The form is `hidden` in the HTML and the stylesheet must not show it."""
    html = open(os.path.join(site, "claims.html"), encoding="utf-8").read()
    css = open(os.path.join(site, "assets", "style.css"), encoding="utf-8").read()
    check(re.search(r'<form class="filters"[^>]*\bhidden\b', html) is not None, "register: filter form is not hidden without JavaScript")
    check("[hidden] { display: none !important; }" in css or "[hidden]{display:none!important}" in css,
          "register: the stylesheet does not keep [hidden] hidden")


def check_search(browser, base, site):
    data = json.load(open(os.path.join(site, "claims.json"), encoding="utf-8"))
    labels = {l["id"]: l["label"] for l in data["levels"]}
    samples = []
    for level in labels:
        claim = next((c for c in data["claims"] if c["level"] == level), None)
        if claim:
            samples.append(claim)
    for claim in samples:
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]+", claim["text"]) if len(w) > 3][:4]
        query = " ".join(words)
        browser.get(base + "search.html?q=" + urllib.parse.quote(query))
        time.sleep(0.1)
        hits = browser.js("""
          return [...document.querySelectorAll('#search-results li')].map(li => ({
            href: li.querySelector('a').getAttribute('href'), marks: li.querySelectorAll('mark').length,
            badge: li.querySelector('.badge') && li.querySelector('.badge').textContent,
            level: li.dataset.level || null}));
        """)
        mine = [h for h in hits if h["href"].endswith(claim["url"])]
        name = f"search {query!r}"
        if check(mine, f"{name}: claim {claim['url']} not among {len(hits)} results"):
            check(mine[0]["marks"] > 0, f"{name}: matches not highlighted")
            check(mine[0]["badge"] == labels[claim["level"]], f"{name}: result badge {mine[0]['badge']!r}, expected {labels[claim['level']]!r}")
    # From every page's header.
    browser.get(base + "index.html")
    browser.set_viewport(1280, 900)
    browser.get(base + "index.html")
    form = browser.driver.find_element("css selector", ".header-search input")
    form.send_keys(samples[0]["text"].split()[0] if samples else "kratom")
    form.submit()
    time.sleep(0.2)
    check("search.html?q=" in browser.driver.current_url, f"header search went to {browser.driver.current_url}")
    check(browser.js("return document.querySelectorAll('#search-results li').length") > 0, "header search: no results")
    drain_logs(browser)


def check_404(browser, site):
    """Styled, with working links, at the root, under /guide/, and from file://."""
    cases = []
    server, base = serve(site)
    cases.append(("root, one level", base + "no-such-page.html", base))
    cases.append(("root, deep", base + "a/b/no-such-page.html", base))
    sub, subbase = serve(site, prefix="/guide/")
    cases.append(("sub-path, one level", subbase + "missing.html", subbase))
    cases.append(("sub-path, deep", subbase + "articles/x/missing.html", subbase))
    cases.append(("file://", "file://" + os.path.abspath(os.path.join(site, "404.html")), "file://" + os.path.abspath(site) + "/"))
    browser.set_viewport(390, 844)
    for name, url, root in cases:
        browser.get(url)
        time.sleep(0.4)
        state = browser.js("""
          return {bg: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
                  home: document.querySelector('.site-title').href,
                  claims: [...document.querySelectorAll('main a')].map(a => a.href)};
        """)
        check(state["bg"] not in ("rgba(0, 0, 0, 0)", "transparent"), f"404 {name}: not styled (header {state['bg']})")
        check(state["home"] == root + "index.html", f"404 {name}: home link {state['home']}, expected {root}index.html")
        for link in state["claims"]:
            check(link.startswith(root), f"404 {name}: link {link} is outside the site at {root}")
        errors, hosts = drain_logs(browser)
        # The page itself comes with status 404, which the browser logs; and a deep
        # address makes the script try folders that are not the root first, which it logs
        # as failed loads. Nothing else may fail.
        other = [e for e in errors if not e.startswith(url + " - ")]
        if "deep" in name:
            other = [e for e in other if "favicon.svg - Failed to load resource: the server responded with a status of 404" not in e]
        check(not other, f"404 {name}: console errors {other[:3]}")
        check(hosts <= {"127.0.0.1"}, f"404 {name}: requests to other hosts {hosts}")
    server.shutdown()
    sub.shutdown()


def check_touch(browser, base, site):
    """On a touch screen a tap on a badge shows its definition and stays on the page."""
    browser.set_viewport(390, 844)
    page = next((p for p in html_pages(site) if 'class="badge ' in open(os.path.join(site, p), encoding="utf-8").read()), None)
    if not check(page is not None, "no page with a claim badge to tap"):
        return
    browser.get(base + page)
    badge = browser.js("const b = document.querySelector('a.badge'); b.scrollIntoView({block: 'center'});"
                       "const r = b.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];")
    x, y = badge
    for kind in ("touchStart", "touchEnd"):
        browser.cdp("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [] if kind == "touchEnd" else [{"x": x, "y": y}]})
    time.sleep(0.3)
    state = browser.js("const p = document.getElementById('badge-pop'); return {url: location.href, shown: p && !p.hidden,"
                       " r: p && p.getBoundingClientRect().toJSON()};")
    check(state["url"].startswith(base + page), f"tap on a badge left the page for {state['url']}")
    check(state["shown"], "tap on a badge did not show its definition")
    drain_logs(browser)


def check_changes(browser, base, site):
    """The latest change under a page's review date leads to its entry on changes.html."""
    browser.set_viewport(1280, 900)
    page = next((p for p in html_pages(site) if 'class="latest-change"' in open(os.path.join(site, p), encoding="utf-8").read()), None)
    if not check(page is not None, "no page shows a latest change"):
        return
    browser.get(base + page)
    href = browser.js("return document.querySelector('.latest-change a').href")
    browser.get(href)
    state = browser.js("const t = document.querySelector(':target'); return {id: t && t.id, text: t && t.textContent,"
                       " entries: document.querySelectorAll('.change-list li').length};")
    check(state["id"] is not None and state["id"].startswith("change-"), f"changes.html: the link {href} reaches no entry")
    check(state["entries"] > 0, "changes.html lists no change")
    errors, hosts = drain_logs(browser)
    check(not errors, f"changes.html: console errors {errors[:3]}")


def check_print(browser, base):
    """print.html: ids unique, in-page links resolve; in print media no chrome, a page per chapter."""
    browser.set_viewport(1280, 900)
    browser.get(base + "print.html")
    state = browser.js("""
      const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      const broken = [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href').slice(1))
        .filter(f => f && f !== 'top' && !document.getElementById(decodeURIComponent(f)));
      return {dup: [...new Set(dup)], broken: [...new Set(broken)], chapters: document.querySelectorAll('section.chapter').length,
              refs: document.querySelectorAll('.print-references li').length};
    """)
    check(not state["dup"], f"print.html: duplicate ids {state['dup'][:5]}")
    check(not state["broken"], f"print.html: in-page links without a target {state['broken'][:5]}")
    check(state["chapters"] >= 2, f"print.html: {state['chapters']} chapters")
    check(state["refs"] >= 1, "print.html: no reference list")
    browser.cdp("Emulation.setEmulatedMedia", {"media": "print"})
    printed = browser.js("""
      const cs = e => e && getComputedStyle(e);
      const chapters = [...document.querySelectorAll('section.chapter')];
      const label = document.querySelector('.badge-label');
      return {header: cs(document.querySelector('.site-header')).display,
              breaks: chapters.filter(c => cs(c).breakBefore === 'page').length, chapters: chapters.length,
              label: label && cs(label).color, labelShown: label && cs(label).display !== 'none' && label.textContent.trim().length > 0};
    """)
    browser.cdp("Emulation.setEmulatedMedia", {"media": ""})
    check(printed["header"] == "none", f"print.html in print: the site header shows ({printed['header']})")
    check(printed["breaks"] == printed["chapters"], f"print.html in print: {printed['breaks']} of {printed['chapters']} chapters start a new sheet")
    check(printed["labelShown"] and parse_rgb(printed["label"])[:3] == (0, 0, 0), f"print.html in print: level word {printed['label']}")
    drain_logs(browser)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("--axe", required=True)
    parser.add_argument("--quick", action="store_true", help="axe at 390 px only")
    args = parser.parse_args()
    axe_source = open(args.axe, encoding="utf-8").read()
    version = re.search(r"axe v([\d.]+)", axe_source[:200])
    print(f"axe-core {version.group(1) if version else '?'}; site {args.site}", flush=True)
    server, base = serve(args.site)
    browser = Browser()
    started = time.time()
    try:
        pages = html_pages(args.site)
        for width, height in WIDTHS:
            for scheme in SCHEMES:
                browser.set_viewport(width, height)
                browser.set_scheme(scheme)
                for page in pages:
                    check_page(browser, base, page, width, scheme, axe_source, run_axe=not args.quick or width == 390)
                print(f"  {width}px {scheme}: {len(pages)} pages checked ({time.time() - started:.0f} s)", flush=True)
        browser.set_scheme("light")
        check_register(browser, base, args.site)
        check_register_without_js(args.site)
        check_search(browser, base, args.site)
        check_touch(browser, base, args.site)
        check_404(browser, args.site)
        check_changes(browser, base, args.site)
        check_print(browser, base)
    finally:
        browser.quit()
        server.shutdown()
    print(f"{checks - len(failures)} of {checks} checks passed in {time.time() - started:.0f} s")
    if failures:
        print(f"{len(failures)} failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
