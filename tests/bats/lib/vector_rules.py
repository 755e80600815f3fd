#!/usr/bin/env python3
# Prints every rule of the upstream rule vectors (py/<family>/*.t) as one shell line,
# `table FAMILY t { chain c { RULE; }; }`, for tests that feed them to `nftc -i` and
# compare two ways of compiling them. A second line per rule spaces its words out
# (outside strings), so that locations in error messages are compared too.
#
#   vector_rules.py CONFORMANCE_DIR
import os
import re
import sys

LINE = re.compile(r"^(.*?);(ok|fail)(;.*)?$")


def rules(path):
    family = None
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if line.startswith("*") and family is None:
                family = line[1:].split(";", 1)[0]
                continue
            if not line or line[0] in "#:*!%?":
                continue
            m = LINE.match(line)
            if m and family:
                yield family, m.group(1)


def main():
    root = os.path.join(sys.argv[1], "py")
    for fam_dir in sorted(os.listdir(root)):
        d = os.path.join(root, fam_dir)
        for name in sorted(os.listdir(d)):
            if not name.endswith(".t"):
                continue
            for family, rule in rules(os.path.join(d, name)):
                if "\n" in rule or "#" in rule:
                    continue
                print(f"table {family} t {{ chain c {{ {rule}; }}; }}")
                if '"' not in rule:
                    print(f"table {family} t {{ chain c {{\t{rule.replace(' ', '  ')} ;  }} ;  }}")


main()
