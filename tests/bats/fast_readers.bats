#!/usr/bin/env bats
# The fast readers (src/parser/rule_fast.c for chain-block rules, elem_fast.c for large
# element lists) must build exactly what the grammar builds. NFTC_GRAMMAR_ONLY=1 sends
# everything through the grammar; each test compiles the same input both ways, offline
# as nobody, and compares the bytecode and the errors byte for byte.
load helpers

setup() {
	common_setup
	CONF=${NFTC_CONFORMANCE_DIR:-$(cd "$REPO/.." && pwd)/shared/conformance}
	export CONF
}

# compile_both FILE ARGS...: nftc ARGS... with stdin from FILE, fast readers on and off;
# outputs in $T/fast.{out,err} and $T/grammar.{out,err}.
compile_both() {
	local in=$1
	shift
	unshare -n setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
		env -u NFTC_GRAMMAR_ONLY "$T/bin/nftc" "$@" <"$in" >"$T/fast.out" 2>"$T/fast.err" || true
	unshare -n setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
		env NFTC_GRAMMAR_ONLY=1 "$T/bin/nftc" "$@" <"$in" >"$T/grammar.out" 2>"$T/grammar.err" || true
	diff -u "$T/grammar.out" "$T/fast.out"
	diff -u "$T/grammar.err" "$T/fast.err"
}

@test "every upstream vector rule, in a chain block, compiles the same with and without the fast rule reader" {
	[ -d "$CONF/py" ] || skip "conformance vectors not found ($CONF)"
	python3 "$REPO/tests/bats/lib/vector_rules.py" "$CONF" >"$T/rules.txt"
	chmod a+r "$T/rules.txt"
	[ "$(wc -l <"$T/rules.txt")" -gt 3000 ]
	compile_both "$T/rules.txt" -c -d netlink -i
	# the comparison covers bytecode and errors alike
	[ "$(grep -c '^  \[ ' "$T/fast.out")" -gt 10000 ]
	[ "$(grep -c 'Error: ' "$T/fast.err")" -gt 100 ]
}

@test "rules of the fast reader's shapes, and next to them shapes it must leave alone, compile the same both ways" {
	compile_both "$FIX/fast_rules.nft" -c -d netlink -f -
	[ ! -s "$T/fast.err" ] || { cat "$T/fast.err"; false; }
	[ "$(grep -c '^  \[ immediate reg 0 accept \]' "$T/fast.out")" -gt 30 ]
}

@test "errors in and around the fast reader's shapes are the grammar's, at the same places" {
	compile_both "$FIX/fast_rules_bad.nft" -c -d netlink -f -
	[ "$(grep -c 'Error: ' "$T/fast.err")" -ge 15 ]
	grep -q '^/dev/stdin:17:23-28: Error: Statement after terminal statement has no effect' "$T/fast.err" ||
		{ cat "$T/fast.err"; false; }
}

@test "a large element list with the fast reader's items and the grammar's compiles the same both ways" {
	python3 - "$T/mixed.nft" <<'PY'
import sys
fast = ", ".join("%d" % (1000 + i) for i in range(600))
geo = ", ".join("10.%d.%d.0/24 : 0x%x" % (i // 200, i % 200, i + 1) for i in range(600))
rng = ", ".join("10.9.%d.1-10.9.%d.9 : %d" % (i, i, i) for i in range(200))
with open(sys.argv[1], "w") as f:
    f.write("table inet t {\n\tset ports {\n\t\ttype inet_service\n\t\tflags interval\n"
            "\t\telements = { %s,\n\t\t\t2000 - 2010, ssh, 3000 comment \"x\", 4000 }\n\t}\n"
            "\tmap geo {\n\t\ttype ipv4_addr : mark\n\t\tflags interval\n"
            "\t\telements = { %s,\n\t\t\t%s, 192.168.0.0/16 : 7 }\n\t}\n}\n" % (fast, geo, rng))
PY
	chmod a+r "$T/mixed.nft"
	compile_both "$T/mixed.nft" -c -d netlink -f -
	[ ! -s "$T/fast.err" ] || { cat "$T/fast.err"; false; }
	[ "$(grep -o 'element ' "$T/fast.out" | wc -l)" -gt 1000 ]
}
