//! Embeds the pattern set: every `patterns/*.toml` and `patterns/lexicon/*.txt`, found by name,
//! so that a new word list is compiled in without a code change (`src/pattern/load.rs` includes
//! the list this writes).

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("patterns");
    println!("cargo:rerun-if-changed=patterns");
    let mut files = Vec::new();
    for (dir, ext) in [("", "toml"), ("lexicon", "txt")] {
        let d = root.join(dir);
        println!("cargo:rerun-if-changed={}", d.display());
        let entries = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        for e in entries {
            let p = e.expect("a pattern directory entry").path();
            if p.extension().is_some_and(|x| x == ext) {
                let name = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .expect("a UTF-8 name");
                let rel = if dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{dir}/{name}")
                };
                files.push((rel, p));
            }
        }
    }
    files.sort();
    let mut out = String::from("&[\n");
    for (rel, p) in &files {
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            p.display().to_string()
        ));
    }
    out.push_str("]\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded_patterns.rs");
    std::fs::write(dest, out).expect("writing the embedded pattern list");
}
