#!/usr/bin/env bats
# Loading files into the kernel and listing them back: against a checked-in listing,
# and against Debian's nft doing the same (either tool loading, either tool listing).
load helpers

@test "nftc -f loads basic.nft and lists it back as basic.list" {
	ns 'nftc -f "$FIX/basic.nft" && nftc list ruleset'
	assert_status 0
	assert_output_file "$FIX/basic.list"
}

@test "nftc -f loads sets.nft (sets, interval set, map, vmap) and lists it back" {
	ns 'nftc -f "$FIX/sets.nft" && nftc list ruleset'
	assert_status 0
	assert_output_file "$FIX/sets.list"
}

@test "nftc -f loads nat.nft (masquerade, dnat) and lists it back" {
	ns 'nftc -f "$FIX/nat.nft" && nftc list ruleset'
	assert_status 0
	assert_output_file "$FIX/nat.list"
}

@test "nftc -f F; nft list ruleset  equals  nft -f F; nft list ruleset" {
	for f in basic sets nat; do
		both '$NFT -f "$FIX/'$f'.nft" && nft list ruleset'
		assert_same
		[ -n "$out_nft" ]
	done
}

@test "nft -f F; nftc list ruleset  equals  nft -f F; nft list ruleset" {
	for f in basic sets nat; do
		both 'nft -f "$FIX/'$f'.nft" && $NFT list ruleset'
		assert_same_unwrapped
		[ -n "$out_nft" ]
	done
}

@test "the example ruleset: loaded by nftc, nft lists what nft itself loads" {
	both '$NFT -f "$REPO/examples/ruleset.nft" && nft list ruleset'
	assert_same
	output=$out_nft
	assert_line_in "table inet filter {"
	assert_line_in "		oifname \"eth0\" masquerade"
}

@test "the example ruleset: loaded by nft, nftc lists it as nft does" {
	both 'nft -f "$REPO/examples/ruleset.nft" && $NFT list ruleset'
	assert_same
}

@test "a listing printed by nftc loads back (nftc -f) to the same listing" {
	ns 'nftc -f "$FIX/sets.nft" && nftc list ruleset > "$T/l1" &&
	    nftc flush ruleset && nftc -f "$T/l1" && nftc list ruleset > "$T/l2" &&
	    diff -u "$T/l1" "$T/l2" && cat "$T/l2"'
	assert_status 0
	assert_line_in "	set nets {"
}

@test "loading the same file twice adds the rules twice, as nft does" {
	both '$NFT -f "$FIX/nat.nft" && $NFT -f "$FIX/nat.nft" && nft list ruleset'
	assert_same
	[ "$(grep -c masquerade <<<"$out_nftc")" = 2 ]
}

@test "a file beginning with flush ruleset replaces the ruleset in one step" {
	printf 'flush ruleset\n' >"$T/replace.nft"
	cat "$FIX/nat.nft" >>"$T/replace.nft"
	both '$NFT -f "$FIX/basic.nft" && $NFT -f "$T/replace.nft" && nft list ruleset'
	assert_same
	output=$out_nftc
	refute_contains "table inet filter"
	assert_line_in "table ip nat {"
}

@test "list ruleset of an empty ruleset prints nothing, exit 0" {
	ns 'nftc list ruleset'
	assert_status 0
	[ -z "$output" ]
}

@test "flat commands in a file (add table/chain/rule lines) load as nft loads them" {
	printf 'add table ip flat\nadd chain ip flat c { type filter hook output priority 0 ; }\nadd rule ip flat c ip daddr 192.0.2.0/24 counter drop\nadd set ip flat s { type inet_service ; }\nadd element ip flat s { 53, 123 }\n' >"$T/flat.nft"
	both '$NFT -f "$T/flat.nft" && nft list ruleset'
	assert_same
	assert_contains "ip daddr 192.0.2.0/24 counter packets 0 bytes 0 drop"
	assert_contains "elements = { 53, 123 }"
}

# set_file NAME ELEMENTS [EXTRA-LINES]: a named interval set of ports
set_file() {
	printf 'table inet t {\n\tset ports {\n\t\ttype inet_service\n\t\tflags interval\n%b\t\telements = { %b }\n\t}\n}\n' "${3:-}" "$2" >"$T/$1.nft"
}

@test "a named interval set without auto-merge keeps touching elements apart and drops repeats, as nft does" {
	set_file touch '1000, 1001, 1002, 2000-2010, 2011, 3000, 3000, 4000-4010, 4000-4010'
	both '$NFT -f $T/touch.nft && $NFT list ruleset'
	[ "$rc_nftc" -eq 0 ]
	assert_contains "elements = { 1000, 1001, 1002, 2000-2010, 2011,"
	assert_contains "3000, 4000-4010 }"
	assert_same
}

@test "overlapping intervals in a named set: conflicting intervals, both underlined, as nft does" {
	set_file over '1000-1010, 1010-1020'
	set_file inside '1005, 1000-1010'
	set_file lines '1000-1010,\n 1005'
	for f in over inside lines; do
		both 'cd $T && $NFT -f '$f'.nft; echo "rc=$?"; $NFT list ruleset'
		assert_same
		assert_line_in "rc=1"
		assert_contains "Error: conflicting intervals specified"
		assert_contains "~~~~~~~~~"
	done
}

@test "auto-merge merges what touches and overlaps, and is listed, as nft does" {
	set_file merge '1000-1010, 1005, 1011, 2000, 2001' '\t\tauto-merge\n'
	both '$NFT -f $T/merge.nft && $NFT list ruleset'
	[ "$rc_nftc" -eq 0 ]
	assert_contains "auto-merge"
	assert_contains "elements = { 1000-1011, 2000-2001 }"
	assert_same
}

@test "a named interval map: intervals that touch get an end and a start at the same key" {
	printf 'table ip t {\n\tmap geo {\n\t\ttype ipv4_addr : mark\n\t\tflags interval\n\t\telements = { 10.0.0.0/24 : 0x1, 10.0.1.0/24 : 0x2 }\n\t}\n}\n' >"$T/touchmap.nft"
	both '$NFT -f $T/touchmap.nft && $NFT list ruleset'
	[ "$rc_nftc" -eq 0 ]
	assert_same_unwrapped
}

@test "a set's settings and its elements' counters and timeouts list in nft's order" {
	printf 'table inet t {\n\tset s {\n\t\ttype ipv4_addr\n\t\tflags interval,timeout\n\t\ttimeout 1h\n\t\tgc-interval 1m\n\t\tsize 100\n\t\tpolicy memory\n\t\tauto-merge\n\t\tcounter\n\t\tcomment "c"\n\t\telements = { 1.2.3.4 timeout 2h comment "x" }\n\t}\n}\n' >"$T/order.nft"
	both '$NFT -f $T/order.nft && $NFT list ruleset | sed "s/expires [0-9hms]*//"'
	[ "$rc_nftc" -eq 0 ]
	assert_contains "1.2.3.4 counter packets 0 bytes 0 timeout 2h"
	assert_same
}

@test "chain block rules with braces, ; and # inside strings and comments, and continuations, load as nft loads them" {
	printf 'table ip t {\n\tchain c {\n\t\tip saddr 1.2.3.4 counter accept comment "a } b ; c # d"\n\t\ttcp dport { 22,\n\t\t\t80 } accept # a { comment\n\t\tudp dport 53 \\\n\t\t\taccept; tcp dport 1 drop\n\t}\n\tset s {\n\t\ttype ipv4_addr\n\t\telements = { 1.2.3.4 comment "}", # } x\n\t\t\t5.6.7.8 }\n\t}\n}\n' >"$T/tricky.nft"
	both '$NFT -f $T/tricky.nft && $NFT list ruleset'
	[ "$rc_nftc" -eq 0 ]
	assert_contains 'comment "a } b ; c # d"'
	assert_contains "tcp dport 1 drop"
	assert_same
}

@test "interface name wildcards (\"eth*\") are ranges: sent as nft sends them, listed back as written" {
	# "abcdef*" went to the kernel as the one name "abcdef", and a set of them was
	# listed with bounds decremented from the wrong end ("ppp0"-"`bcdef")
	ns 'nftc -d netlink -f "$FIX/ifname-wildcards.nft" && nftc list ruleset && nftc -j list ruleset'
	assert_status 0
	assert_contains 'element 64636261 00006665 00000000 00000000  : 0 [end]	element 64636261 00006765 00000000 00000000  : 1 [end]'
	assert_contains '0202010a 64636261 00006665 00000000 00000000  - 0202010a 64636261 ffff6665 ffffffff ffffffff'
	assert_contains 'elements = { "abcdef*",'
	assert_contains 'iifname { "abcdef*", "eth0" } counter'
	assert_contains 'ip saddr . iifname { 10.1.2.2 . "abcdef*" } counter'
	assert_contains '"elem": ["abcdef*", "othername", "ppp0"]'
}
