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
--cv-scan: leave one set out at a time, end to end: train on the other sets, scan the left-out
set with that model (--scan CMD, default the cargo example scan_with_model) and print its
pupil names found and ordinary posts flagged, as the filter test counts them, and the totals.
Rules that were written from a set still see it, so this is kinder than a fresh set, but it
scores every set as text the model has not seen.
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


def write_weights(clf, path, header):
    w = clf.coef_[0]
    with open(path, "w", encoding="utf-8") as f:
        f.write(header)
        f.write(f"bias {clf.intercept_[0]:.5f}\n")
        for slot in np.nonzero(np.abs(w) >= 1e-4)[0]:
            f.write(f"{slot} {w[slot]:.5f}\n")
    return int((np.abs(w) >= 1e-4).sum())


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


def cv_scan(files, x, y, groups, command):
    import tempfile
    totals = [0, 0, 0, 0]
    for f in files:
        g = os.path.basename(f).removesuffix(".jsonl")
        te = groups == g
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as tmp:
            path = tmp.name
        write_weights(fit(x[~te], y[~te]), path, "")
        items = [json.loads(l) for l in open(f, encoding="utf-8") if l.strip()]
        lines = "\n".join(json.dumps({"id": i["id"], "text": i["text"]}) for i in items) + "\n"
        out = subprocess.run(f"{command} {path}", shell=True, cwd=ROOT, input=lines,
                             capture_output=True, text=True, check=True).stdout
        os.unlink(path)
        answers = {a["id"]: a for a in map(json.loads, out.splitlines()) if "verdict" in a}
        r = score(items, answers)
        totals = [t + v for t, v in zip(totals, r)]
        print(f"{g:<16} names {r[0]:>4}/{r[1]:<4} ordinary posts flagged {r[2]:>3}/{r[3]}")
    f, n, fl, o = totals
    print(f"total: names found {f}/{n} ({100 * f / n:.2f}%), ordinary posts flagged {fl}/{o}"
          f" ({100 * fl / o:.2f}%), each set scanned by a model trained without it")


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
    ap.add_argument("--cv-scan", action="store_true")
    ap.add_argument("--scan", default="cargo run --release --quiet --example scan_with_model --")
    a = ap.parse_args()
    set_c(a.C)
    x, y, groups, rule = load(a.files, a.candidates)
    print(f"{len(y)} candidates, {int(y.sum())} pupils", file=sys.stderr)
    if a.cv_scan:
        cv_scan(a.files, x, y, groups, a.scan)
        return
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
    header = ("# Pupil-name model: written by scripts/data-tools/train_name_model.py; do not edit.\n"
              f"# Trained on {len(y)} candidates ({int(y.sum())} pupils) from: "
              + " ".join(sorted(set(groups))) + f"; logistic regression, C={C}.\n")
    count = write_weights(fit(x, y), OUT, header)
    print(f"wrote {OUT}: {count} weights", file=sys.stderr)


if __name__ == "__main__":
    main()
