#!/usr/bin/env bats
# Listings laid out as nft 1.1.4 lays them out, where Debian's 1.0.6 differs: the expected
# texts are 1.1.4's, written here (each was checked against ../shared/nft-1.1.4).
load helpers

@test "list sets and list chains: no blank line between declarations, elements shown" {
	ns "nftc add table t && nftc add set t a '{ type ipv4_addr; elements = { 1.1.1.1 }; }' &&
	    nftc add set t b '{ type ipv4_addr; }' && nftc add chain t c && nftc add chain t d &&
	    nftc list sets && nftc list chains"
	assert_status 0
	[ "$output" = $'table ip t {\n\tset a {\n\t\ttype ipv4_addr\n\t\telements = { 1.1.1.1 }\n\t}\n\tset b {\n\t\ttype ipv4_addr\n\t}\n}\ntable ip t {\n\tchain c {\n\t}\n\tchain d {\n\t}\n}' ]
}

@test "list sets|maps|chains|meters show every table, one holding none of the kind too" {
	ns "nftc add table nat && nftc add table x && nftc add set x s '{ type ipv4_addr; }' &&
	    nftc add chain nat c && nftc list sets && nftc list maps && nftc list chains &&
	    nftc list meters"
	assert_status 0
	[ "$output" = $'table ip nat {\n}\ntable ip x {\n\tset s {\n\t\ttype ipv4_addr\n\t}\n}\ntable ip nat {\n}\ntable ip x {\n}\ntable ip nat {\n\tchain c {\n\t}\n}\ntable ip x {\n}\ntable ip nat {\n}\ntable ip x {\n}' ]
}

@test "list counters|quotas table T: only a table holding one of them is shown" {
	ns "nftc add table t && nftc add counter t c && nftc list quotas table t && nftc list quotas &&
	    nftc list counters table t"
	assert_status 0
	[ "$output" = $'table ip t {\n\tcounter c {\n\t\tpackets 0 bytes 0\n\t}\n}' ]
}

@test "maps and sets whose elements carry more than a key list one element to a line" {
	ns "nftc add table t && nftc add map t m '{ type inet_service : verdict; elements = { 1 : accept, 2 : drop }; }' &&
	    nftc add set t s '{ type inet_service; elements = { 1 comment \"a\", 2, 3 }; }' &&
	    nftc add set t p '{ type inet_service; elements = { 1, 2, 3, 4, 5, 6 }; }' &&
	    nftc list ruleset"
	assert_status 0
	assert_line_in $'\t\telements = { 1 : accept,'
	assert_line_in $'\t\t\t     2 : drop }'
	assert_line_in $'\t\telements = { 1 comment "a",'
	assert_line_in $'\t\t\t     3 }'
	assert_line_in $'\t\telements = { 1, 2, 3, 4, 5,'
}

@test "a set of a given size shows how many elements it holds (# count)" {
	ns "nftc add table t && nftc add set t s '{ type ipv4_addr; size 100; flags interval; elements = { 1.1.1.1, 3.0.0.0/8 }; }' &&
	    nftc -t list set t s"
	assert_status 0
	assert_line_in $'\t\tsize 100\t# count 2'
}

@test "table flags owner and persist: an orphaned table stays, listed with flags persist" {
	ns "printf 'table ip t {\n\tflags owner, persist\n}\n' | nftc -f - && nftc list ruleset"
	assert_status 0
	[ "$output" = $'table ip t {\n\tflags persist\n}' ]
}

@test "ct timeout policies list their times with units, and read back" {
	ns "nftc add table t && nftc add ct timeout t tt '{ protocol tcp; policy = { established : 100, close : 7200 }; }' &&
	    nftc list ruleset > \$T/l && nftc flush ruleset && nftc -f \$T/l && nftc list ruleset"
	assert_status 0
	assert_line_in $'\t\tpolicy = { established : 1m40s, close : 2h }'
}

@test "log prefix expands the defines written in it" {
	printf '%s\n' 'define st = "state"' 'define m = "match, logging"' 'table x {' 'chain y {' \
		'log prefix "invalid $st $m: $5"' '}' '}' >"$BATS_TEST_TMPDIR/lp.nft"
	ns "nftc -f $BATS_TEST_TMPDIR/lp.nft && nftc list ruleset"
	assert_status 0
	assert_line_in $'\t\tlog prefix "invalid state match, logging: $5"'
	printf '%s\n' 'table x {' 'chain y {' 'log prefix "a $nope"' '}' '}' >"$BATS_TEST_TMPDIR/lp2.nft"
	ns "nftc -f $BATS_TEST_TMPDIR/lp2.nft"
	assert_status 1
	assert_contains "Error: unknown identifier 'nope'"
}

@test "reset rules, reset rules chain and reset rule: listed as they were, then zeroed" {
	printf '%s\n' 'table ip t {' 'chain c {' 'counter packets 1 bytes 11 accept' \
		'counter packets 2 bytes 12 drop' '}' 'chain c2 {' 'counter packets 3 bytes 13 accept' '}' '}' \
		>"$BATS_TEST_TMPDIR/rr.nft"
	ns "nftc -f $BATS_TEST_TMPDIR/rr.nft && h=\$(nftc -a list chain t c | sed -n 's/.*accept # handle //p') &&
	    nftc reset rule t c handle \$h && echo == && nftc reset rules chain t c2 && echo == && nftc list ruleset &&
	    echo == && nftc reset rules >/dev/null && nftc list ruleset | grep -c 'packets 0 bytes 0'"
	assert_status 0
	[ "$(sed -n 3p <<<"$output")" = $'\t\tcounter packets 1 bytes 11 accept' ]
	assert_line_in $'\t\tcounter packets 3 bytes 13 accept'
	assert_line_in $'\t\tcounter packets 0 bytes 0 accept'
	assert_line_in $'\t\tcounter packets 2 bytes 12 drop'
	[ "$(tail -n 1 <<<"$output")" = 3 ]
}

@test "older forms nft still takes: dnat without to, meta secmark set ct secmark" {
	ns "nftc add table ip t && nftc add chain ip t c '{ type nat hook prerouting priority 0; }' &&
	    nftc add rule ip t c dnat 10.0.0.1 && nftc add rule ip t c meta secmark set ct secmark &&
	    nftc list chain ip t c && nftc -c -d netlink add rule ip t c meta secmark set ct secmark"
	assert_status 0
	assert_line_in $'\t\tdnat to 10.0.0.1'
	assert_line_in $'\t\tmeta secmark set ct secmark'
	assert_line_in "  [ ct load secmark => reg 1 ]"
	assert_line_in "  [ meta set secmark with reg 1 ]"
}

@test "a TC classid's parts may be written with 0x (1:0xc7cb), as nft reads them" {
	ns "nftc add table ip t && nftc add map ip t m '{ type ipv4_addr : classid; flags interval; }' &&
	    nftc add element ip t m '{ 10.4.22.0/24 : \"1:0xc7cb\" }' && nftc list map ip t m"
	assert_status 0
	assert_line_in $'\t\telements = { 10.4.22.0/24 : 1:c7cb }'
}

@test "a named set of flags lists its elements by their lowest flag, ties in the kernel's order, as nft 1.1.4" {
	both '$NFT add table t && $NFT add set t f "{ type tcp_flag; flags constant; elements = { ack, ack | urg, psh | ack, rst, rst | ack, syn, syn | ack, fin | ack, fin | psh | ack } }" && $NFT list set t f'
	assert_status 0
	assert_same
}
