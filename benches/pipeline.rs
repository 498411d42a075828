//! Criterion benchmarks over the pipeline's stages, on the seed articles and on larger inputs
//! built from them. `cargo bench --bench pipeline -- --save-baseline before` then
//! `--baseline before` compares two commits on the same machine.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use saywho::{Article, Extractor, PatternSet};

fn seeds() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut v: Vec<(String, String)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn bench(c: &mut Criterion) {
    let patterns = PatternSet::embedded().unwrap();
    let ex = Extractor::new(&patterns);
    let seeds = seeds();
    let all: String = seeds
        .iter()
        .map(|(_, t)| t.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    // Count rows once, so that a faster run with different output is visible.
    let rows = ex
        .extract(&Article::from_text("all", all.clone()))
        .records
        .len();
    eprintln!("(rows on the joined seeds: {rows})");

    let mut g = c.benchmark_group("quote");
    g.throughput(Throughput::Bytes(all.len() as u64));
    g.bench_function("detect/seeds", |b| {
        b.iter(|| {
            let paras = saywho::segment::paragraphs(&all);
            let mut d = Vec::new();
            saywho::quote::detect(&all, &paras, &patterns, &mut d).len()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("article");
    for (name, text) in &seeds {
        let short = std::path::Path::new(name)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .to_string();
        let a = Article::from_text(name.clone(), text.clone());
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::new("extract", short), &a, |b, a| {
            b.iter(|| ex.extract(a).records.len())
        });
    }
    for times in [10usize, 100] {
        let big = Article::from_text("big", all.repeat(times));
        g.throughput(Throughput::Bytes(big.text.len() as u64));
        g.bench_with_input(BenchmarkId::new("extract-seeds-x", times), &big, |b, a| {
            b.iter(|| ex.extract(a).records.len())
        });
    }
    let plain = Article::from_text(
        "plain",
        "No quotes in this paragraph at all, only plain words.\n\n".repeat(20_000),
    );
    g.throughput(Throughput::Bytes(plain.text.len() as u64));
    g.bench_function("extract-quote-free-1MB", |b| {
        b.iter(|| ex.extract(&plain).records.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
