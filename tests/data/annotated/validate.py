#!/usr/bin/env python3
"""Validate the hand-annotated gold files and print their counts.

usage: python3 validate.py [GOLD.jsonl ...] [--allsides DIR] [--bbc DIR]

With no files, checks every *.jsonl next to this script, and reports an error if one of the six
gold files (EXPECTED: allsides- and bbc-politics- dev, holdout and holdout2) is missing. Articles
are read from the AllSides articles directory for allsides-*.jsonl and from the BBC politics
directory for bbc-politics-*.jsonl. For every entry it checks: the keys and their types; "quote" is "" (the texts are the publishers'
copyright and are not copied here); kind is direct/partial/scare; a scare quote has no speaker
fields; 0 <= start < end <= len(text); the character before start is an opening quotation mark;
the character at end is a closing mark, or the paragraph ends there (only whitespace up to the
newline or the end of the file), or the next piece of the same quotation re-opens there
(whitespace, then an opening mark: multi-paragraph quotes whose paragraph break the text lost);
entries of an article are in text order and do not overlap, and an article's entries are
contiguous in the file; one speaker has the same title/affiliation/party/status everywhere in an
article. It also warns about double quotation marks of an article that no entry accounts for.
Exit status 1 if any error was found.
"""
import collections, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALLSIDES = "/work/shared/corpora/allsides-news/articles"
BBC = "/work/shared/corpora/bbc-fulltext/bbc/politics"
OPEN = {"\u201c", '"', "\u2018", "'"}
CLOSE = {"\u201d", '"', "\u2019", "'"}
DOUBLE = {"\u201c", "\u201d", '"'}
KEYS = ["article", "start", "end", "quote", "kind", "speaker", "title", "affiliation", "party", "status"]
KINDS = {"direct", "partial", "scare"}
EXPECTED = [f"{c}-{s}.jsonl" for c in ("allsides", "bbc-politics") for s in ("dev", "holdout", "holdout2")]
STATUSES = {"former", "then", "acting", "interim", "incoming", "outgoing", "elect", "retired"}


def end_ok(text, e):
    if text[e] in CLOSE:
        return True
    k = e
    while k < len(text) and text[k] in " \t":
        k += 1
    if k == len(text) or text[k] == "\n":
        return True  # paragraph end
    return k > e and text[k] in OPEN  # re-opened: next piece of the same quotation


def check(path, art_dir):
    errors, warnings = [], []
    rows = []
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
        except ValueError as ex:
            errors.append(f"line {n}: bad JSON: {ex}")
            continue
        r["_line"] = n
        rows.append(r)
    texts, seen_order, last = {}, [], None
    by_art = collections.defaultdict(list)
    for r in rows:
        n = r["_line"]
        if list(k for k in r if k != "_line") != KEYS:
            errors.append(f"line {n}: keys {list(k for k in r if k != '_line')} != {KEYS}")
            continue
        a = r["article"]
        if os.path.basename(a) != a:
            errors.append(f"line {n}: article must be a file name only")
        if a != last:
            if a in by_art:
                errors.append(f"line {n}: entries of {a} are not contiguous")
            seen_order.append(a)
            last = a
        by_art[a].append(r)
        if a not in texts:
            p = os.path.join(art_dir, a)
            if not os.path.exists(p):
                errors.append(f"line {n}: no article {p}")
                texts[a] = None
            else:
                with open(p, encoding="utf-8") as f:
                    texts[a] = f.read()
        text = texts[a]
        if r["quote"] != "":
            errors.append(f"line {n}: quote must be empty")
        if r["kind"] not in KINDS:
            errors.append(f"line {n}: kind {r['kind']!r}")
        for k in ("speaker", "title", "affiliation", "party", "status"):
            if r[k] is not None and (not isinstance(r[k], str) or not r[k].strip()):
                errors.append(f"line {n}: {k} must be a non-empty string or null")
        if r["kind"] == "scare" and any(r[k] for k in ("speaker", "title", "affiliation", "party", "status")):
            errors.append(f"line {n}: scare quote with speaker fields")
        if r["kind"] != "scare" and r["speaker"] is None and any(r[k] for k in ("title", "affiliation", "party", "status")):
            errors.append(f"line {n}: fields without a speaker")
        if r["status"] is not None and r["status"] not in STATUSES:
            errors.append(f"line {n}: status {r['status']!r}")
        s, e = r["start"], r["end"]
        if not (isinstance(s, int) and isinstance(e, int)):
            errors.append(f"line {n}: start/end must be integers")
            continue
        if text is None:
            continue
        if not (1 <= s < e <= len(text) - 1 or (1 <= s < e == len(text))):
            errors.append(f"line {n}: offsets {s}-{e} out of range (len {len(text)})")
            continue
        if text[s - 1] not in OPEN:
            errors.append(f"line {n}: character before start is {text[s - 1]!r}, not an opening mark")
        if e < len(text) and not end_ok(text, e):
            errors.append(f"line {n}: character at end is {text[e]!r}: not a closing mark nor a paragraph end")
        if "\n" in text[s:e]:
            errors.append(f"line {n}: span crosses a paragraph break")
    for a, rs in by_art.items():
        prev = None
        for r in rs:
            if prev is not None and (r["start"], r["end"]) <= (prev["start"], prev["end"]):
                errors.append(f"line {r['_line']}: not in text order")
            if prev is not None and r["start"] < prev["end"]:
                errors.append(f"line {r['_line']}: overlaps line {prev['_line']}")
            prev = r
        desc = {}
        for r in rs:
            if r["speaker"] is None:
                continue
            d = (r["title"], r["affiliation"], r["party"], r["status"])
            if desc.setdefault(r["speaker"], d) != d:
                errors.append(f"line {r['_line']}: {r['speaker']!r} described differently in one article")
        text = texts.get(a)
        if text:
            bounds = set()
            for r in rs:
                bounds.add(r["start"] - 1)
                k = r["end"]
                while k < len(text) and text[k] in " \t":
                    k += 1
                if k < len(text) and text[k] in CLOSE:
                    bounds.add(k)
            for i, ch in enumerate(text):
                if ch in DOUBLE and i not in bounds:
                    ctx = text[max(0, i - 30):i + 30].replace("\n", " | ")
                    warnings.append(f"{a}: mark {ch!r} at {i} not accounted for: …{ctx}…")
    return rows, by_art, errors, warnings


def counts(rows, by_art):
    c = collections.Counter()
    for r in rows:
        c[r["kind"]] += 1
        if r["kind"] != "scare":
            for k in ("speaker", "title", "affiliation", "party", "status"):
                if r.get(k):
                    c[k] += 1
    return (f"{len(by_art)} articles, {len(rows)} quotes: direct {c['direct']}, partial {c['partial']}, "
            f"scare {c['scare']}; of the non-scare: speaker {c['speaker']}, title {c['title']}, "
            f"affiliation {c['affiliation']}, party {c['party']}, status {c['status']}")


def main(argv):
    args, allsides, bbc = [], ALLSIDES, BBC
    it = iter(argv[1:])
    for a in it:
        if a == "--allsides":
            allsides = next(it)
        elif a == "--bbc":
            bbc = next(it)
        else:
            args.append(a)
    files = args or sorted(os.path.join(HERE, f) for f in os.listdir(HERE) if f.endswith(".jsonl"))
    bad = 0
    if not args:
        for name in EXPECTED:
            if not os.path.exists(os.path.join(HERE, name)):
                print(f"ERROR: missing gold file {name}")
                bad += 1
    for p in files:
        d = bbc if os.path.basename(p).startswith("bbc") else allsides
        rows, by_art, errors, warnings = check(p, d)
        print(f"{os.path.basename(p)}: {counts(rows, by_art)}")
        for w in warnings:
            print(f"  warning: {w}")
        for e in errors:
            print(f"  ERROR: {e}")
        bad += len(errors)
    print("OK" if not bad else f"{bad} error(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
