#!/usr/bin/env python3
"""Deterministic generator of a synthetic Assay corpus for the benchmark.

    python3 Benchmarks/generate.py --pages 1000 --out /tmp/assay-bench/1000/site \
        [--hugo /tmp/assay-bench/1000/hugo] [--seed 20260115] [--force]

Writes an Assay site:

    OUT/content/site.yml
    OUT/content/sources.yml                 ~200 CSL-YAML entries, every one cited
    OUT/content/section-NN/_index.md        one section per 100 pages
    OUT/content/section-NN/page-NNNN.md     600-1,200 words, 5-15 claims, 2-5 links

and, with --hugo, an equivalent Hugo site (same Markdown bodies, Hugo front
matter, hugo.toml, minimal layouts).

Same arguments -> byte-identical files: one fixed seed, a `random.Random` per
page seeded from a string (seeding from a str uses SHA-512, not hash()), no
sets or dicts iterated for output order, no timestamps, files written in
sorted order. Python standard library only.
"""

import argparse
import json
import os
import random
import shutil
import sys

PAGES_PER_SECTION = 100
REVIEWED = "2026-01-15"
DEFAULT_SEED = 20260115
MAX_SOURCES = 200

LEVELS = ["established", "preliminary", "anecdotal", "unsupported"]
LEVEL_WEIGHTS = [30, 30, 25, 15]

# A fixed word list: plain lowercase ASCII, no Markdown-special characters.
WORDS = """
able about absorption account active acute adult advice affect after agent
alkaloid almost amount analysis animal answer appear approach area assay
association attention available average balance based basic before behaviour
benefit better between blood body brain brief cancer capsule care careful case
cause cell central change chronic claim clear clinical close cohort common
compare complete concern condition consistent consumer contact control course
current daily data decision define dependence design detail develop different
direct disease dose early effect effective either enough especially estimate
evidence exact example exist expect experience expert exposure factor family
fatigue field finding first follow form formal further general given good
group growth guide health heart help high history hospital human identify
illness impact important include increase individual information initial
injury interest issue kidney known label large later leaf level likely limited
liver local long loss main major manage marker measure medical medicine method
mild model moderate month mouse much muscle national nature nerve normal note
number observe often opioid oral outcome pain paper part patient pattern
people period person plant point policy population possible potential practice
present pressure prevent primary probably problem process product protocol
provide quality question rapid rate reason receptor recent record reduce
regular relief remain report research response result review risk safety
sample scale second serious several severe short signal similar single sleep
small source specific stable standard strong study subject support survey
symptom system term test therapy tissue tolerance total treatment trial type
typical under useful user usual value various week weight well whether while
withdrawal within without work year young
""".split()

SURNAMES = """
Abbott Adeyemi Alvarez Andersen Baker Banerjee Becker Berg Bianchi Brandt
Carvalho Chen Costa Dahl Dubois Eriksen Fischer Fontaine Garcia Gupta Haas
Hansen Herrera Ito Jansen Kaur Keller Kim Kowalski Larsen Lehmann Lindqvist
Martin Meyer Moreau Murphy Nakamura Nguyen Novak Okafor Olsen Patel Petrov
Quinn Rahman Rossi Sato Schmidt Silva Singh Suzuki Tanaka Thomsen Vogel Wagner
Walsh Weber Yamada Zhang
""".split()

JOURNALS = [
    "Journal of Synthetic Evidence",
    "Annals of Benchmark Medicine",
    "Clinical Reports in Placeholder Science",
    "International Review of Test Data",
    "Pharmacology of Generated Text",
    "Archives of Reproducible Research",
    "Bulletin of Sample Studies",
    "European Journal of Example Trials",
]


# --------------------------------------------------------------------------- text


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def words(rng, lo, hi):
    return rng.choices(WORDS, k=rng.randint(lo, hi))


def title_case(ws):
    return " ".join(w.capitalize() for w in ws)


def sentence_words(rng, lo=8, hi=18):
    """Words of one sentence, some decorated with *emphasis* or `code`."""
    ws = words(rng, lo, hi)
    ws[0] = ws[0].capitalize()
    r = rng.random()
    if r < 0.12:
        i = rng.randrange(1, len(ws))
        ws[i] = "*" + ws[i] + "*"
    elif r < 0.18:
        i = rng.randrange(1, len(ws))
        ws[i] = "`" + ws[i] + "_" + rng.choice(WORDS) + "`"
    elif r < 0.21 and len(ws) > 4:
        i = rng.randrange(1, len(ws) - 1)
        ws[i] = "**" + ws[i]
        ws[i + 1] = ws[i + 1] + "**"
    return ws


def page_name(i):
    return "page-%04d.md" % i


def section_name(s):
    return "section-%02d" % s


def rel_link(src, dst):
    """Relative Markdown link from page index src to page index dst."""
    if src // PAGES_PER_SECTION == dst // PAGES_PER_SECTION:
        return page_name(dst)
    return "../%s/%s" % (section_name(dst // PAGES_PER_SECTION), page_name(dst))


# --------------------------------------------------------------------------- pages


class Cursor:
    """Hands out source keys in order so that every source is cited."""

    def __init__(self, n_sources):
        self.n = n_sources
        self.next = 0

    def take(self):
        k = self.next % self.n
        self.next += 1
        return k


def source_key(k):
    return "src%03d" % (k + 1)


def make_page(i, n_pages, n_sources, cursor, seed):
    """Returns (front matter dict as ordered list of pairs, body text)."""
    rng = random.Random("assay-bench:%d:page:%d" % (seed, i))
    target_words = rng.randint(620, 1080)
    n_claims = rng.randint(5, 15)
    n_links = min(rng.randint(2, 5), n_pages - 1)

    # 1. Skeleton: blocks of sentences until the word target is reached.
    #    block = (kind, payload); sentence slots are lists of words, edited in place.
    blocks = []
    slots = []  # (block index, sentence index) of every sentence
    count = 0
    since_heading = 0
    first = True
    while count < target_words:
        if not first and since_heading >= rng.randint(2, 4):
            level = "###" if (rng.random() < 0.35 and blocks and blocks[-1][0] != "h") else "##"
            hw = words(rng, 2, 5)
            hw[0] = hw[0].capitalize()
            blocks.append(("h", level + " " + " ".join(hw)))
            count += len(hw)
            since_heading = 0
            continue
        first = False
        r = rng.random()
        if r < 0.70 or (blocks and blocks[-1][0] in ("ul", "ol")):
            kind, n = "p", rng.randint(3, 6)
        elif r < 0.85:
            kind, n = "ul", rng.randint(3, 6)
        else:
            kind, n = "ol", rng.randint(3, 5)
        sents = []
        for _ in range(n):
            ws = sentence_words(rng, 6, 12) if kind != "p" else sentence_words(rng)
            slots.append((len(blocks), len(sents)))
            sents.append(ws)
            count += len(ws)
        blocks.append((kind, sents))
        since_heading += 1

    # 2. Claims and links go into distinct sentence slots.
    chosen = rng.sample(range(len(slots)), n_claims + n_links)
    claim_slots = sorted(chosen[:n_claims])
    link_slots = chosen[n_claims:]

    levels = rng.choices(LEVELS, weights=LEVEL_WEIGHTS, k=n_claims)
    # At least two cited (established/preliminary) claims per page, so that
    # min(200, 2 * pages) sources are all cited.
    cited = sum(1 for lv in levels if lv in ("established", "preliminary"))
    j = 0
    while cited < 2:
        if levels[j] not in ("established", "preliminary"):
            levels[j] = "preliminary"
            cited += 1
        j += 1

    claim_no = 0
    for slot_index, level in zip(claim_slots, levels):
        b, s = slots[slot_index]
        ws = blocks[b][1][s]
        if level in ("established", "preliminary"):
            n_keys = rng.choices([1, 2, 3], weights=[70, 20, 10])[0]
        elif level == "anecdotal":
            n_keys = 1 if rng.random() < 0.4 else 0
        else:
            n_keys = 1 if rng.random() < 0.2 else 0
        keys = []
        if n_keys:
            keys.append(cursor.take())
            while len(keys) < n_keys:
                k = rng.randrange(n_sources)
                if k not in keys:
                    keys.append(k)
                elif n_sources <= len(keys):
                    break
        attrs = "." + level
        claim_no += 1
        if rng.random() < 0.3:
            attrs += " #claim-%d-%s" % (claim_no, rng.choice(WORDS))
        text = " ".join(ws)
        if keys:
            text += " [" + "; ".join("@" + source_key(k) for k in keys) + "]"
        blocks[b][1][s] = ["[" + text + "]{" + attrs + "}"]

    for slot_index in link_slots:
        b, s = slots[slot_index]
        ws = blocks[b][1][s]
        target = rng.randrange(n_pages - 1)
        if target >= i:
            target += 1
        href = rel_link(i, target)
        at = rng.randrange(1, len(ws))
        n = min(rng.randint(1, 3), len(ws) - at)
        if any(c in w for w in ws[at:at + n] for c in "*`"):
            ws.extend(["(see", "[" + rng.choice(WORDS) + "](" + href + "))"])
        else:
            ws[at:at + n] = ["[" + " ".join(ws[at:at + n]) + "](" + href + ")"]

    # 3. Render.
    out = []
    for kind, payload in blocks:
        if kind == "h":
            out.append(payload)
        elif kind == "p":
            out.append(" ".join(" ".join(ws) + "." for ws in payload))
        elif kind == "ul":
            out.append("\n".join("- " + " ".join(ws) + "." for ws in payload))
        else:
            out.append("\n".join("%d. %s." % (n + 1, " ".join(ws)) for n, ws in enumerate(payload)))
    body = "\n\n".join(out) + "\n"

    tw = words(rng, 2, 4)
    front = [
        ("title", "Page %04d: %s" % (i, title_case(tw))),
        ("summary", " ".join(sentence_words(rng, 8, 14)).replace("*", "").replace("`", "") + "."),
        ("reviewed", REVIEWED),
        ("order", i % PAGES_PER_SECTION + 1),
    ]
    return front, body


def make_section_index(s, seed):
    rng = random.Random("assay-bench:%d:section:%d" % (seed, s))
    front = [
        ("title", "Section %02d: %s" % (s, title_case(words(rng, 2, 3)))),
        ("summary", " ".join(sentence_words(rng, 8, 14)).replace("*", "").replace("`", "") + "."),
        ("reviewed", REVIEWED),
        ("order", s + 1),
    ]
    body = " ".join(" ".join(sentence_words(rng)) + "." for _ in range(3)) + "\n"
    return front, body


def make_sources(n_sources, seed):
    rng = random.Random("assay-bench:%d:sources" % seed)
    out = []
    for k in range(n_sources):
        authors = []
        for _ in range(rng.randint(1, 6)):
            authors.append(rng.choice(SURNAMES) + " " + "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(rng.randint(1, 2))))
        first_page = rng.randint(1, 2400)
        tw = words(rng, 6, 14)
        tw[0] = tw[0].capitalize()
        out.append([
            ("id", source_key(k)),
            ("type", "article-journal"),
            ("author", q("; ".join(authors))),
            ("title", q(" ".join(tw))),
            ("container-title", q(rng.choice(JOURNALS))),
            ("volume", str(rng.randint(1, 140))),
            ("issue", str(rng.randint(1, 12))),
            ("page", q("%d-%d" % (first_page, first_page + rng.randint(3, 20)))),
            ("issued", str(rng.randint(1995, 2025))),
            ("DOI", q("10.1234/bench.%04d.%05d" % (rng.randint(1995, 2025), k + 1))),
        ])
    return out


# --------------------------------------------------------------------------- output

SITE_YML = """title: "Benchmark guide"
description: "Synthetic corpus"
language: en
base_url: "https://example.org/bench/"
review:
  period_months: 120
# print.html is made from every page on each build (pages' HTML is not cached): at
# 10,000 pages a 150 MB page nobody prints, and Hugo makes nothing like it.
print: false
levels:
  - {id: established, label: Established, rank: 4, definition: "Consistent findings.", color: "#1a7f37"}
  - {id: preliminary, label: Preliminary study, rank: 3, definition: "Lab, animal or small early studies.", color: "#9a6700"}
  - {id: anecdotal, label: Anecdotal, rank: 2, definition: "Personal reports.", color: "#8250df"}
  - {id: unsupported, label: No good evidence, rank: 1, definition: "No studies found.", color: "#cf222e"}
"""

HUGO_TOML = """# Generated by Benchmarks/generate.py: a minimal Hugo site equivalent to the Assay corpus.
# Kinds rendered: home, section, page, sitemap, 404 (Assay also writes a sitemap and a 404).
# Disabled: taxonomies/terms, RSS, robots.txt (Assay has none of them).
baseURL = "https://example.org/bench/"
languageCode = "en"
title = "Benchmark guide"
buildFuture = true
disableKinds = ["taxonomy", "term", "RSS", "robotsTXT"]
enableRobotsTXT = false

[markup.goldmark.renderer]
unsafe = false

[markup.tableOfContents]
startLevel = 2
endLevel = 3
"""

HUGO_LAYOUTS = {
    "layouts/_default/baseof.html": """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ .Params.summary }}"></head>
<body>
<nav><a href="{{ "" | relURL }}">{{ .Site.Title }}</a>{{ with .Parent }} / <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
""",
    "layouts/_default/single.html": """{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p>Reviewed {{ .Params.reviewed }}</p>
{{ .TableOfContents }}
{{ .Content }}
</article>
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
{{ end }}
""",
    "layouts/_default/list.html": """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Params.summary }}</li>{{ end }}</ul>
{{ end }}
""",
    "layouts/index.html": """{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} pages)</li>{{ end }}</ul>
{{ end }}
""",
    "layouts/404.html": """{{ define "main" }}<h1>Not found</h1>{{ end }}
""",
}


def front_matter(pairs):
    lines = ["---"]
    for k, v in pairs:
        if isinstance(v, int) or (k in ("reviewed", "date", "lastmod")):
            lines.append("%s: %s" % (k, v))
        else:
            lines.append("%s: %s" % (k, q(v)))
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def hugo_front(pairs):
    d = dict(pairs)
    return front_matter([
        ("title", d["title"]),
        ("summary", d["summary"]),
        ("date", REVIEWED),
        ("lastmod", REVIEWED),
        ("weight", d["order"]),
        ("reviewed", REVIEWED),
    ])


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def prepare(dirpath, force, what):
    if os.path.exists(dirpath) and os.listdir(dirpath):
        if not force:
            sys.exit("generate.py: %s %s is not empty (use --force to replace it)" % (what, dirpath))
        shutil.rmtree(dirpath)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, required=True, help="number of guide pages (100 per section)")
    ap.add_argument("--out", required=True, help="Assay site directory (content/ is written inside)")
    ap.add_argument("--hugo", help="also write an equivalent Hugo site here")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--force", action="store_true", help="replace OUT/content and the Hugo dir if they exist")
    args = ap.parse_args()
    n = args.pages
    if n < 1:
        sys.exit("generate.py: --pages must be >= 1")

    content = os.path.join(args.out, "content")
    prepare(content, args.force, "content directory")
    if args.hugo:
        prepare(args.hugo, args.force, "Hugo directory")

    # Two cited claims per page at least: with fewer than 100 pages use fewer sources.
    n_sources = min(MAX_SOURCES, 2 * n)
    cursor = Cursor(n_sources)
    n_sections = (n + PAGES_PER_SECTION - 1) // PAGES_PER_SECTION
    total_words = 0
    total_claims = 0

    write(os.path.join(content, "site.yml"), SITE_YML)
    if args.hugo:
        write(os.path.join(args.hugo, "hugo.toml"), HUGO_TOML)
        for rel in sorted(HUGO_LAYOUTS):
            write(os.path.join(args.hugo, rel), HUGO_LAYOUTS[rel])

    for s in range(n_sections):
        sec = section_name(s)
        front, body = make_section_index(s, args.seed)
        write(os.path.join(content, sec, "_index.md"), front_matter(front) + body)
        if args.hugo:
            write(os.path.join(args.hugo, "content", sec, "_index.md"), hugo_front(front) + body)
        for i in range(s * PAGES_PER_SECTION, min(n, (s + 1) * PAGES_PER_SECTION)):
            front, body = make_page(i, n, n_sources, cursor, args.seed)
            total_words += len(body.split())
            total_claims += body.count("]{.")
            write(os.path.join(content, sec, page_name(i)), front_matter(front) + body)
            if args.hugo:
                write(os.path.join(args.hugo, "content", sec, page_name(i)), hugo_front(front) + body)

    if cursor.next < n_sources:  # cannot happen with >= 2 cited claims per page
        sys.exit("generate.py: internal error: only %d of %d sources cited" % (cursor.next, n_sources))

    lines = ["# Synthetic bibliography generated by Benchmarks/generate.py (seed %d)." % args.seed]
    for entry in make_sources(n_sources, args.seed):
        lines.append("")
        for j, (k, v) in enumerate(entry):
            lines.append(("- " if j == 0 else "  ") + "%s: %s" % (k, v))
    write(os.path.join(content, "sources.yml"), "\n".join(lines) + "\n")

    print("generate.py: %d pages in %d sections, %d sources, %d claims, %d words -> %s%s"
          % (n, n_sections, n_sources, total_claims, total_words, content,
             (" and " + args.hugo) if args.hugo else ""), file=sys.stderr)


if __name__ == "__main__":
    main()
