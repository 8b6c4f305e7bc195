#!/usr/bin/env python3
"""Does the claim and citation transform stay linear on pathological pages?

Renders inputs that once made it quadratic, at n = 10k, 20k, 40k and 80k, with
`assay render FILE` and with the `cmark` CLI on the same file, and prints both times and
their ratio. The target: at the largest n, Assay within 3x of cmark on every shape.

    python3 Benchmarks/linear.py                       # builds the release binary first
    python3 Benchmarks/linear.py --assay /tmp/assay-release/assay --sizes 10000 20000
    python3 Benchmarks/linear.py --no-build --runs 5 --timeout 120 --check

Times are medians of --runs runs: wall clock (time.perf_counter around the process) and
CPU time (user + sys of the child, from getrusage), the steadier figure on a shared
machine; the target is checked on wall clock. CPU times below 1 ms count as 1 ms in the ratio.
A run that exceeds --timeout is printed as '>TIMEOUT' and not repeated at larger sizes.
Standard library only; needs cmark (Debian: apt-get install -y cmark).
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SCRATCH_PATH = ".build-md"


def nested_open(n):
    """n '[' that never close: every one is a pending bracket."""
    return "[" * n + "\n"


def nested_pairs(n):
    """n brackets nested and closed: '[[[x]]]'."""
    return "[" * n + "x" + "]" * n + "\n"


def hard_breaks_backslash(n):
    """A claim over a paragraph of n backslash hard breaks (after one, cmark reports the
    text as if it were still on the first line)."""
    return "[" + "".join(f"line {i}\\\n" for i in range(n)) + "end]{.anecdotal}\n"


def hard_breaks_spaces(n):
    """A claim over a paragraph of n two-space hard breaks."""
    return "[" + "".join(f"line {i}  \n" for i in range(n)) + "end]{.anecdotal}\n"


def hard_breaks_plain(n):
    """A paragraph of n backslash hard breaks and no bracket: nothing to transform."""
    return "".join(f"line {i}\\\n" for i in range(n)) + "end\n"


def claims(n):
    """n claims in one paragraph."""
    return " ".join("[x]{.anecdotal}" for _ in range(n)) + "\n"


def claims_cited(n):
    """n claims with a citation each, in one paragraph, wrapped at every claim."""
    return "\n".join(f"[claim {i} [@key{i % 7}]]{{.preliminary}}" for i in range(n)) + "\n"


SHAPES = [
    ("nested [ (open)", nested_open),
    ("nested [[x]] (closed)", nested_pairs),
    ("hard breaks (backslash)", hard_breaks_backslash),
    ("hard breaks (two spaces)", hard_breaks_spaces),
    ("hard breaks, no claim", hard_breaks_plain),
    ("claims [x]{.anecdotal}", claims),
    ("cited claims, one per line", claims_cited),
]


def timed(command, timeout):
    """(wall seconds, cpu seconds, exit status) of one run; None times on timeout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, None
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, result.returncode


def measure(command, runs, timeout):
    walls, cpus = [], []
    status = None
    for _ in range(runs):
        wall, cpu, status = timed(command, timeout)
        if wall is None:
            return None, None, None
        walls.append(wall)
        cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus), status


def build():
    print(f"swift build -c release --scratch-path {SCRATCH_PATH} --product assay", file=sys.stderr)
    subprocess.run(
        ["swift", "build", "-c", "release", "--scratch-path", SCRATCH_PATH, "--product", "assay"], cwd=ROOT, check=True
    )
    bin_path = subprocess.run(
        ["swift", "build", "-c", "release", "--scratch-path", SCRATCH_PATH, "--show-bin-path"],
        cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.strip()
    return os.path.join(bin_path, "assay")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--assay", help="an existing assay binary (no build)")
    parser.add_argument("--no-build", action="store_true", help=f"use {SCRATCH_PATH}'s release binary as it is")
    parser.add_argument("--cmark", default="/usr/bin/cmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10000, 20000, 40000, 80000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before one render counts as never finishing")
    parser.add_argument("--shapes", nargs="+", help="substrings of shape names to run (default: all)")
    parser.add_argument("--check", action="store_true", help="exit 1 if the largest size of a shape is over 3x cmark")
    args = parser.parse_args()

    if args.assay:
        assay = args.assay
    elif args.no_build:
        assay = os.path.join(ROOT, SCRATCH_PATH, "release", "assay")
    else:
        assay = build()
    for program in (assay, args.cmark):
        if not os.access(program, os.X_OK):
            sys.exit(f"linear.py: {program} is not an executable")

    shapes = [s for s in SHAPES if not args.shapes or any(w in s[0] for w in args.shapes)]
    failed = []
    # An empty folder as the working directory: `assay render` then uses the default
    # taxonomy, as it does outside a site.
    with tempfile.TemporaryDirectory(prefix="assay-linear-") as scratch:
        print(f"{'input':27} {'n':>6} {'bytes':>8} {'assay s':>8} {'cmark s':>8} {'ratio':>7} {'assay cpu':>9} {'cmark cpu':>9} {'ratio':>7}")
        for name, make in shapes:
            gave_up = False
            for n in args.sizes:
                path = os.path.join(scratch, "input.md")
                with open(path, "w", encoding="utf-8") as f:
                    f.write(make(n))
                size = os.path.getsize(path)
                cmark_wall, cmark_cpu, _ = measure([args.cmark, path], args.runs, args.timeout)
                assay_wall, assay_cpu, status = (None, None, None) if gave_up else measure(
                    [assay, "render", "-C", scratch, path], args.runs, args.timeout)
                head = f"{name:27} {n:>6} {size:>8}"
                if assay_wall is None:
                    gave_up = True
                    print(f"{head} {'>' + str(int(args.timeout)):>8} {cmark_wall:>8.3f} {'-':>7} {'-':>9} {cmark_cpu:>9.3f} {'-':>7}", flush=True)
                else:
                    note = "" if status == 0 else f"  exit {status}"
                    print(
                        f"{head} {assay_wall:>8.3f} {cmark_wall:>8.3f} {assay_wall / cmark_wall:>6.2f}x"
                        f" {assay_cpu:>9.3f} {cmark_cpu:>9.3f} {assay_cpu / max(cmark_cpu, 0.001):>6.2f}x{note}", flush=True)
                if n == max(args.sizes) and (assay_wall is None or assay_wall > 3 * cmark_wall):
                    failed.append(name)
    if failed:
        print(f"over 3x cmark at n = {max(args.sizes)}: {', '.join(failed)}")
    else:
        print(f"every shape within 3x cmark at n = {max(args.sizes)}")
    if args.check and failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
