#!/usr/bin/env python3
"""Makes identifiers that pass their checks, and look-alike numbers that fail every check.
    python3 make_ids.py upn|uln|nhs|chi|scn|bad [N]
"""
import random, sys
L = "ABCDEFGHJKLMNPQRTUVWXYZ"

def upn_ok(s):
    if len(s) != 13 or not s[0].isalpha(): return False
    t = 0
    for i, c in enumerate(s[1:]):
        if c.isdigit(): v = int(c)
        elif i == 11 and c.upper() in L: v = L.index(c.upper())
        else: return False
        t += v * (i + 2)
    return L[t % 23] == s[0].upper()

def nhs_ok(s):
    if len(s) != 10 or not s.isdigit(): return False
    d = [int(c) for c in s]
    t = sum(a * w for a, w in zip(d[:9], range(10, 1, -1)))
    c = 11 - t % 11
    c = 0 if c == 11 else c
    return c != 10 and c == d[9]

def chi_ok(s):
    if not nhs_ok(s): return False
    dd, mm, yy = int(s[:2]), int(s[2:4]), int(s[4:6])
    if not 1 <= mm <= 12 or dd == 0: return False
    mx = 29 if mm == 2 and yy % 4 == 0 else 28 if mm == 2 else 30 if mm in (4, 6, 9, 11) else 31
    return dd <= mx

def uln_ok(s):
    if len(s) != 10 or not s.isdigit() or s[0] == "0": return False
    return sum(int(a) * w for a, w in zip(s, range(10, 0, -1))) % 11 == 10

def scn_ok(s):
    if len(s) != 9 or not s.isdigit(): return False
    t = sum(int(a) * w for a, w in zip(s[:8], [3, 2, 7, 6, 5, 4, 3, 2]))
    r = t % 11
    if r == 1: return False
    return (0 if r == 0 else 11 - r) == int(s[8])

CHECKS = {"UPN": upn_ok, "ULN": uln_ok, "NHS_NUMBER": nhs_ok, "CHI_NUMBER": chi_ok, "SCN": scn_ok}

def any_ok(s):
    return any(f(s) for f in CHECKS.values())

def make(kind):
    while True:
        if kind == "upn":
            rest = "".join(random.choice("0123456789") for _ in range(12))
            for c in L:
                if upn_ok(c + rest): return c + rest
        if kind == "nhs":
            s = "".join(random.choice("0123456789") for _ in range(10))
            if nhs_ok(s) and not chi_ok(s): return s
        if kind == "chi":
            dd, mm, yy = random.randint(1, 28), random.randint(1, 12), random.randint(8, 22)
            s = f"{dd:02}{mm:02}{yy:02}" + "".join(random.choice("0123456789") for _ in range(4))
            if chi_ok(s): return s
        if kind == "uln":
            s = "".join(random.choice("0123456789") for _ in range(10))
            if uln_ok(s) and not nhs_ok(s): return s
        if kind == "scn":
            s = "".join(random.choice("0123456789") for _ in range(9))
            if scn_ok(s): return s
        if kind == "bad":
            n = random.choice([9, 10, 10, 13])
            if n == 13:
                s = random.choice(L) + "".join(random.choice("0123456789") for _ in range(12))
            else:
                s = "".join(random.choice("0123456789") for _ in range(n))
            if not any_ok(s): return s

if __name__ == "__main__":
    kind = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    for _ in range(n): print(make(kind))
