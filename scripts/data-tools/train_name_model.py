#!/usr/bin/env python3
"""Trains the pupil-name model (src/anonymise/data/name_model.txt) on labelled sets.

The filter extracts the features itself (examples/name_candidates.rs), so training reads
exactly what scanning computes. A candidate is a pupil when it overlaps a CHILD_NAME span.
Logistic regression (scikit-learn, L2, C=3: the best of 0.3, 1, 3 and 10 left one set out) over 2^16 hashed slots.

The same file holds the post reader: a logistic model over a post's lower-case words and
word pairs (names left out, 2^18 slots, as `reader_slots` in src/anonymise/names/model.rs
gives them with `--posts`) that scores "does this post name a pupil?". Its score is two of
the name model's features; for training they are replaced by the score of a reader that
did not see the post's group of sets (FOLDS), so the name model learns how far to trust it
on unseen text. --reader-C 0 leaves the reader out (the model as it was before stop 16).

The features include 64 numbers from the word vectors (scripts/data-tools/gen_word_vectors.py:
the word before, the word after, the three either side and the name itself); run that
script first when the training sets change. Only the trees read them (see `fit`).

Beside the logistic model, boosted trees (XGBoost, TREES) over the same features, written
into the same file; the filter's answer is BLEND of theirs and the rest the logistic model's
(--blend 0 leaves them out). Leaving groups of sets out (--cv-scan), the two together found
92.62% of names and flagged 7.95% of ordinary posts, the logistic model alone 92.13% / 7.57%
(stop 20); against the logistic model at cuts -1.5 and -1.25, the blend at a cut 0.25 higher
found more names and flagged fewer posts (92.20% / 7.33%, 91.96% / 6.72% against 92.13% /
7.57%, 91.79% / 7.01%).

    python3 -m venv target/train-venv && target/train-venv/bin/pip install scikit-learn xgboost
    target/train-venv/bin/python scripts/data-tools/train_name_model.py \
        tests/filter/corpus.jsonl tests/filter/independent_*.jsonl

--cv: leave one set out at a time and print each set's errors, the model's against the
hand-written rules' (a rule score of 6 or more), without writing the model.
--candidates CMD: the command that prints candidates (default: the cargo example).
--cv-scan: leave one group of sets (FOLDS) out at a time, end to end: train on the other sets,
scan the left-out sets with that model (--scan CMD, default the cargo example
scan_with_model) and print their pupil names found and ordinary posts flagged, as the filter
test counts them, and their blocked posts rewritten as asked that are still refused, and the
totals.
Rules that were written from a set still see it, so this is kinder than a fresh set, but it
scores every set as text the model has not seen.
"""
import argparse
import json
import os
import random
import subprocess
import sys

import numpy as np
from scipy.sparse import csr_matrix, diags
from sklearn.linear_model import LogisticRegression

SLOTS = 1 << 16
READER_SLOTS = 1 << 18
C = 3.0
# (10: leaving one set out, 92.29% / 7.06% against 92.18% / 7.17% at 3 and 92.28% / 7.51%
# at 1)
READER_C = 10.0
# The post reader's score is given to the name model out of fold: the sets are split into
# this many groups, and each group's posts are read by a reader trained on the others, so
# the name model learns how far to trust the reader on text it has not seen.
FOLDS = 6
# Boosted trees beside the logistic model, and the share of the answer that is theirs
# (BLEND 0 leaves them out). Chosen by leaving groups of sets out (--cv-scan; at the
# candidates, 150 trees of depth 6 did as well as 400, and depth 4 a little worse; end to
# end on the corpus and 116 sets, 150 trees at a rate of 0.1 found 94.51% of names and
# flagged 7.10% of ordinary posts, 100 at 0.15 94.44% / 7.09%, 75 at 0.2 94.43% / 7.02%, 50
# at 0.3 94.48% / 7.03%: as good, and a third of the trees to read for every name). On the
# corpus and 118 sets, every candidate for every tree (subsample 1.0) and 0.6 of the
# columns in place of 0.8 and 0.3: 94.57% / 6.51% against 94.48% / 6.73% (all columns:
# 94.41% / 6.46%). Stop 30 (the corpus and 166 sets, seeds 0 and 1): depth 10 with the
# answer moved 0.15 towards names found 95.07% / 6.34% and 94.96% / 6.29% against depth 6's
# 94.97% / 6.52% and 94.85% / 6.41%, but no more on the held-out sets (three seeds: 96.19% /
# 5.31% against 96.10% / 5.20%), with two-thirds more steps down each tree; not taken.
# Depth 8, 100 trees at 0.15, a blend of 0.4 or 0.6 and 0.4 of the columns did no better.
TREES = dict(n_estimators=50, max_depth=6, learning_rate=0.3, subsample=1.0,
             colsample_bytree=0.6, min_child_weight=3, tree_method="hist", random_state=0)
BLEND = 0.5
# Each candidate may weigh what it costs in the scores the filter is held to: a pupil's name
# is found or missed on its own, an ordinary post is flagged by any one name in it, and a
# grown-up named in a post that is blocked anyway changes no answer there. So the grown-ups of
# ordinary posts weigh ORDINARY and those of the other posts FLAGGED, against 1 for a pupil,
# with SHIFT (log-odds, added to both halves of the blend) leaning the model back to find as
# many names. Alone (stop 35), the weighting moved false alarms from ordinary posts into posts
# that speak of a pupil properly: at 5, 0.2 and 0.6 the held-out sets read 96.28% / 4.58%
# against 96.29% / 5.33%, but 11.7% of their blocked posts, rewritten as asked, were still
# refused, against 8.0%.
# So the model also learns from posts written as asked (REWRITTEN, stop 36): each blocked post
# of a training set again with every labelled span put as the filter suggests ("Pupil A",
# "[removed]"), its names left all grown-ups' or words, and each that names two or more pupils
# again with some of them put so and the rest still labelled, so "Pupil A" in a post is not
# read as "the other names are grown-ups'" (the post reader, which says whether a post names
# a pupil, is trained on the posts as written only; a post rewritten as asked weighs as an
# ordinary post, as it should go through). Groups of sets left out (--cv-scan),
# against no rewritten posts and 1, 1, 0 (95.01% of names, 5.95% of ordinary posts flagged,
# 8.81% of rewritten posts refused): rewritten posts alone at 1, 1, 0 94.89% / 6.33% / 6.45%;
# with 2, 0.5 and 0.6 95.35% / 6.64% / 6.87%; with 3, 0.3 and 0.6 95.18% / 5.79% / 6.28%; with
# 5, 0.2 and 0.75 94.86% / 5.29% / 5.60%. Rewritten posts alone, without the half-rewritten
# ones, taught the model that "Pupil A" makes the other names grown-ups': of the pupils left
# beside a rewritten name in the held-out sets it found 88.4%, against 95.1%.
ORDINARY, FLAGGED, SHIFT = 3.0, 0.3, 0.6
REWRITTEN = True
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "src", "anonymise", "data", "name_model.txt")


def read_sets(files):
    """Every labelled post, in order, by (set, id); with REWRITTEN, each blocked post also as
    a writer puts it when asked (see `as_asked`), its id marked with a "#"."""
    items = {}
    for f in files:
        name = os.path.basename(f).removesuffix(".jsonl")
        for line in open(f, encoding="utf-8"):
            if line.strip():
                item = json.loads(line)
                items[(name, item["id"])] = item
                if REWRITTEN and item["verdict"] != "allow":
                    for tag, post in as_asked(name, item):
                        items[(name, f"{item['id']}#{tag}")] = post
    return items


def spans_in_order(item):
    return sorted(item["spans"], key=lambda s: (s["start"], s["end"], s["type"]))


def rewrite(item, keep=()):
    """The post with each labelled span put as the filter suggests ("Pupil A" for a name,
    "[removed]" for the rest), but for those whose place in `spans_in_order` is in `keep`,
    which stay with their labels."""
    text, out, done, spans = item["text"], "", 0, []
    for i, sp in enumerate(spans_in_order(item)):
        if sp["start"] < done:
            continue
        out += text[done:sp["start"]]
        if i in keep:
            start = len(out)
            out += text[sp["start"]:sp["end"]]
            spans.append(dict(sp, start=start, end=len(out)))
        else:
            out += "Pupil A" if sp["type"] == "CHILD_NAME" else "[removed]"
        done = sp["end"]
    return out + text[done:], spans


def as_asked(name, item):
    """A blocked post rewritten as asked (nothing left to flag), and, where it names two or
    more pupils, rewritten for some of them (chosen by the post's own seed) with the rest left."""
    text, _ = rewrite(item)
    yield "rewritten", {"id": item["id"], "text": text, "verdict": "allow", "spans": []}
    names = [i for i, s in enumerate(spans_in_order(item)) if s["type"] == "CHILD_NAME"]
    if len(names) >= 2:
        rng = random.Random(f"{name}/{item['id']}")
        left = rng.sample(names, rng.randint(1, len(names) - 1))
        text, spans = rewrite(item, set(left))
        yield "half", {"id": item["id"], "text": text, "verdict": item["verdict"], "spans": spans}


def run_filter(command, items):
    """The JSON lines `command` prints for the posts, each given its (set, id) as its id."""
    lines = [json.dumps({"id": list(k), "text": it["text"]}) for k, it in items.items()]
    out = subprocess.run(
        command, shell=True, cwd=ROOT, input="\n".join(lines) + "\n",
        capture_output=True, text=True, check=True,
    ).stdout
    return [json.loads(l) for l in out.splitlines() if l.strip()]


def load(files, command):
    items = read_sets(files)
    rows, cols, vals, y, groups, rule, posts, weight = [], [], [], [], [], [], [], []
    for r, c in enumerate(run_filter(command, items)):
        key = tuple(c["id"])
        posts.append(key)
        # (the reader's two features come first; training gives its own score instead)
        (rdr, _), (rdr4, _) = c["features"][:2]
        assert rdr in READER_BINS and rdr4 == READER_VALUE, "the reader's features moved"
        c["features"] = c["features"][2:]
        spans = items[key]["spans"]
        y.append(any(s["type"] == "CHILD_NAME" and s["start"] < c["end"] and c["start"] < s["end"]
                     for s in spans))
        groups.append(key[0])
        weight.append(1.0 if y[-1] else ORDINARY if items[key]["verdict"] == "allow" else FLAGGED)
        rule.append(c["rule_score"] >= 6)
        for slot, v in c["features"]:
            rows.append(r)
            cols.append(slot)
            vals.append(v)
    x = csr_matrix((vals, (rows, cols)), shape=(len(y), SLOTS))
    return x, np.array(y), np.array(groups), np.array(rule), posts, np.array(weight)


MASK = (1 << 64) - 1


def key(name):
    """A feature's name as a number: FNV-1a, as `key` in src/anonymise/names/model.rs."""
    h = 0xCBF29CE484222325
    for b in name.encode():
        h = ((h ^ b) * 0x100000001B3) & MASK
    return h


def slot(name, val):
    """The slot of feature `name` with value `val`, as `Features::add` computes it."""
    h = ((key(name) ^ ((val & MASK) * 0x9E3779B97F4A7C15 & MASK)) * 0xFF51AFD7ED558CCD) & MASK
    return h >> 48


READER_BINS = {slot("rdr", v): v for v in range(-4, 5)}
# (16 numbers for each of the word before, the word after, the three either side and the name)
WORD_VECTOR_SLOTS = sorted({slot("wv", k) for k in range(64)})
READER_VALUE = slot("rdr/4", 0)


def load_posts(files, command):
    """The post reader's input for every post (its word slots, each 1/sqrt(count), as
    `NameModel::read_post` sums them), whether the post names a pupil, its set, and whether
    it is as written (not a rewritten copy)."""
    items = read_sets(files)
    keys = list(items)
    labels = [any(s["type"] == "CHILD_NAME" for s in it["spans"]) for it in items.values()]
    rows, cols, vals = [], [], []
    for r, p in enumerate(run_filter(command + " --posts", items)):
        assert tuple(p["id"]) == keys[r]
        slots = p["reader"]
        for c in slots:
            rows.append(r)
            cols.append(c)
            vals.append(1 / np.sqrt(len(slots)))
    d = csr_matrix((vals, (rows, cols)), shape=(len(keys), READER_SLOTS))
    written = np.array(["#" not in k[1] for k in keys])
    return (d, np.array(labels), np.array([k[0] for k in keys]),
            {k: i for i, k in enumerate(keys)}, written)


class NoReader:
    """A reader that reads nothing (--reader-C 0: the name model as it was before it)."""
    coef_ = np.zeros((1, READER_SLOTS))
    intercept_ = np.zeros(1)

    def decision_function(self, d):
        return np.zeros(d.shape[0])


def fit_reader(d, labels, rows):
    """The post reader, trained on `rows` (a mask): posts as written, never the rewritten
    copies, whose pupils are all or partly "Pupil A"."""
    if READER_C == 0:
        return NoReader()
    return LogisticRegression(C=READER_C, max_iter=3000).fit(d[rows], labels[rows])


def folds_of(sets):
    order = np.random.RandomState(0).permutation(sorted(sets))
    return [set(order[i::FOLDS]) for i in range(FOLDS)]


def reader_out_of_fold(d, labels, post_sets, written):
    """Each post's reader score from a reader trained without its group of sets."""
    score = np.zeros(len(labels))
    for fold in folds_of(set(post_sets)):
        te = np.array([g in fold for g in post_sets])
        score[te] = fit_reader(d, labels, ~te & written).decision_function(d[te])
    return score


def with_reader(x, posts, place, score):
    """The candidates' features with the reader's two, as `features` adds them first."""
    s = np.array([score[place[k]] for k in posts], dtype=np.float32)
    bins = np.clip(np.floor(s), -4, 4).astype(int)
    by_bin = {v: k for k, v in READER_BINS.items()}
    n = len(posts)
    rows = np.concatenate([np.arange(n), np.arange(n)])
    cols = np.concatenate([[by_bin[b] for b in bins], np.full(n, READER_VALUE)])
    vals = np.concatenate([np.ones(n), s / 4])
    return (x + csr_matrix((vals, (rows, cols)), shape=x.shape)).tocsr()


def fit_trees(x, y, weight):
    """Boosted trees over the same features (XGBoost), with the slots their columns are."""
    import xgboost as xgb
    used = np.unique(x.nonzero()[1])
    m = xgb.XGBClassifier(**TREES, n_jobs=2).fit(x[:, used].tocsr(), y, sample_weight=weight)
    return m.get_booster(), used


def tree_lines(trees, shift=0.0):
    """The trees in the weights file's lines (`src/anonymise/names/trees.rs` reads them)."""
    booster, used = trees
    learner = json.loads(booster.save_raw("json"))["learner"]
    p = float(str(learner["learner_model_param"]["base_score"]).strip("[]"))
    lines = [f"trees base {np.log(p / (1 - p)) + shift:.6f}", f"blend {BLEND}"]
    # (`Trees` reads a candidate's row from a dense array of at most 1,024 slots)
    assert len({i for t in learner["gradient_booster"]["model"]["trees"]
                for i, l in zip(t["split_indices"], t["left_children"]) if l != -1}) <= 1024
    for t, tree in enumerate(learner["gradient_booster"]["model"]["trees"]):
        left, right = tree["left_children"], tree["right_children"]
        for j, (l, r) in enumerate(zip(left, right)):
            v = np.float32(tree["split_conditions"][j])
            if l == -1:
                lines.append(f"l {t} {j} {v}")
            else:
                miss = l if tree["default_left"][j] else r
                lines.append(f"n {t} {j} {used[tree['split_indices'][j]]} {v} {l} {r} {miss}")
    return lines


def trees_margin(lines, x):
    """What `Trees::margin` answers, from the lines alone (to check them against XGBoost)."""
    base, nodes = 0.0, {}
    for line in lines:
        p = line.split()
        if p[0] == "trees":
            base = float(p[2])
        elif p[0] == "n":
            nodes[(int(p[1]), int(p[2]))] = (int(p[3]), np.float32(p[4]), *map(int, p[5:]))
        elif p[0] == "l":
            nodes[(int(p[1]), int(p[2]))] = float(np.float32(p[3]))
    out = np.full(x.shape[0], base)
    for i in range(x.shape[0]):
        row = x.getrow(i)
        vals = dict(zip(row.indices, row.data.astype(np.float32)))
        for t in {t for t, _ in nodes}:
            n = nodes[(t, 0)]
            while isinstance(n, tuple):
                slot, thr, yes, no, miss = n
                nxt = miss if slot not in vals else (yes if vals[slot] < thr else no)
                n = nodes[(t, nxt)]
            out[i] += n
    return out


def write_weights(clf, path, header, reader, trees=None):
    w = clf.coef_[0]
    r = reader.coef_[0]
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write(f"bias {clf.intercept_[0] + SHIFT:.5f}\n")
        for i in np.nonzero(np.abs(w) >= 1e-4)[0]:
            f.write(f"{i} {w[i]:.5f}\n")
        f.write("# The post reader: a weight per word and word pair (see `reader_slots`).\n")
        f.write(f"reader bias {reader.intercept_[0]:.4f}\n")
        for i in np.nonzero(np.abs(r) >= 1e-3)[0]:
            f.write(f"r {i} {r[i]:.4f}\n")
        if trees is not None:
            f.write("# Boosted trees over the same features (see src/anonymise/names/trees.rs).\n")
            f.write("\n".join(tree_lines(trees, SHIFT)) + "\n")
    return int((np.abs(w) >= 1e-4).sum()), int((np.abs(r) >= 1e-3).sum())


def score(items, answers):
    """(names found, names, ordinary posts flagged, ordinary posts) of one scanned set."""
    found = names = flagged = ordinary = 0
    for item in items:
        got = answers[item["id"]]
        if item["verdict"] == "allow":
            ordinary += 1
            flagged += got["verdict"] != "allow"
        for s in item["spans"]:
            if s["type"] == "CHILD_NAME":
                names += 1
                found += any(x["type"] == "CHILD_NAME" and x["start"] < s["end"]
                             and s["start"] < x["end"] for x in got["spans"])
    return found, names, flagged, ordinary


def cv_scan(files, x, y, groups, weight, command, posts):
    """Each group of sets (FOLDS) scanned end to end by a model trained without it; and the
    group's blocked posts rewritten as asked, scanned again: how many are still refused."""
    import tempfile
    d, labels, post_sets, _, written = posts
    by_set = {os.path.basename(f).removesuffix(".jsonl"): f for f in files}
    totals = [0, 0, 0, 0, 0, 0]

    def scan(path, posts):
        lines = "\n".join(json.dumps({"id": i["id"], "text": i["text"]}) for i in posts) + "\n"
        out = subprocess.run(f"{command} {path}", shell=True, cwd=ROOT, input=lines,
                             capture_output=True, text=True, check=True).stdout
        return {a["id"]: a for a in map(json.loads, out.splitlines()) if "verdict" in a}

    for fold in folds_of(set(by_set)):
        te = np.array([g in fold for g in groups])
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as tmp:
            path = tmp.name
        seen = ~np.isin(post_sets, list(fold))
        reader = fit_reader(d, labels, seen & written)
        trees = fit_trees(x[~te], y[~te], weight[~te]) if BLEND else None
        write_weights(fit(x[~te], y[~te], weight[~te]), path, "", reader, trees)
        for g in sorted(fold):
            items = [json.loads(l) for l in open(by_set[g], encoding="utf-8") if l.strip()]
            r = score(items, scan(path, items))
            blocked = [dict(i, text=rewrite(i)[0]) for i in items if i["verdict"] != "allow"]
            refused = sum(a["verdict"] != "allow" for a in scan(path, blocked).values())
            r = (*r, refused, len(blocked))
            totals = [t + v for t, v in zip(totals, r)]
            print(f"{g:<16} names {r[0]:>4}/{r[1]:<4} ordinary posts flagged {r[2]:>3}/{r[3]:<4}"
                  f" rewritten as asked, refused {r[4]:>3}/{r[5]}")
        os.unlink(path)
    f, n, fl, o, rf, b = totals
    print(f"total: names found {f}/{n} ({100 * f / n:.2f}%), ordinary posts flagged {fl}/{o}"
          f" ({100 * fl / o:.2f}%), blocked posts rewritten as asked still refused {rf}/{b}"
          f" ({100 * rf / b:.2f}%), each set scanned by a model trained without its group"
          f" of sets")


def fit(x, y, weight):
    # (the word vectors are the trees' alone: dense and read beside every word's own weight,
    # they kept L-BFGS from converging in 5,000 steps, where it takes 150 without them)
    keep = np.ones(x.shape[1])
    keep[WORD_VECTOR_SLOTS] = 0
    return LogisticRegression(C=C, max_iter=5000).fit(x @ diags(keep), y, sample_weight=weight)


def set_c(c, reader_c=READER_C, blend=BLEND):
    global C, READER_C, BLEND
    C, READER_C, BLEND = c, reader_c, blend


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--C", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--candidates", default="cargo run --release --quiet --example name_candidates")
    ap.add_argument("--cv-scan", action="store_true")
    ap.add_argument("--reader-C", type=float, default=READER_C,
                    help="the post reader's inverse regularisation strength; 0 leaves it out")
    ap.add_argument("--blend", type=float, default=BLEND,
                    help="the trees' share of the answer; 0 leaves them out")
    ap.add_argument("--scan", default="cargo run --release --quiet --example scan_with_model --")
    a = ap.parse_args()
    set_c(a.C, a.reader_C, a.blend)
    x, y, groups, rule, cand_posts, weight = load(a.files, a.candidates)
    d, labels, post_sets, place, written = load_posts(a.files, a.candidates)
    x = with_reader(x, cand_posts, place, reader_out_of_fold(d, labels, post_sets, written))
    print(f"{len(y)} candidates, {int(y.sum())} pupils; {len(labels)} posts", file=sys.stderr)
    if a.cv_scan:
        cv_scan(a.files, x, y, groups, weight, a.scan, (d, labels, post_sets, place, written))
        return
    if a.cv:
        tm = tr = 0
        for g in sorted(set(groups)):
            te = groups == g
            p = fit(x[~te], y[~te], weight[~te]).predict(x[te])
            m = (int(((p == 1) & ~y[te]).sum()), int(((p == 0) & y[te]).sum()))
            r = (int((rule[te] & ~y[te]).sum()), int((~rule[te] & y[te]).sum()))
            tm += sum(m)
            tr += sum(r)
            print(f"{g:<16} {int(te.sum()):>5} candidates  model fp {m[0]:>3} fn {m[1]:>3}"
                  f"   rules fp {r[0]:>3} fn {r[1]:>3}")
        print(f"errors: model {tm} (each set unseen), rules {tr}")
        return
    header = ("# Pupil-name model: written by scripts/data-tools/train_name_model.py; do not edit.\n"
              f"# Trained on {len(y)} candidates ({int(y.sum())} pupils) from: "
              + " ".join(sorted(set(groups))) + f"; logistic regression, C={C}.\n")
    if (ORDINARY, FLAGGED, SHIFT) != (1.0, 1.0, 0.0):
        header += (f"# Grown-ups weighed {ORDINARY} in ordinary posts and {FLAGGED} in the"
                   f" others; shifted {SHIFT} towards a pupil.\n")
    if REWRITTEN:
        header += "# With each blocked post rewritten as asked, and half rewritten.\n"
    trees = fit_trees(x, y, weight) if BLEND else None
    if trees is not None:
        # (the lines must say what XGBoost says, or scanning is not what was trained)
        booster, used = trees
        import xgboost as xgb
        sample = x[:200]
        want = booster.predict(xgb.DMatrix(sample[:, used].tocsr()), output_margin=True)
        got = trees_margin(tree_lines(trees), sample)
        assert np.allclose(want, got, atol=1e-3), (want[:5], got[:5])
        header += f"# Boosted trees: {TREES}, blend {BLEND}.\n"
    count = write_weights(fit(x, y, weight), OUT, header, fit_reader(d, labels, written), trees)
    print(f"wrote {OUT}: {count[0]} weights, {count[1]} reader weights", file=sys.stderr)


if __name__ == "__main__":
    main()
