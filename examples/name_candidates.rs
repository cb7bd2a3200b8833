//! Prints the pupil-name candidates of labelled posts with the features the name model sees,
//! one JSON line per candidate: `{"id", "start", "end", "rule_score", "features": [[slot,
//! value], …]}`. Read by `scripts/data-tools/train_name_model.py`.
//!
//! With `--posts`, prints instead one line per post, `{"id", "reader": [slot, …]}`: the post
//! reader's words and word pairs.
//!
//! Run: `cargo run --release --example name_candidates < tests/filter/corpus.jsonl`

use commonroom::anonymise::Filter;
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};

fn main() -> io::Result<()> {
    let filter = Filter::standard();
    let posts = std::env::args().any(|a| a == "--posts");
    let mut out = io::BufWriter::new(io::stdout().lock());
    for line in io::stdin().lock().lines() {
        let line = line?;
        let Ok(item) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let text = item["text"].as_str().unwrap_or_default();
        if posts {
            let row = json!({"id": item["id"], "reader": filter.post_reader_slots(text)});
            writeln!(out, "{row}")?;
            continue;
        }
        for c in filter.name_candidates(text) {
            let row = json!({
                "id": item["id"],
                "start": c.start,
                "end": c.end,
                "rule_score": c.rule_score,
                "features": c.features,
            });
            writeln!(out, "{row}")?;
        }
    }
    out.flush()
}
