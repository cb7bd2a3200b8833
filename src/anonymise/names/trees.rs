//! Boosted decision trees over the name model's features: the second half of its answer.
//! The logistic model adds up evidence one feature at a time; trees also weigh features
//! together ("a given name at the start of a line" means one thing in a list of pupils and
//! another in a chat's speaker column). Each group of labelled sets left out of training in
//! turn, the two together find more pupils at fewer false alarms than the logistic model
//! alone, at a cut 0.25 higher (BENCHMARKS.md, stop 20).
//!
//! The trees are trained by `scripts/data-tools/train_name_model.py` (XGBoost) and written
//! into the same weights file: `n TREE NODE SLOT THRESHOLD YES NO MISSING` for a split, `l
//! TREE NODE VALUE` for a leaf. A candidate goes to YES when its value in SLOT is below
//! THRESHOLD, and to MISSING when it has no such feature.

use std::collections::HashMap;

/// A candidate's row is read from a dense array of the slots the trees split on, built on the
/// stack: at most this many (slots beyond are read as absent).
const MAX_COLUMNS: usize = 1024;
/// The columns of a short row (the shipped trees read 248 slots).
const SHORT_ROW: usize = 320;
/// The row's last column, which is never set: a split on it always finds the feature absent.
const ABSENT: u16 = MAX_COLUMNS as u16;
const LEAF: u16 = u16::MAX;
/// Trees deeper than this are dropped (each is laid out full to the depth of the deepest, so
/// a deep one would cost every tree room and steps; XGBoost is asked for depth 6).
const MAX_DEPTH: u32 = 10;

/// A node of a tree as read: a split, or a leaf when `column` is `LEAF`.
#[derive(Clone, Copy)]
struct Node {
    /// the row column it splits on, or `LEAF`
    column: u16,
    /// where a candidate without the feature goes
    missing_yes: bool,
    /// the threshold, or the leaf's value
    value: f32,
    yes: u32,
    no: u32,
}

/// A split as laid out for reading: its children are found by place, not by pointer.
#[derive(Clone, Copy)]
struct Split {
    /// the place in a row of `Sides` to read: twice the column, plus 1 when a candidate
    /// without the feature goes to NO
    read: u16,
    threshold: f32,
}

/// A row column read two ways: the feature's value in both when the candidate has it, else
/// -∞ (below every threshold: to YES) and +∞ (below none: to NO). A split reads the side its
/// missing branch names, so absence needs no test of its own.
type Sides = [f32; 2];
const NOT_THERE: Sides = [f32::NEG_INFINITY, f32::INFINITY];

/// Where a leaf above the full depth stands in for the levels below it: every candidate goes
/// to YES, since the feature in `ABSENT` is never there.
const PASS: Split = Split {
    read: 2 * ABSENT,
    threshold: 0.0,
};

/// The trees, each laid out full to the same depth as an implicit binary tree (the children
/// of split `i` are `2i + 1` for YES and `2i + 2` for NO, the last level being the leaves):
/// reading one is `depth` steps of arithmetic, without a branch on the shape of the tree.
pub(crate) struct Trees {
    /// For each feature slot, 1 + its column in a candidate's row; 0 when no tree reads it.
    column: Box<[u16]>,
    depth: u32,
    /// `2^depth - 1` splits a tree, tree after tree
    splits: Vec<Split>,
    /// `2^depth` leaves a tree, tree after tree
    leaves: Vec<f32>,
    /// For each tree, the least and the most the trees from it to the last can add: once
    /// what is summed so far plus either bound is on one side of a threshold, the answer is.
    least_after: Vec<f32>,
    most_after: Vec<f32>,
    /// How many columns a row has: those the trees read, then the one never set.
    row_len: usize,
}

/// A node as the file names it: (tree, node number).
type NodeId = (u32, u32);

/// A split line as read: its children are node numbers of the same tree.
struct SplitLine {
    slot: usize,
    threshold: f32,
    yes: u32,
    no: u32,
    missing: u32,
}

/// The lines of the trees as read, before their node numbers become places in `nodes`.
#[derive(Default)]
pub(crate) struct TreesBuilder {
    splits: Vec<(NodeId, SplitLine)>,
    leaves: Vec<(NodeId, f32)>,
}

impl TreesBuilder {
    /// Reads one `n …` or `l …` line's fields (after the tag); a malformed line is skipped.
    pub fn line(&mut self, tag: &str, rest: &mut std::str::SplitAsciiWhitespace<'_>) {
        // (seven fields at most, on the stack: a weights file has thousands of these lines)
        let mut f = [""; 7];
        let mut len = 0;
        for (field, v) in f.iter_mut().zip(rest) {
            *field = v;
            len += 1;
        }
        let f = &f[..len];
        let id = |k: usize| f.get(k).and_then(|v| v.parse::<u32>().ok());
        // (a threshold or leaf that is not a finite number makes the line malformed: an
        // infinite threshold would meet the infinities that stand for absent features)
        let value = |k: usize| {
            f.get(k)
                .and_then(|v| v.parse::<f32>().ok())
                .filter(|v| v.is_finite())
        };
        match (tag, id(0), id(1)) {
            ("n", Some(t), Some(n)) => {
                if let (Some(slot), Some(threshold), Some(yes), Some(no), Some(missing)) =
                    (id(2), value(3), id(4), id(5), id(6))
                {
                    let split = SplitLine {
                        slot: slot as usize,
                        threshold,
                        yes,
                        no,
                        missing,
                    };
                    self.splits.push(((t, n), split));
                }
            }
            ("l", Some(t), Some(n)) => {
                if let Some(v) = value(2) {
                    self.leaves.push(((t, n), v));
                }
            }
            _ => {}
        }
    }

    /// The trees, every node's children found by number; a tree whose node points nowhere
    /// is dropped whole (a partial tree would answer wrongly).
    pub fn build(self, slots: usize) -> Trees {
        let mut column = vec![0u16; slots].into_boxed_slice();
        let mut columns = 0usize;
        let mut place: HashMap<NodeId, u32> = HashMap::new();
        let mut nodes = Vec::with_capacity(self.splits.len() + self.leaves.len());
        for (id, split) in &self.splits {
            let c = match column.get_mut(split.slot) {
                Some(c) if *c != 0 => *c - 1,
                Some(c) if columns < MAX_COLUMNS => {
                    columns += 1;
                    *c = columns as u16;
                    *c - 1
                }
                // (a slot no row can hold is always absent)
                _ => ABSENT,
            };
            place.insert(*id, nodes.len() as u32);
            nodes.push(Node {
                column: c,
                missing_yes: false,
                value: split.threshold,
                yes: 0,
                no: 0,
            });
        }
        for &(id, v) in &self.leaves {
            place.insert(id, nodes.len() as u32);
            nodes.push(Node {
                column: LEAF,
                missing_yes: false,
                value: v,
                yes: 0,
                no: 0,
            });
        }
        let mut broken = std::collections::HashSet::new();
        for (k, &((t, _), ref split)) in self.splits.iter().enumerate() {
            match (place.get(&(t, split.yes)), place.get(&(t, split.no))) {
                (Some(&y), Some(&n)) => {
                    nodes[k].yes = y;
                    nodes[k].no = n;
                    nodes[k].missing_yes = split.missing == split.yes;
                }
                _ => {
                    broken.insert(t);
                }
            }
        }
        let mut trees: Vec<u32> = place.keys().map(|&(t, _)| t).collect();
        trees.sort_unstable();
        trees.dedup();
        let roots = trees
            .into_iter()
            .filter(|t| !broken.contains(t))
            .filter_map(|t| place.get(&(t, 0)).copied())
            .filter_map(|root| Some((root, depth(&nodes, root, 0)?)))
            .collect::<Vec<(u32, u32)>>();
        let mut least_after = vec![0.0; roots.len() + 1];
        let mut most_after = vec![0.0; roots.len() + 1];
        for (k, &(root, _)) in roots.iter().enumerate().rev() {
            let (lo, hi) = leaf_range(&nodes, root);
            least_after[k] = least_after[k + 1] + lo;
            most_after[k] = most_after[k + 1] + hi;
        }
        let (depth, mut splits, leaves) = lay_out(&nodes, &roots);
        // (the never-set column moves to just after the last one read, so a row is no longer
        // than the trees need)
        for split in &mut splits {
            if split.read / 2 == ABSENT {
                split.read = 2 * columns as u16 + split.read % 2;
            }
        }
        Trees {
            row_len: columns + 1,
            column,
            depth,
            splits,
            leaves,
            least_after,
            most_after,
        }
    }
}

/// The trees from `roots` (each with its depth) laid out full to the depth of the deepest:
/// that depth, the splits and the leaves.
fn lay_out(nodes: &[Node], roots: &[(u32, u32)]) -> (u32, Vec<Split>, Vec<f32>) {
    // (at least one level, so every tree has a split to be found by)
    let depth = roots.iter().map(|&(_, d)| d).max().unwrap_or(0).max(1);
    let (inner, width) = ((1usize << depth) - 1, 1usize << depth);
    let mut splits = vec![PASS; inner * roots.len()];
    let mut leaves = vec![0.0; width * roots.len()];
    for (k, &(root, _)) in roots.iter().enumerate() {
        let mut tree = Laying {
            nodes,
            depth,
            splits: &mut splits[k * inner..(k + 1) * inner],
            leaves: &mut leaves[k * width..(k + 1) * width],
        };
        tree.lay(root, 0, 0);
    }
    (depth, splits, leaves)
}

/// One tree being laid out full: its place for splits and for leaves.
struct Laying<'a> {
    nodes: &'a [Node],
    depth: u32,
    splits: &'a mut [Split],
    leaves: &'a mut [f32],
}

impl Laying<'_> {
    /// Lays `node` at place `at`, `level` steps from the root; a leaf above the last level
    /// fills its place's whole subtree (YES under `PASS`, and its value in every leaf).
    fn lay(&mut self, node: u32, at: usize, level: u32) {
        let n = self.nodes[node as usize];
        if level == self.depth {
            self.leaves[at - self.splits.len()] = n.value;
            return;
        }
        let (yes, no) = if n.column == LEAF {
            self.splits[at] = PASS;
            (node, node)
        } else {
            self.splits[at] = Split {
                read: 2 * n.column + u16::from(!n.missing_yes),
                threshold: n.value,
            };
            (n.yes, n.no)
        };
        self.lay(yes, 2 * at + 1, level + 1);
        self.lay(no, 2 * at + 2, level + 1);
    }
}

/// How many splits the deepest path from `node` has, if every path reaches a leaf within
/// `MAX_DEPTH` of the root (a malformed file could loop).
fn depth(nodes: &[Node], node: u32, at: u32) -> Option<u32> {
    let n = nodes[node as usize];
    if n.column == LEAF {
        return Some(0);
    }
    if at >= MAX_DEPTH {
        return None;
    }
    Some(1 + depth(nodes, n.yes, at + 1)?.max(depth(nodes, n.no, at + 1)?))
}

/// The least and the most leaf under `node` (the tree is known to be finite).
fn leaf_range(nodes: &[Node], node: u32) -> (f32, f32) {
    let n = nodes[node as usize];
    if n.column == LEAF {
        return (n.value, n.value);
    }
    let (a, b) = (leaf_range(nodes, n.yes), leaf_range(nodes, n.no));
    (a.0.min(b.0), a.1.max(b.1))
}

/// How far past a threshold the bounds must be before the rest of the trees are skipped:
/// far more than the rounding of a sum of floats, so a skip never changes an answer.
const SURE: f32 = 1e-2;

impl Trees {
    pub fn is_empty(&self) -> bool {
        self.leaves.is_empty()
    }

    /// The sum of the leaves the candidate's features reach, one per tree. A slot given twice
    /// counts its values together, as training reads them.
    #[cfg(test)]
    pub fn margin(&self, features: &[(u32, f32)]) -> f32 {
        // (with no threshold nothing is decided early)
        self.margin_or_side(features, &[]).unwrap_or(0.0)
    }

    /// The margin, or, as soon as the trees not yet read cannot bring it back across any of
    /// `thresholds` (in rising order), how many of them the margin is above.
    pub fn margin_or_side(
        &self,
        features: &[(u32, f32)],
        thresholds: &[f32],
    ) -> Result<f32, usize> {
        if self.is_empty() {
            return Ok(0.0);
        }
        // (a row is filled for every candidate, so one on the stack no longer than most
        // models need is read where it will do)
        if self.row_len <= SHORT_ROW {
            self.read::<SHORT_ROW>(features, thresholds)
        } else {
            self.read::<{ MAX_COLUMNS + 1 }>(features, thresholds)
        }
    }

    /// [`Trees::margin_or_side`] with a row of `N` columns, at least `row_len`.
    fn read<const N: usize>(
        &self,
        features: &[(u32, f32)],
        thresholds: &[f32],
    ) -> Result<f32, usize> {
        // (the last column is never set: a slot no row can hold is always absent)
        let mut row = [NOT_THERE; N];
        for &(slot, v) in features {
            if let Some(&c) = self.column.get(slot as usize) {
                if c != 0 {
                    let x = &mut row[usize::from(c) - 1];
                    let sum = if *x == NOT_THERE { v } else { x[0] + v };
                    *x = [sum, sum];
                }
            }
        }
        let row = row.as_flattened();
        let inner = (1usize << self.depth) - 1;
        // (once the trees from `k` on cannot bring the sum back across any threshold, how
        // many thresholds it is above)
        let settled = |k: usize, sum: f32| {
            let (least, most) = (sum + self.least_after[k], sum + self.most_after[k]);
            let sure = !thresholds.is_empty()
                && thresholds
                    .iter()
                    .all(|&t| least > t + SURE || most < t - SURE);
            sure.then(|| thresholds.iter().filter(|&&t| least > t + SURE).count())
        };
        let step = |splits: &[Split], at: usize| {
            let split = splits[at];
            let yes = row[usize::from(split.read)] < split.threshold;
            2 * at + 2 - usize::from(yes)
        };
        let mut sum = 0.0;
        // (four trees at a time, a step down each in turn: a step waits on the one before it
        // in its own tree, so four walked together keep the core busy; the leaves are summed
        // in the same order as one tree at a time, and the bounds checked every fourth tree)
        let fours = self.splits.chunks_exact(4 * inner);
        let leaves = self.leaves.chunks_exact(4 * (inner + 1));
        let done = fours.len() * 4;
        for (k, (splits, leaves)) in fours.zip(leaves).enumerate() {
            if let Some(above) = settled(4 * k, sum).filter(|_| k > 0) {
                return Err(above);
            }
            let mut at = [0usize; 4];
            for _ in 0..self.depth {
                for (j, at) in at.iter_mut().enumerate() {
                    *at = step(&splits[j * inner..], *at);
                }
            }
            for (j, &at) in at.iter().enumerate() {
                sum += leaves[j * (inner + 1) + at - inner];
            }
        }
        // the last trees, fewer than four
        let trees = self.splits[done * inner..].chunks_exact(inner);
        if trees.len() > 0 && done > 0 {
            if let Some(above) = settled(done, sum) {
                return Err(above);
            }
        }
        let leaves = self.leaves[done * (inner + 1)..].chunks_exact(inner + 1);
        for (splits, leaves) in trees.zip(leaves) {
            let mut at = 0;
            for _ in 0..self.depth {
                at = step(splits, at);
            }
            sum += leaves[at - inner];
        }
        Ok(sum)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trees(text: &str) -> Trees {
        let mut b = TreesBuilder::default();
        for line in text.lines() {
            let mut parts = line.split_ascii_whitespace();
            if let Some(tag) = parts.next() {
                b.line(tag, &mut parts);
            }
        }
        b.build(16)
    }

    #[test]
    fn a_candidate_follows_its_features_to_a_leaf_in_each_tree() {
        // tree 0 splits on slot 3 (absent goes to "no"); tree 1 on slot 5 (absent goes "yes")
        let t = trees(
            "n 0 0 3 0.5 1 2 2\nl 0 1 -1\nl 0 2 2\n\
             n 1 0 5 1.5 1 2 1\nl 1 1 0.25\nl 1 2 -0.5\n",
        );
        assert_eq!(t.margin(&[]), 2.0 + 0.25, "both absent");
        assert_eq!(t.margin(&[(3, 0.2)]), -1.0 + 0.25);
        assert_eq!(t.margin(&[(3, 1.0), (5, 1.0)]), 2.0 + 0.25);
        // the same slot twice counts its values together: 1 + 1 is not below 1.5
        assert_eq!(t.margin(&[(5, 1.0), (5, 1.0)]), 2.0 - 0.5);
        // a slot no tree reads changes nothing
        assert_eq!(t.margin(&[(9, 7.0)]), t.margin(&[]));
    }

    #[test]
    fn trees_of_different_depths_are_read_alike() {
        // tree 0 is three splits deep on its NO side and a leaf on its YES side; tree 1 is a
        // lone leaf; tree 2 is one split whose absent feature goes to YES
        let t = trees(
            "n 0 0 3 0.5 1 2 2\nl 0 1 1\n\
             n 0 2 4 2 3 4 4\nl 0 3 -1\n\
             n 0 4 5 1 5 6 5\nl 0 5 0.5\nl 0 6 0.25\n\
             l 1 0 0.125\n\
             n 2 0 6 0 1 2 1\nl 2 1 4\nl 2 2 8\n",
        );
        assert_eq!(
            t.margin(&[(3, 0.0)]),
            1.0 + 0.125 + 4.0,
            "slot 3 below: YES at once"
        );
        assert_eq!(
            t.margin(&[(4, 1.0)]),
            -1.0 + 0.125 + 4.0,
            "3 absent: NO, then 4 below"
        );
        assert_eq!(
            t.margin(&[(4, 3.0)]),
            0.5 + 0.125 + 4.0,
            "5 absent goes YES"
        );
        assert_eq!(t.margin(&[(4, 3.0), (5, 1.0)]), 0.25 + 0.125 + 4.0);
        assert_eq!(t.margin(&[(4, 3.0), (5, 0.5)]), 0.5 + 0.125 + 4.0);
        assert_eq!(
            t.margin(&[(6, 0.0)]),
            0.5 + 0.125 + 8.0,
            "6 not below 0: NO"
        );
        assert_eq!(t.margin(&[(6, -1.0)]), 0.5 + 0.125 + 4.0);
    }

    #[test]
    fn the_trees_stop_once_the_rest_cannot_cross_the_threshold() {
        // sixteen trees: each adds 1 when slot 3 is absent or below 2, else -1
        let text: String = (0..16)
            .map(|t| format!("n {t} 0 3 2 1 2 1\nl {t} 1 1\nl {t} 2 -1\n"))
            .collect();
        let t = trees(&text);
        assert_eq!(t.margin(&[]), 16.0);
        // after eight trees 8 is summed and the rest add at least -8: above -1 for sure
        assert_eq!(t.margin_or_side(&[], &[-1.0]), Err(1));
        // and at most 8: below 17 for sure
        assert_eq!(t.margin_or_side(&[], &[17.0]), Err(0));
        // and so between the two, with both asked at once
        assert_eq!(t.margin_or_side(&[], &[-1.0, 17.0]), Err(1));
        // near a threshold every tree is read
        assert_eq!(t.margin_or_side(&[], &[15.5]), Ok(16.0));
        assert_eq!(t.margin_or_side(&[], &[-1.0, 15.5]), Ok(16.0));
        assert_eq!(t.margin_or_side(&[(3, 5.0)], &[-16.0]), Ok(-16.0));
    }

    #[test]
    fn trees_reading_more_slots_than_a_short_row_holds_are_read_alike() {
        // one tree a slot, each adding 1 when its slot is absent or below 1, else -1: more
        // columns than a short row has; and one more adding -1 either way
        let slots = SHORT_ROW as u32 + 40;
        let mut text: String = (0..slots)
            .map(|t| format!("n {t} 0 {t} 1 1 2 1\nl {t} 1 1\nl {t} 2 -1\n"))
            .collect();
        text.push_str(&format!(
            "n {slots} 0 {} 1 1 2 2\nl {slots} 1 1\nl {slots} 2 -1\n",
            9000
        ));
        let mut b = TreesBuilder::default();
        for line in text.lines() {
            let mut parts = line.split_ascii_whitespace();
            if let Some(tag) = parts.next() {
                b.line(tag, &mut parts);
            }
        }
        let t = b.build(10_000);
        assert!(t.row_len > SHORT_ROW);
        let all = slots as f32 - 1.0;
        assert_eq!(t.margin(&[]), all);
        // the first slot and the last a short row could not hold, both at or above 1
        let last = slots - 1;
        assert_eq!(t.margin(&[(0, 5.0), (last, 1.0)]), all - 4.0);
        assert_eq!(t.margin(&[(last, 0.5), (9000, 3.0)]), all);
    }

    #[test]
    fn a_tree_with_a_missing_node_is_dropped_and_bad_lines_are_skipped() {
        let t = trees("n 0 0 3 0.5 1 2 2\nl 0 1 -1\nn x\nl 1 0 0.5\nn 2 0 99 1 1 2 1\n");
        // tree 0 lacks node 2, tree 2's slot is out of range but its leaves are missing too
        assert_eq!(t.margin(&[]), 0.5);
        assert!(trees("").is_empty());
        // a node that points back at its parent would never reach a leaf: the tree is dropped
        let t = trees("n 0 0 3 0.5 1 2 1\nn 0 1 3 0.5 0 2 0\nl 0 2 1\nl 1 0 0.25\n");
        assert_eq!(t.margin(&[(3, 0.1)]), 0.25);
        // a threshold that is no finite number is a bad line, and its tree goes with it
        let t = trees("n 0 0 3 inf 1 2 2\nl 0 1 -1\nl 0 2 2\nl 1 0 0.5\nn 2 0 3 NaN 1 2 2\n");
        assert_eq!(t.margin(&[]), 0.5);
        assert_eq!(t.margin(&[(3, 1.0)]), 0.5);
    }
}
