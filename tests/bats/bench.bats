#!/usr/bin/env bats
# The benchmark tooling of issue 3 keeps working: gen-workload writes the same valid
# rulesets every time, the rusage launcher measures the command and not itself, and
# scripts/bench runs every phase at a tiny size (no timing is asserted, ever).

load helpers

GEN="$REPO/scripts/gen-workload"

@test "gen-workload is deterministic: the same kind and N give the same bytes" {
	for kind in rules set geoip; do
		a=$("$GEN" "$kind" 300 | sha256sum)
		b=$("$GEN" "$kind" 300 | sha256sum)
		[ "$a" = "$b" ]
	done
	run "$GEN" set 3
	[ "$status" -eq 0 ]
	assert_line_in "			10.0.0.0, 10.55.121.177, 10.110.243.98 }"
}

@test "gen-workload rejects an unknown kind and a negative N" {
	run "$GEN" bogus 10
	[ "$status" -ne 0 ]
	run "$GEN" set -5
	[ "$status" -ne 0 ]
}

@test "each workload loads and lists back with N rules, elements or prefixes" {
	"$GEN" rules 40 -o "$T/rules.nft"
	"$GEN" set 70 -o "$T/set.nft"
	"$GEN" geoip 55 -o "$T/geoip.nft"
	ns 'nftc -f $T/rules.nft && nftc list ruleset > $T/rules.out
	    nftc flush ruleset && nftc -f $T/set.nft && nftc list set ip bench addrs > $T/set.out
	    nftc flush ruleset && nftc -f $T/geoip.nft && nftc list map ip bench geo > $T/geoip.out'
	[ "$status" -eq 0 ]
	[ "$(grep -c 'counter packets 0 bytes 0 accept' "$T/rules.out")" -eq 40 ]
	[ "$(grep -oE '10\.[0-9]+\.[0-9]+\.[0-9]+' "$T/set.out" | sort -u | wc -l)" -eq 70 ]
	[ "$(grep -oE '[0-9.]+/[0-9]+ : 0x[0-9a-f]{8}' "$T/geoip.out" | wc -l)" -eq 55 ]
	grep -q 'elements = { 1\.0\.0\.0/24 : 0x00000001,$' "$T/geoip.out"
}

@test "the rusage launcher reports the command's peak RSS and exit status" {
	cc -O2 -o "$T/rusage" "$REPO/scripts/rusage.c"
	run "$T/rusage" "$T/o" "$T/e" /usr/bin/python3 -c 'x = bytearray(80 * 1024 * 1024); print(len(x))'
	[ "$status" -eq 0 ]
	read -r wall user sys rss code <<< "$output"
	[ "$code" -eq 0 ]
	[ "$rss" -gt 80000 ]                    # KiB: the 80 MiB the command touched
	[ "$(cat "$T/o")" = 83886080 ]
	run "$T/rusage" "$T/o" "$T/e" /bin/sh -c 'exit 3'
	read -r wall user sys rss code <<< "$output"
	[ "$code" -eq 3 ]
	[ "$rss" -lt 20000 ]                    # a shell, not the 80 MiB of the last run
}

@test "scripts/bench runs every phase of every kind at a tiny size" {
	run "$REPO/scripts/bench" --size rules=30 --size set=30 --size geoip=30 --runs 1 \
		--nftc "$T/bin/nftc" --json "$T/bench.json"
	echo "$output"
	[ "$status" -eq 0 ]
	for kind in rules set geoip; do
		assert_contains "### $kind, N = 30"
	done
	python3 - "$T/bench.json" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
assert [r["kind"] for r in d["results"]] == ["rules", "set", "geoip"], d
for r in d["results"]:
    for tool, m in r["medians"].items():
        assert set(m) == {"load", "list", "add1", "check", "jlist", "jload"}, m
        for p in m.values():
            assert p["rss_kib"] > 0 and p["wall"] > 0, p
    if "nft" in r["medians"]:
        # at this size nothing resizes under the dump: both tools print the same text
        assert r["listings_identical"], r
EOF
}

@test "scripts/bench fails, and names the phase, when a command fails" {
	printf '#!/bin/sh\necho "Error: broken on purpose" >&2\nexit 1\n' > "$T/bin/broken"
	chmod +x "$T/bin/broken"
	run "$REPO/scripts/bench" --size rules=5 --runs 1 --no-nft --nftc "$T/bin/broken"
	[ "$status" -ne 0 ]
	assert_contains "check failed"
	assert_contains "broken on purpose"
}

@test "scripts/bench --phases measures only the phases asked for" {
	run "$REPO/scripts/bench" --size set=20 --runs 1 --no-nft --nftc "$T/bin/nftc" --phases list,check
	echo "$output"
	[ "$status" -eq 0 ]
	assert_contains "| list |"
	assert_contains "| check |"
	! grep -q '^| load |' <<< "$output"
	! grep -q '^| add1 |' <<< "$output"
	run "$REPO/scripts/bench" --size set=20 --runs 1 --no-nft --phases bogus
	[ "$status" -ne 0 ]
}
