"""Shared helpers for the browser suite: a static server and a headless Chromium."""
import functools
import http.server
import os
import shutil
import threading


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder; a missing file gets the site's 404.html with status 404, as
    static hosts do, so the 404 page is tested where a reader meets it. `prefix` mounts
    the site under a sub-path (`/guide/`)."""

    prefix = "/"
    hosts_seen = None

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, "\0missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        path = self.translate_path(self.path.split("?")[0].split("#")[0])
        if os.path.isdir(path) and not os.path.exists(os.path.join(path, "index.html")) or (
            not os.path.isdir(path) and not os.path.exists(path)
        ):
            page = os.path.join(self.directory, "404.html")
            with open(page, "rb") as f:
                body = f.read()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io
            return io.BytesIO(body)
        return super().send_head()


def serve(directory, prefix="/"):
    """Serves `directory` on 127.0.0.1 at a free port; returns (server, base URL)."""
    handler = type("Handler", (QuietHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Headless Chromium through chromedriver, with the viewport and colour scheme set
    over the DevTools protocol (so `prefers-color-scheme` is what the page sees)."""

    def __init__(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = chromium_binary()
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,900",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-default-apps", "--allow-file-access-from-files"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
        self.driver = webdriver.Chrome(service=Service(driver_path), options=options)
        self.driver.set_page_load_timeout(30)
        self.width, self.height = 1280, 900

    def cdp(self, cmd, args=None):
        return self.driver.execute_cdp_cmd(cmd, args or {})

    def set_viewport(self, width, height):
        self.width, self.height = width, height
        self.cdp("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600,
        })
        touch = {"enabled": True, "maxTouchPoints": 5} if width < 600 else {"enabled": False}
        self.cdp("Emulation.setTouchEmulationEnabled", touch)

    def set_scheme(self, scheme):
        self.cdp("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})

    def get(self, url):
        self.driver.get(url)

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def quit(self):
        self.driver.quit()
