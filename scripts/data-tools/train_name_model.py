#!/usr/bin/env python3
"""Trains the pupil-name model (src/anonymise/data/name_model.txt) on labelled sets.

The filter extracts the features itself (examples/name_candidates.rs), so training reads
exactly what scanning computes. A candidate is a pupil when it overlaps a CHILD_NAME span.
Logistic regression (scikit-learn, L2, C=3: the best of 0.3, 1, 3 and 10 left one set out) over 2^16 hashed slots.

    python3 -m venv target/train-venv && target/train-venv/bin/pip install scikit-learn
    target/train-venv/bin/python scripts/data-tools/train_name_model.py \
        tests/filter/corpus.jsonl tests/filter/independent_*.jsonl

--cv: leave one set out at a time and print each set's errors, the model's against the
hand-written rules' (a rule score of 6 or more), without writing the model.
--candidates CMD: the command that prints candidates (default: the cargo example).
"""
import argparse
import json
import os
import subprocess
import sys

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

SLOTS = 1 << 16
C = 3.0
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "src", "anonymise", "data", "name_model.txt")


def load(files, command):
    items, set_of, lines = {}, {}, []
    for f in files:
        name = os.path.basename(f).removesuffix(".jsonl")
        for line in open(f, encoding="utf-8"):
            if line.strip():
                item = json.loads(line)
                key = (name, item["id"])
                items[key] = item
                set_of[key] = name
                lines.append(json.dumps({"id": [name, item["id"]], "text": item["text"]}))
    out = subprocess.run(
        command, shell=True, cwd=ROOT, input="\n".join(lines) + "\n",
        capture_output=True, text=True, check=True,
    ).stdout
    rows, cols, vals, y, groups, rule = [], [], [], [], [], []
    for r, line in enumerate(l for l in out.splitlines() if l.strip()):
        c = json.loads(line)
        key = tuple(c["id"])
        spans = items[key]["spans"]
        y.append(any(s["type"] == "CHILD_NAME" and s["start"] < c["end"] and c["start"] < s["end"]
                     for s in spans))
        groups.append(set_of[key])
        rule.append(c["rule_score"] >= 6)
        for slot, v in c["features"]:
            rows.append(r)
            cols.append(slot)
            vals.append(v)
    x = csr_matrix((vals, (rows, cols)), shape=(len(y), SLOTS))
    return x, np.array(y), np.array(groups), np.array(rule)


def fit(x, y):
    return LogisticRegression(C=C, max_iter=5000).fit(x, y)


def set_c(c):
    global C
    C = c


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="+")
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--C", type=float, default=C, help="inverse regularisation strength")
    ap.add_argument("--candidates", default="cargo run --release --quiet --example name_candidates")
    a = ap.parse_args()
    set_c(a.C)
    x, y, groups, rule = load(a.files, a.candidates)
    print(f"{len(y)} candidates, {int(y.sum())} pupils", file=sys.stderr)
    if a.cv:
        tm = tr = 0
        for g in sorted(set(groups)):
            te = groups == g
            p = fit(x[~te], y[~te]).predict(x[te])
            m = (int(((p == 1) & ~y[te]).sum()), int(((p == 0) & y[te]).sum()))
            r = (int((rule[te] & ~y[te]).sum()), int((~rule[te] & y[te]).sum()))
            tm += sum(m)
            tr += sum(r)
            print(f"{g:<16} {int(te.sum()):>5} candidates  model fp {m[0]:>3} fn {m[1]:>3}"
                  f"   rules fp {r[0]:>3} fn {r[1]:>3}")
        print(f"errors: model {tm} (each set unseen), rules {tr}")
        return
    clf = fit(x, y)
    w = clf.coef_[0]
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("# Pupil-name model: written by scripts/data-tools/train_name_model.py; do not edit.\n")
        f.write(f"# Trained on {len(y)} candidates ({int(y.sum())} pupils) from: "
                + " ".join(sorted(set(groups))) + f"; logistic regression, C={C}.\n")
        f.write(f"bias {clf.intercept_[0]:.5f}\n")
        for slot in np.nonzero(np.abs(w) >= 1e-4)[0]:
            f.write(f"{slot} {w[slot]:.5f}\n")
    print(f"wrote {OUT}: {int((np.abs(w) >= 1e-4).sum())} weights", file=sys.stderr)


if __name__ == "__main__":
    main()
