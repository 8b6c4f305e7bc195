#!/usr/bin/env bash
# Instruction counts of `assay build` that do not depend on how busy the machine is:
# valgrind's callgrind counts every instruction the process executes (all threads), so
# two runs of the same binary on the same input agree to a fraction of a per cent even
# on a machine shared with compilers. Also prints the sha256 digest of each output tree,
# so that a change measured here can be shown to leave the output byte-identical.
#
#   bash Benchmarks/instructions.sh [--assay PATH] [--pages 1000] [--scratch DIR]
#                                   [--guide DIR] [--keep-profiles] [--no-guide]
#
# Prints, one per line:
#   full-build  PAGES  INSTRUCTIONS
#   rebuild     PAGES  INSTRUCTIONS      (one sentence appended to one page)
#   digest      corpus SHA256            (the whole output tree of the full build)
#   digest      guide  SHA256            (the repository's content/, built with -o)
# With --keep-profiles the callgrind.out files stay in SCRATCH for callgrind_annotate.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
assay=""
pages=1000
scratch="${TMPDIR:-/tmp}/assay-instructions"
keep=0
guide=1

while [ $# -gt 0 ]; do
    case "$1" in
        --assay) assay=$2; shift 2 ;;
        --pages) pages=$2; shift 2 ;;
        --scratch) scratch=$2; shift 2 ;;
        --keep-profiles) keep=1; shift ;;
        --no-guide) guide=0; shift ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

if [ -z "$assay" ]; then
    (cd "$repo" && swift build -c release --product assay >&2)
    assay="$(cd "$repo" && swift build -c release --show-bin-path)/assay"
fi
command -v valgrind >/dev/null || { echo "needs valgrind (apt-get install -y valgrind)" >&2; exit 2; }

mkdir -p "$scratch"
# Valgrind 3.19 (Debian 12) cannot read the DWARF 5 that Swift 6 writes and gives up on
# the binary: a copy without debug information (symbols kept) is what gets run.
strip -g -o "$scratch/assay" "$assay"
assay="$scratch/assay"
site="$scratch/$pages/site"
if [ ! -d "$site/content" ]; then
    python3 "$here/generate.py" --pages "$pages" --out "$site" >&2
fi

# The digest of a tree: every file's path and sha256, sorted by path (LC_ALL=C, so the
# order does not depend on the locale), then the sha256 of that list.
tree_digest() {
    (cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1
}

# Runs one build under callgrind and prints its instruction count ("Collected").
counted() {
    local out=$1; shift
    local log="$scratch/callgrind.log"
    valgrind --tool=callgrind --callgrind-out-file="$out" "$@" >/dev/null 2>"$log" || {
        cat "$log" >&2
        return 1
    }
    sed -n 's/^==[0-9]*== Collected : //p' "$log"
}

cd "$site"
rm -rf public .assay-cache
full=$(counted "$scratch/callgrind.full.$pages" "$assay" build --output public)
echo "full-build $pages $full"
corpus_digest=$(tree_digest public)

# One-page rebuild: the same page each time, so two runs compare like with like.
page=$(find content -name 'page-*.md' | LC_ALL=C sort | sed -n 2p)
cp "$page" "$scratch/page.orig"
trap 'cp "$scratch/page.orig" "$site/$page"' EXIT
printf '\nOne more sentence for the rebuild.\n' >>"$page"
rebuild=$(counted "$scratch/callgrind.rebuild.$pages" "$assay" build --output public)
echo "rebuild $pages $rebuild"
cp "$scratch/page.orig" "$page"
touch "$page"
"$assay" build --output public >/dev/null
echo "digest corpus $corpus_digest"
[ "$(tree_digest public)" = "$corpus_digest" ] || echo "warning: the corpus rebuilt after the edit was undone differs from the full build" >&2

if [ "$guide" = 1 ]; then
    g="$scratch/guide"
    rm -rf "$g"
    mkdir -p "$g"
    cp -R "$repo/content" "$g/content"
    [ -d "$repo/templates" ] && cp -R "$repo/templates" "$g/templates"
    (cd "$g" && "$assay" build --output "$g/out" >/dev/null)
    echo "digest guide $(tree_digest "$g/out")"
fi

[ "$keep" = 1 ] || rm -f "$scratch/callgrind.full.$pages" "$scratch/callgrind.rebuild.$pages"
