#!/usr/bin/env python3
"""Deterministic selection of the hand-annotated gold sets.

usage: python3 select.py [--set holdout2] [ALLSIDES_DIR] [BBC_POLITICS_DIR]

AllSides: the article ids of metadata.tsv, sorted, shuffled with random.Random(20261206); walk the
list, take an article when its text has 4..30 double-quotation-mark pairs, at most one article per
outlet (`source`), skipping the mostly-opinion outlets in SKIP_OUTLETS, until 24 are taken: the
first 12 are the dev set, the next 12 the holdout set.

BBC politics: the sorted names of bbc/politics/*.txt shuffled with random.Random(20261207); the first
8 files with >= 4 double-quotation-mark pairs: first 4 dev, next 4 holdout.

With --set holdout2, prints the second holdout selection instead: AllSides with
random.Random(20261208), the same rules (4..30 pairs, at most one article per outlet within the set,
the same skipped outlets), leaving out the 24 articles of dev and holdout, 12 articles; BBC politics
with random.Random(20261208), leaving out the 8 files of dev and holdout, the first 4 with >= 4 pairs.
Outlets may repeat across sets; only the already-selected articles are left out.

Pairs are counted as min(#“, #”) + (#" // 2).
"""
import csv, glob, os, random, sys

ALLSIDES = "/work/shared/corpora/allsides-news"
BBC_POL = "/work/shared/corpora/bbc-fulltext/bbc/politics"

# Outlets whose pieces in this corpus are mostly opinion, commentary or advocacy (see README.md).
SKIP_OUTLETS = {
    "National Review", "Townhall", "Salon", "Reason", "Daily Kos", "American Spectator",
    "Media Matters", "Vox", "Slate", "The Atlantic",
}


def pairs(text):
    return min(text.count("\u201c"), text.count("\u201d")) + text.count('"') // 2


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def walk_allsides(root, seed, count, done=frozenset()):
    """The AllSides walk: ids sorted, shuffled with `seed`; an article is taken when it is not in
    `done`, its outlet is not skipped nor taken yet, and it has 4-30 pairs; `count` of them."""
    with open(os.path.join(root, "metadata.tsv"), encoding="utf-8", newline="") as f:
        meta = {r["id"]: r for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    ids = sorted(meta)
    random.Random(seed).shuffle(ids)
    taken, outlets = [], set()
    for i in ids:
        src = meta[i]["source"]
        if i in done or src in SKIP_OUTLETS or src in outlets:
            continue
        n = pairs(read(os.path.join(root, "articles", i + ".txt")))
        if 4 <= n <= 30:
            taken.append((i + ".txt", src, n, meta[i]["title"]))
            outlets.add(src)
            if len(taken) == count:
                break
    return taken


def walk_bbc(root, seed, count, done=frozenset()):
    """The BBC politics walk: names sorted, shuffled with `seed`; a file not in `done` with at
    least 4 pairs is taken; `count` of them."""
    names = sorted(os.path.basename(p) for p in glob.glob(os.path.join(root, "*.txt")))
    random.Random(seed).shuffle(names)
    taken = []
    for n in names:
        if n in done:
            continue
        text = read(os.path.join(root, n))
        k = pairs(text)
        if k >= 4:
            taken.append((n, "BBC politics", k, text.split("\n", 1)[0]))
            if len(taken) == count:
                break
    return taken


def select_allsides(root=ALLSIDES):
    taken = walk_allsides(root, 20261206, 24)
    return taken[:12], taken[12:]


def select_bbc(root=BBC_POL):
    taken = walk_bbc(root, 20261207, 8)
    return taken[:4], taken[4:]


def select_allsides_holdout2(root=ALLSIDES):
    dev, holdout = select_allsides(root)
    done = {art[:-len(".txt")] for art, _, _, _ in dev + holdout}
    return walk_allsides(root, 20261208, 12, done)


def select_bbc_holdout2(root=BBC_POL):
    dev, holdout = select_bbc(root)
    return walk_bbc(root, 20261208, 4, {n for n, _, _, _ in dev + holdout})


def main(argv):
    argv = list(argv)
    which = None
    if "--set" in argv:
        k = argv.index("--set")
        which = argv[k + 1] if k + 1 < len(argv) else None
        del argv[k:k + 2]
        if which != "holdout2":
            print("usage: select.py [--set holdout2] [ALLSIDES_DIR] [BBC_POLITICS_DIR]", file=sys.stderr)
            return 2
    a_root = argv[1] if len(argv) > 1 else ALLSIDES
    b_root = argv[2] if len(argv) > 2 else BBC_POL
    if which == "holdout2":
        for name, rows in (("allsides", select_allsides_holdout2(a_root)),
                           ("bbc-politics", select_bbc_holdout2(b_root))):
            for art, src, n, title in rows:
                print(f"{name}-holdout2\t{art}\t{src}\t{n}\t{title}")
        return 0
    for name, sets in (("allsides", select_allsides(a_root)), ("bbc-politics", select_bbc(b_root))):
        for split, rows in zip(("dev", "holdout"), sets):
            for art, src, n, title in rows:
                print(f"{name}-{split}\t{art}\t{src}\t{n}\t{title}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
