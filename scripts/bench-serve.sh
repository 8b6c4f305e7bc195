#!/usr/bin/env bash
# Measures `assay serve` on the guide:
#   1. requests per second for one page over loopback (wrk, 100 connections, 10 s),
#      with the count of failed requests;
#   2. the time from saving a page to the `reload` event reaching an open tab
#      (median of several saves), checking the page then serves the new text;
#   3. the server's CPU time for one request with a 64 KB header (refused with 431);
#   4. (Linux) the CPU an idle server uses, from /proc/PID/stat over IDLE_SECONDS, on the
#      guide and, when CORPUS names a generated site (python3 Benchmarks/generate.py
#      --pages 10000 --out DIR), on that too.
# Works on a copy of the guide in a temporary folder; the repository is not touched.
# Usage: scripts/bench-serve.sh [page]        (default page: overview.html)
# Environment: ASSAY_BIN (an assay binary to measure; default: build the release one),
# ASSAY_SCRATCH (SwiftPM scratch path for that build, default .build), DURATION (wrk
# seconds, default 10), CONNECTIONS (default 100), SAVES (default 15), WATCH=poll (serve
# with --poll), IDLE_SECONDS (default 10), CORPUS (a site folder; its output goes to a
# temporary folder).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
page="${1:-overview.html}"
scratch="${ASSAY_SCRATCH:-$here/.build}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-100}"
saves="${SAVES:-15}"
idle_seconds="${IDLE_SECONDS:-10}"
serve_flags=()
[ "${WATCH:-}" = "poll" ] && serve_flags+=(--poll)

source "$here/scripts/deps.sh"
assay_install_deps
if ! command -v wrk >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "bench-serve: installing wrk" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi

if [ -n "${ASSAY_BIN:-}" ]; then
  bin="$ASSAY_BIN"
  [ -x "$bin" ] || { echo "bench-serve: ASSAY_BIN=$bin is not an executable" >&2; exit 1; }
else
  swift build --package-path "$here" --scratch-path "$scratch" -c release --product assay >&2
  bin="$(swift build --package-path "$here" --scratch-path "$scratch" -c release --show-bin-path)/assay"
fi

site="$(mktemp -d)"
log="$site/serve.log"
cleanup() {
  [ -n "${server:-}" ] && kill -INT "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  [ -n "${corpus_server:-}" ] && kill -INT "$corpus_server" 2>/dev/null && wait "$corpus_server" 2>/dev/null || true
  rm -rf "$site"
}

# CPU seconds (user + system) a process has used so far, from /proc.
cpu_seconds() {
  awk -v tck="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); print ($12 + $13) / tck }' "/proc/$1/stat"
}

# Prints the share of one core process $1 uses over $2 seconds of doing nothing.
idle_cpu() {
  local before after
  before="$(cpu_seconds "$1")"
  sleep "$2"
  after="$(cpu_seconds "$1")"
  awk -v a="$before" -v b="$after" -v s="$2" 'BEGIN { printf "%.2f%% of one core (%.2f s of CPU in %d s)\n", (b - a) / s * 100, b - a, s }'
}
trap cleanup EXIT
cp -R "$here/content" "$here/templates" "$site/"

"$bin" serve -C "$site" --port 0 "${serve_flags[@]}" >"$log" 2>&1 &
server=$!
for _ in $(seq 1 300); do
  grep -q "Ctrl-C to stop" "$log" && break
  kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
url="$(grep -o 'http://127.0.0.1:[0-9]*/' "$log" | head -1)"
[ -n "$url" ] || { echo "bench-serve: the server did not start" >&2; cat "$log" >&2; exit 1; }
echo "assay serve: $url ($(uname -sm), $(nproc 2>/dev/null || sysctl -n hw.ncpu) cores)${serve_flags:+, ${serve_flags[*]}}"
grep -q "polling" "$log" && grep "polling" "$log"
curl -sf -o /dev/null "$url$page" || { echo "bench-serve: $url$page is not served" >&2; exit 1; }

echo
echo "== wrk -t2 -c$connections -d${duration}s $url$page"
wrk_out="$(wrk -t2 -c"$connections" -d"${duration}s" --latency "$url$page")"
echo "$wrk_out"
rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$wrk_out")"
non2xx="$(awk '/Non-2xx or 3xx responses/ {print $NF}' <<<"$wrk_out")"
socket_errors="$(grep -o 'Socket errors:.*' <<<"$wrk_out" || true)"
echo "requests/s: $rps; non-2xx/3xx: ${non2xx:-0}; ${socket_errors:-socket errors: none}"

echo
source_file="content/${page%.html}.md"
[ -f "$site/$source_file" ] || { echo "bench-serve: no $source_file for $page" >&2; exit 1; }
echo "== save to reload: $saves saves of $source_file"
python3 - "$url" "$site/$source_file" "$saves" "$page" <<'PY'
import socket, statistics, sys, time, urllib.request
from urllib.parse import urlparse

url, source, saves, page = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
host = urlparse(url)

def events():
    """An open /__assay/events stream; yields event names as they arrive."""
    s = socket.create_connection((host.hostname, host.port))
    s.sendall(b"GET /__assay/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
    s.settimeout(30)
    buf = b""
    while True:
        data = s.recv(65536)
        if not data:
            return
        buf += data
        while b"\n\n" in buf:
            block, buf = buf.split(b"\n\n", 1)
            for line in block.split(b"\n"):
                if line.startswith(b"event: "):
                    yield line[7:].decode()

stream = events()
time.sleep(0.5)
times = []
for i in range(saves):
    marker = f"Bench edit {i} {time.time()}."
    start = time.perf_counter()
    with open(source, "a") as f:
        f.write(f"\n\n{marker}\n")
    for name in stream:
        if name == "reload":
            break
        if name == "build-error":
            sys.exit("bench-serve: the build failed")
    times.append((time.perf_counter() - start) * 1000)
    body = urllib.request.urlopen(url + page).read().decode()
    if marker not in body:
        sys.exit(f"bench-serve: after the reload event {page} does not have the new text")
    time.sleep(0.3)
times.sort()
print("save to reload (ms): " + " ".join(f"{t:.0f}" for t in times))
print(f"median {statistics.median(times):.0f} ms, min {times[0]:.0f} ms, max {times[-1]:.0f} ms")
PY

if [ -r "/proc/$server/stat" ]; then
  echo
  echo "== one request with a 64 KB header"
  before="$(cpu_seconds "$server")"
  status="$(python3 - "$url" <<'PY'
import socket, sys
from urllib.parse import urlparse
u = urlparse(sys.argv[1])
s = socket.create_connection((u.hostname, u.port))
try:
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 65536 + b"\r\n\r\n")
except OSError:
    pass
print(s.recv(64).split(b"\r\n")[0].decode())
PY
)"
  sleep 0.5
  after="$(cpu_seconds "$server")"
  awk -v a="$before" -v b="$after" -v s="$status" 'BEGIN { printf "%s; server CPU %.3f s (clock ticks: 0 means under 10 ms)\n", s, b - a }'

  echo
  echo "== idle, serving the guide, over ${idle_seconds} s"
  idle_cpu "$server" "$idle_seconds"
fi

if [ -n "${CORPUS:-}" ] && [ -r /proc/self/stat ]; then
  echo
  corpus_log="$site/corpus.log"
  "$bin" serve -C "$CORPUS" -o "$site/corpus-public" --port 0 "${serve_flags[@]}" >"$corpus_log" 2>&1 &
  corpus_server=$!
  for _ in $(seq 1 3000); do
    grep -q "Ctrl-C to stop" "$corpus_log" && break
    kill -0 "$corpus_server" 2>/dev/null || { cat "$corpus_log" >&2; exit 1; }
    sleep 0.1
  done
  echo "== idle, serving $CORPUS ($(find "$CORPUS/content" -name '*.md' | wc -l | tr -d ' ') pages), over ${idle_seconds} s"
  grep "^built" "$corpus_log" || true
  sleep 2
  idle_cpu "$corpus_server" "$idle_seconds"
  kill -INT "$corpus_server"; wait "$corpus_server" || true
  corpus_server=""
fi

kill -INT "$server"
if wait "$server"; then echo; echo "stopped cleanly with Ctrl-C (exit 0)"; else echo "exit status $? after Ctrl-C" >&2; exit 1; fi
server=""
