//! The integration tests: one binary, one module per area.

// Temp dirs and running the saywho binary.
mod util;
// Whole-article golden files over the seed articles.
mod golden;
// Every example in patterns/ (the same runner as `saywho patterns test`).
mod patterns;
// Command-line behaviour: formats, threads, stdin, exit codes.
mod cli;
// Bad input: invalid UTF-8, binary, empty, unreadable, huge; nothing lost, no panic.
mod bad_input;
// Hostile paths and outputs, full disks, closed pipes, quadratic shapes (issue 16).
mod hostile;
// Properties over arbitrary bytes and text: no panic, spans slice back to the quote.
mod props;
// CSV and JSON Lines read back into the same rows.
mod output;
// The consistency check over fixture articles with planted conflicts.
mod consistency;
// `saywho eval` figures, by hand and against tools/score.py.
mod eval;
// PolNeAR dev figures held (skipped when ../shared/corpora is absent).
mod regression;
// Descriptions on real news: no party as a title, no lost "former", few false conflicts (issue
// 18; skipped when ../shared/corpora is absent).
mod descriptions;
// The PySpark driver in examples/spark against a direct run (skipped without pyspark or Java).
mod spark;
// The HTML report (its escaping), completions, man pages, the check report's colour.
mod report;
// The HTML report in headless Chromium: the DOM and a screenshot (skipped without chromium).
mod browser;
// The module graph, file and function sizes (issue 17).
mod structure;
