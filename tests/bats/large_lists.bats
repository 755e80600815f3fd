#!/usr/bin/env bats
# Element lists of more than a few KiB are skipped by the first parse and parsed again,
# a chunk at a time, while they are lowered (src/parser/elem_span.c,
# src/eval/set_elems_stream.c). These tests hold that path to what the ordinary one
# does: the same kernel state, the same errors at the same places, nothing applied
# when anything is wrong.

load helpers

GEN="$REPO/scripts/gen-workload"

# A verdict map of N elements, half jumps and half gotos, as one `elements = { }`.
vmap_file() {
	python3 - "$1" "$2" <<'EOF'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
items = ["10.1.%d.%d : %s" % (i // 250, i % 250 + 1, "jump a" if i % 2 else "goto b")
         for i in range(n)]
with open(path, "w") as f:
    f.write("table ip t {\n\tchain a {\n\t}\n\n\tchain b {\n\t}\n\n\tmap vm {\n"
            "\t\ttype ipv4_addr : verdict\n\t\telements = { %s }\n\t}\n}\n" % ", ".join(items))
EOF
}

@test "a large interval map loads into the same kernel state as nft loads it" {
	"$GEN" geoip 3000 -o "$T/geo.nft"
	both '$NFT -f $T/geo.nft && $NFT list ruleset'
	[ "$rc_nftc" -eq 0 ]
	[ "$(grep -o ' : 0x' <<< "$out_nftc" | wc -l)" -eq 3000 ]
	assert_same_unwrapped
}

@test "a large verdict map (jump and goto) loads as nft loads it" {
	vmap_file 2000 "$T/vm.nft"
	both '$NFT -f $T/vm.nft && $NFT list ruleset'
	[ "$rc_nftc" -eq 0 ]
	[ "$(grep -o 'jump a' <<< "$out_nftc" | wc -l)" -eq 1000 ]
	assert_same_unwrapped
}

@test "a large set keeps every element, and add element appends a large list" {
	"$GEN" set 5000 -o "$T/set.nft"
	python3 -c 'print("add element ip bench addrs { %s }" % ", ".join("192.168.%d.%d" % (i // 250, i % 250) for i in range(3000)))' > "$T/more.nft"
	ns 'nftc -f $T/set.nft && nftc -f $T/more.nft && nftc list set ip bench addrs'
	[ "$status" -eq 0 ]
	[ "$(grep -oE '10\.[0-9]+\.[0-9]+\.[0-9]+' <<< "$output" | sort -u | wc -l)" -eq 5000 ]
	[ "$(grep -oE '192\.168\.[0-9]+\.[0-9]+' <<< "$output" | sort -u | wc -l)" -eq 3000 ]
}

@test "a syntax error deep in a large list is reported at its place and nothing is applied" {
	"$GEN" set 3000 -o "$T/set.nft"
	sed -i '200s/, / /' "$T/set.nft"
	ns 'nftc -f $T/set.nft; echo "rc=$?"; nftc list ruleset | wc -l'
	assert_contains "set.nft:200:"
	assert_contains "Error: syntax error, unexpected string"
	assert_line_in "rc=1"
	assert_line_in "0"
}

@test "a bad value in a large list is one error with a caret, and nothing is applied" {
	"$GEN" set 3000 -o "$T/set.nft"
	sed -i '300s/^\t\t\t10\.[0-9]*\.[0-9]*\.[0-9]*,/\t\t\t10.0.0.300,/' "$T/set.nft"
	ns 'nftc -f $T/set.nft; echo "rc=$?"; nftc list ruleset | wc -l'
	assert_contains "set.nft:300:4-13: Error: Could not resolve hostname"
	assert_line_in "			^^^^^^^^^^"
	assert_line_in "rc=1"
	assert_line_in "0"
	# the rule that uses the set is not a second error
	[ "$(grep -c 'Error:' <<< "$output")" -eq 1 ]
}

@test "a large list may use a variable, and -d netlink prints every element" {
	"$GEN" set 1000 -o "$T/set.nft"
	sed -i 's/elements = {/elements = { $extra,/' "$T/set.nft"
	sed -i '1i define extra = { 192.0.2.1, 192.0.2.2 }' "$T/set.nft"
	ns 'nftc -f $T/set.nft && nftc list set ip bench addrs'
	[ "$status" -eq 0 ]
	assert_contains "192.0.2.1, 192.0.2.2"
	ns 'nftc -c -d netlink -f $T/set.nft'
	[ "$status" -eq 0 ]
	[ "$(grep -o 'element ' <<< "$output" | wc -l)" -eq 1002 ]
}

@test "items the fast reader leaves to the grammar, mid-list, load as nft loads them" {
	# plain numbers, prefixes and `: data` are read without the grammar
	# (src/parser/elem_fast.c); a name, a comment, a range and blanks around `-`
	# hand the rest of the list to it
	python3 - "$T/mixed.nft" <<'PY'
import sys
fast = ", ".join("%d" % (1000 + i) for i in range(600))
fast2 = ", ".join("%d" % (5000 + i) for i in range(600))
geo = ", ".join("10.%d.%d.0/24 : 0x%x" % (i // 200, i % 200, i + 1) for i in range(600))
with open(sys.argv[1], "w") as f:
    f.write("table inet t {\n\tset ports {\n\t\ttype inet_service\n\t\tflags interval\n"
            "\t\telements = { %s,\n\t\t\t2000 - 2010, ssh, 3000 comment \"x\",\n\t\t\t%s }\n\t}\n"
            "\tmap geo {\n\t\ttype ipv4_addr : mark\n\t\tflags interval\n"
            "\t\telements = { %s,\n\t\t\t192.168.0.0/16 : 7 }\n\t}\n}\n" % (fast, fast2, geo))
PY
	both '$NFT -f $T/mixed.nft && $NFT list ruleset'
	[ "$rc_nftc" -eq 0 ]
	assert_contains '3000 comment "x"'
	assert_contains "192.168.0.0/16 : 0x00000007"
	assert_same_unwrapped
}
