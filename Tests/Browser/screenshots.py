#!/usr/bin/env python3
"""Screenshots of a built site in headless Chromium, light and dark, phone and desktop.

    python3 Tests/Browser/screenshots.py SITE_DIR OUT_DIR [NAME=PAGE[#ANCHOR] ...]

Serves SITE_DIR on 127.0.0.1 and writes OUT_DIR/<name>-<phone|desktop>-<light|dark>.png
for each page (default: the home page, an article, the register). With an anchor the
page is scrolled to it and the first claim badge after it is opened, as a reader who
tapped it would see it. Used for docs/*.png.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, serve  # noqa: E402

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
DEFAULT_PAGES = ["home=index.html", "article=articles/capsules.html", "register=claims.html"]


def main():
    site, out = sys.argv[1], sys.argv[2]
    pages = sys.argv[3:] or DEFAULT_PAGES
    os.makedirs(out, exist_ok=True)
    server, base = serve(site)
    browser = Browser()
    try:
        for spec in pages:
            name, _, page = spec.rpartition("=")
            page, _, anchor = page.partition("#")
            name = name or page.replace("/", "-").removesuffix(".html")
            for size, (w, h) in SIZES.items():
                for scheme in ("light", "dark"):
                    browser.set_viewport(w, h)
                    browser.set_scheme(scheme)
                    browser.get(base + page)
                    if anchor:
                        browser.js("""
                          const at = document.getElementById(arguments[0]);
                          at.scrollIntoView({block: 'start'});
                          const badge = [...document.querySelectorAll('a.badge')].find(b =>
                            at.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);
                          if (badge) { badge.focus({preventScroll: true}); }
                        """, anchor)
                        time.sleep(0.2)
                    path = os.path.join(out, f"{name}-{size}-{scheme}.png")
                    browser.driver.save_screenshot(path)
                    print(path)
    finally:
        browser.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
