//! Names that are not people at all here: titles in quotes, characters in the class reader,
//! class and house names, a book "as our class novel".

use super::super::engine::Ctx;
use super::super::lexicon::*;
use super::super::tokens::*;
use super::base::{name_list, same_sent};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Is `a..=b` inside quotes that hold a title: capitalised words and small joining words
/// ("'The Boy at the Back of the Class'"), or anything quoted just before "by" and an
/// author ("'Claude' by Alex T. Smith")? Dialogue ("'Miss, Tyler said…'") is not a title.
pub(super) fn in_quoted_title(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    const SMALL: [&str; 11] = [
        "of", "the", "and", "at", "in", "for", "a", "to", "with", "on", "from",
    ];
    let n = ctx.toks.len();
    let title_word = |k: usize| {
        matches!(ctx.toks[k].shape, CAP | UPPER | SINGLE | DIGIT)
            || SMALL.iter().any(|w| ctx.is(k, w))
    };
    // the opening quote: before `a` or a few title words earlier
    let mut s = a;
    while ctx.toks[s].gap & G_QUOTE == 0 {
        if s == 0 || a - s >= 8 || !title_word(s - 1) || ctx.toks[s].gap & !G_SPACE != 0 {
            return false;
        }
        s -= 1;
    }
    // the closing quote: after `b` or a few title words later
    let mut e = b + 1;
    while e < n && ctx.toks[e].gap & G_QUOTE == 0 {
        if e - b > 8 || !title_word(e) || ctx.toks[e].gap & !G_SPACE != 0 {
            return false;
        }
        e += 1;
    }
    let words = e - s;
    let by_author = e < n && ctx.is(e, "by") && e + 1 < n && ctx.toks[e + 1].shape == CAP;
    words >= 2 || by_author
}

/// Does a book's title (in the same sentence) or a chapter (in it or the one before) come
/// shortly before token `a`, with `a` not someone the writer works with ("with Kai")?
/// (A known title without quotes is not enough: "Reading Harry Potter with Year 4 and Tyler
/// cried at the end" names a pupil.)
pub(super) fn in_story(ctx: &Ctx<'_>, a: usize) -> bool {
    if a == 0 || ctx.toks[a - 1].f & OBJECT_PREP != 0 {
        return false;
    }
    let sid = ctx.toks[a].sid;
    (a.saturating_sub(14)..a).any(|k| {
        let t = ctx.toks[k];
        (t.sid + 1 >= sid
            && ((ctx.is(k, "ch")
                || ctx.is(k, "chapter")
                || ctx.is(k, "act")
                || ctx.is(k, "scene"))
                && ctx.toks.get(k + 1).is_some_and(|n| n.shape == DIGIT)))
            || (t.sid == sid
                && t.gap & G_QUOTE != 0
                && t.shape == CAP
                && in_quoted_title(ctx, k, k))
    })
}

/// Is token `a` in a list of class, house or room names: the list ends in "classes" or
/// follows "named after … :" or "classes:"?
pub(super) fn class_names(ctx: &Ctx<'_>, a: usize) -> bool {
    const GROUPS: &[&str] = &["classes", "class", "houses", "rooms", "groups"];
    let (la, lb, count) = name_list(ctx, a, true);
    if count < 2 {
        return false;
    }
    let after = lb + 1 < ctx.toks.len() && ctx.is_any(lb + 1, GROUPS) && !ctx.toks[lb].poss;
    // (the label before the list, in the same sentence)
    let label = la > 0
        && ctx.toks[la].gap & G_COLON != 0
        && (la.saturating_sub(8)..la).any(|k| same_sent(ctx, k, la - 1) && ctx.is_any(k, GROUPS))
        && (la.saturating_sub(8)..la).any(|k| ctx.is_any(k, &["named", "called", "names"]));
    after || label
}

/// Is the name `a..=b` a book the class reads: "Matilda as our class novel", "Doing Matilda
/// with Year 5" (a pupil is not done or read with a class)?
pub(super) fn as_a_book(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let n = ctx.toks.len();
    if a > 0
        && ctx.is_any(a - 1, &["doing", "reading", "studying", "read"])
        && ctx.is(b + 1, "with")
        && (b + 2..(b + 4).min(n)).any(|k| ctx.toks[k].f & CLASSREF != 0)
    {
        return true;
    }
    ctx.is(b + 1, "as")
        && (b + 2..(b + 5).min(ctx.toks.len())).any(|k| {
            ctx.toks[k].f & BOOKCUE != 0
                && (b + 2..k).all(|j| ctx.toks[j].f & (DETERMINER | CLASSWORD) != 0)
        })
}

const WORKS: &str = include_str!("../data/works.txt");

/// Books, plays, films and programmes read in schools, with their characters whose names are
/// also children's (`data/works.txt`), built once at start-up.
pub(crate) struct Works {
    /// Every work's cues (titles, authors) in one automaton, so a post is read once.
    cues: AhoCorasick,
    /// The works of each cue, by pattern number ("shirley hughes" names two).
    cue_works: Vec<Vec<u16>>,
    /// Per work: its characters' fingerprints.
    characters: Vec<Box<[u64]>>,
    /// The works each character's name is in, by the name's fingerprint.
    by_name: HashMap<u64, Vec<u16>, BuildHasherDefault<IdHasher>>,
}

/// What a post says of the works, read once, when the first character's name comes up.
#[derive(Default)]
pub(crate) struct WorksInPost {
    /// The cues found: where, and of which works (a pattern number).
    cues: Vec<(usize, usize, usize)>,
    /// The capitalised tokens that are characters' names but no child's (Trunchbull,
    /// Hagrid): token and fingerprint.
    characters: Vec<(usize, u64)>,
}

impl Works {
    pub fn build() -> Self {
        let mut patterns: Vec<&str> = Vec::new();
        let mut cue_works: Vec<Vec<u16>> = Vec::new();
        let mut characters = Vec::new();
        let mut by_name: HashMap<u64, Vec<u16>, BuildHasherDefault<IdHasher>> = HashMap::default();
        for line in WORKS.lines() {
            let line = line.trim();
            if line.starts_with('#') {
                continue;
            }
            let Some((cues, names)) = line.split_once(" : ") else {
                continue;
            };
            let id = characters.len() as u16;
            for cue in cues.split('|').map(str::trim).filter(|c| !c.is_empty()) {
                match patterns.iter().position(|p| *p == cue) {
                    Some(i) => cue_works[i].push(id),
                    None => {
                        patterns.push(cue);
                        cue_works.push(vec![id]);
                    }
                }
            }
            // (one-word names only: the filter weighs a name a word at a time)
            let fps: Box<[u64]> = names
                .split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty() && w.bytes().all(|c| c.is_ascii_lowercase()))
                .map(|w| fingerprint(w.as_bytes()))
                .collect();
            for &fp in fps.iter() {
                let list = by_name.entry(fp).or_default();
                if !list.contains(&id) {
                    list.push(id);
                }
            }
            characters.push(fps);
        }
        Works {
            cues: AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                // (a few hundred cues: a DFA is small, and the fastest to read a post with)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("the works' cues build an automaton"),
            cue_works,
            characters,
            by_name,
        }
    }

    /// Reads the post for the works' cues (whole words; a one-word cue capitalised and not
    /// starting a sentence: "Holes", "Wonder", not "I wonder") and their characters.
    fn read(&self, ctx: &Ctx<'_>) -> WorksInPost {
        let text = ctx.b;
        let mut seen = WorksInPost::default();
        for m in self.cues.find_iter(text) {
            let (i, j) = (m.start(), m.end());
            let bounded = (i == 0 || !text[i - 1].is_ascii_alphanumeric())
                && (j == text.len() || !text[j].is_ascii_alphanumeric());
            let one_word = !text[i..j].contains(&b' ');
            let titled = !one_word
                || (text[i].is_ascii_uppercase()
                    && text[..i]
                        .iter()
                        .rev()
                        .find(|c| !c.is_ascii_whitespace())
                        .is_some_and(|c| !matches!(c, b'.' | b'!' | b'?')));
            if bounded && titled {
                seen.cues.push((i, j, m.pattern().as_usize()));
            }
        }
        for (k, t) in ctx.toks.iter().enumerate() {
            if t.shape == CAP && t.f & GIVEN == 0 && self.by_name.contains_key(&t.fp) {
                seen.characters.push((k, t.fp));
            }
        }
        seen
    }
}

/// Is the name `a..=b` a character of a story the post names: by its title or author
/// elsewhere in the post ("Lennie and George's dream in Of Mice and Men") or by a title that
/// holds the name ("Alfie Gets in First"), or by another of its characters whose name is no
/// child's ("Matilda is our class novel and Miss Trunchbull…")?
pub(super) fn in_named_work(ctx: &Ctx<'_>, a: usize, b: usize) -> bool {
    let works = ctx.works;
    let (s, e) = (ctx.toks[a].s as usize, ctx.toks[b].e as usize);
    (a..=b).any(|k| {
        let fp = ctx.toks[k].fp;
        let Some(ids) = works.by_name.get(&fp) else {
            return false;
        };
        let seen = ctx.works_in_post.get_or_init(|| works.read(ctx));
        ids.iter().any(|&w| {
            // (a title holding the name is the story's, "Alfie Gets in First is the best")
            seen.cues.iter().any(|&(i, j, p)| {
                (j <= s || i >= e || (i <= s && e <= j && ctx.b[i..j].contains(&b' ')))
                    && works.cue_works[p].contains(&w)
            }) || seen.characters.iter().any(|&(j, other)| {
                (j < a || j > b) && other != fp && works.characters[w as usize].contains(&other)
            })
        })
    })
}
