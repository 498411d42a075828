#!/usr/bin/env python3
"""Annotator's helper: list every quotation-mark span of an article with offsets and context.

usage: python3 marks.py ARTICLE.txt [--singles] [--text]

Prints one line per candidate span: index, start, end (code-point offsets of the inner text,
end exclusive, as score.py and the gold files use them), how it closes ("close" or "para-end"
for a piece of a multi-paragraph quote), and the text around it. Curly “…” and straight "…"
marks are paired within a paragraph; an opening mark left without a closing mark runs to the end
of its paragraph. With --singles, curly ‘…’ and straight '…' spans that are not inside a double
quotation (and not apostrophes) are listed too, marked "S". With --text, the paragraphs are printed
first with their offsets. Nothing is decided here: every field is decided by reading.
"""
import re, sys

OPEN_D, CLOSE_D = "\u201c", "\u201d"


def paragraphs(text):
    pos = 0
    for line in text.split("\n"):
        yield pos, line
        pos += len(line) + 1


OPENERS_BEFORE = set("([{\u2014\u2013-/")


def _straight_role(line, i, is_open):
    """Is the straight mark at line[i] opening ("open") or closing ("close")?"""
    prev = line[i - 1] if i > 0 else None
    nxt = line[i + 1] if i + 1 < len(line) else None
    can_open = (prev is None or prev.isspace() or prev in OPENERS_BEFORE) and nxt is not None and not nxt.isspace()
    can_close = prev is not None and not prev.isspace()
    if is_open and can_close:
        return "close"
    if can_open:
        return "open"
    return "close" if is_open else "open"


def double_spans(text):
    """Pair double marks within each paragraph (a line of the file). “ opens and ” closes; a straight
    " opens when it follows a space or the line start and precedes a non-space, else closes (mixed
    pairs such as “…" occur in the corpus). An opening mark met while a quote is open starts a new
    piece and ends the open one before the whitespace in front of it ("reopen": BBC texts lost the
    paragraph breaks of multi-paragraph quotes, leaving `… end. "Next paragraph …`); a piece never
    closed runs to the end of its paragraph ("para-end"); a closing mark with nothing open is
    reported as "STRAY-close" (an empty span)."""
    out = []
    for p0, line in paragraphs(text):
        start = None  # offset in line of the inner text of the open piece
        for i, c in enumerate(line):
            if c == OPEN_D:
                role = "open"
            elif c == CLOSE_D:
                role = "close"
            elif c == '"':
                role = _straight_role(line, i, start is not None)
            else:
                continue
            if role == "open":
                if start is not None:
                    out.append((p0 + start, p0 + len(line[:i].rstrip()), "reopen"))
                start = i + 1
            elif start is not None:
                out.append((p0 + start, p0 + i, "close"))
                start = None
            else:
                out.append((p0 + i, p0 + i, "STRAY-close"))
        if start is not None:
            out.append((p0 + start, p0 + len(line.rstrip()), "para-end"))
    return out


def single_spans(text, doubles):
    inside = lambda k: any(s <= k < e for s, e, _ in doubles)
    out = []
    for m in re.finditer(r"(?<![\w])([\u2018'])(?=\S)(.+?)(?<=\S)([\u2019'])(?![\w])", text):
        if "\n" in m.group(2) or inside(m.start()):
            continue
        out.append((m.start(2), m.end(2), "S"))
    return out


def main(argv):
    path = argv[1]
    text = open(path, encoding="utf-8").read()
    if "--text" in argv:
        for p0, line in paragraphs(text):
            if line.strip():
                print(f"[{p0}] {line}")
        print("-" * 60)
    ds = double_spans(text)
    spans = ds + (single_spans(text, ds) if "--singles" in argv else [])
    spans.sort()
    for k, (s, e, how) in enumerate(spans):
        before = text[max(0, s - 70):s - 1].replace("\n", " | ")
        after = text[e + 1:e + 50].replace("\n", " | ")
        print(f"#{k} {s}-{e} {how}\n   ...{before}<<{text[s:e]}>>{after}...")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
