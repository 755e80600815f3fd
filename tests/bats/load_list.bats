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
		assert_same
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
