//! `saywho._saywho`: the extension module behind the `saywho` Python package.
//!
//! In: inputs already sorted by the Python layer (`python/saywho/__init__.py`) into texts, bytes,
//! paths and quote rows. Out: Python lists and dicts.
//!
//! * The saywho library is the one implementation: this module only converts. Inputs become owned
//!   Rust values first, then the work runs with the GIL released ([`Python::detach`], PyO3's new
//!   name for `allow_threads`) on a rayon pool of the requested size.
//! * Results go to Python through serde ([`pythonize`]), never field by field, so a field added
//!   to [`saywho::QuoteRecord`] or [`saywho::consistency::SpeakerReport`] reaches Python with no
//!   change here.
//! * Messages are the command line's, without its `saywho: ` prefix: an input that cannot be read
//!   raises `SaywhoError("seeds/x.txt: No such file or directory (os error 2)")`, a skipped
//!   binary file or invalid UTF-8 gives a `SaywhoWarning` worded as `saywho extract` words it.

use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::{PyException, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use rayon::prelude::*;
use saywho::pipeline::Outcome;
use saywho::{Article, Extractor, Input, InputFormat, PatternSet, QuoteRecord};

pyo3::create_exception!(
    saywho,
    SaywhoError,
    PyException,
    "An input could not be read, or the patterns did not load; the message is the command line's."
);
pyo3::create_exception!(
    saywho,
    SaywhoWarning,
    PyUserWarning,
    "An input was skipped (a binary file) or read with invalid UTF-8 replaced."
);

/// One input, as the Python layer classified it (never by whether a file exists).
enum Item {
    /// Article text.
    Text { name: String, text: String },
    /// Article bytes, decoded as files are (invalid UTF-8 replaced, binary refused).
    Bytes { name: String, bytes: Vec<u8> },
    /// A file, or a directory walked as `saywho extract` (or, in `check`, `saywho check`) walks it.
    Path(PathBuf),
    /// A row of a quotes table (`check` only).
    Record(Box<QuoteRecord>),
}

/// One text's article and rows, or why it was skipped.
type Extracted = Result<(Article, saywho::ArticleResult), String>;

/// What a run gathered, in input order.
#[derive(Default)]
struct Collected {
    records: Vec<QuoteRecord>,
    /// Article texts by name (for the HTML report); only kept when asked for.
    texts: Vec<(String, String)>,
    warnings: Vec<String>,
    failures: Vec<String>,
}

/// How inputs are expanded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Directories give `*.txt` articles (`saywho extract`).
    Extract,
    /// Files may be quote tables too, and directories give tables as well (`saywho check`).
    Check,
}

/// The pattern set: the built-in one (compiled once per process), or a directory's.
fn load_patterns(dir: Option<&Path>) -> Result<Arc<PatternSet>, String> {
    static EMBEDDED: OnceLock<Arc<PatternSet>> = OnceLock::new();
    match dir {
        Some(d) => PatternSet::from_dir(d)
            .map(Arc::new)
            .map_err(|e| format!("loading patterns from {}: {e}", d.display())),
        None => {
            if let Some(p) = EMBEDDED.get() {
                return Ok(p.clone());
            }
            let p = Arc::new(
                PatternSet::embedded()
                    .map_err(|e| format!("loading the built-in patterns: {e}"))?,
            );
            Ok(EMBEDDED.get_or_init(|| p).clone())
        }
    }
}

/// Converts the Python layer's `(kind, name, payload)` triples into owned items.
fn items(inputs: &Bound<'_, PyList>) -> PyResult<Vec<Item>> {
    let mut out = Vec::with_capacity(inputs.len());
    for t in inputs.iter() {
        let (kind, name, payload): (String, String, Bound<'_, PyAny>) = t.extract()?;
        out.push(match kind.as_str() {
            "text" => Item::Text {
                name,
                text: payload.cast::<PyString>()?.to_str()?.to_owned(),
            },
            "bytes" => Item::Bytes {
                name,
                bytes: payload.cast::<PyBytes>()?.as_bytes().to_vec(),
            },
            "path" => Item::Path(PathBuf::from(name)),
            "record" => {
                Item::Record(pythonize::depythonize(&payload).map_err(|e| {
                    PyValueError::new_err(format!("a quote row given to check: {e}"))
                })?)
            }
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown input kind {other:?}"
                )))
            }
        });
    }
    Ok(out)
}

/// Runs the extraction over every item, in input order; `keep_texts` keeps the article texts.
fn collect(
    items: Vec<Item>,
    mode: Mode,
    threads: usize,
    patterns: &PatternSet,
    keep_texts: bool,
) -> Collected {
    let mut c = Collected::default();
    let ex = Extractor::new(patterns);
    let threads = threads.min(saywho::pipeline::MAX_THREADS);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
        .expect("a thread pool of one thread");
    // Consecutive items of one sort go together: paths through the library's own driver
    // (directory walking, batches, ordered output), texts through one parallel map.
    let mut items = items.into_iter().peekable();
    while let Some(first) = items.next() {
        match first {
            Item::Record(r) => c.records.push(*r),
            Item::Path(p) => {
                let mut paths = vec![p];
                while let Some(Item::Path(_)) = items.peek() {
                    if let Some(Item::Path(p)) = items.next() {
                        paths.push(p);
                    }
                }
                match mode {
                    Mode::Extract => {
                        let inputs: Vec<Input> = paths.into_iter().map(Input::Path).collect();
                        run_paths(&ex, &inputs, threads, keep_texts, &mut c);
                    }
                    Mode::Check => gather_paths(&paths, patterns, threads, keep_texts, &mut c),
                }
            }
            text @ (Item::Text { .. } | Item::Bytes { .. }) => {
                let mut texts = vec![text];
                while let Some(Item::Text { .. } | Item::Bytes { .. }) = items.peek() {
                    texts.extend(items.next());
                }
                let done: Vec<(String, Extracted)> = pool.install(|| {
                    texts
                        .into_par_iter()
                        .map(|t| {
                            let (name, article) = match t {
                                Item::Text { name, text } => {
                                    (name.clone(), Ok(Article::from_text(name, text)))
                                }
                                Item::Bytes { name, bytes } => (
                                    name.clone(),
                                    Article::from_bytes(name, bytes).map_err(|s| s.to_string()),
                                ),
                                _ => unreachable!("only texts are batched here"),
                            };
                            let r = article.map(|a| {
                                let r = ex.extract(&a);
                                (a, r)
                            });
                            (name, r)
                        })
                        .collect()
                });
                for (name, r) in done {
                    match r {
                        Ok((a, r)) => {
                            if let Some(at) = r.invalid_utf8_at {
                                c.warnings.push(invalid_utf8(&name, at));
                            }
                            c.records.extend(r.records);
                            if keep_texts {
                                c.texts.push((name, a.text));
                            }
                        }
                        Err(reason) => c.warnings.push(format!("{name}: skipped: {reason}")),
                    }
                }
            }
        }
    }
    c
}

fn invalid_utf8(name: &str, at: usize) -> String {
    format!("{name}: invalid UTF-8 at byte {at}; bad bytes treated as non-text")
}

/// One input's messages, worded as the command line words them.
fn note(p: &saywho::Processed, c: &mut Collected) {
    match &p.outcome {
        Outcome::Done(r) => {
            if let Some(at) = r.invalid_utf8_at {
                if !p.continues {
                    c.warnings.push(invalid_utf8(&p.name, at));
                }
            }
        }
        Outcome::Skipped { reason, .. } => {
            c.warnings.push(format!("{}: skipped: {reason}", p.name))
        }
        Outcome::Failed(e) => c.failures.push(e.to_string()),
    }
}

/// Files and directories through [`Extractor::run`], as `saywho extract` reads them.
fn run_paths(
    ex: &Extractor<'_>,
    inputs: &[Input],
    threads: usize,
    keep_texts: bool,
    c: &mut Collected,
) {
    let _ = ex.run(inputs, InputFormat::Text, threads, |p| -> Result<(), ()> {
        note(&p, c);
        if let Outcome::Done(r) = p.outcome {
            c.records.extend(r.records);
            if keep_texts && !p.continues {
                // The text with the offsets of the rows: read again as the pipeline read it.
                let path = saywho::input::article_path(&p.name);
                if let Ok(Ok(a)) = saywho::input::read_regular(&path)
                    .map(|b| Article::from_bytes(p.name.clone(), b))
                {
                    c.texts.push((p.name, a.text));
                }
            }
        }
        Ok(())
    });
}

/// `saywho check`'s reading of paths ([`saywho::gather`]): quote tables and articles, in path
/// order.
fn gather_paths(
    paths: &[PathBuf],
    patterns: &PatternSet,
    threads: usize,
    keep_texts: bool,
    c: &mut Collected,
) {
    let got = saywho::gather::gather(paths, &[], patterns, threads, |p| note(p, c));
    if keep_texts {
        let mut seen = std::collections::HashSet::new();
        for r in &got.records {
            if seen.insert(r.article.as_str()) {
                if let Some(t) = got.texts.get(&r.article).filter(|t| !t.is_empty()) {
                    c.texts.push((r.article.clone(), t.clone()));
                }
            }
        }
    }
    c.records.extend(got.records);
}

/// How one call runs.
struct Options {
    /// Worker threads (0 = all cores).
    threads: usize,
    /// A pattern directory, or the built-in set.
    patterns: Option<PathBuf>,
    /// `"raise"`, `"warn"` or `"ignore"`: what an input that cannot be read does.
    errors: String,
    mode: Mode,
    /// Keep the article texts (the HTML report needs them).
    keep_texts: bool,
}

impl Options {
    fn new(threads: Option<usize>, patterns: Option<PathBuf>, errors: &str, mode: Mode) -> Options {
        Options {
            threads: threads.unwrap_or(0),
            patterns,
            errors: errors.to_string(),
            mode,
            keep_texts: false,
        }
    }
}

/// Runs `work` on what the inputs give, without the GIL, then reports the warnings and failures
/// as Python sees them: warnings as `SaywhoWarning`s; failures raise the first
/// (`errors="raise"`), become warnings (`"warn"`) or are dropped (`"ignore"`).
fn run<T: Send>(
    py: Python<'_>,
    inputs: &Bound<'_, PyList>,
    opts: Options,
    work: impl FnOnce(Collected, &PatternSet) -> T + Send,
) -> PyResult<T> {
    let items = items(inputs)?;
    let (warnings, failures, out) = py
        .detach(|| {
            let patterns = load_patterns(opts.patterns.as_deref())?;
            let mut c = collect(items, opts.mode, opts.threads, &patterns, opts.keep_texts);
            let warnings = std::mem::take(&mut c.warnings);
            let failures = std::mem::take(&mut c.failures);
            Ok::<_, String>((warnings, failures, work(c, &patterns)))
        })
        .map_err(SaywhoError::new_err)?;
    let category = py.get_type::<SaywhoWarning>();
    let warn = |m: &str| -> PyResult<()> {
        let m = CString::new(m.replace('\0', "\u{fffd}")).expect("no NUL left");
        PyErr::warn(py, category.as_any(), &m, 2)
    };
    for w in &warnings {
        warn(w)?;
    }
    match (opts.errors.as_str(), failures.first()) {
        (_, None) | ("ignore", _) => {}
        ("warn", _) => {
            for f in &failures {
                warn(f)?;
            }
        }
        (_, Some(first)) => return Err(SaywhoError::new_err(first.clone())),
    }
    Ok(out)
}

/// Extracts every quote; returns one dict per row (`saywho extract`'s JSON Lines objects).
#[pyfunction]
#[pyo3(signature = (inputs, threads=None, patterns=None, errors="raise"))]
fn extract<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyList>,
    threads: Option<usize>,
    patterns: Option<PathBuf>,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let opts = Options::new(threads, patterns, errors, Mode::Extract);
    let records = run(py, inputs, opts, |c, _| c.records)?;
    Ok(pythonize::pythonize(py, &records)?)
}

/// Extracts every quote; returns the table as columns: `{name: [value, ...]}` in the rows' field
/// order (every field, even with no rows), for building a DataFrame without a dict per row.
#[pyfunction]
#[pyo3(signature = (inputs, threads=None, patterns=None, errors="raise"))]
fn extract_columns<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyList>,
    threads: Option<usize>,
    patterns: Option<PathBuf>,
    errors: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let opts = Options::new(threads, patterns, errors, Mode::Extract);
    let columns = run(py, inputs, opts, |c, _| columns(&c.records))?
        .map_err(|e| SaywhoError::new_err(e.to_string()))?;
    let dict = PyDict::new(py);
    for (name, values) in columns {
        dict.set_item(name, pythonize::pythonize(py, &values)?)?;
    }
    Ok(dict)
}

/// The rows as columns, generically through serde: the column names are the serialised field
/// names of a row (taken from a default row, so that an empty table has them too).
fn columns(records: &[QuoteRecord]) -> serde_json::Result<Vec<(String, Vec<serde_json::Value>)>> {
    let names = match serde_json::to_value(QuoteRecord::default())? {
        serde_json::Value::Object(m) => m.keys().cloned().collect::<Vec<_>>(),
        _ => Vec::new(),
    };
    let mut cols: Vec<(String, Vec<serde_json::Value>)> = names
        .into_iter()
        .map(|n| (n, Vec::with_capacity(records.len())))
        .collect();
    for r in records {
        let serde_json::Value::Object(mut m) = serde_json::to_value(r)? else {
            continue;
        };
        for (name, col) in &mut cols {
            col.push(m.remove(name.as_str()).unwrap_or(serde_json::Value::Null));
        }
    }
    Ok(cols)
}

/// The consistency check; returns one dict per speaker (`saywho check --format jsonl`).
/// `speaker` keeps only that speaker; `dates` maps article names (path, file name or stem) to
/// their dates.
#[pyfunction]
#[pyo3(signature = (inputs, all=false, speaker=None, dates=None, threads=None, patterns=None, errors="raise"))]
#[allow(clippy::too_many_arguments)]
fn check<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyList>,
    all: bool,
    speaker: Option<String>,
    dates: Option<std::collections::HashMap<String, String>>,
    threads: Option<usize>,
    patterns: Option<PathBuf>,
    errors: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let mut options = saywho::consistency::CheckOptions {
        min_articles: if all { 1 } else { 2 },
        speaker,
        ..Default::default()
    };
    for (article, date) in dates.unwrap_or_default() {
        let d = saywho::article::date_given(&date)
            .ok_or_else(|| PyValueError::new_err(format!("{article}: not a date: {date:?}")))?;
        options.dates.insert(&article, &d);
    }
    let mut opts = Options::new(threads, patterns, errors, Mode::Check);
    opts.keep_texts = true;
    let reports = run(py, inputs, opts, |mut c, p| {
        read_row_articles(&mut c);
        let texts = c.texts.into_iter().collect();
        saywho::consistency::check(&c.records, &texts, p, &options)
    })?;
    Ok(pythonize::pythonize(py, &reports)?)
}

/// Rows given without their texts (dicts, a DataFrame, a table): their articles, where the files
/// they name can still be read (for the evidence sentences and the report's texts).
fn read_row_articles(c: &mut Collected) {
    let mut seen: std::collections::HashSet<String> =
        c.texts.iter().map(|(n, _)| n.clone()).collect();
    for r in &c.records {
        if seen.insert(r.article.clone()) {
            if let Ok(Ok(a)) =
                std::fs::read(&r.article).map(|b| Article::from_bytes(r.article.clone(), b))
            {
                c.texts.push((r.article.clone(), a.text));
            }
        }
    }
}

/// The HTML report (`saywho report`): one self-contained page, as a str.
#[pyfunction]
#[pyo3(signature = (inputs, title="saywho report", all=true, threads=None, patterns=None, errors="raise"))]
fn report<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyList>,
    title: &str,
    all: bool,
    threads: Option<usize>,
    patterns: Option<PathBuf>,
    errors: &str,
) -> PyResult<String> {
    let options = saywho::consistency::CheckOptions {
        min_articles: if all { 1 } else { 2 },
        ..Default::default()
    };
    let mut opts = Options::new(threads, patterns, errors, Mode::Check);
    opts.keep_texts = true;
    run(py, inputs, opts, |mut c, p| {
        read_row_articles(&mut c);
        let texts: std::collections::HashMap<String, String> = c.texts.iter().cloned().collect();
        let speakers = saywho::consistency::check(&c.records, &texts, p, &options);
        saywho::report::Report {
            title,
            texts: &c.texts,
            records: &c.records,
            speakers: &speakers,
        }
        .render()
        .map_err(|e| e.to_string())
    })?
    .map_err(SaywhoError::new_err)
}

/// The `saywho._saywho` module.
#[pymodule]
fn _saywho(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_columns, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(report, m)?)?;
    m.add("SaywhoError", m.py().get_type::<SaywhoError>())?;
    m.add("SaywhoWarning", m.py().get_type::<SaywhoWarning>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
