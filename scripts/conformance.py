#!/usr/bin/env python3
"""Conformance ratchet for nftc.

Runs ../shared/conformance/nft-py-conformance with --tool src/nftc --achievable -j 2,
reads its --json output (one result per vector) and compares the vectors that pass with
tests/conformance/passing.txt (sorted ids `file:line:family:chain`).

  scripts/conformance                 run all vectors; report regressions and new passes
  scripts/conformance FILE.t ...      the same, for some files (paths or py/-relative)
  scripts/conformance --ratchet       run only the files named in passing.txt; the
                                      last line is `ratchet: N passed, M failed` over
                                      the listed vectors
  scripts/conformance --update        run, then add the new passes to passing.txt;
                                      refuses when a listed vector fails, unless --force
                                      (which drops it)
  scripts/conformance --mode json ... the same for the vectors in nft's JSON syntax, with
                                      their own list, tests/conformance/passing-json.txt
                                      (and achievable-json.txt)

A vector counts as passing when the runner says so and the tool exited 0 or 1: a crash
or a timeout is not a correct rejection of a `fail` vector.
Exit: 0 when no listed vector regressed, 1 otherwise, 2 when the runner is missing.
"""
import argparse, json, os, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PASSING_TEXT = os.path.join(ROOT, "tests", "conformance", "passing.txt")
PASSING_JSON = os.path.join(ROOT, "tests", "conformance", "passing-json.txt")
CONF = os.environ.get("NFTC_CONFORMANCE_DIR") or os.path.join(os.path.dirname(ROOT), "shared", "conformance")
RUNNER = os.path.join(CONF, "nft-py-conformance")
PYDIR = os.path.join(CONF, "py")


def vector_id(r):
    # the runner names JSON vectors `json:FILE:…`; the list keeps the same form
    vid = "%s:%d:%s:%s" % (r["file"], r["line"], r["family"], r["chain"])
    return "json:" + vid if r.get("mode") == "json" else vid


def read_ids(path):
    if not os.path.exists(path):
        return set()
    with open(path) as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")}


def write_ids(path, ids):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        for i in sorted(ids):
            f.write(i + "\n")
    os.replace(tmp, path)


def file_of(vid):
    if vid.startswith("json:"):
        vid = vid[len("json:"):]
    return vid.split(":", 1)[0]


def explain(r):
    """One line saying why a vector failed."""
    if r is None:
        return "not run (file or line gone?)"
    if not r.get("verdict_ok"):
        if r.get("expect") == "fail":
            return "accepted a rule that must be rejected"
        lines = (r.get("error") or "").strip().splitlines()
        return "rejected (exit %s): %s" % (r.get("rc"), lines[0] if lines else "no message")
    if r.get("rc") not in (0, 1):
        return "exit code %s (crash or timeout)" % r.get("rc")
    if r.get("payload_ok") is False:
        return "bytecode differs: want %r got %r" % (r.get("payload_want", ""), r.get("payload_got", ""))
    if r.get("listing_ok") is False:
        return "listing differs: want %r got %r" % (r.get("listing_want", ""), r.get("listing_got", ""))
    return "failed"


def main():
    ap = argparse.ArgumentParser(description="nftc conformance ratchet")
    ap.add_argument("--ratchet", action="store_true", help="run only the files named in passing.txt")
    ap.add_argument("--update", action="store_true", help="add new passes to passing.txt")
    ap.add_argument("--force", action="store_true", help="with --update: drop listed vectors that fail")
    ap.add_argument("--tool", default=os.path.join(ROOT, "src", "nftc"))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--json", help="keep the runner's JSON output here (default build/conformance.jsonl)")
    ap.add_argument("--mode", choices=("text", "json"), default="text",
                    help="which syntax the vectors are given in (default text)")
    ap.add_argument("-q", "--quiet", action="store_true", help="do not list each regression")
    ap.add_argument("files", nargs="*")
    a = ap.parse_args()
    global PASSING
    PASSING = os.environ.get("NFTC_PASSING") or (PASSING_JSON if a.mode == "json" else PASSING_TEXT)

    if a.ratchet and not a.files and not read_ids(PASSING):
        print("passing.txt lists no vectors yet (scripts/conformance --update adds them)")
        print("ratchet: 0 passed, 0 failed")
        return 0
    if not os.path.exists(RUNNER):
        print("conformance runner not found: %s (set NFTC_CONFORMANCE_DIR)" % RUNNER, file=sys.stderr)
        return 2
    if not os.access(a.tool, os.X_OK):
        print("tool not built: %s" % a.tool, file=sys.stderr)
        return 2
    achievable = read_ids(os.path.join(CONF, "achievable-json.txt" if a.mode == "json"
                                       else "achievable.txt"))
    listed = read_ids(PASSING)

    files = []
    for f in a.files:
        p = f if os.path.exists(f) else os.path.join(PYDIR, f)
        if not os.path.exists(p):
            print("no such vector file: %s" % f, file=sys.stderr)
            return 2
        files.append(os.path.abspath(p))
    if a.ratchet and not files:
        files = sorted({os.path.join(PYDIR, file_of(i)) for i in listed})
        missing = [f for f in files if not os.path.exists(f)]
        if missing:
            print("vector files named in passing.txt are gone: %s" % ", ".join(missing), file=sys.stderr)
        files = [f for f in files if os.path.exists(f)]
        if not files:
            print("passing.txt lists no vectors yet (scripts/conformance --update adds them)")
            print("ratchet: 0 passed, %d failed" % len(listed))
            return 0 if not listed else 1

    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    out = a.json or os.path.join(ROOT, "build", "conformance-%s.jsonl" % a.mode)
    cmd = [sys.executable, RUNNER, "--tool", a.tool, "--achievable", "-j", str(a.jobs), "--json", out]
    if a.mode == "json":
        cmd += ["--mode", "json"]
    cmd += files
    print("+ " + " ".join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd[1:5]) +
          " ... (%s files)" % (len(files) or "all"), flush=True)
    if os.path.exists(out):
        os.unlink(out)
    rc = subprocess.call(cmd, stdin=subprocess.DEVNULL)
    if rc != 0 or not os.path.exists(out):
        print("the conformance runner failed (exit %d)" % rc, file=sys.stderr)
        if a.ratchet:
            print("ratchet: 0 passed, %d failed" % len(listed))
        return 1

    results = {}
    with open(out) as f:
        for line in f:
            if line.strip():
                r = json.loads(line)
                results[vector_id(r)] = r
    run_files = {r["file"] for r in results.values()}
    now = {i for i, r in results.items()
           if r.get("pass") and r.get("rc") in (0, 1) and (not achievable or i in achievable)}

    considered = {i for i in listed if file_of(i) in run_files}
    regressed = sorted(considered - now)
    new = sorted(now - listed)
    held = len(considered) - len(regressed)

    if regressed and not a.quiet:
        print("listed vectors that no longer pass:")
        for i in regressed[:200]:
            print("  %s  %s  -- %s" % (i, (results.get(i) or {}).get("rule", ""), explain(results.get(i))))
        if len(regressed) > 200:
            print("  ... and %d more" % (len(regressed) - 200))
    print("listed in %s: %d (%d in the files run); still passing: %d; regressed: %d; "
          "new passes not listed: %d" % (os.path.basename(PASSING), len(listed), len(considered), held, len(regressed), len(new)))
    if new and not a.update:
        print("  (scripts/conformance --update adds the new passes to %s)" % os.path.relpath(PASSING, ROOT))

    status = 0 if not regressed else 1
    if a.update:
        if regressed and not a.force:
            print("not updating: %d listed vectors fail (fix them, or --update --force to drop them)"
                  % len(regressed))
            return 1
        keep = (listed - set(regressed)) | now
        os.makedirs(os.path.dirname(PASSING), exist_ok=True)
        write_ids(PASSING, keep)
        print("%s: %d -> %d vectors (+%d, -%d)" % (os.path.basename(PASSING), len(listed), len(keep), len(new),
                                                           len(regressed)))
        status = 0
    if a.ratchet:
        print("ratchet: %d passed, %d failed" % (held, len(regressed) + len(listed - considered)))
    return status


if __name__ == "__main__":
    sys.exit(main())
