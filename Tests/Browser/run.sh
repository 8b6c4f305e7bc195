#!/usr/bin/env bash
# The browser suite: builds the guide with an Assay binary into a temporary folder and
# checks it in headless Chromium (see test_site.py for what is checked).
#
#   Tests/Browser/run.sh [ASSAY_BINARY] [--quick]
#
# Installs what it needs if missing: chromium and chromium-driver from Debian, selenium
# from PyPI, and axe-core 4.x as bundled in the pytest-playwright-axe wheel (only its
# axe.min.js is used; the wheel is downloaded, not installed). Where Chromium cannot be
# installed it prints SKIP and exits 0, except under CI=true, where that is a failure.
set -euo pipefail
here="$(cd "$(dirname "$0")/../.." && pwd)"
assay="${1:-}"
shift || true
if [ -z "$assay" ]; then
  swift build --package-path "$here" -c release --product assay >&2
  assay="$(swift build --package-path "$here" -c release --show-bin-path)/assay"
fi

skip() {
  if [ "${CI:-}" = "true" ]; then
    echo "FAIL: browser suite cannot run: $1 (CI=true, so this is an error, not a skip)" >&2
    exit 1
  fi
  echo "SKIP: browser suite not run: $1"
  exit 0
}

have_chromium() { command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; }
if ! have_chromium; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    echo "== installing chromium and chromium-driver (Debian)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } >&2 || true
  fi
  have_chromium || skip "chromium and chromium-driver are not installed and could not be installed"
fi

python="${PYTHON:-python3}"
if ! "$python" -c "import selenium" >/dev/null 2>&1; then
  echo "== installing selenium (PyPI)"
  "$python" -m pip install --quiet selenium >&2 || skip "selenium could not be installed from PyPI"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/assay-browser.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# axe-core: the newest wheel of pytest-playwright-axe bundles it. It needs Python 3.12,
# so it is downloaded for that version without its dependencies and only unzipped.
axe="${AXE_JS:-}"
if [ -z "$axe" ]; then
  echo "== fetching axe-core (pytest-playwright-axe wheel, PyPI)"
  "$python" -m pip download --quiet --no-deps --only-binary=:all: --python-version 3.12 \
    -d "$work/wheel" "pytest-playwright-axe>=4.14,<5" >&2 || skip "could not download axe-core from PyPI"
  "$python" - "$work" <<'PY'
import glob, sys, zipfile
work = sys.argv[1]
wheel = glob.glob(work + "/wheel/*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    name = next(n for n in z.namelist() if n.endswith("/axe.min.js"))
    open(work + "/axe.min.js", "wb").write(z.read(name))
PY
  axe="$work/axe.min.js"
fi

echo "== building the guide with $assay"
"$assay" build -C "$here" -o "$work/site"
echo "== browser suite"
"$python" "$here/Tests/Browser/test_site.py" "$work/site" --axe "$axe" "$@"
