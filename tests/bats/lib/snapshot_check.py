#!/usr/bin/env python3
"""Checks that each listing given is one generation of the ruleset race.bats writes.

Every generation G of that ruleset is one table `ip race` holding a set of SETN
elements 10.G.X.Y (X < 200) and a chain of RULEN rules `ip saddr 10.G.X.Y accept`
(X >= 200), all different: a listing that mixes generations, or misses or repeats an
element or a rule, shows more than one G or the wrong counts.

usage: snapshot_check.py SETN RULEN LISTING...   prints `consistent N, inconsistent M`
and the first problem of each bad listing; exits 1 if any is inconsistent.
"""
import re
import sys


def check(text, setn, rulen):
    gens = set()
    addrs = re.findall(r"10\.(\d+)\.(\d+)\.(\d+)", text)
    elems = [(g, x + "." + y) for g, x, y in addrs if int(x) < 200]
    rules = [(g, x + "." + y) for g, x, y in re.findall(r"ip saddr 10\.(\d+)\.(\d+)\.(\d+) accept", text)]
    if len(rules) != len([a for a in addrs if int(a[1]) >= 200]):
        return "an address of a rule outside a rule"
    for g, _ in elems + rules:
        gens.add(g)
    if "table ip race" not in text:
        return "no table"
    if len(gens) != 1:
        return "generations mixed: %s" % sorted(gens)
    if len(elems) != setn or len({e for _, e in elems}) != setn:
        return "%d elements (%d distinct), want %d" % (len(elems), len({e for _, e in elems}), setn)
    if len(rules) != rulen or len({k for _, k in rules}) != rulen:
        return "%d rules, want %d" % (len(rules), rulen)
    return None


def main():
    setn, rulen = int(sys.argv[1]), int(sys.argv[2])
    good = bad = 0
    for path in sys.argv[3:]:
        with open(path) as f:
            why = check(f.read(), setn, rulen)
        if why:
            bad += 1
            print("%s: %s" % (path, why))
        else:
            good += 1
    print("consistent %d, inconsistent %d" % (good, bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
