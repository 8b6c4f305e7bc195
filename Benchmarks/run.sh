#!/usr/bin/env bash
# Assay benchmark: full build, rebuild after one edit, the cmark floor and Hugo,
# at 1,000 and 10,000 synthetic pages. See Benchmarks/README.md.
#
#   bash Benchmarks/run.sh [--sizes "1000 10000"] [--runs 5] [--assay PATH] [--no-build]
#                          [--no-hugo] [--scratch DIR] [--check]
set -euo pipefail

# ---------------------------------------------------------------- settings
# Where assay keeps its build cache, relative to the site directory (the one
# holding content/). A full build deletes it and the output first; the
# incremental build keeps both.
CACHE_DIR=".assay-cache"
# Extra flags for the full build (e.g. "--clean" once assay has it: the rm -rf
# of the cache and the output is done anyway).
FULL_BUILD_FLAGS=""
# Copy the repo's templates/ (the default theme) into each synthetic site, in
# case assay reads the theme from the site directory rather than from its binary.
COPY_TEMPLATES=1
SIZES="1000 10000"
RUNS=5
SCRATCH="${TMPDIR:-/tmp}/assay-bench"
ASSAY=""          # --assay PATH: use this binary, do not build
BUILD=1           # --no-build: use the existing release binary
HUGO_WANTED=1     # --no-hugo
CHECK=0           # --check: exit 1 when a target fails
SEED=20260115

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$REPO/Benchmarks"

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) SIZES="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --assay) ASSAY="$2"; BUILD=0; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    --no-hugo) HUGO_WANTED=0; shift ;;
    --scratch) SCRATCH="$2"; shift 2 ;;
    --check) CHECK=1; shift ;;
    -h|--help) usage 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage 2 >&2 ;;
  esac
done
case "$RUNS" in ''|*[!0-9]*|0) echo "run.sh: --runs must be a positive integer" >&2; exit 2 ;; esac

log() { printf '== %s\n' "$*" >&2; }
note() { printf '   %s\n' "$*" >&2; }

apt_install() {  # apt_install PKG: only as root; waits for a running apt/dpkg
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || return 1
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y "$1" >/dev/null
}

# ---------------------------------------------------------------- tools
command -v python3 >/dev/null || { echo "run.sh: python3 is required" >&2; exit 1; }
if ! command -v cmark >/dev/null; then
  log "cmark not found: installing the Debian package"
  apt_install cmark || { echo "run.sh: cmark is required for the floor (apt-get install -y cmark)" >&2; exit 1; }
fi
if [ ! -x /usr/bin/time ]; then
  log "/usr/bin/time not found: installing the Debian package time (peak memory)"
  apt_install time || note "no /usr/bin/time: peak memory will include measure.py's forked Python (~14 MB)"
fi
HUGO=""
if [ "$HUGO_WANTED" = 1 ]; then
  if ! command -v hugo >/dev/null; then
    log "hugo not found: trying the Debian package"
    apt_install hugo || note "could not install hugo: the Hugo comparison is skipped"
  fi
  HUGO="$(command -v hugo || true)"
fi

# ---------------------------------------------------------------- assay
ASSAY_NOTE=""
if [ -z "$ASSAY" ]; then
  if ! command -v swift >/dev/null; then
    ASSAY_NOTE="swift is not installed"
  elif [ "$BUILD" = 1 ]; then
    # The binary users run: scripts/install links the Swift runtime statically (direct
    # calls instead of the dynamic loader's stubs for every retain and release, and less
    # to relocate at start), so that is what is measured; dynamically where it cannot.
    log "building assay (swift build -c release --product assay --static-swift-stdlib)"
    if [ "$(id -u)" = 0 ] && ! pkg-config --exists libcurl 2>/dev/null; then
      apt_install libcurl4-openssl-dev || true   # the static Foundation links libcurl
    fi
    if [ "$(id -u)" = 0 ] && ! pkg-config --exists jemalloc 2>/dev/null; then
      apt_install libjemalloc-dev || true   # assay's allocator (Package.swift)
    fi
    if (cd "$REPO" && swift build -c release --product assay --static-swift-stdlib) >&2; then
      STATIC_FLAG="--static-swift-stdlib"
    else
      note "the static link failed: measuring a binary with the Swift runtime linked dynamically"
      STATIC_FLAG=""
      if ! (cd "$REPO" && swift build -c release --product assay) >&2; then
        ASSAY_NOTE="the release build of assay FAILED (see the compiler output above)"
      fi
    fi
  fi
  if [ -z "$ASSAY_NOTE" ]; then
    BIN="$(cd "$REPO" && swift build -c release ${STATIC_FLAG:-} --show-bin-path 2>/dev/null || true)"
    ASSAY="$BIN/assay"
  fi
fi
if [ -z "$ASSAY_NOTE" ] && [ -n "$ASSAY" ]; then
  # measure.py runs assay from the site directory: make the path absolute.
  case "$ASSAY" in
    */*) [ -e "$ASSAY" ] && ASSAY="$(cd "$(dirname "$ASSAY")" && pwd)/$(basename "$ASSAY")" ;;
    *) ASSAY="$(command -v "$ASSAY" || echo "$ASSAY")" ;;
  esac
fi
if [ -z "$ASSAY_NOTE" ] && [ ! -x "$ASSAY" ]; then
  ASSAY_NOTE="no assay binary at ${ASSAY:-?}"
fi
if [ -n "$ASSAY_NOTE" ]; then
  ASSAY=""
  log "ASSAY NOT MEASURED: $ASSAY_NOTE. Timing cmark and Hugo only; the targets will read n/a."
fi

# ---------------------------------------------------------------- run
mkdir -p "$SCRATCH"
RESULTS="$SCRATCH/results.tsv"
META="$SCRATCH/meta.tsv"
printf 'size\tcommand\tround\tseconds\tpeak_mb\trc\n' >"$RESULTS"
printf 'size\tfiles\tbytes\twords\n' >"$META"

# measure SIZE COMMAND ROUND [time options] -- CMD...: appends one row, echoes the rc.
measure() {
  local size="$1" name="$2" round="$3"; shift 3
  local out wall peak rc
  out="$(python3 "$BENCH/measure.py" time "$@" || true)"
  read -r wall peak rc <<<"${out:-0 0 127}"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$name" "$round" "$wall" "$peak" "$rc" >>"$RESULTS"
  note "$(printf '%-18s round %d: %8.3f s  %6.0f MB%s' "$name" "$round" "$wall" "$peak" \
    "$([ "$rc" = 0 ] || echo "  EXIT $rc")")"
  return "$rc"
}

# What an earlier run left is removed before anything is measured (see OUT below).
for N in $SIZES; do rm -rf "${SCRATCH:?}/$N"; done
rm -rf "${SCRATCH:?}/probe"

# How fast the scratch folder's file system creates files, which both tools do 10,000 at
# a time: ext4 slows down for a while where hundreds of thousands of files were deleted
# (`recently_deleted` in perf), and then every full build pays it (see README.md). The
# probe's files stay until the end, so the probe deletes nothing before the rounds.
PROBE="$(python3 -c '
import os, sys, time
d = sys.argv[1]
start = time.perf_counter()
for s in range(100):
    os.makedirs(f"{d}/{s}")
    for p in range(100):
        with open(f"{d}/{s}/{p}.html", "wb") as f: f.write(b"x" * 2000)
print(f"{time.perf_counter() - start:.2f}")
' "$SCRATCH/probe")"
note "scratch file system: 10,000 files of 2 KB created in $PROBE s"

for N in $SIZES; do
  D="$SCRATCH/$N"
  SITE="$D/site"
  HSITE="$D/hugo"
  OUTS="$D/outputs"
  log "$N pages: generating the corpus in $D"
  mkdir -p "$D"
  python3 "$BENCH/generate.py" --pages "$N" --out "$SITE" --hugo "$HSITE" --seed "$SEED"
  # The floor's input, built outside the timing: all bodies in one file, one
  # cmark process (cmark FILE... would also be one process, but it treats the
  # files as one document too and includes the front matter).
  read -r files bytes words < <(python3 "$BENCH/measure.py" concat "$SITE/content" "$D/floor.md")
  printf '%s\t%s\t%s\t%s\n' "$N" "$files" "$bytes" "$words" >>"$META"
  note "$files Markdown files, $(du -sm "$SITE/content" | cut -f1) MB on disk, floor input $((bytes / 1000000)) MB"
  # If assay does not find templates/ in the site, give it the repo's theme.
  if [ "$COPY_TEMPLATES" = 1 ] && [ -d "$REPO/templates" ] && [ ! -e "$SITE/templates" ]; then
    cp -R "$REPO/templates" "$SITE/templates"
  fi
  mapfile -t PAGES < <(cd "$SITE" && find content -name 'page-*.md' | LC_ALL=C sort)

  assay_ok=1
  [ -n "$ASSAY" ] || assay_ok=0
  for ((r = 1; r <= RUNS; r++)); do
    if [ "$assay_ok" = 1 ]; then
      # Full build: no cache, no output. Each round builds into a folder of its own and
      # no output is deleted until every size is measured: creating 10,000 files right
      # after deleting 10,000 made ext4 search past the inodes it had just freed
      # (`recently_deleted`), which tripled the kernel time of whichever build came next,
      # Assay's or Hugo's. Hugo's outputs are kept the same way.
      OUT="$OUTS/assay-$r"
      rm -rf "${SITE:?}/$CACHE_DIR"
      # shellcheck disable=SC2086
      if measure "$N" assay-full "$r" --cwd "$SITE" --stdout "$D/assay-full.out" --stderr "$D/assay-full.err" \
           -- "$ASSAY" build --output "$OUT" $FULL_BUILD_FLAGS; then
        if [ "$r" = 1 ]; then
          note "assay: $(tail -n 1 "$D/assay-full.out" 2>/dev/null || true)"
          html=$(find "$OUT" -name '*.html' 2>/dev/null | wc -l)
          [ "$html" -ge "$N" ] || note "WARNING: only $html HTML files in $OUT for $N pages"
        fi
        # Rebuild after one edit: a different page each round, same edit.
        page="$SITE/${PAGES[$(( (r * 7919 + 13) % ${#PAGES[@]} ))]}"
        cp "$page" "$D/edited.bak"
        printf '\nThis sentence was added by the benchmark in round %d.\n' "$r" >>"$page"
        measure "$N" assay-incremental "$r" --cwd "$SITE" --stdout "$D/assay-incr.out" --stderr "$D/assay-incr.err" \
          -- "$ASSAY" build --output "$OUT" || {
            note "assay incremental build failed; stderr:"; tail -n 20 "$D/assay-incr.err" >&2 || true; }
        cp "$D/edited.bak" "$page"   # restore: every round starts from the same corpus
      else
        note "assay full build FAILED at $N pages; stderr (last 20 lines):"
        tail -n 20 "$D/assay-full.err" >&2 || true
        note "no more assay runs at this size"
        assay_ok=0
      fi
    fi
    measure "$N" cmark-floor "$r" --stdout /dev/null -- cmark "$D/floor.md" || note "cmark failed"
    if [ -n "$HUGO" ]; then
      HOUT="$OUTS/hugo-$r"
      measure "$N" hugo "$r" --stderr "$D/hugo.err" -- "$HUGO" --quiet -s "$HSITE" -d "$HOUT" || {
        note "hugo failed; stderr:"; tail -n 20 "$D/hugo.err" >&2 || true; }
      if [ "$r" = 1 ] && [ -d "$HOUT" ]; then
        note "hugo: $(find "$HOUT" -name '*.html' | wc -l) HTML files"
      fi
    fi
  done
done

# Every size measured: the outputs can go (the corpora stay for a look). ext4 then skips
# the freed inodes when it allocates new ones, for one to five minutes (its
# `recently_deleted`): a run started in that time measures that (its probe says so).
for N in $SIZES; do rm -rf "${SCRATCH:?}/$N/outputs"; done
rm -rf "${SCRATCH:?}/probe"
note "outputs removed: on ext4, wait five minutes before the next run on this file system"

# ---------------------------------------------------------------- report
echo
echo "Assay benchmark, $(date -u +%Y-%m-%d) (UTC)"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo 2>/dev/null)"
echo "assay: ${ASSAY:-not measured ($ASSAY_NOTE)}$( [ -n "$ASSAY" ] && (cd "$REPO" && git rev-parse --short HEAD 2>/dev/null | sed 's/^/ @ /') || true)"
if [ -n "$ASSAY" ]; then
  echo "assay's Swift runtime: $(ldd "$ASSAY" 2>/dev/null | grep -q libswiftCore && echo 'linked dynamically' || echo 'linked statically'); allocator: $(ldd "$ASSAY" 2>/dev/null | grep -q libjemalloc && echo jemalloc || echo "the C library's")"
fi
echo "cmark: $(cmark --version 2>&1 | head -n 1)"
echo "hugo: $( [ -n "$HUGO" ] && "$HUGO" version 2>&1 | head -n 1 || echo 'skipped (--no-hugo, or not installed)')"
echo "runs per command: $RUNS, alternating; scratch: $SCRATCH (10,000 files created in $PROBE s before the rounds)"
echo
rc=0
python3 "$BENCH/measure.py" report "$RESULTS" --meta "$META" || rc=$?
# 0.2-0.3 s on this machine's ext4 when nothing was deleted in the minutes before; a run
# after another (which deletes its outputs at the end) took 1.1-2.2 s, and every full
# build of it paid the same in the kernel, Assay's and Hugo's alike.
if python3 -c 'import sys; sys.exit(0 if float(sys.argv[1]) > 0.6 else 1)' "$PROBE"; then
  echo
  echo "WARNING: the scratch file system created 10,000 files in $PROBE s (0.2-0.3 s when it is not slowed down): ext4 allocates slowly for minutes after many files are deleted, as the end of the previous run does. These figures measure that too; wait five minutes, or use another file system, before judging the targets."
fi
if [ "$CHECK" = 1 ] && [ "$rc" != 0 ]; then exit 1; fi
exit 0
