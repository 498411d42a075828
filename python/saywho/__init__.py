"""saywho: who said what in news articles.

Finds every quotation in news articles, says who said it (full name, title, affiliation), and
checks that a speaker's title agrees from one article to the next. The work is done by the saywho
Rust library (the same code as the ``saywho`` command line), in parallel, with the GIL released.

Inputs
------
Every function takes one input or a list of them, and tells them apart by **type**, never by
whether a file of that name exists:

* ``str``: the text of one article, named ``"<text N>"`` (N: its position in the list);
* ``bytes``: the bytes of one article, read as files are (invalid UTF-8 replaced, binary skipped);
* ``os.PathLike`` (``pathlib.Path``): a file, or a directory walked for ``*.txt`` in sorted order;
  the ``article`` column is the path as found, as on the command line;
* ``(name, text)``: a tuple of a name and a ``str`` or ``bytes`` text;
* a mapping ``{name: text}``: one named article per entry.

A file name given as a plain ``str`` is *text*: write ``pathlib.Path("a.txt")``.

>>> import saywho
>>> rows = saywho.extract("“We will meet again,” said Jane Roe, a spokeswoman for the ministry.")
>>> rows[0]["speaker"], rows[0]["title"]
('Jane Roe', 'spokeswoman for the ministry')

Errors
------
An input that cannot be read raises :class:`SaywhoError` with the command line's message
(``"seeds/x.txt: No such file or directory (os error 2)"``), after the other inputs were read;
``errors="warn"`` turns it into a :class:`SaywhoWarning` and ``errors="ignore"`` drops it.
Skipped binary files and invalid UTF-8 give a :class:`SaywhoWarning` worded as
``saywho extract`` words it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, Union

from . import _saywho
from ._saywho import SaywhoError, SaywhoWarning, __version__

if TYPE_CHECKING:
    import pandas

__all__ = [
    "extract",
    "extract_df",
    "check",
    "check_df",
    "report",
    "SaywhoError",
    "SaywhoWarning",
    "__version__",
    "COLUMN_DTYPES",
]

#: One article: its text, its bytes, a path, or ``(name, text)``.
Article = Union[str, bytes, "os.PathLike[str]", tuple[str, Union[str, bytes]]]
#: What the functions take: one article, a list of them, or ``{name: text}``.
Inputs = Union[Article, Iterable[Article], Mapping[str, Union[str, bytes]]]
Errors = Literal["raise", "warn", "ignore"]

# The DataFrame's dtypes, by column name. Columns missing from the rows are skipped, and columns
# not named here get a dtype from their values (all text: "string"; all integers: "Int64"), so a
# field added to the library's rows later arrives typed without a change here.
#: Integer columns: nullable ``Int64`` (``title_start``/``title_end`` are ``<NA>`` without a title).
INT_COLUMNS = ("start", "end", "paragraph", "title_start", "title_end")
#: Categorical columns, with the values known today first (a value seen later is added).
CATEGORY_COLUMNS: dict[str, tuple[str, ...]] = {
    "kind": ("direct", "partial", "scare"),
    "method": (
        "after-quote",
        "before-quote",
        "colon-intro",
        "according-to",
        "subject",
        "pronoun",
        "surname",
        "nominal",
        "unnamed",
        "continuation",
    ),
    "verdict": ("conflict", "changed", "refinement", "consistent", "unverified"),
}
#: Text columns: pandas ``string``; an empty cell (the command line's empty CSV field) is ``<NA>``.
STRING_COLUMNS = (
    "article",
    "quote",
    "speaker",
    "title",
    "affiliation",
    "party",
    "status",
    "date",
    "cue",
    "rule",
    "mention",
    "reason",
    "evidence",
)
#: The dtype of every column named above.
COLUMN_DTYPES: dict[str, str] = {
    **{c: "Int64" for c in INT_COLUMNS},
    **{c: "category" for c in CATEGORY_COLUMNS},
    **{c: "string" for c in STRING_COLUMNS},
}

_ERRORS = ("raise", "warn", "ignore")


def _is_named_text(x: object) -> bool:
    return (
        isinstance(x, tuple)
        and len(x) == 2
        and isinstance(x[0], str)
        and isinstance(x[1], (str, bytes))
    )


def _items(inputs: Any, records: bool = False) -> list[tuple[str, str, Any]]:
    """Sorts the inputs by type into ``(kind, name, payload)`` for the extension module."""
    if isinstance(inputs, (str, bytes, bytearray, memoryview, os.PathLike)):
        inputs = [inputs]
    elif isinstance(inputs, Mapping):
        inputs = list(inputs.items())
    elif records and _is_dataframe(inputs):
        inputs = _records_from_df(inputs)
    elif not isinstance(inputs, Iterable):
        raise TypeError(
            f"saywho: expected article text (str), a path (pathlib.Path), (name, text) or a "
            f"list of them, not {type(inputs).__name__}"
        )
    out: list[tuple[str, str, Any]] = []
    for i, x in enumerate(inputs):
        if isinstance(x, os.PathLike):
            out.append(("path", os.fsdecode(os.fspath(x)), None))
        elif isinstance(x, str):
            out.append(("text", f"<text {i}>", x))
        elif isinstance(x, (bytes, bytearray, memoryview)):
            out.append(("bytes", f"<text {i}>", bytes(x)))
        elif _is_named_text(x):
            name, text = x
            out.append(("text" if isinstance(text, str) else "bytes", name, text))
        elif records and isinstance(x, Mapping):
            out.append(("record", str(x.get("article", "")), dict(x)))
        else:
            what = "article text (str), a path (pathlib.Path) or (name, text)"
            if records:
                what += " or a quote row (dict)"
            raise TypeError(f"saywho: input {i} is a {type(x).__name__}; expected {what}")
    return out


def _check_errors(errors: str) -> None:
    if errors not in _ERRORS:
        raise ValueError(f"saywho: errors must be one of {_ERRORS}, not {errors!r}")


def _patterns(patterns: str | os.PathLike[str] | None) -> str | None:
    return None if patterns is None else os.fsdecode(os.fspath(patterns))


def extract(
    inputs: Inputs,
    threads: int | None = None,
    *,
    patterns: str | os.PathLike[str] | None = None,
    errors: Errors = "raise",
) -> list[dict[str, Any]]:
    """Extracts every quote with its speaker, title and affiliation.

    Returns one dict per quote, in input order and text order: the objects of
    ``saywho extract --format jsonl`` (keys ``article``, ``start``, ``end``, ``quote``,
    ``speaker``, ``title``, ``affiliation``, ``cue``, ``kind``, ``method``, ``rule``,
    ``paragraph``, ``mention``, ``title_start``, ``title_end``, and any the library adds).
    ``start``/``end`` are UTF-8 *byte* offsets of the quote's inner text; unknown text fields
    are ``""`` and a missing ``title_start``/``title_end`` is ``None``.

    Args:
        inputs: article texts, bytes, paths, ``(name, text)`` tuples, or ``{name: text}``
            (see the module documentation: ``str`` is always text, never a file name).
        threads: worker threads; ``None`` or ``0``: all cores. The rows are the same whatever
            the number.
        patterns: a pattern directory instead of the set built in.
        errors: what an input that cannot be read does: ``"raise"`` :class:`SaywhoError`,
            ``"warn"`` (:class:`SaywhoWarning`), or ``"ignore"``.

    >>> [r["quote"] for r in extract({"a": "“It is over,” she said."})]
    ['It is over,']
    """
    _check_errors(errors)
    return _saywho.extract(_items(inputs), threads, _patterns(patterns), errors)


def extract_df(
    inputs: Inputs,
    threads: int | None = None,
    *,
    patterns: str | os.PathLike[str] | None = None,
    errors: Errors = "raise",
) -> pandas.DataFrame:
    """:func:`extract` as a :class:`pandas.DataFrame`, one row per quote.

    Dtypes: offsets and ``paragraph`` are nullable ``Int64`` (``title_start``/``title_end`` are
    ``<NA>`` where no title was given); ``kind`` and ``method`` are categorical; text columns are
    pandas ``string`` with ``<NA>`` where the command line's CSV has an empty field (an unknown
    speaker, no title). The column order is the command line's. Needs pandas.

    >>> df = extract_df({"a": "“It is over,” said Jane Roe, a spokeswoman."})
    >>> df.loc[0, "speaker"], str(df["kind"].dtype), str(df["title_start"].dtype)
    ('Jane Roe', 'category', 'Int64')
    """
    import pandas as pd

    _check_errors(errors)
    columns = _saywho.extract_columns(_items(inputs), threads, _patterns(patterns), errors)
    return _typed(pd.DataFrame(columns))


def check(
    inputs: Inputs | pandas.DataFrame | Iterable[Mapping[str, Any]],
    all: bool = False,
    threads: int | None = None,
    *,
    speaker: str | None = None,
    dates: Mapping[str, str] | None = None,
    patterns: str | os.PathLike[str] | None = None,
    errors: Errors = "raise",
) -> list[dict[str, Any]]:
    """Checks that each person's descriptions (title, affiliation, party, status) agree across
    articles.

    Returns one dict per person, conflicts first (``saywho check --format jsonl``): keys
    ``speaker``, ``verdict`` (``"conflict"``, ``"changed"``, ``"refinement"``, ``"consistent"``,
    ``"unverified"``, or any the library adds), ``reason``, ``person``, ``descriptions`` (each
    distinct description once: ``title``, ``affiliation``, ``party``, ``status``, ``articles``,
    ``evidence``), and ``mentions``: one dict per article with ``article``, ``title``,
    ``affiliation``, ``party``, ``status``, ``date``, ``start``, ``end`` (where the title was
    given) and ``evidence`` (the sentence that gave it).

    Args:
        inputs: as for :func:`extract`; paths may also be quote tables written by
            ``saywho extract`` (``.csv``, ``.jsonl``, Spark ``part-*`` files), and directories
            give their articles and tables, as ``saywho check`` reads them. Quote rows already
            extracted may be given instead: the list of dicts from :func:`extract`, or the
            DataFrame from :func:`extract_df`.
        all: also report speakers quoted in only one article, and organisations and groups.
        speaker: only this speaker (any spelling of the name).
        dates: article name (path, file name or stem) -> date (``"2017-03-01"``, ``"2017-03"``,
            ``"March 1, 2017"``), beside the dates the rows carry; a post that differs between
            articles more than a month apart is ``"changed"``, not ``"conflict"``.
        threads, patterns, errors: as for :func:`extract`.
    """
    _check_errors(errors)
    return _saywho.check(
        _items(inputs, records=True),
        all,
        speaker,
        dict(dates) if dates is not None else None,
        threads,
        _patterns(patterns),
        errors,
    )


def check_df(
    inputs: Inputs | pandas.DataFrame | Iterable[Mapping[str, Any]],
    all: bool = False,
    threads: int | None = None,
    *,
    patterns: str | os.PathLike[str] | None = None,
    errors: Errors = "raise",
) -> pandas.DataFrame:
    """:func:`check` as a :class:`pandas.DataFrame`: one row per speaker and article
    (``saywho check --format csv``), the speaker's fields beside each mention's. ``verdict`` is
    categorical. Needs pandas."""
    import pandas as pd

    rows = []
    for report in check(inputs, all, threads, patterns=patterns, errors=errors):
        head = {k: v for k, v in report.items() if k not in ("mentions", "descriptions")}
        for mention in report.get("mentions", []):
            rows.append({**head, **mention})
    return _typed(pd.DataFrame(rows))


def report(
    inputs: Inputs | pandas.DataFrame | Iterable[Mapping[str, Any]],
    title: str = "saywho report",
    all: bool = True,
    threads: int | None = None,
    *,
    patterns: str | os.PathLike[str] | None = None,
    errors: Errors = "raise",
) -> str:
    """The HTML report of ``saywho report``, as a string: one self-contained page with each
    article's text and its quotes highlighted by kind, and every speaker's titles side by side,
    conflicts first. Article text is escaped: it is shown as text, never as markup.

    Takes what :func:`check` takes; ``all=False`` keeps only speakers quoted in two articles or
    more. Rows given without their texts (dicts, a DataFrame, a table) show their articles when
    the files they name can be read. In a notebook: ``IPython.display.HTML(saywho.report(...))``.

    >>> page = report({"a": "“We <b>will</b> go,” said Ann Oak, the mayor."})
    >>> "&#60;b&#62;will&#60;/b&#62;" in page and "<b>will" not in page
    True
    """
    _check_errors(errors)
    return _saywho.report(
        _items(inputs, records=True), title, all, threads, _patterns(patterns), errors
    )


def _typed(df: pandas.DataFrame) -> pandas.DataFrame:
    """Gives each column its dtype: by name (COLUMN_DTYPES), else from its values."""
    import pandas as pd

    for name in df.columns:
        col = df[name]
        dtype = COLUMN_DTYPES.get(name) or _inferred_dtype(col)
        if dtype == "Int64":
            df[name] = col.astype("Int64")
        elif dtype == "string":
            df[name] = col.astype("string").replace("", pd.NA)
        elif dtype == "category":
            values = col.astype("string").replace("", pd.NA)
            known = list(CATEGORY_COLUMNS.get(name, ()))
            seen = [v for v in values.dropna().unique() if v not in known]
            df[name] = pd.Categorical(values, categories=known + sorted(seen))
    return df


def _inferred_dtype(col: pandas.Series) -> str | None:
    values = col.dropna()
    if len(values) == 0:
        return None
    if all(isinstance(v, str) for v in values):
        return "string"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Int64"
    return None


def _is_dataframe(x: object) -> bool:
    return type(x).__name__ == "DataFrame" and hasattr(x, "to_dict")


def _records_from_df(df: pandas.DataFrame) -> list[dict[str, Any]]:
    """The rows of an :func:`extract_df` frame as the library's rows: ``<NA>`` back to ``""`` in
    text columns and to ``None`` in integer ones."""
    import pandas as pd

    rows = df.to_dict("records")
    for row in rows:
        for k, v in row.items():
            if v is None or v is pd.NA or (isinstance(v, float) and v != v):
                row[k] = None if COLUMN_DTYPES.get(k) == "Int64" else ""
            elif hasattr(v, "item"):  # numpy scalars
                row[k] = v.item()
    return rows
