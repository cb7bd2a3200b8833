#!/usr/bin/env python3
"""Writes src/anonymise/data/word_vectors.txt: a short vector for each word of the labelled
training sets, learnt from the words around it and nothing else (no labels).

The name model sees the words beside a candidate and the candidate itself by their hashes,
so a word no set has put beside a name counts for nothing. Words used in the same company
("share", "circulate", "minute"; "meltdown", "tantrum"; "Gareth", "Sandra"; "Kacper",
"Jayden") get vectors that point the same way, so the model can read a word it has not
seen beside a name by the words it has. Stop 29, read by the trees (see
train_name_model.py): groups of sets left out, end to end, 94.66% of names found and 7.14% of
ordinary posts flagged -> 94.93% / 6.41%; the held-out sets 95.50% / 5.75% -> 96.04% / 5.32%.
At the candidates, with vectors learnt without the left-out group, the trees and logistic
model together made 3,020 errors without them and 2,601 with them.

How: counts of words within three of each other in the same post, positive pointwise mutual
information (context counts smoothed to the power 0.75), a truncated SVD to 100 dimensions,
then the 16 principal components, each scaled to a quarter of unit variance and written as
integers (value = integer * scale). Only ASCII words seen at least MIN_COUNT times; words are case
folded and a possessive 's dropped, as the filter's tokeniser reads them. Never reads the
held-out sets.

    target/train-venv/bin/python scripts/data-tools/gen_word_vectors.py \
        tests/filter/corpus.jsonl tests/filter/independent_*.jsonl

Needs numpy, scipy and scikit-learn (the training venv of train_name_model.py).
"""
import json
import os
import re
import sys
from collections import Counter

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.decomposition import PCA, TruncatedSVD

DIMS = 16
MIN_COUNT = 3
MAX_WORDS = 20000
WINDOW = 3
# (integers of -127 to 127 are four standard deviations either side; the values read a
# quarter of that, so the logistic model, which reads them as they are, converges)
SCALE = 1 / 127
HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "src", "anonymise", "data", "word_vectors.txt")
# (a run of ASCII letters and digits, with apostrophes inside a word kept, "don't", "O'Brien")
WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)*")


def words(text):
    out = []
    for w in WORD.findall(text.lower()):
        out.append(w[:-2] if w.endswith("'s") else w)
    return out


def vectors(texts):
    """(vocabulary, a DIMS-wide vector per word) learnt from `texts`."""
    posts = [words(t) for t in texts]
    count = Counter(w for p in posts for w in p)
    vocab = [w for w, c in count.most_common(MAX_WORDS) if c >= MIN_COUNT]
    index = {w: i for i, w in enumerate(vocab)}
    pairs = Counter()
    for p in posts:
        ids = [index.get(w, -1) for w in p]
        for i, a in enumerate(ids):
            if a < 0:
                continue
            for j in range(max(0, i - WINDOW), min(len(ids), i + WINDOW + 1)):
                if j != i and ids[j] >= 0:
                    pairs[(a, ids[j])] += 1
    rows, cols, vals = zip(*[(a, b, n) for (a, b), n in pairs.items()])
    m = csr_matrix((np.array(vals, float), (rows, cols)), shape=(len(vocab), len(vocab))).tocoo()
    total = m.data.sum()
    row_sum = np.asarray(m.tocsr().sum(1)).ravel()
    col = np.asarray(m.tocsr().sum(0)).ravel() ** 0.75
    col = col / col.sum() * total
    pmi = np.log(m.data * total / (row_sum[m.row] * col[m.col]))
    keep = pmi > 0
    ppmi = csr_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape)
    u = TruncatedSVD(100, random_state=0).fit_transform(ppmi)
    v = PCA(DIMS, random_state=0).fit_transform(u - u.mean(0))
    return vocab, v / v.std(0)


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gen_word_vectors.py SET.jsonl... (the training sets, never the held-out)")
    texts = []
    for f in sys.argv[1:]:
        assert "heldout" not in f, "the held-out sets are never trained on"
        for line in open(f, encoding="utf-8"):
            if line.strip():
                texts.append(json.loads(line)["text"])
    vocab, v = vectors(texts)
    q = np.clip(np.rint(v / 4 / SCALE), -127, 127).astype(int)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# Word vectors: written by scripts/data-tools/gen_word_vectors.py; do not edit.\n")
        out.write(f"# {len(vocab)} words from {len(texts)} posts of {len(sys.argv) - 1} sets.\n")
        out.write(f"scale {SCALE:.6f}\n")
        for w, row in zip(vocab, q):
            out.write(w + " " + " ".join(map(str, row)) + "\n")
    print(f"wrote {OUT}: {len(vocab)} words", file=sys.stderr)


if __name__ == "__main__":
    main()
