"""Builds src/anonymise/data/{given_names,surnames,english_words}.txt.

Sources: the public name lists bundled in the Faker package (many locales), plus
hand-written lists of names common in UK schools' communities, and the wbritish
word list (Debian) for ordinary English words.
"""
import importlib, unicodedata, re, sys
OUT = "/work/main/src/anonymise/data/"
LOCALES = ["en_GB","en_US","en_IE","ga_IE","en_IN","en_PK","en_NG","yo_NG","ig_NG","ha_NG","pl_PL","ro_RO",
           "tr_TR","zh_CN","zh_TW","en_KE","sw","tw_GH","zu_ZA","pt_PT","pt_BR","es_ES","it_IT","lt_LT","lv_LV",
           "cs_CZ","sk_SK","hu_HU","de_DE","fr_FR","nl_NL","vi_VN","en_NZ","id_ID","hr_HR","sl_SI","sq_AL","fil_PH","et_EE","el_GR","bg_BG","uk_UA","ru_RU","ar_AA","ar_SA","fa_IR"]
SPECIAL = {"ł":"l","Ł":"L","ø":"o","Ø":"O","đ":"d","Đ":"D","ı":"i","ß":"ss","æ":"ae","œ":"oe","þ":"th","ð":"d"}
def fold(s):
    s = "".join(SPECIAL.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return s.lower().strip()
ok = re.compile(r"^[a-z][a-z'\-]*[a-z]$")
given, surn = set(), set()
def add(target, names):
    for n in names:
        for part in re.split(r"[ ]+", fold(n)):
            if ok.match(part) and len(part) >= 2:
                target.add(part)
for loc in LOCALES:
    try:
        m = importlib.import_module(f"faker.providers.person.{loc}")
    except Exception as e:
        print("skip", loc, e, file=sys.stderr); continue
    P = m.Provider
    for attr in dir(P):
        v = getattr(P, attr)
        if not isinstance(v, (list, tuple, dict, set)): continue
        if isinstance(v, dict): v = list(v.keys())
        if not all(isinstance(x, str) for x in v): continue
        a = attr.lower()
        if "prefix" in a or "suffix" in a or "format" in a: continue
        if a.startswith("first_name") or a.startswith("first_romanized") or a == "first_names" or a.startswith("first_names"):
            add(given, v)
        elif a.startswith("last_name") or a.startswith("last_romanized") or a == "last_names" or a.startswith("last_names"):
            add(surn, v)
for line in open("/work/anon-dev/tools/extra_given.txt"):
    add(given, line.split())
for line in open("/work/anon-dev/tools/extra_surnames.txt"):
    add(surn, line.split())
# words that are never treated as names even if a list carries them
never = set(open("/work/anon-dev/tools/never_names.txt").read().split())
given -= never; surn -= never
words = set()
for w in open("/usr/share/dict/british-english"):
    w = w.strip()
    if re.fullmatch(r"[a-z]+", w) and len(w) >= 2:
        words.add(w)
extra_words = set(open("/work/anon-dev/tools/extra_words.txt").read().split())
words |= extra_words
open(OUT+"given_names.txt","w").write("\n".join(sorted(given))+"\n")
open(OUT+"surnames.txt","w").write("\n".join(sorted(surn))+"\n")
open(OUT+"english_words.txt","w").write("\n".join(sorted(words))+"\n")
print(len(given), len(surn), len(words), len(given & words), len(surn & words))
