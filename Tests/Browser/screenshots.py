#!/usr/bin/env python3
"""Screenshots of a built site in headless Chromium, light and dark, phone and desktop.

    python3 Tests/Browser/screenshots.py SITE_DIR OUT_DIR [PAGE ...]

Serves SITE_DIR on 127.0.0.1 and writes OUT_DIR/<name>-<phone|desktop>-<light|dark>.png
for each page (default: the home page, an article, the register). Used for docs/*.png.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from browser import Browser, serve  # noqa: E402

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
DEFAULT_PAGES = ["index.html", "articles/capsules.html", "claims.html"]


def main():
    site, out = sys.argv[1], sys.argv[2]
    pages = sys.argv[3:] or DEFAULT_PAGES
    os.makedirs(out, exist_ok=True)
    server, base = serve(site)
    browser = Browser()
    try:
        for page in pages:
            name = page.replace("/", "-").removesuffix(".html").split("#")[0]
            for size, (w, h) in SIZES.items():
                for scheme in ("light", "dark"):
                    browser.set_viewport(w, h)
                    browser.set_scheme(scheme)
                    browser.get(base + page)
                    path = os.path.join(out, f"{name}-{size}-{scheme}.png")
                    browser.driver.save_screenshot(path)
                    print(path)
    finally:
        browser.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
