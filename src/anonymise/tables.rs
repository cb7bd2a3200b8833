//! Tables pasted as text: rows of cells split by `|`, tabs, `;` or `,`, under a header line.

use super::engine::Ctx;
use std::cmp::Reverse;

/// The header line above a cell, found by [`header_above`].
pub(super) struct Header {
    /// The first token on the line that the caller's test accepted.
    pub first: usize,
    /// Where the line starts and ends (bytes), and the separator of its cells.
    start: usize,
    end: usize,
    sep: u8,
    /// The cell's column (how many separators precede it on its row).
    column: usize,
}

impl Header {
    /// Is token `k` of the header line in the cell's column?
    pub fn heads_the_cell(&self, ctx: &Ctx<'_>, k: usize) -> bool {
        let s = ctx.toks[k].s as usize;
        let seps = ctx.b[self.start..s]
            .iter()
            .filter(|&&c| c == self.sep)
            .count();
        seps == self.column
    }

    /// Do bytes `s..e` of a row fill their cell, with nothing but spaces beside them?
    pub fn fills_a_cell(&self, ctx: &Ctx<'_>, s: usize, e: usize) -> bool {
        let blank = |c: &&u8| **c == b' ' || **c == b'\t' && self.sep != b'\t';
        let edge = |c: Option<&u8>| c.is_none_or(|&c| c == self.sep || c == b'\n' || c == b'\r');
        edge(ctx.b[..s].iter().rev().find(|c| !blank(c)))
            && edge(ctx.b[e..].iter().find(|c| !blank(c)))
    }

    /// Are the cells split by bars or tabs, a grid, rather than by commas or semicolons (which
    /// prose has too)?
    pub fn is_grid(&self) -> bool {
        matches!(self.sep, b'|' | b'\t')
    }

    /// The tokens of the header line.
    pub fn tokens(&self, ctx: &Ctx<'_>) -> std::ops::Range<usize> {
        let from = ctx.tok_at(self.start);
        let to = ctx.toks.partition_point(|t| (t.s as usize) < self.end);
        from..to.max(from)
    }
}

/// For the cell at byte `at` in a row of a table, the header above it: walking up the rows
/// (lines holding the separator the row also holds), the first line with a token `header`
/// accepts. `None` when the cell is in no table or no such line is found.
pub(super) fn header_above(
    ctx: &Ctx<'_>,
    at: usize,
    header: impl Fn(usize) -> bool,
) -> Option<Header> {
    let text = ctx.b;
    // (a row is a short line: a cell further than this from its line's ends is in no table,
    // and the search stays linear however long a post without line breaks is)
    const ROW: usize = 1024;
    let line_start = |p: usize| {
        let from = p.saturating_sub(ROW);
        match text[from..p].iter().rposition(|&c| c == b'\n') {
            Some(q) => Some(from + q + 1),
            None => (from == 0).then_some(0),
        }
    };
    let row = line_start(at)?;
    if row == 0 {
        return None;
    }
    // (the cell's own line must be a row too: a sentence under a header-like line is no table)
    let row_end = at
        + text[at..(at + ROW).min(text.len())]
            .iter()
            .position(|&c| c == b'\n')
            .unwrap_or(text.len().min(at + ROW) - at);
    let row_line = &text[row..row_end];
    let mut end = row - 1;
    for _ in 0..40 {
        let start = line_start(end)?;
        let line = &text[start..end];
        // (the most used separator; on a tie the first of these, so a row of tabs with a
        // comma inside a cell, "Jade\tKacper, Mia", is still split by its tabs)
        let sep = [b'|', b'\t', b';', b',']
            .into_iter()
            .enumerate()
            .max_by_key(|&(i, c)| (line.iter().filter(|&&x| x == c).count(), Reverse(i)))
            .map(|(_, c)| c)?;
        if !line.contains(&sep) || !row_line.contains(&sep) {
            return None;
        }
        let mut k = ctx.tok_at(start);
        while k < ctx.toks.len() && (ctx.toks[k].s as usize) < end {
            if header(k) {
                let column = text[row..at].iter().filter(|&&c| c == sep).count();
                return Some(Header {
                    first: k,
                    start,
                    end,
                    sep,
                    column,
                });
            }
            k += 1;
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
    None
}
