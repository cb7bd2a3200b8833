//! The last word on a name the rules leave undecided: a logistic model over what the rules
//! found (subject of a verb, gazetteer strength, child evidence, the kind of post, a story
//! the post names), whom the post has already named as pupils and as grown-ups (a post keeps
//! to its people: a staff chat names staff, a handover names pupils), the words on either
//! side (and their kind: a role, a child word, a verb of behaviour or of grown-up work) and
//! the rest of the sentence, the name's era (how much more often it was given to today's
//! pupils than to today's adults: "Sandra" and "Dave" are more often staff), and the words
//! beside it and the name itself by their word vectors (see [`super::vectors`]). The
//! hand-written rules were tuned on the labelled sets one post at a time; the model weighs
//! the same evidence against all of them at once, and learns cues no rule names ("raised",
//! "thanked", "delegates" near a name in notes).
//!
//! Weights come from `scripts/data-tools/train_name_model.py`, which reads the features the
//! filter itself extracts (`Filter::name_candidates`), so training and scanning cannot drift
//! apart. They are hashed into 2^16 slots and loaded once at start-up. The same file holds
//! the post reader's weights: a weight per lower-case word and word pair of the whole post,
//! whose score is one more feature (see [`reader_slots`]).

use super::super::engine::Ctx;
use super::super::lexicon::{
    fingerprint, IdHasher, ADULT_VERB, BEHAV, BEHAV_STRONG, CARE_VERB, CHILD, CLASSREF, FAMILY,
    GIVEN, ROLE, SCHOOLWORK, STAFF_LIFE, SUBJECT_VERB, SURNAME, WHEN, WORD,
};
use super::super::tokens::{Tok, LOWER, UPPER};
use super::base::pronoun_later;
use super::trees::{Trees, TreesBuilder};
use super::vectors::{WordVectors, DIMS};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

const MODEL: &str = include_str!("../data/name_model.txt");
/// Given names and how much more often they were given to today's pupils than to today's
/// adults (log2, see `scripts/data-tools/gen_name_era.py`).
const NAME_ERA: &str = include_str!("../data/name_era.txt");

/// Features are hashed into this many slots.
const BITS: u32 = 16;
const SLOTS: usize = 1 << BITS;
/// A candidate has at most this many features (the sink drops any beyond).
const MAX_FEATURES: usize = 160;

/// The post reader's words and word pairs are hashed into this many slots.
const READER_BITS: u32 = 18;

pub(crate) struct NameModel {
    weights: Box<[f32]>,
    bias: f32,
    /// The post reader: a weight per lower-case word and word pair (see [`reader_slots`]).
    reader: Box<[f32]>,
    reader_bias: f32,
    /// Boosted trees over the same features, and how much of the answer is theirs (0 when
    /// the file has none: the logistic model alone).
    trees: Trees,
    trees_base: f32,
    blend: f32,
    /// A given name's era score in tenths, by the fingerprint of the name in lower case.
    era: HashMap<u64, i8, BuildHasherDefault<IdHasher>>,
    vectors: WordVectors,
}

impl NameModel {
    /// Reads the shipped weights: a `bias` line, then `slot weight` lines; `#` starts a comment.
    pub fn shipped() -> Self {
        Self::parse(MODEL)
    }

    /// Reads weights in the shipped format (see [`NameModel::shipped`]): the name model's
    /// `bias` and `slot weight` lines, the post reader's `reader bias` and `r slot weight`,
    /// and the trees' `trees base`, `blend` and node lines (see [`super::trees`]).
    pub fn parse(text: &str) -> Self {
        let mut weights = vec![0f32; SLOTS].into_boxed_slice();
        let mut reader = vec![0f32; 1 << READER_BITS].into_boxed_slice();
        let (mut bias, mut reader_bias) = (0.0, 0.0);
        let (mut trees, mut trees_base, mut blend) = (TreesBuilder::default(), 0.0, 0.0);
        // (a hundred thousand lines, read at start-up: ASCII splitting, no Unicode tables)
        for line in text.split('\n') {
            let line = line.trim_ascii();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split_ascii_whitespace();
            let Some(k) = parts.next() else {
                continue;
            };
            if k == "n" || k == "l" {
                trees.line(k, &mut parts);
                continue;
            }
            let Some(v) = parts.next() else {
                continue;
            };
            match (k, v, parts.next()) {
                ("bias", v, None) => bias = v.parse().unwrap_or(0.0),
                ("reader", "bias", Some(v)) => reader_bias = v.parse().unwrap_or(0.0),
                ("trees", "base", Some(v)) => trees_base = v.parse().unwrap_or(0.0),
                ("blend", v, None) => blend = v.parse::<f32>().unwrap_or(0.0).clamp(0.0, 1.0),
                ("r", slot, Some(v)) => {
                    if let (Ok(slot), Ok(v)) = (slot.parse::<usize>(), v.parse::<f32>()) {
                        if let Some(w) = reader.get_mut(slot) {
                            *w = v;
                        }
                    }
                }
                (slot, v, None) => {
                    if let (Ok(slot), Ok(v)) = (slot.parse::<usize>(), v.parse::<f32>()) {
                        if let Some(w) = weights.get_mut(slot) {
                            *w = v;
                        }
                    }
                }
                _ => {}
            }
        }
        NameModel {
            weights,
            bias,
            reader,
            reader_bias,
            trees: trees.build(SLOTS),
            trees_base,
            blend,
            era: parse_era(NAME_ERA),
            vectors: WordVectors::shipped(),
        }
    }

    /// The post reader's log-odds that the post names a pupil, from its lower-case words
    /// alone: the names are left out, so it reads what the post is about (a leaving do, a
    /// meltdown at carpet time), which the words near one name may not say.
    pub fn read_post(&self, toks: &[Tok]) -> f32 {
        let (mut sum, mut n) = (0.0f32, 0u32);
        reader_slots(toks, |slot| {
            sum += self.reader[slot as usize];
            n += 1;
        });
        if n == 0 {
            self.reader_bias
        } else {
            self.reader_bias + sum / (n as f32).sqrt()
        }
    }

    /// How much more often the word was given as a name to today's pupils than to today's
    /// adults, in tenths of log2; 0 when the name is not known or not marked either way.
    pub fn era(&self, fingerprint: u64) -> i32 {
        self.era.get(&fingerprint).map_or(0, |&e| i32::from(e))
    }

    fn linear(&self, features: &Features) -> f32 {
        let (from, to) = features.vectors;
        self.bias
            + features.items[..from]
                .iter()
                .chain(&features.items[to..features.len])
                .map(|&(k, v)| self.weights[k as usize] * v)
                .sum::<f32>()
    }

    /// Do the trees give part of the answer (a weights file may have none, or a blend of 0)?
    fn uses_trees(&self) -> bool {
        !self.trees.is_empty() && self.blend != 0.0
    }

    /// The logistic model's log-odds blended with the trees' margin.
    fn blended(&self, linear: f32, margin: f32) -> f32 {
        (1.0 - self.blend) * linear + self.blend * (self.trees_base + margin)
    }

    /// The log-odds that the candidate is a pupil: the logistic model's, blended with the
    /// trees' when the weights file has them. (Scanning asks [`NameModel::answer`], which
    /// reads only the trees it needs; the tests hold it to this.)
    #[cfg(test)]
    pub fn logit(&self, features: &Features) -> f32 {
        let items = &features.items[..features.len];
        let linear = self.linear(features);
        if !self.uses_trees() {
            return linear;
        }
        self.blended(linear, self.trees.margin(items))
    }

    /// Whether `logit(features) >= cut` and, if so, whether it is `>= sure_cut` too (a higher
    /// cut), reading no more trees than it takes to answer both.
    pub fn answer(&self, features: &Features, cut: f32, sure_cut: f32) -> Option<bool> {
        let items = &features.items[..features.len];
        let linear = self.linear(features);
        if !self.uses_trees() {
            return (linear >= cut).then_some(linear >= sure_cut);
        }
        // (the margin the trees need for the blend to reach a cut)
        let need = |cut: f32| (cut - (1.0 - self.blend) * linear) / self.blend - self.trees_base;
        match self
            .trees
            .margin_or_side(items, &[need(cut), need(sure_cut)])
        {
            Ok(margin) => {
                let logit = self.blended(linear, margin);
                (logit >= cut).then_some(logit >= sure_cut)
            }
            Err(above) => (above >= 1).then_some(above == 2),
        }
    }
}

fn parse_era(text: &str) -> HashMap<u64, i8, BuildHasherDefault<IdHasher>> {
    let mut era = HashMap::default();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let mut parts = line.split_whitespace();
        let (Some(name), Some(score)) = (parts.next(), parts.next()) else {
            continue;
        };
        if let Ok(score) = score.parse::<f32>() {
            era.insert(
                fingerprint(name.as_bytes()),
                (score * 10.0).round().clamp(-127.0, 127.0) as i8,
            );
        }
    }
    era
}

/// The post reader's input: every word in lower case or capitals that is not a name, and
/// every pair of such words in a row (a capitalised word in between is skipped, so "with
/// Tayo today" reads "with today"), each as a slot of [`READER_BITS`] bits. Each counts
/// once per time it occurs; the sum is divided by the square root of the count.
pub(crate) fn reader_slots(toks: &[Tok], mut slot: impl FnMut(u32)) {
    let mut prev = 0u64;
    for t in toks {
        let name_only = t.f & (GIVEN | SURNAME) != 0 && t.f & WORD == 0;
        if !(t.shape == LOWER || t.shape == UPPER) || name_only {
            continue;
        }
        slot(mix(t.fp));
        if prev != 0 {
            slot(mix(prev.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ t.fp ^ 1));
        }
        prev = t.fp;
    }
}

fn mix(x: u64) -> u32 {
    (x.wrapping_mul(0xff51_afd7_ed55_8ccd) >> (64 - READER_BITS)) as u32
}

/// The features of one candidate, on the stack.
pub(crate) struct Features {
    items: [(u32, f32); MAX_FEATURES],
    len: usize,
    /// Where the word vectors' numbers are among the items: the trees read them, the
    /// logistic model does not (it was trained without them).
    vectors: (usize, usize),
}

/// A feature's name, as a number (FNV-1a of its text, at compile time).
const fn key(name: &str) -> u64 {
    let b = name.as_bytes();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < b.len() {
        h ^= b[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

impl Features {
    fn new() -> Self {
        Features {
            items: [(0, 0.0); MAX_FEATURES],
            len: 0,
            vectors: (0, 0),
        }
    }

    /// `(slot, value)` pairs, for training.
    pub fn pairs(&self) -> &[(u32, f32)] {
        &self.items[..self.len]
    }

    /// Feature `key` with value `val` (a number, or a word's fingerprint), weighted `v`: one
    /// multiply to a slot, nothing hashed per byte.
    fn add(&mut self, key: u64, val: u64, v: f32) {
        if self.len == MAX_FEATURES {
            return;
        }
        let h = (key ^ val.wrapping_mul(0x9e37_79b9_7f4a_7c15)).wrapping_mul(0xff51_afd7_ed55_8ccd);
        self.items[self.len] = ((h >> (64 - BITS)) as u32, v);
        self.len += 1;
    }

    fn add_num(&mut self, key: u64, n: i32) {
        self.add(key, n as u64, 1.0);
    }

    fn add_bool(&mut self, key: u64, b: bool) {
        self.add(key, u64::from(b), 1.0);
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
    /// How many people the post has already named as grown-ups, and as pupils: a post keeps
    /// to its subject, so earlier answers say something about this one.
    pub adults_before: usize,
    pub pupils_before: usize,
    /// The post is a chat between colleagues.
    pub chat: bool,
    /// What the post says of the person that is most often said of an adult: 0 nothing, 1
    /// what they do and 2 how they are addressed (`adult::soft_adult`) where it also speaks
    /// of them as a child, -2 what they do with little said of a child, -1 a firm cue
    /// (`adult::adult_reading`).
    pub adult: i32,
    /// The name is a character of a story the post names (see `in_named_work`).
    pub work: bool,
    /// The kind of the last person named before this one: 0 none, 1 a grown-up, 2 a pupil.
    pub last: i32,
    /// Initials, not a name: 0 a name, 1 capitals ("JB"), 2 with dots ("A.K."), 3 lower
    /// case ("jd"); with what the initials rules made of them.
    pub initials: i32,
    pub initials_rule: bool,
}

/// The features of the name at tokens `a..=b`.
pub(crate) fn features(ctx: &Ctx<'_>, a: usize, b: usize, r: &RuleView) -> Features {
    const BEFORE: [u64; 4] = [key("b0"), key("b1"), key("b2"), key("b3")];
    const AFTER: [u64; 4] = [key("a0"), key("a1"), key("a2"), key("a3")];
    let mut f = Features::new();
    let n = ctx.toks.len();
    // (what the whole post is about, read once per post; these two come first, where
    // training replaces them with the reader's score out of fold)
    let reader = *ctx
        .post_reader
        .get_or_init(|| ctx.model.read_post(&ctx.toks));
    f.add_num(key("rdr"), reader.floor().clamp(-4.0, 4.0) as i32);
    f.add(key("rdr/4"), 0, reader / 4.0);
    f.add_bool(key("subj"), r.subject);
    f.add_num(key("best"), r.best);
    f.add_bool(key("full"), r.full && b > a);
    f.add_num(key("ev"), r.ev.min(8));
    f.add_num(key("post"), r.post);
    f.add_num(key("score"), r.score.clamp(0, 13));
    f.add(key("score/6"), 0, r.score as f32 / 6.0);
    // (the evidence for a child and the name's strength as amounts too, so more of either
    // always counts for more)
    f.add(key("ev/4"), 0, r.ev.min(12) as f32 / 4.0);
    f.add(key("best/4"), 0, r.best as f32 / 4.0);
    f.add_num(key("cc"), ctx.child_ctx.min(3) as i32);
    f.add_bool(key("min"), ctx.minutes);
    f.add_bool(key("tr"), ctx.training);
    f.add_bool(key("lines"), ctx.lines);
    f.add_bool(key("roles"), ctx.roles);
    f.add_bool(key("lcw"), ctx.lower_case_writer);
    f.add_bool(key("media"), ctx.media);
    f.add_num(key("adl"), r.adults_before.min(3) as i32);
    f.add_num(key("pup"), r.pupils_before.min(3) as i32);
    f.add_bool(key("chat"), r.chat);
    f.add_num(key("last"), r.last);
    f.add_num(key("adult"), r.adult);
    f.add_bool(key("work"), r.work);
    if r.initials != 0 {
        f.add_num(key("init"), r.initials);
        f.add_bool(key("irule"), r.initials_rule);
    }
    // (and on a new line: the lines of a list name one kind of person)
    if ctx.toks[a].gap & super::super::tokens::G_NL != 0 {
        f.add_num(key("last_nl"), r.last);
    }
    // (and the post's child words with it: many child words and a grown-up named last)
    f.add_num(key("last_cc"), r.last * 4 + ctx.child_ctx.min(3) as i32);
    // (the pronoun search is the costly one: only where it could tip the rules)
    if r.score == 5 && r.best >= 2 {
        f.add_bool(key("pron"), pronoun_later(ctx, b));
    }
    let t = ctx.toks[a];
    // (first names follow fashions: "Sandra" and "Dave" are more often staff, "Isla" a pupil)
    let era = ctx.model.era(t.fp);
    f.add_num(key("era"), (era + 5).div_euclid(10).clamp(-5, 7));
    f.add(key("era/4"), 0, era as f32 / 40.0);
    // (and the name itself: how often the labelled sets gave it to a pupil and how often to
    // a grown-up or a word, "Kacper" against "Kev" or "Patience"; groups of sets left out,
    // stop 22: 93.97% / 7.35% -> 94.41% / 6.78%)
    if r.initials == 0 {
        f.add(key("self"), t.fp, 1.0);
    }
    // (the word either side, the three either side, and the name itself by their vectors,
    // so a word no set put beside a name reads like the words it keeps company with; groups of
    // sets left out, end to end, stop 29: 94.66% / 7.14% -> 94.93% / 6.41%)
    let v = &ctx.model.vectors;
    let around = ctx.toks[a.saturating_sub(3)..a]
        .iter()
        .chain(ctx.toks.get(b + 1..(b + 4).min(n)).unwrap_or_default());
    let blocks = [
        v.mean(a.checked_sub(1).map(|p| &ctx.toks[p])),
        v.mean(ctx.toks.get(b + 1)),
        v.mean(around),
        v.mean(&ctx.toks[a..=b]),
    ];
    let from = f.len;
    for (k, block) in blocks.iter().enumerate() {
        for (i, &x) in block.iter().flatten().enumerate() {
            f.add(key("wv"), (k * DIMS + i) as u64, x);
        }
    }
    f.vectors = (from, f.len);
    f.add_num(key("shape"), i32::from(t.shape));
    f.add_bool(key("sent"), t.sent);
    f.add_num(key("gap"), i32::from(t.gap));
    f.add_bool(key("poss"), ctx.toks[b].poss);
    f.add_num(
        key("gapafter"),
        ctx.toks.get(b + 1).map_or(-1, |x| i32::from(x.gap)),
    );
    for k in 0..4 {
        if k < a {
            let w = ctx.toks[a - 1 - k].fp;
            f.add(BEFORE[k], w, 1.0);
            f.add(key("bw"), w, 0.5);
        }
        if b + 1 + k < n {
            let w = ctx.toks[b + 1 + k].fp;
            f.add(AFTER[k], w, 1.0);
            f.add(key("aw"), w, 0.5);
        }
    }
    // (and the kind of each word beside it, pooled, so a verb of grown-up work or of
    // behaviour no labelled set has used still counts as one)
    const KINDS: [u64; 12] = [
        CHILD,
        FAMILY,
        CLASSREF,
        ROLE,
        BEHAV_STRONG | BEHAV,
        CARE_VERB,
        ADULT_VERB,
        STAFF_LIFE,
        SCHOOLWORK,
        SUBJECT_VERB,
        WHEN,
        GIVEN,
    ];
    let kind = |t: &Tok| KINDS.iter().position(|&k| t.f & k != 0);
    let sid = ctx.toks[a].sid;
    for k in 0..4 {
        if k < 3 && k < a && ctx.toks[a - 1 - k].sid == sid {
            if let Some(c) = kind(&ctx.toks[a - 1 - k]) {
                f.add(key("kb"), (k * 16 + c) as u64, 1.0);
            }
        }
        if b + 1 + k < n && ctx.toks[b + 1 + k].sid == sid {
            if let Some(c) = kind(&ctx.toks[b + 1 + k]) {
                f.add(key("ka"), (k * 16 + c) as u64, 1.0);
            }
        }
    }
    // (the rest of the sentence says what the post is about: a leaving card, the agency,
    // paternity leave, a meltdown at carpet time)
    // (words of a grown-up's life, pooled: the bag learns the words it has seen, this the
    // kind of word)
    f.add_num(key("slp"), ctx.staff_life.min(3) as i32);
    let near = ctx.toks[a.saturating_sub(16)..(b + 17).min(n)]
        .iter()
        .filter(|t| t.sid == sid && t.f & STAFF_LIFE != 0)
        .count();
    f.add_num(key("sls"), near.min(2) as i32);
    let far = (a.saturating_sub(16)..a.saturating_sub(4)).chain((b + 5).min(n)..(b + 17).min(n));
    for k in far {
        if ctx.toks[k].sid == sid {
            f.add(key("sw"), ctx.toks[k].fp, 0.4);
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
    fn the_reader_reads_words_not_names() {
        let f = super::super::super::Filter::standard();
        let slots = |t: &str| f.post_reader_slots(t);
        // a name, capitalised or not, is left out, and the words either side make a pair
        assert_eq!(slots("sat with Tayo today"), slots("sat with today"));
        assert_eq!(slots("sat with tayo today"), slots("sat with today"));
        assert_eq!(
            slots("sat with today").len(),
            5,
            "three words and two pairs"
        );
        assert_ne!(slots("sat with today"), slots("today with sat"));
        assert!(slots("").is_empty());
    }

    #[test]
    fn the_words_beside_a_name_are_read_by_their_vectors() {
        let filter = super::super::super::Filter::standard();
        let slot = |k: usize| {
            let mut f = Features::new();
            f.add(key("wv"), k as u64, 1.0);
            f.items[0].0
        };
        // which of the four blocks (word before, word after, three either side, the name)
        // the candidate has
        let blocks = |text: &str| -> Vec<bool> {
            let c = filter.name_candidates(text);
            let slots: Vec<u32> = c[0].features.iter().map(|p| p.0).collect();
            (0..4)
                .map(|b| {
                    let n = (0..DIMS)
                        .filter(|i| slots.contains(&slot(b * DIMS + i)))
                        .count();
                    assert!(n == 0 || n == DIMS, "block {b}: {n} of {DIMS}");
                    n == DIMS
                })
                .collect()
        };
        // nothing before the name: that block is left out, not read as zeros
        assert_eq!(
            blocks("Kacper kicked off again at lunch"),
            [false, true, true, true]
        );
        assert_eq!(
            blocks("Then Kacper kicked off again at lunch"),
            [true, true, true, true]
        );
        // a word no set has used has no vector
        assert_eq!(blocks("Zxqvbn Kacper zxqvbn"), [false, false, false, true]);
    }

    #[test]
    fn reader_weights_parse_and_score_a_post() {
        let text = "bias 0\nreader bias -1\nr 7 2.5\nr 9999999 4\nr x 1\n";
        let m = NameModel::parse(text);
        assert_eq!(m.reader_bias, -1.0);
        assert_eq!(m.reader[7], 2.5);
        assert_eq!(m.reader.iter().filter(|&&w| w != 0.0).count(), 1);
        assert_eq!(m.weights.iter().filter(|&&w| w != 0.0).count(), 0);
        // a post with no words the reader reads scores its bias
        assert_eq!(m.read_post(&[]), -1.0);
    }

    #[test]
    fn trees_in_the_weights_file_share_the_answer_by_their_blend() {
        let mut f = Features::new();
        f.items[0] = (3, 1.0);
        f.len = 1;
        // the logistic model alone: bias 0 and weight 1
        assert_eq!(NameModel::parse("bias 0\n3 1\n").logit(&f), 1.0);
        // one tree splitting on slot 3 (below 0.5 "yes"), base 0.5, half the answer theirs
        let trees = "n 0 0 3 0.5 1 2 1\nl 0 1 -4\nl 0 2 2\ntrees base 0.5\n";
        let m = NameModel::parse(&format!("bias 0\n3 1\n{trees}blend 0.5\n"));
        assert_eq!(m.logit(&f), 0.5 * 1.0 + 0.5 * (0.5 + 2.0));
        let none = Features::new();
        assert_eq!(
            m.logit(&none),
            0.5 * 0.0 + 0.5 * (0.5 - 4.0),
            "absent goes yes"
        );
        // deciding without reading every tree gives the logit's answer at every pair of cuts
        for c in -20..=20 {
            let cut = c as f32 / 4.0;
            for g in [&f, &none] {
                let logit = m.logit(g);
                assert_eq!(
                    m.answer(g, cut, cut + 2.0),
                    (logit >= cut).then_some(logit >= cut + 2.0),
                    "cut {cut}"
                );
            }
        }
        // no blend line: the trees are read but not used
        assert_eq!(
            NameModel::parse(&format!("bias 0\n3 1\n{trees}")).logit(&f),
            1.0
        );
    }

    #[test]
    fn a_names_era_says_whether_it_is_more_often_a_pupils() {
        let m = NameModel::parse("bias 0\n");
        assert!(
            m.era(fingerprint(b"sandra")) <= -30,
            "Sandra is a grown-up's name"
        );
        assert!(
            m.era(fingerprint(b"jayden")) >= 30,
            "Jayden is a pupil's name"
        );
        assert_eq!(m.era(fingerprint(b"thursday")), 0);
        assert_eq!(parse_era("sandra -4.5\nnot a line\n").len(), 1);
    }

    #[test]
    fn the_kind_of_the_word_after_a_name_is_a_feature_whatever_the_word() {
        // "resigned" is a word of a grown-up's working life, "sobbed" of a child's behaviour:
        // the model sees the kind even where the labelled sets never had the word
        let f = super::super::super::Filter::standard();
        let slot = |k: &str, kind: u64| {
            let mut x = Features::new();
            x.add(key(k), kind, 1.0);
            x.pairs()[0].0
        };
        // (KINDS: STAFF_LIFE is the eighth, BEHAV the fifth)
        let (staff, behaviour) = (slot("ka", 7), slot("ka", 4));
        let has = |text: &str, s: u32| {
            f.name_candidates(text)
                .iter()
                .any(|c| c.features.iter().any(|&(x, _)| x == s))
        };
        assert!(has("Kasia resigned today.", staff));
        assert!(!has("Kasia resigned today.", behaviour));
        assert!(has("Kasia sobbed today.", behaviour));
        assert!(!has("Kasia sobbed today.", staff));
    }

    #[test]
    fn the_same_value_under_two_names_is_two_features() {
        let mut f = Features::new();
        f.add_num(key("best"), 4);
        f.add_num(key("ev"), 4);
        f.add_num(key("best"), 4);
        let p = f.pairs();
        assert_ne!(p[0].0, p[1].0);
        assert_eq!(p[0], p[2]);
    }
}
