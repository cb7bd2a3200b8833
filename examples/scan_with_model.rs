//! `commonroom scan --jsonl` with other name-model weights: reads the weights file named as
//! the first argument, then lines `{"id", "text"}` on stdin, and writes the verdicts and spans.
//! Used by `scripts/data-tools/train_name_model.py --cv-scan` to score, on each labelled set,
//! a model trained without it.
//!
//! Run: `cargo run --release --example scan_with_model -- weights.txt < set.jsonl`

use commonroom::anonymise::{cli, CompiledRules, Filter};
use std::io::{self, BufWriter};

fn main() -> io::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| io::Error::other("usage: scan_with_model WEIGHTS < posts.jsonl"))?;
    let filter = Filter::with_name_model(&std::fs::read_to_string(path)?);
    let out = BufWriter::new(io::stdout().lock());
    cli::run_jsonl(io::stdin().lock(), out, &filter, &CompiledRules::default())?;
    Ok(())
}
