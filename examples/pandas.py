# %% [markdown]
# # Who said what in the seed articles, with pandas
#
# A notebook-style script (the `# %%` cells open as a notebook in Jupyter with jupytext, VS Code
# or PyCharm; `python examples/pandas.py` runs it whole). It needs the `saywho` package
# (`pip install ./python`) and pandas, and reads the four articles in `seeds/`.

# %%
import pathlib
import sys

# This script is named pandas.py: run as `python examples/pandas.py`, its own folder comes first
# on the import path, and `import pandas` would find the script instead of the library.
HERE = pathlib.Path(__file__).resolve().parent
sys.path = [p for p in sys.path if pathlib.Path(p or ".").resolve() != HERE]

import pandas as pd  # noqa: E402

import saywho  # noqa: E402

ROOT = HERE.parent
pd.set_option("display.width", 120)
pd.set_option("display.max_colwidth", 50)

# A pathlib.Path is a file or a directory of *.txt articles; a plain str would be article text.
quotes = saywho.extract_df(ROOT / "seeds")
quotes["article"] = quotes["article"].str.replace(str(ROOT) + "/", "", regex=False)
print(f"{len(quotes)} quotes in {quotes['article'].nunique()} articles\n")
print(quotes.dtypes.to_string(), "\n")

# %% [markdown]
# ## Quotes by kind
# `kind` is categorical: direct quotes, partial quotes inside reported speech, and scare quotes
# (terms, titles of works, nicknames), which never have a speaker.

# %%
print(quotes["kind"].value_counts().to_string(), "\n")

# %% [markdown]
# ## The speakers
# One row per speaker: how often quoted, in how many articles, and the title and affiliation the
# article gives. Unknown speakers are `<NA>`, so `dropna` leaves the named ones.

# %%
named = quotes.dropna(subset=["speaker"])
speakers = (
    named.groupby("speaker", sort=False)
    .agg(
        quotes=("quote", "size"),
        articles=("article", "nunique"),
        title=("title", "first"),
        affiliation=("affiliation", "first"),
    )
    .sort_values(["quotes", "articles"], ascending=False)
)
print(speakers.to_string(), "\n")

# %% [markdown]
# ## Where each title was given
# `title_start`/`title_end` are nullable integers (byte offsets into the article), `<NA>` where
# the article gives no title: slice the article's bytes to see the words.

# %%
first = named.dropna(subset=["title_start"]).drop_duplicates("speaker").head(5)
for row in first.itertuples():
    text = (ROOT / row.article).read_bytes()
    given = text[row.title_start : row.title_end].decode()
    print(f"{row.speaker}: {given!r}")
print()

# %% [markdown]
# ## Do the titles agree?
# `check_df` gives one row per speaker and article; with `all=True`, speakers quoted in a single
# article too.

# %%
verdicts = saywho.check_df(quotes, all=True)
print(verdicts[["speaker", "verdict", "title", "affiliation"]].to_string())
