//! The CSV and JSON Lines outputs read back into the same rows.

use saywho::QuoteRecord;

use crate::util::{run, saywho, stdout, Dir};

#[test]
fn csv_and_jsonl_round_trip() {
    let dir = Dir::new("roundtrip");
    let p = dir.create("a.txt", "“Commas, \"quotes\" and\u{2028}odd, text,” said Jane Roe, a “spokeswoman” at Acme.\n\n“Second,” she said.");
    let csv_out = run(saywho().arg("extract").arg(&p));
    let json_out = run(saywho().args(["extract", "--format", "jsonl"]).arg(&p));
    let from_csv: Vec<QuoteRecord> = csv::Reader::from_reader(csv_out.stdout.as_slice())
        .deserialize()
        .collect::<Result<_, _>>()
        .unwrap();
    let from_json: Vec<QuoteRecord> = stdout(&json_out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(from_csv, from_json);
    assert!(from_csv.len() >= 2);
    let text = std::fs::read_to_string(&p).unwrap();
    for r in &from_csv {
        assert_eq!(&text[r.start..r.end], r.quote);
    }
}

#[test]
fn python_csv_reads_back_the_exact_text() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        crate::util::skip("python_csv_reads_back_the_exact_text", "python3 not found");
        return;
    }
    let dir = Dir::new("pycsv");
    let p = dir.create(
        "a.txt",
        "“Line one, \"two\"\nstill open\n\n“x,” said Jane Roe.",
    );
    let out = dir.path.join("q.csv");
    run(saywho().args(["extract", "-o"]).arg(&out).arg(&p));
    let script = "import csv,sys,json\nrows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\nt=open(sys.argv[2],'rb').read()\nprint(all(t[int(r['start']):int(r['end'])].decode()==r['quote'] for r in rows), len(rows))";
    let o = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&out)
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "True 2");
}
