#!/usr/bin/env python3
"""Checks a labelled set: python3 validate_set.py FILE.jsonl [PREFIX]
Each line {"id","text","verdict","spans":[{"start","end","type"}]}; start/end count Unicode
characters, end exclusive. Prints every problem and a summary; exit 1 on any problem."""
import json, re, sys
sys.path.insert(0, __import__("os").path.dirname(__file__))
from make_ids import CHECKS
TYPES = {"CHILD_NAME", "UPN", "ULN", "NHS_NUMBER", "CHI_NUMBER", "SCN", "DATE_OF_BIRTH",
         "HOME_ADDRESS", "POSTCODE", "PHONE", "EMAIL", "QUASI"}
DIRECT = TYPES - {"QUASI"}
path = sys.argv[1]; prefix = sys.argv[2] if len(sys.argv) > 2 else None
bad = 0; ids = set(); n = 0; verdicts = {}; types = {}
def err(i, m):
    global bad; bad += 1; print(f"{i}: {m}")
for ln, line in enumerate(open(path, encoding="utf-8"), 1):
    if not line.strip(): continue
    try: o = json.loads(line)
    except Exception as e: err(f"line {ln}", f"not JSON: {e}"); continue
    n += 1
    i = o.get("id"); t = o.get("text"); v = o.get("verdict"); sp = o.get("spans")
    if not isinstance(i, str) or not isinstance(t, str) or v not in ("allow", "block", "hold") or not isinstance(sp, list):
        err(f"line {ln}", "needs id (string), text (string), verdict allow|block|hold, spans (list)"); continue
    if i in ids: err(i, "duplicate id")
    ids.add(i)
    if prefix and not i.startswith(prefix): err(i, f"id should start with {prefix}")
    verdicts[v] = verdicts.get(v, 0) + 1
    last = []
    for s in sp:
        a, b, ty = s.get("start"), s.get("end"), s.get("type")
        if ty not in TYPES: err(i, f"unknown type {ty}"); continue
        if not (isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(t)):
            err(i, f"span {a}-{b} out of bounds (text has {len(t)} characters)"); continue
        types[ty] = types.get(ty, 0) + 1
        frag = t[a:b]
        if frag != frag.strip(): err(i, f"span {a}-{b} {frag!r} has surrounding spaces")
        for (c, d) in last:
            if a < d and c < b: err(i, f"span {a}-{b} overlaps {c}-{d}")
        last.append((a, b))
        if ty in CHECKS:
            digits = re.sub(r"[\s\-]", "", frag)
            if not CHECKS[ty](digits): err(i, f"{ty} {frag!r} fails its check")
    has_direct = any(s.get("type") in DIRECT for s in sp)
    has_quasi = any(s.get("type") == "QUASI" for s in sp)
    want = "block" if has_direct else "hold" if has_quasi else "allow"
    if v != want: err(i, f"verdict {v} but spans say {want}")
print(f"{path}: {n} posts, verdicts {verdicts}, spans {types}, {bad} problems")
sys.exit(1 if bad else 0)
