#!/usr/bin/env python3
"""Timing and reporting helper for Benchmarks/run.sh (Python standard library only).

    measure.py time [--cwd DIR] [--stdout FILE] [--stderr FILE] -- CMD ARGS...
        Runs CMD once (no shell) and prints one line: "WALL_SECONDS PEAK_MB EXIT_CODE".
        Wall time from time.perf_counter() around the child. Peak memory is the
        maximum resident set size of the command, in MiB, as GNU time reports it
        (`/usr/bin/time -f %M`, the "Maximum resident set size" of `time -v`).
        Not getrusage(RUSAGE_CHILDREN) from here: Linux counts the forked Python
        (~14 MB) in the child's ru_maxrss, which would hide a small process's
        own figure. Without /usr/bin/time it falls back to that, with a warning.
        Always exits 0 when CMD could be started, so that the caller decides
        what a failure means.

    measure.py concat CONTENT_DIR OUT.md
        Concatenates the bodies (front matter removed) of every *.md under
        CONTENT_DIR, in sorted path order, separated by blank lines, into OUT.md:
        the input of the cmark floor. Prints "FILES BYTES WORDS" of the input.

    measure.py report RESULTS.tsv [--meta META.tsv]
        Prints the results table (plain text and Markdown) and the target checks.
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

# Targets from the issue.
FULL_10K_MAX_RATIO = 3.0     # full build of 10,000 pages <= 3 x cmark floor (the long-term aim: 1.5)
FULL_10K_MIN_HUGO = 2.5      # ... and at least 2.5 x faster than Hugo in the same run
INCR_1K_MAX_RATIO = 0.5      # rebuild after one edit, 1,000 pages <= 0.5 x floor
PEAK_10K_MAX_MB = 300.0      # peak memory for 10,000 pages <= 300 MB

COMMANDS = ["assay-full", "assay-incremental", "cmark-floor", "hugo"]


def cmd_time(argv):
    cwd = stdout = stderr = None
    while argv and argv[0] != "--":
        opt = argv.pop(0)
        if opt == "--cwd":
            cwd = argv.pop(0)
        elif opt == "--stdout":
            stdout = argv.pop(0)
        elif opt == "--stderr":
            stderr = argv.pop(0)
        else:
            sys.exit("measure.py time: unknown option %s" % opt)
    if not argv or len(argv) < 2:
        sys.exit("measure.py time: missing -- CMD")
    cmd = argv[1:]
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None
    if gnu_time:
        fd, rss_file = tempfile.mkstemp(prefix="measure-", suffix=".rss")
        os.close(fd)
        cmd = [gnu_time, "-q", "-f", "%M", "-o", rss_file] + cmd
    else:
        print("measure.py: /usr/bin/time not found (Debian package `time`): peak memory"
              " includes the forked Python's ~14 MB", file=sys.stderr)
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err = open(stderr, "wb") if stderr else None
    try:
        t0 = time.perf_counter()
        try:
            rc = subprocess.run(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL).returncode
        except OSError as e:
            sys.exit("measure.py time: cannot run %s: %s" % (cmd[0], e))
        wall = time.perf_counter() - t0
    finally:
        if stdout:
            out.close()
        if err:
            err.close()
    peak_kib = None
    if gnu_time:
        with open(rss_file) as f:
            lines = [l.strip() for l in f if l.strip()]
        os.unlink(rss_file)
        if lines and lines[-1].isdigit():
            peak_kib = int(lines[-1])
        if rc == 127 and not lines:  # time could not start the command
            sys.exit("measure.py time: cannot run %s" % argv[1])
    if peak_kib is None:
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print("%.4f %.1f %d" % (wall, peak_kib / 1024.0, rc))


def split_front_matter(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def cmd_concat(argv):
    if len(argv) != 2:
        sys.exit("usage: measure.py concat CONTENT_DIR OUT.md")
    root, dest = argv
    paths = []
    for d, dirs, files in os.walk(root):
        dirs.sort()
        paths.extend(os.path.join(d, f) for f in files if f.endswith(".md"))
    paths.sort()
    total_bytes = total_words = 0
    with open(dest, "w", encoding="utf-8", newline="\n") as out:
        for p in paths:
            with open(p, encoding="utf-8") as f:
                text = f.read()
            total_bytes += len(text.encode("utf-8"))
            body = split_front_matter(text)
            total_words += len(body.split())
            out.write(body.rstrip("\n") + "\n\n")
    print("%d %d %d" % (len(paths), total_bytes, total_words))


def read_tsv(path):
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            if line.strip():
                rows.append(dict(zip(header, line.rstrip("\n").split("\t"))))
    return rows


def fmt_s(x):
    return "-" if x is None else ("%.3f" % x if x < 10 else "%.2f" % x)


def cmd_report(argv):
    if not argv:
        sys.exit("usage: measure.py report RESULTS.tsv [--meta META.tsv]")
    results = read_tsv(argv[0])
    meta = read_tsv(argv[2]) if len(argv) >= 3 and argv[1] == "--meta" else []
    meta_by_size = {int(m["size"]): m for m in meta}

    stats = {}  # (size, command) -> dict
    for r in results:
        key = (int(r["size"]), r["command"])
        s = stats.setdefault(key, {"ok": [], "peak": [], "failed": 0})
        if int(r["rc"]) == 0:
            s["ok"].append(float(r["seconds"]))
            s["peak"].append(float(r["peak_mb"]))
        else:
            s["failed"] += 1
    sizes = sorted({k[0] for k in stats} | set(meta_by_size))

    def median(size, cmd):
        s = stats.get((size, cmd))
        return statistics.median(s["ok"]) if s and s["ok"] else None

    table = []
    for size in sizes:
        floor = median(size, "cmark-floor")
        for cmd in COMMANDS:
            s = stats.get((size, cmd))
            if not s:
                continue
            med = median(size, cmd)
            runs = "%d" % len(s["ok"]) + (" (%d failed)" % s["failed"] if s["failed"] else "")
            ratio = "%.2f" % (med / floor) if med is not None and floor else "-"
            table.append([
                "{:,}".format(size), cmd, runs, fmt_s(med),
                fmt_s(min(s["ok"]) if s["ok"] else None),
                "%.0f" % max(s["peak"]) if s["peak"] else "-", ratio,
            ])
    head = ["pages", "command", "runs", "median s", "min s", "peak MB", "x cmark"]

    # Plain text.
    widths = [max(len(h), *(len(row[i]) for row in table)) if table else len(h) for i, h in enumerate(head)]
    line = lambda cells: "  ".join(c.rjust(w) if i not in (1,) else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(head))
    print("  ".join("-" * w for w in widths))
    for row in table:
        print(line(row))

    if meta:
        print()
        for size in sizes:
            m = meta_by_size.get(size)
            if m:
                print("corpus %s pages: %s Markdown files, %.1f MB of Markdown incl. front matter, %s words of Markdown"
                      % ("{:,}".format(size), m["files"], int(m["bytes"]) / 1e6, "{:,}".format(int(m["words"]))))

    # Targets.
    checks = []

    def ratio_check(name, size, cmd, limit):
        med, floor = median(size, cmd), median(size, "cmark-floor")
        if size not in sizes:
            return (name, "n/a", "size %s not run" % "{:,}".format(size))
        if med is None:
            return (name, "n/a", "no successful %s run at %s pages" % (cmd, "{:,}".format(size)))
        if not floor:
            return (name, "n/a", "no cmark floor at %s pages" % "{:,}".format(size))
        r = med / floor
        return (name, "PASS" if r <= limit else "FAIL",
                "%.2fx the floor (%s s vs %s s; target <= %.1fx)" % (r, fmt_s(med), fmt_s(floor), limit))

    checks.append(ratio_check("full build, 10,000 pages", 10000, "assay-full", FULL_10K_MAX_RATIO))
    full, hugo = median(10000, "assay-full"), median(10000, "hugo")
    if 10000 not in sizes or full is None or hugo is None:
        checks.append(("full build vs Hugo, 10,000 pages", "n/a", "no assay-full or Hugo run at 10,000 pages"))
    else:
        speedup = hugo / full
        checks.append(("full build vs Hugo, 10,000 pages", "PASS" if speedup >= FULL_10K_MIN_HUGO else "FAIL",
                       "%.2fx faster than Hugo (%s s vs %s s; target >= %.1fx)" % (speedup, fmt_s(full), fmt_s(hugo), FULL_10K_MIN_HUGO)))
    checks.append(ratio_check("rebuild after one edit, 1,000 pages", 1000, "assay-incremental", INCR_1K_MAX_RATIO))
    peaks = [p for c in ("assay-full", "assay-incremental") for p in stats.get((10000, c), {}).get("peak", [])]
    if 10000 not in sizes:
        checks.append(("peak memory, 10,000 pages", "n/a", "size 10,000 not run"))
    elif not peaks:
        checks.append(("peak memory, 10,000 pages", "n/a", "no successful assay run at 10,000 pages"))
    else:
        pk = max(peaks)
        checks.append(("peak memory, 10,000 pages", "PASS" if pk <= PEAK_10K_MAX_MB else "FAIL",
                       "%.0f MB (target <= %.0f MB)" % (pk, PEAK_10K_MAX_MB)))
    print()
    for name, verdict, detail in checks:
        print("%-4s  %s: %s" % (verdict, name, detail))

    # Markdown, to paste into Benchmarks/README.md.
    print()
    print("----- Markdown -----")
    print("| " + " | ".join(head) + " |")
    print("|" + "|".join(["---", "---", "---:", "---:", "---:", "---:", "---:"]) + "|")
    for row in table:
        print("| " + " | ".join(row) + " |")
    print()
    print("| target | result | detail |")
    print("|---|---|---|")
    for name, verdict, detail in checks:
        print("| %s | %s | %s |" % (name, verdict, detail))
    print("----- end -----")
    return 1 if any(v == "FAIL" for _, v, _ in checks) else 0


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sub, argv = sys.argv[1], sys.argv[2:]
    if sub == "time":
        cmd_time(argv)
    elif sub == "concat":
        cmd_concat(argv)
    elif sub == "report":
        sys.exit(cmd_report(argv))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
