//! Word vectors: sixteen numbers per word, learnt from the words each word keeps company with
//! in the labelled training sets (no labels; `scripts/data-tools/gen_word_vectors.py`). The
//! name model reads the words beside a candidate by their hashes, so a word no set put beside
//! a name counts for nothing; by its vector, "circulate" reads like the "share" it has seen,
//! and "Kacper" like the pupils' names around it. Loaded once at start-up.

use super::super::lexicon::{fingerprint, IdHasher};
use super::super::tokens::Tok;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

const VECTORS: &str = include_str!("../data/word_vectors.txt");

/// Numbers per word.
pub(crate) const DIMS: usize = 16;

pub(crate) struct WordVectors {
    by_word: HashMap<u64, [i8; DIMS], BuildHasherDefault<IdHasher>>,
    /// A stored integer times this is the vector's value.
    scale: f32,
}

impl WordVectors {
    pub fn shipped() -> Self {
        Self::parse(VECTORS)
    }

    /// Reads a `scale` line, then lines of a word and its DIMS integers; `#` starts a comment,
    /// and a line of the wrong shape is skipped.
    pub fn parse(text: &str) -> Self {
        let mut by_word = HashMap::default();
        let mut scale = 0.0;
        for line in text.split('\n') {
            let mut parts = line.split_ascii_whitespace();
            let Some(word) = parts.next() else {
                continue;
            };
            if word.starts_with('#') {
                continue;
            }
            if word == "scale" {
                scale = parts.next().and_then(|s| s.parse().ok()).unwrap_or(0.0);
                continue;
            }
            let mut v = [0i8; DIMS];
            let mut n = 0;
            for (slot, p) in v.iter_mut().zip(parts.by_ref()) {
                let Ok(x) = p.parse::<i8>() else {
                    break;
                };
                *slot = x;
                n += 1;
            }
            if n == DIMS && parts.next().is_none() {
                by_word.insert(fingerprint(word.as_bytes()), v);
            }
        }
        WordVectors { by_word, scale }
    }

    /// The mean vector of those of `words` that have one, or `None` when none has.
    pub fn mean<'t>(&self, words: impl IntoIterator<Item = &'t Tok>) -> Option<[f32; DIMS]> {
        let mut sum = [0i32; DIMS];
        let mut n = 0;
        for t in words {
            if let Some(v) = self.by_word.get(&t.fp) {
                for (s, &x) in sum.iter_mut().zip(v) {
                    *s += i32::from(x);
                }
                n += 1;
            }
        }
        (n > 0).then(|| sum.map(|s| s as f32 * self.scale / n as f32))
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.by_word.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_parse_and_a_bad_line_is_skipped() {
        let row = |w: &str, x: i32| format!("{w}{}\n", format!(" {x}").repeat(DIMS));
        let text = format!(
            "# vectors\nscale 0.5\n{}{}share 1 2\n{}",
            row("share", 2),
            row("Circulate", -4),
            row("toobig", 300)
        );
        let v = WordVectors::parse(&text);
        assert_eq!(
            v.len(),
            2,
            "the short line and the out-of-range one are skipped"
        );
        let tok = |w: &str| Tok {
            fp: fingerprint(w.as_bytes()),
            ..Tok::default()
        };
        // words are case folded, and the mean is over the words that have a vector
        assert_eq!(v.mean(&[tok("SHARE")]), Some([1.0; DIMS]));
        assert_eq!(
            v.mean(&[tok("share"), tok("circulate"), tok("unknown")]),
            Some([-0.5; DIMS])
        );
        assert_eq!(v.mean(&[tok("unknown")]), None);
        assert_eq!(v.mean(&[] as &[Tok]), None);
    }

    #[test]
    fn the_shipped_vectors_put_like_words_together() {
        let v = WordVectors::shipped();
        assert!(v.len() > 5000, "{} words", v.len());
        let of = |w: &str| {
            v.mean(&[Tok {
                fp: fingerprint(w.as_bytes()),
                ..Tok::default()
            }])
            .unwrap_or_else(|| panic!("no vector for {w}"))
        };
        let cos = |a: [f32; DIMS], b: [f32; DIMS]| {
            let dot: f32 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            let norm = |v: [f32; DIMS]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
            dot / (norm(a) * norm(b))
        };
        // the days of the week keep the same company, and a day is not a meltdown
        assert!(cos(of("monday"), of("tuesday")) > cos(of("monday"), of("meltdown")));
        assert!(cos(of("mum"), of("dad")) > cos(of("mum"), of("minutes")));
    }
}
