"""The saywho Python package against the seed articles, the check fixtures and the command line.

Run from anywhere after installing the package: ``pytest python/tests``.
"""

from __future__ import annotations

import ast
import csv
import pathlib
import subprocess
import threading
import time
import warnings

import pytest

import saywho

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
CHECK = ROOT / "tests" / "data" / "check"
GOLDEN = ROOT / "tests" / "golden" / "seeds"


@pytest.fixture
def at_root(monkeypatch):
    """Runs the test from the repository root, so article names read `seeds/…` as in the goldens."""
    monkeypatch.chdir(ROOT)


def cell(value) -> str:
    """A value as the command line's CSV writes it."""
    return "" if value is None else str(value)


def test_seed_rows_equal_the_golden_files(at_root):
    rows = saywho.extract(pathlib.Path("seeds"))
    expected = []
    for golden in sorted(GOLDEN.glob("*.csv")):
        with open(golden, newline="", encoding="utf-8") as f:
            expected.extend(csv.DictReader(f))
    assert len(rows) == len(expected) > 30
    for got, want in zip(rows, expected):
        assert {k: cell(got.get(k)) for k in want} == want
    # Every field of the library's rows reaches Python (the goldens are the full table).
    assert list(rows[0]) == list(expected[0])


def test_duyeon_kim_is_an_adjunct_senior_fellow():
    rows = saywho.extract(SEEDS / "000_1f05a5283b43b376.txt")
    kim = [r for r in rows if r["speaker"] == "Duyeon Kim"]
    assert len(kim) >= 2
    assert {r["title"] for r in kim} == {"adjunct senior fellow"}
    assert {r["affiliation"] for r in kim} == {"Center for a New American Security"}
    text = (SEEDS / "000_1f05a5283b43b376.txt").read_bytes()
    for r in rows:
        # Offsets are UTF-8 byte offsets into the file.
        assert text[r["start"] : r["end"]].decode() == r["quote"]
    first = kim[0]
    assert text[first["title_start"] : first["title_end"]].decode().find("adjunct senior fellow") >= 0


def test_a_str_is_text_even_when_a_file_has_that_name(at_root):
    assert (ROOT / "seeds" / "000_1f05a5283b43b376.txt").exists()
    assert saywho.extract("seeds/000_1f05a5283b43b376.txt") == []
    assert saywho.extract(pathlib.Path("seeds/000_1f05a5283b43b376.txt"))


def test_texts_bytes_named_texts_and_mappings():
    text = "“We will meet again,” said Jane Roe, a spokeswoman for the ministry."
    one = saywho.extract(text)
    assert [(r["article"], r["speaker"], r["title"]) for r in one] == [
        ("<text 0>", "Jane Roe", "spokeswoman for the ministry")
    ]
    assert one[0]["quote"] == "We will meet again,"
    mixed = saywho.extract(["no quotes here", text.encode(), ("named", text)])
    assert [r["article"] for r in mixed] == ["<text 1>", "named"]
    assert [r["article"] for r in saywho.extract({"a": text, "b": text})] == ["a", "b"]
    assert saywho.extract([]) == []


def test_input_order_is_kept_across_texts_and_paths(at_root):
    text = "“It is over,” said Jane Roe, a spokeswoman."
    rows = saywho.extract([("first", text), pathlib.Path("seeds/001_8b27149515194114.txt"), ("last", text)])
    articles = [r["article"] for r in rows]
    assert articles[0] == "first" and articles[-1] == "last"
    assert set(articles[1:-1]) == {"seeds/001_8b27149515194114.txt"}


def test_thread_count_does_not_change_the_rows():
    one = saywho.extract(SEEDS, threads=1)
    assert saywho.extract(SEEDS, threads=2) == one == saywho.extract(SEEDS)


def test_unreadable_path_raises_the_command_lines_message(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(saywho.SaywhoError) as err:
        saywho.extract([SEEDS, missing])
    assert str(err.value) == f"{missing}: No such file or directory (os error 2)"
    with pytest.warns(saywho.SaywhoWarning, match="No such file"):
        rows = saywho.extract([SEEDS, missing], errors="warn")
    assert len(rows) == len(saywho.extract(SEEDS))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert saywho.extract([missing], errors="ignore") == []
    with pytest.raises(ValueError):
        saywho.extract(SEEDS, errors="skip")


def test_bad_patterns_dir_raises(tmp_path):
    with pytest.raises(saywho.SaywhoError, match=f"^loading patterns from {tmp_path}"):
        saywho.extract("text", patterns=tmp_path)


def test_the_command_line_words_errors_the_same(tmp_path):
    binary = ROOT / "target" / "release" / "saywho"
    if not binary.exists():
        pytest.skip(f"{binary} not built (cargo build --release)")
    missing = tmp_path / "missing.txt"
    cli = subprocess.run([binary, "extract", missing], capture_output=True, text=True)
    with pytest.raises(saywho.SaywhoError) as err:
        saywho.extract(missing)
    assert f"saywho: {err.value}" in cli.stderr.splitlines()


def test_damaged_and_binary_inputs_warn_as_the_command_line_does():
    with pytest.warns(saywho.SaywhoWarning) as record:
        rows = saywho.extract([b"\x00\x01\x02 binary", "“Fine,” she said.".encode() + b" \xff"])
    messages = [str(w.message) for w in record]
    assert messages == [
        "<text 0>: skipped: binary file (NUL byte at offset 0)",
        f"<text 1>: invalid UTF-8 at byte {len('“Fine,” she said.'.encode()) + 1}; bad bytes treated as non-text",
    ]
    assert [r["quote"] for r in rows] == ["Fine,"]


def test_wrong_types_are_refused():
    with pytest.raises(TypeError, match="input 0 is a int"):
        saywho.extract([3])
    with pytest.raises(TypeError):
        saywho.extract(3)


def test_the_gil_is_released_while_rust_works():
    big = (SEEDS / "000_1f05a5283b43b376.txt").read_text() * 300  # about 2 MB
    started = time.perf_counter()
    saywho.extract(big, threads=1)
    alone = time.perf_counter() - started
    assert alone > 0.05, f"extraction too quick ({alone:.3f} s) to tell"
    # This thread keeps running Python while another extracts: the longest stretch it waits for
    # the GIL is a few switch intervals if Rust released it, the whole extraction if not.
    t = threading.Thread(target=saywho.extract, args=(big,), kwargs={"threads": 1})
    longest = 0.0
    last = time.perf_counter()
    t.start()
    while t.is_alive():
        now = time.perf_counter()
        longest = max(longest, now - last)
        last = now
    t.join()
    assert longest < alone / 2, f"waited {longest:.3f} s for the GIL; extraction takes {alone:.3f} s"


# --------------------------------------------------------------------------------- DataFrame

pd = pytest.importorskip("pandas")


def test_dataframe_dtypes():
    df = saywho.extract_df(SEEDS)
    assert len(df) == len(saywho.extract(SEEDS))
    for c in ("start", "end", "paragraph", "title_start", "title_end"):
        assert str(df[c].dtype) == "Int64", c
    assert isinstance(df["kind"].dtype, pd.CategoricalDtype)
    assert isinstance(df["method"].dtype, pd.CategoricalDtype)
    assert list(df["kind"].cat.categories[:3]) == ["direct", "partial", "scare"]
    for c in ("article", "quote", "speaker", "title", "affiliation"):
        assert isinstance(df[c].dtype, pd.StringDtype), c
    # Scare quotes have no speaker and no title: <NA>, not "" and not NaN floats.
    scare = df[df["kind"] == "scare"]
    assert len(scare) > 0
    assert scare["speaker"].isna().all() and scare["title_start"].isna().all()
    assert scare["method"].isna().all()
    kim = df[df["speaker"] == "Duyeon Kim"]
    assert set(kim["title"]) == {"adjunct senior fellow"}
    assert kim["title_start"].notna().all()


def test_empty_dataframe_has_the_columns():
    df = saywho.extract_df([])
    assert list(df.columns) == list(saywho.extract(SEEDS)[0])
    assert str(df["title_start"].dtype) == "Int64"


def test_dtypes_follow_column_names_and_tolerate_new_and_missing_columns():
    # What the library may add later (party, status) and leave out (rule).
    frame = pd.DataFrame(
        {
            "article": ["a", "b"],
            "start": [1, 2],
            "kind": ["direct", "quoted-tweet"],
            "party": ["D", ""],
            "status": ["serving", None],
            "votes": [3, None],
        }
    )
    df = saywho._typed(frame)
    assert str(df["start"].dtype) == "Int64"
    assert list(df["kind"].cat.categories) == ["direct", "partial", "scare", "quoted-tweet"]
    assert isinstance(df["party"].dtype, pd.StringDtype) and df["party"].isna().tolist() == [False, True]
    assert isinstance(df["status"].dtype, pd.StringDtype)
    assert str(df["votes"].dtype) in ("Int64", "float64")


# ------------------------------------------------------------------------------------- check


def test_check_finds_the_fixture_conflicts():
    reports = saywho.check(CHECK)
    verdicts = [r["verdict"] for r in reports]
    assert verdicts == sorted(verdicts, key=["conflict", "refinement", "consistent"].index)
    by_name = {r["speaker"]: r for r in reports}
    raman = by_name["Priya Raman"]
    assert raman["verdict"] == "conflict"
    assert {m["title"] for m in raman["mentions"]} == {"chief economist", "senior economist"}
    assert {pathlib.Path(m["article"]).name for m in raman["mentions"]} == {
        "01_marrow_springs_smelter.txt",
        "05_flu_season_hiring.txt",
    }
    assert by_name["Marcus Delaney"]["verdict"] == "conflict"
    assert all(len(r["mentions"]) >= 2 for r in reports)
    assert len(saywho.check(CHECK, all=True)) > len(reports)


def test_check_speaker_and_dates():
    only = saywho.check(CHECK, speaker="priya raman")
    assert [r["speaker"] for r in only] == ["Priya Raman"]
    assert only[0]["verdict"] == "conflict"
    assert "Halvorsen Bank senior economist" in only[0]["descriptions"][1]["evidence"]
    # The same two descriptions a year apart: the post changed.
    dates = {"01_marrow_springs_smelter.txt": "2016-01-10", "05_flu_season_hiring": "2017-02-01"}
    changed = saywho.check(CHECK, speaker="Priya Raman", dates=dates)
    assert changed[0]["verdict"] == "changed", changed[0]["reason"]
    assert "2016-01-10 then 2017-02-01" in changed[0]["reason"]
    with pytest.raises(ValueError, match="not a date"):
        saywho.check(CHECK, dates={"a.txt": "soon"})


def test_check_takes_rows_a_dataframe_or_a_table_and_agrees(tmp_path):
    from_paths = saywho.check(CHECK)
    assert saywho.check(saywho.extract(CHECK)) == from_paths
    assert saywho.check(saywho.extract_df(CHECK)) == from_paths
    table = tmp_path / "quotes.csv"
    saywho.extract_df(CHECK).to_csv(table, index=False)
    assert saywho.check(table) == from_paths


def test_check_df_is_one_row_per_speaker_and_article():
    reports = saywho.check(CHECK)
    df = saywho.check_df(CHECK)
    assert len(df) == sum(len(r["mentions"]) for r in reports)
    assert isinstance(df["verdict"].dtype, pd.CategoricalDtype)
    assert df["verdict"].iloc[0] == "conflict"
    assert str(df["start"].dtype) == "Int64"


# ------------------------------------------------------------------------------ stubs, docs


def test_the_stub_names_what_the_module_has():
    stub = pathlib.Path(saywho._saywho.__file__).with_name("_saywho.pyi")
    if not stub.exists():
        stub = ROOT / "python" / "saywho" / "_saywho.pyi"
    tree = ast.parse(stub.read_text())
    names = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    public = {n for n in dir(saywho._saywho) if not n.startswith("_")}
    assert names == public
    assert (pathlib.Path(saywho.__file__).parent / "py.typed").exists()


def test_docstring_examples():
    import doctest

    failures, tried = doctest.testmod(saywho)
    assert tried >= 3 and failures == 0


# ------------------------------------------------------------------------------------ report


def test_report_is_one_page_with_every_quote_marked():
    page = saywho.report(SEEDS, title="Seeds & <more>")
    rows = len(saywho.extract(SEEDS))
    assert page.startswith("<!doctype html>")
    assert page.count('<tr id="a') == rows
    assert page.count('<a class="qn" href="#a') == rows
    assert "<h1>Seeds &#38; &#60;more&#62;</h1>" in page
    # From rows already extracted: the articles are read again for their texts.
    assert saywho.report(saywho.extract(SEEDS)).count('<a class="qn" href="#a') == rows


def test_report_escapes_article_text():
    text = "“<script>alert(1)</script> and \"><img src=x onerror=alert(1)>,” said Eve Mallory."
    page = saywho.report([("<i>named</i>", text)])
    assert "<script>alert" not in page and "<img" not in page and "<i>named" not in page
    assert "&#60;script&#62;alert(1)&#60;/script&#62; and " in page
    assert "&#34;&#62;&#60;img src=x onerror=alert(1)&#62;" in page
