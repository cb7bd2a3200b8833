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
const LEAF: u16 = u16::MAX;
/// Trees deeper than this are dropped.
const MAX_DEPTH: u32 = 16;

/// A node of a tree: a split, or a leaf when `column` is `LEAF`.
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

pub(crate) struct Trees {
    /// For each feature slot, 1 + its column in a candidate's row; 0 when no tree reads it.
    column: Box<[u16]>,
    nodes: Vec<Node>,
    roots: Vec<u32>,
    /// For each tree, the least and the most the trees from it to the last can add: once
    /// what is summed so far plus either bound is on one side of a threshold, the answer is.
    least_after: Vec<f32>,
    most_after: Vec<f32>,
}

/// A node as the file names it: (tree, node number).
type NodeId = (u32, u32);

/// A split line as read: its children are node numbers of the same tree.
struct Split {
    slot: usize,
    threshold: f32,
    yes: u32,
    no: u32,
    missing: u32,
}

/// The lines of the trees as read, before their node numbers become places in `nodes`.
#[derive(Default)]
pub(crate) struct TreesBuilder {
    splits: Vec<(NodeId, Split)>,
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
        let value = |k: usize| f.get(k).and_then(|v| v.parse::<f32>().ok());
        match (tag, id(0), id(1)) {
            ("n", Some(t), Some(n)) => {
                if let (Some(slot), Some(threshold), Some(yes), Some(no), Some(missing)) =
                    (id(2), value(3), id(4), id(5), id(6))
                {
                    let split = Split {
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
                _ => MAX_COLUMNS as u16,
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
            .filter(|&root| within_depth(&nodes, root, 0))
            .collect::<Vec<u32>>();
        let mut least_after = vec![0.0; roots.len() + 1];
        let mut most_after = vec![0.0; roots.len() + 1];
        for (k, &root) in roots.iter().enumerate().rev() {
            let (lo, hi) = leaf_range(&nodes, root);
            least_after[k] = least_after[k + 1] + lo;
            most_after[k] = most_after[k + 1] + hi;
        }
        Trees {
            column,
            nodes,
            roots,
            least_after,
            most_after,
        }
    }
}

/// Does every path from `node` reach a leaf within `MAX_DEPTH` steps? (A malformed file
/// could loop; XGBoost is asked for depth 6.)
fn within_depth(nodes: &[Node], node: u32, at: u32) -> bool {
    let n = nodes[node as usize];
    n.column == LEAF
        || (at < MAX_DEPTH
            && within_depth(nodes, n.yes, at + 1)
            && within_depth(nodes, n.no, at + 1))
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
        self.roots.is_empty()
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
        if self.roots.is_empty() {
            return Ok(0.0);
        }
        // (the last column is never set: a slot no row can hold is always absent)
        let mut row = [f32::NAN; MAX_COLUMNS + 1];
        for &(slot, v) in features {
            if let Some(&c) = self.column.get(slot as usize) {
                if c != 0 {
                    let x = &mut row[usize::from(c) - 1];
                    *x = if x.is_nan() { v } else { *x + v };
                }
            }
        }
        let mut sum = 0.0;
        for (k, &root) in self.roots.iter().enumerate() {
            // (checked every eighth tree: the bounds narrow slowly)
            if k % 8 == 0 && k > 0 && !thresholds.is_empty() {
                let (least, most) = (sum + self.least_after[k], sum + self.most_after[k]);
                if thresholds
                    .iter()
                    .all(|&t| least > t + SURE || most < t - SURE)
                {
                    return Err(thresholds.iter().filter(|&&t| least > t + SURE).count());
                }
            }
            let mut node = self.nodes[root as usize];
            while node.column != LEAF {
                let x = row[usize::from(node.column)];
                let yes = if x.is_nan() {
                    node.missing_yes
                } else {
                    x < node.value
                };
                node = self.nodes[(if yes { node.yes } else { node.no }) as usize];
            }
            sum += node.value;
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
    fn a_tree_with_a_missing_node_is_dropped_and_bad_lines_are_skipped() {
        let t = trees("n 0 0 3 0.5 1 2 2\nl 0 1 -1\nn x\nl 1 0 0.5\nn 2 0 99 1 1 2 1\n");
        // tree 0 lacks node 2, tree 2's slot is out of range but its leaves are missing too
        assert_eq!(t.margin(&[]), 0.5);
        assert!(trees("").is_empty());
        // a node that points back at its parent would never reach a leaf: the tree is dropped
        let t = trees("n 0 0 3 0.5 1 2 1\nn 0 1 3 0.5 0 2 0\nl 0 2 1\nl 1 0 0.25\n");
        assert_eq!(t.margin(&[(3, 0.1)]), 0.25);
    }
}
