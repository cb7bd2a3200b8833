//! The `commonroom scan` command: a readable report for people, and `--jsonl` batch scoring.

use super::{CompiledRules, Filter, Scan, Verdict};
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};

/// What a `--jsonl` run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Lines answered with a verdict.
    pub scanned: usize,
    /// Lines answered with an error.
    pub errors: usize,
    pub allow: usize,
    pub block: usize,
    pub hold: usize,
}

fn error_line(id: Value, line: usize, message: &str) -> Value {
    json!({ "id": id, "line": line, "error": message })
}

fn answer(scan: &Scan, id: Value) -> Value {
    let spans: Vec<Value> = scan
        .findings
        .iter()
        .map(|f| json!({ "start": f.start, "end": f.end, "type": f.kind.as_str() }))
        .collect();
    json!({ "id": id, "verdict": scan.verdict.as_str(), "spans": spans })
}

/// Reads lines `{"id": …, "text": …}` and writes one line per input line, in the same order:
/// `{"id": …, "verdict": "allow"|"block"|"hold", "spans": [{"start", "end", "type"}]}` with
/// character offsets, or `{"id": …, "line": N, "error": "…"}` for a malformed line (the id is
/// `null` when it cannot be recovered). Blank lines are skipped. The run always goes on.
pub fn run_jsonl<R: BufRead, W: Write>(
    mut input: R,
    mut output: W,
    filter: &Filter,
    rules: &CompiledRules,
) -> io::Result<Counts> {
    let mut counts = Counts::default();
    let mut buf: Vec<u8> = Vec::with_capacity(16 * 1024);
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let read = input.read_until(b'\n', &mut buf)?;
        if read == 0 {
            break;
        }
        line_no += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        if buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let out = match std::str::from_utf8(&buf) {
            Err(_) => {
                let lossy = String::from_utf8_lossy(&buf);
                let id = serde_json::from_str::<Value>(&lossy)
                    .ok()
                    .and_then(|v| v.get("id").cloned())
                    .unwrap_or(Value::Null);
                counts.errors += 1;
                error_line(id, line_no, "line is not valid UTF-8")
            }
            Ok(s) => match serde_json::from_str::<Value>(s) {
                Err(e) => {
                    counts.errors += 1;
                    error_line(Value::Null, line_no, &format!("not valid JSON: {e}"))
                }
                Ok(Value::Object(map)) => {
                    let id = map.get("id").cloned();
                    match (id, map.get("text")) {
                        (None, _) => {
                            counts.errors += 1;
                            error_line(Value::Null, line_no, "missing \"id\"")
                        }
                        (Some(id), Some(Value::String(text))) => {
                            match super::check_for_storage(filter, text, rules) {
                                Ok(scan) => {
                                    counts.scanned += 1;
                                    match scan.verdict {
                                        Verdict::Allow => counts.allow += 1,
                                        Verdict::Block => counts.block += 1,
                                        Verdict::Hold => counts.hold += 1,
                                    }
                                    answer(&scan, id)
                                }
                                Err(e) => {
                                    counts.errors += 1;
                                    error_line(id, line_no, &e.to_string())
                                }
                            }
                        }
                        (Some(id), _) => {
                            counts.errors += 1;
                            error_line(id, line_no, "missing \"text\" string")
                        }
                    }
                }
                Ok(_) => {
                    counts.errors += 1;
                    error_line(Value::Null, line_no, "line is not a JSON object")
                }
            },
        };
        serde_json::to_writer(&mut output, &out)?;
        output.write_all(b"\n")?;
    }
    output.flush()?;
    Ok(counts)
}

/// A readable report of the findings in `text`, for `commonroom scan` without `--jsonl`.
pub fn run_human(text: &str, filter: &Filter, rules: &CompiledRules) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let scan = match super::check_for_storage(filter, text, rules) {
        Ok(s) => s,
        Err(e) => return format!("Verdict: refuse\n{e}\n"),
    };
    let verdict = match scan.verdict {
        Verdict::Allow => "allow (nothing found that identifies a pupil)",
        Verdict::Block => "block (this would identify a pupil; change the highlighted parts)",
        Verdict::Hold => "hold (a moderator would check this before it appears)",
    };
    let _ = writeln!(out, "Verdict: {verdict}");
    for (n, f) in scan.findings.iter().enumerate() {
        let snippet = &text[f.byte_start..f.byte_end];
        let _ = writeln!(
            out,
            "{:>3}. {} \u{201c}{}\u{201d} (characters {}\u{2013}{})\n     {}\n     Suggested rewrite: {}",
            n + 1,
            f.kind.label(),
            snippet,
            f.start,
            f.end,
            f.reason,
            f.suggestion
        );
        if !f.hint.is_empty() {
            let _ = writeln!(out, "     {}", f.hint);
        }
    }
    if !scan.findings.is_empty() {
        let _ = writeln!(out, "\nRewritten:\n{}", scan.rewrite(text));
    }
    out
}
