#!/usr/bin/env python3
"""Writes the seed corpora that are not captured from a kernel (make_corpus.sh does
those): corpus/replies (the kernel's answers to fuzz_replies.c's fixed batch),
corpus/args (command lines, NUL-separated) and corpus/shell (shell input).

usage: tests/fuzz/make_seeds.py   (rewrites those three folders)
"""
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_ACK_TLVS, NLM_F_CAPPED = 0x200, 0x100
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS = 1, 2
BASE = 1000      # fuzz_replies.c numbers its batch from here: BEGIN 1000, objects 1001..


def nlmsg(mtype, flags, seq, payload):
    n = 16 + len(payload)
    pad = (4 - n % 4) % 4
    return struct.pack("=IHHII", n, mtype, flags, seq, 0) + payload + b"\0" * pad


def attr(t, data):
    n = 4 + len(data)
    return struct.pack("=HH", n, t) + data + b"\0" * ((4 - n % 4) % 4)


def error(seq, err, msg=None, offs=None, capped=True):
    """An NLMSG_ERROR for message `seq`: the error, the header it answers (capped),
    and extended-ACK TLVs."""
    orig = struct.pack("=IHHII", 64, 0x0a06, 0x0405, seq, 0)   # a NEWRULE header
    flags = NLM_F_CAPPED if capped else 0
    tlvs = b""
    if msg is not None:
        tlvs += attr(NLMSGERR_ATTR_MSG, msg.encode() + b"\0")
    if offs is not None:
        tlvs += attr(NLMSGERR_ATTR_OFFS, struct.pack("=I", offs))
    if tlvs:
        flags |= NLM_F_ACK_TLVS
    return nlmsg(NLMSG_ERROR, flags, seq, struct.pack("=i", err) + orig + tlvs)


def replies():
    yield "ack-all", b"".join(error(BASE + i, 0) for i in range(8))
    yield "rule-enoent", error(BASE + 3, -2)
    yield "rule-offset", error(BASE + 3, -2, "chain not found", 64)
    yield "rule-offset-expr2", error(BASE + 3, -22, None, 120)
    yield "set-exists", error(BASE + 4, -17, "set exists") + error(BASE + 5, -17)
    yield "batch-eperm", error(BASE, -1) + nlmsg(NLMSG_DONE, 0, BASE, b"\0" * 4)
    yield "every-message", b"".join(error(BASE + i, -(i + 1), "e%d" % i, 20 + 8 * i)
                                    for i in range(8))
    yield "stale", error(7, -2) + error(BASE + 1, -2)
    yield "uncapped", error(BASE + 2, -95, capped=False)


def args():
    lines = [
        ["-c", "-f", "rules.nft"], ["-f", "-"], ["-i"], ["-j", "list", "ruleset"],
        ["-a", "-n", "-s", "-t", "list", "ruleset"], ["-d", "netlink,eval", "-c", "add table t"],
        ["-D", "a=1", "-D", "b={ 1, 2 }", "-I", "/etc", "-f", "x.nft"], ["-h"], ["-v"], ["-V"],
        ["--check", "--file", "f"], ["--define=x=1", "--includepath=/tmp", "list", "tables"],
        ["-e", "-a", "insert", "rule", "ip", "t", "c", "accept"], ["-yTpuSN", "list", "ruleset"],
        ["-o", "-f", "a"], ["-f", "a", "-f", "b"], ["-i", "list", "ruleset"], ["--debug"],
        ["-d", "nosuch"], ["--", "-c"], ["-x"], [],
    ]
    for i, l in enumerate(lines):
        yield "cmdline-%02d" % i, b"\0".join(w.encode() for w in l)


def shell():
    yield "one-line", b"add table ip t\nlist ruleset\n"
    yield "block", b"table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t}\n}\n"
    yield "continuation", b"add rule ip t c \\\n  tcp dport 22 \\\n  accept\n"
    yield "strings-comments", (b'add table t { comment "a { b"; }\n# } {\n'
                               b'add chain t c { # {\n}\n"\\"{"\n')
    yield "escape-end", b'add table t { comment "x\\\n}" }\n'
    yield "unbalanced", b"}\n}}\n{\n{{{\n"
    yield "quit", b"list ruleset\nquit\n"


def write(folder, items):
    d = os.path.join(HERE, "corpus", folder)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    for name, data in items:
        with open(os.path.join(d, name + ".bin"), "wb") as f:
            f.write(data)


write("replies", replies())
write("args", args())
write("shell", shell())
