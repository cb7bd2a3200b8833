//! The last word on a name the rules leave undecided: a logistic model over what the rules
//! found (subject of a verb, gazetteer strength, child evidence, the kind of post) and the
//! words on either side. The hand-written rules were tuned on the labelled sets one post at a
//! time; the model weighs the same evidence against all of them at once, and learns cues no
//! rule names ("raised", "thanked", "delegates" near a name in notes).
//!
//! Weights come from `scripts/data-tools/train_name_model.py`, which reads the features the
//! filter itself extracts (`Filter::name_candidates`), so training and scanning cannot drift
//! apart. They are hashed into 2^16 slots and loaded once at start-up.

use super::super::engine::Ctx;
use super::super::lexicon::Fingerprint;
use super::base::pronoun_later;

const MODEL: &str = include_str!("../data/name_model.txt");

/// Features are hashed into this many slots.
const BITS: u32 = 16;
const SLOTS: usize = 1 << BITS;
/// A candidate has at most this many features (the sink drops any beyond).
const MAX_FEATURES: usize = 64;

pub(crate) struct NameModel {
    weights: Box<[f32]>,
    bias: f32,
}

impl NameModel {
    /// Reads the shipped weights: a `bias` line, then `slot weight` lines; `#` starts a comment.
    pub fn shipped() -> Self {
        Self::parse(MODEL)
    }

    fn parse(text: &str) -> Self {
        let mut weights = vec![0f32; SLOTS].into_boxed_slice();
        let mut bias = 0.0;
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (Some(k), Some(v)) = (parts.next(), parts.next()) else {
                continue;
            };
            let Ok(v) = v.parse::<f32>() else { continue };
            if k == "bias" {
                bias = v;
            } else if let Ok(k) = k.parse::<usize>() {
                if k < SLOTS {
                    weights[k] = v;
                }
            }
        }
        NameModel { weights, bias }
    }

    /// The log-odds that the candidate is a pupil.
    pub fn logit(&self, features: &Features) -> f32 {
        self.bias
            + features.items[..features.len]
                .iter()
                .map(|&(k, v)| self.weights[k as usize] * v)
                .sum::<f32>()
    }
}

/// The features of one candidate, on the stack.
pub(crate) struct Features {
    items: [(u32, f32); MAX_FEATURES],
    len: usize,
}

impl Features {
    fn new() -> Self {
        Features {
            items: [(0, 0.0); MAX_FEATURES],
            len: 0,
        }
    }

    /// `(slot, value)` pairs, for training.
    pub fn pairs(&self) -> &[(u32, f32)] {
        &self.items[..self.len]
    }

    fn add(&mut self, key: &[u8], word: &[u8], v: f32) {
        if self.len == MAX_FEATURES {
            return;
        }
        let mut fp = Fingerprint::new();
        for &c in key.iter().chain(b"=").chain(word) {
            fp.push(c);
        }
        let slot = (fp.finish(key.len() + word.len() + 1) & (SLOTS as u64 - 1)) as u32;
        self.items[self.len] = (slot, v);
        self.len += 1;
    }

    fn add_num(&mut self, key: &[u8], n: i32) {
        let mut buf = [0u8; 12];
        let mut len = 0;
        let neg = n < 0;
        let mut m = n.unsigned_abs();
        loop {
            buf[len] = b'0' + (m % 10) as u8;
            len += 1;
            m /= 10;
            if m == 0 {
                break;
            }
        }
        if neg {
            buf[len] = b'-';
            len += 1;
        }
        buf[..len].reverse();
        self.add(key, &buf[..len], 1.0);
    }

    fn add_bool(&mut self, key: &[u8], b: bool) {
        self.add(key, if b { b"1" } else { b"0" }, 1.0);
    }
}

/// What the rules made of a candidate, the model's input beside the words.
pub(crate) struct RuleView {
    pub subject: bool,
    pub best: i32,
    pub full: bool,
    pub ev: i32,
    pub post: i32,
    pub score: i32,
}

/// The features of the name at tokens `a..=b`.
pub(crate) fn features(ctx: &Ctx<'_>, a: usize, b: usize, r: &RuleView) -> Features {
    let mut f = Features::new();
    let n = ctx.toks.len();
    f.add_bool(b"subj", r.subject);
    f.add_num(b"best", r.best);
    f.add_bool(b"full", r.full && b > a);
    f.add_num(b"ev", r.ev.min(8));
    f.add_num(b"post", r.post);
    f.add_num(b"score", r.score.clamp(0, 13));
    f.add(b"score", b"", r.score as f32 / 6.0);
    f.add_num(b"cc", ctx.child_ctx.min(3) as i32);
    f.add_bool(b"min", ctx.minutes);
    f.add_bool(b"tr", ctx.training);
    f.add_bool(b"lines", ctx.lines);
    f.add_bool(b"roles", ctx.roles);
    f.add_bool(b"lcw", ctx.lower_case_writer);
    f.add_bool(b"media", ctx.media);
    // (the pronoun search is the costly one: only where it could tip the rules)
    if r.score == 5 && r.best >= 2 {
        f.add_bool(b"pron", pronoun_later(ctx, b));
    }
    let t = ctx.toks[a];
    f.add_num(b"shape", i32::from(t.shape));
    f.add_bool(b"sent", t.sent);
    f.add_num(b"gap", i32::from(t.gap));
    f.add_bool(b"poss", ctx.toks[b].poss);
    f.add_num(
        b"gapafter",
        ctx.toks.get(b + 1).map_or(-1, |x| i32::from(x.gap)),
    );
    for k in 0..4 {
        if k < a {
            let w = ctx.word(a - 1 - k).as_bytes();
            f.add(&[b'b', b'0' + k as u8], w, 1.0);
            f.add(b"bw", w, 0.5);
        }
        if b + 1 + k < n {
            let w = ctx.word(b + 1 + k).as_bytes();
            f.add(&[b'a', b'0' + k as u8], w, 1.0);
            f.add(b"aw", w, 0.5);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_and_a_bad_line_is_skipped() {
        let m = NameModel::parse("# trained\nbias -0.5\n3 1.25\nnot a line\n70000 9\n");
        assert_eq!(m.bias, -0.5);
        assert_eq!(m.weights[3], 1.25);
        assert_eq!(m.weights.iter().filter(|&&w| w != 0.0).count(), 1);
    }

    #[test]
    fn numbers_hash_like_their_text() {
        let mut a = Features::new();
        a.add_num(b"ev", -12);
        let mut b = Features::new();
        b.add(b"ev", b"-12", 1.0);
        assert_eq!(a.pairs(), b.pairs());
    }
}
