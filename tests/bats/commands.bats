#!/usr/bin/env bats
# Ruleset commands: rules by handle and position, flush, rename, elements, and the
# list family. Each runs through nftc and through nft, which must list the same.
load helpers

BASE='$NFT add table ip t && $NFT add chain ip t c "{ type filter hook input priority 0; policy accept; }" &&
      $NFT add rule ip t c tcp dport 22 accept && $NFT add rule ip t c tcp dport 80 accept &&
      $NFT add rule ip t c tcp dport 443 accept'

@test "delete rule by handle" {
	both "$BASE"' && h=$($NFT -a list chain ip t c | sed -n "s/.*dport 80 accept # handle //p") &&
	      $NFT delete rule ip t c handle $h && nft list chain ip t c'
	assert_same
	assert_line_in "		tcp dport 22 accept"
	refute_contains "dport 80"
}

@test "insert puts a rule first; add appends" {
	both "$BASE"' && $NFT insert rule ip t c udp dport 53 accept && $NFT add rule ip t c drop && nft list chain ip t c'
	assert_same
	[ "$(grep -E "dport|drop" <<<"$out_nftc" | head -n 1)" = "		udp dport 53 accept" ]
	[ "$(grep -E "dport|drop" <<<"$out_nftc" | tail -n 1)" = "		drop" ]
}

@test "add/insert rule at a position (position N, handle N)" {
	both "$BASE"' && h=$($NFT -a list chain ip t c | sed -n "s/.*dport 80 accept # handle //p") &&
	      $NFT add rule ip t c position $h udp dport 1 accept &&
	      $NFT insert rule ip t c position $h udp dport 2 accept &&
	      $NFT add rule ip t c handle $h udp dport 3 accept &&
	      nft list chain ip t c'
	assert_same
	[ "$(grep dport <<<"$out_nftc" | tr -d "\t" | tr "\n" ,)" = \
	  "tcp dport 22 accept,udp dport 2 accept,tcp dport 80 accept,udp dport 3 accept,udp dport 1 accept,tcp dport 443 accept," ]
}

@test "add/insert rule at an index (index N)" {
	both "$BASE"' && $NFT insert rule ip t c index 0 udp dport 4 accept &&
	      $NFT add rule ip t c index 0 udp dport 5 accept && nft list chain ip t c'
	assert_same
	[ "$(grep dport <<<"$out_nftc" | tr -d "\t" | tr "\n" ,)" = \
	  "udp dport 4 accept,udp dport 5 accept,tcp dport 22 accept,tcp dport 80 accept,tcp dport 443 accept," ]
}

@test "index N in a file names rules added earlier in the same batch, after a flush" {
	# the second load flushes the ruleset the first left: the kernel still lists
	# four rules while the batch is built, and none of them may be counted
	printf '%s\n' 'flush ruleset' 'add table x' 'add chain x y' \
		'add rule x y accept comment "rule1"' 'add rule x y accept comment "rule4"' \
		'add rule x y index 0 accept comment "rule2"' \
		'insert rule x y index 2 accept comment "rule3"' >"$BATS_TEST_TMPDIR/idx.nft"
	ns "nftc -f $BATS_TEST_TMPDIR/idx.nft && nftc -f $BATS_TEST_TMPDIR/idx.nft && nftc list chain ip x y"
	assert_status 0
	[ "$(grep comment <<<"$output" | tr -d "\t" | tr "\n" ,)" = \
	  'accept comment "rule1",accept comment "rule2",accept comment "rule3",accept comment "rule4",' ]
}

@test "index N past the rules the batch leaves is refused, nothing applied" {
	printf '%s\n' 'add table x' 'add chain x y' 'add rule x y accept' \
		'add rule x y index 1 drop' >"$BATS_TEST_TMPDIR/idx.nft"
	ns_split "nftc -f $BATS_TEST_TMPDIR/idx.nft; echo rc=\$?; nftc list ruleset"
	[ "$(sed -n 1p <<<"$stderr")" = "$BATS_TEST_TMPDIR/idx.nft:4:1-25: Error: Could not process rule: No such file or directory" ]
	[ "$output" = "rc=1" ]
}

@test "a one-element anonymous set is a plain match, sent and listed as nft 1.1 does" {
	printf '%s\n' 'table ip x {' 'chain y {' 'tcp dport != { 22 } drop' \
		'ip saddr { 1.1.1.0/24 } drop' 'ip saddr { 1.1.1.1-1.1.1.5 } drop' \
		'tcp flags { syn } drop' 'ct state { invalid } drop' \
		'ip saddr . tcp dport { 1.1.1.1 . 22 } drop' 'tcp dport vmap { 22 : accept }' \
		'}' '}' >"$BATS_TEST_TMPDIR/one.nft"
	ns "nftc -f $BATS_TEST_TMPDIR/one.nft && nftc list chain ip x y"
	assert_status 0
	[ "$(sed -n '3,9p' <<<"$output" | tr -d '\t' | tr '\n' ,)" = \
	  'tcp dport != 22 drop,ip saddr 1.1.1.0/24 drop,ip saddr 1.1.1.1-1.1.1.5 drop,tcp flags == syn drop,ct state invalid drop,ip saddr . tcp dport { 1.1.1.1 . 22 } drop,tcp dport vmap { 22 : accept },' ]
	# no set for the first five; the concatenation and the map keep theirs
	ns "nftc -c -d netlink -f $BATS_TEST_TMPDIR/one.nft"
	[ "$(grep -c '^family 2 __set%d x 0' <<<"$output")" = 1 ]
	[ "$(grep -c '^family 2 __map%d x 0' <<<"$output")" = 1 ]
	assert_line_in "  [ cmp neq reg 1 0x00001600 ]"
	assert_line_in "  [ range eq reg 1 0x01010101 0x05010101 ]"
}

@test "replace rule by handle" {
	both "$BASE"' && h=$($NFT -a list chain ip t c | sed -n "s/.*dport 80 accept # handle //p") &&
	      $NFT replace rule ip t c handle $h tcp dport 8080 drop && nft list chain ip t c'
	assert_same
	assert_line_in "		tcp dport 8080 drop"
	refute_contains "dport 80 accept"
}

@test "flush chain, flush table, flush ruleset" {
	both "$BASE"' && $NFT flush chain ip t c && nft list ruleset && echo --- &&
	      $NFT add rule ip t c accept && $NFT add set ip t s "{ type ipv4_addr; elements = { 1.2.3.4 }; }" &&
	      $NFT flush table ip t && nft list ruleset && echo --- &&
	      $NFT flush ruleset && nft list ruleset && echo end'
	assert_same
	refute_contains "dport"
	assert_line_in "end"
	# after flush table the table and its chain remain, without rules
	seg2=$(awk '/^---$/ { n++; next } n == 1' <<<"$out_nftc")
	[[ $seg2 == *"table ip t {"* && $seg2 == *"chain c {"* && $seg2 != *$'\t\taccept'* ]] || { echo "$seg2"; false; }
}

@test "flush set empties it" {
	both '$NFT add table ip t && $NFT add set ip t s "{ type ipv4_addr; elements = { 1.2.3.4, 5.6.7.8 }; }" &&
	      $NFT flush set ip t s && nft list set ip t s'
	assert_same
	assert_line_in "	set s {"
	refute_contains "1.2.3.4"
}

@test "rename chain" {
	both '$NFT add table ip t && $NFT add chain ip t old && $NFT add rule ip t old accept &&
	      $NFT rename chain ip t old new && nft list ruleset'
	assert_same
	assert_line_in "	chain new {"
	refute_contains "chain old"
}

@test "add and delete elements" {
	both '$NFT add table inet t && $NFT add set inet t s "{ type ipv4_addr; flags interval; }" &&
	      $NFT add element inet t s "{ 10.0.0.1, 192.168.0.0/16 }" && $NFT add element inet t s "{ 172.16.0.1 }" &&
	      $NFT delete element inet t s "{ 10.0.0.1 }" && nft list set inet t s'
	assert_same
	assert_contains "192.168.0.0/16"
	assert_contains "172.16.0.1"
	refute_contains "10.0.0.1,"
}

@test "add and delete map elements" {
	both '$NFT add table ip t && $NFT add map ip t m "{ type ipv4_addr : inet_service; }" &&
	      $NFT add element ip t m "{ 10.0.0.1 : 80, 10.0.0.2 : 443 }" &&
	      $NFT delete element ip t m "{ 10.0.0.1 }" && nft list map ip t m'
	assert_same
	assert_contains "10.0.0.2 : 443"
	refute_contains "10.0.0.1 :"
}

@test "delete chain, set and table" {
	both '$NFT add table ip t && $NFT add chain ip t c && $NFT add set ip t s "{ type ipv4_addr; }" &&
	      $NFT delete set ip t s && $NFT delete chain ip t c && nft list ruleset && echo --- &&
	      $NFT delete table ip t && nft list ruleset && echo end'
	assert_same
	assert_line_in "table ip t {"
	refute_contains "chain c"
}

LISTBASE='nft -f "$REPO/examples/ruleset.nft" && nft add map ip nat m "{ type ipv4_addr : mark; elements = { 1.2.3.4 : 1 }; }"'

@test "list tables" {
	both "$LISTBASE"' && $NFT list tables'
	assert_same
	assert_line_in "table inet filter"
	assert_line_in "table ip nat"
}

@test "list table" {
	both "$LISTBASE"' && $NFT list table ip nat'
	assert_same
	assert_line_in "		oifname \"eth0\" masquerade"
}

@test "list chains" {
	both "$LISTBASE"' && $NFT list chains'
	assert_same_listing
	refute_contains "masquerade"
	assert_line_in "	chain from_lan {"
}

@test "list chain" {
	both "$LISTBASE"' && $NFT list chain inet filter forward'
	assert_same
	assert_line_in "		iifname \"eth1\" oifname \"eth0\" accept"
}

@test "list sets" {
	both "$LISTBASE"' && $NFT list sets'
	# nft 1.0.6 lists elements here, later versions may not: compared without them
	assert_same_listing
	assert_line_in "	set blocklist {"
	assert_line_in "		flags interval"
	refute_contains "map m"
}

@test "list set" {
	both "$LISTBASE"' && $NFT list set inet filter blocklist'
	assert_same
	assert_line_in "		elements = { 198.51.100.0/24, 203.0.113.0/24 }"
}

@test "list maps" {
	both "$LISTBASE"' && $NFT list maps'
	assert_same_listing
	assert_line_in "	map m {"
	assert_line_in "		type ipv4_addr : mark"
	refute_contains "set blocklist"
}

@test "list map" {
	both "$LISTBASE"' && $NFT list map ip nat m'
	assert_same
	assert_line_in "		type ipv4_addr : mark"
	assert_line_in "		elements = { 1.2.3.4 : 0x00000001 }"
}

@test "list ruleset with a family: list ruleset ip" {
	both "$LISTBASE"' && $NFT list ruleset ip'
	assert_same
	assert_line_in "table ip nat {"
	refute_contains "table inet filter"
}

@test "list tables of one family" {
	both "$LISTBASE"' && $NFT list tables inet'
	assert_same
	assert_line_in "table inet filter"
	refute_contains "table ip nat"
}

@test "reset counters resets the counters only, reset quotas the quotas only (no family given)" {
	# without a family the kind was not sent, so the kernel's reset dump reset both
	ns 'nftc -f - <<X
table ip t { counter c { packets 5 bytes 50 }; quota q { 100 bytes used 40 bytes }; }
X
nftc reset counters >/dev/null && nftc list ruleset && echo ---- && nftc reset quotas >/dev/null && nftc list ruleset'
	assert_status 0
	assert_contains 'packets 0 bytes 0'
	[[ ${output%%----*} == *"100 bytes used 40 bytes"* ]] || { echo "$output"; return 1; }
	[[ ${output##*----} != *"used 40"* ]] || { echo "$output"; return 1; }
}

@test "add is optional, as in nft: table, chain, set, map, element, rule and named objects" {
	# OpenWrt's fw4 and Arch's configuration start with a bare `table inet fw4`
	ns 'nftc -f "$FIX/implicit-add.nft" && nftc list ruleset && nftc "table ip bare" && nftc list tables'
	assert_status 0
	assert_contains 'table inet fw4 {
	counter cnt {
		packets 0 bytes 0
	}

	quota q {
		10 bytes
	}

	set s {
		type ipv4_addr
		elements = { 1.1.1.1 }
	}

	map m {
		type ipv4_addr : mark
	}

	chain input {
		type filter hook input priority filter; policy accept;
		accept
	}
}'
	assert_contains 'table ip bare'
}

@test "names may hold '/', as nft's do (kube-proxy's chains), and byte rates still read" {
	ns 'nftc "add table ip kube-proxy; add chain ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80; add rule ip kube-proxy service-ULMVA6XW-ns1/svc1/tcp/p80 accept; add chain ip kube-proxy services; add rule ip kube-proxy services ip daddr 10.0.0.1 jump service-ULMVA6XW-ns1/svc1/tcp/p80; add rule ip kube-proxy services limit rate over 1 mbytes/second burst 2 kbytes drop" && nftc list ruleset'
	assert_status 0
	assert_contains 'chain service-ULMVA6XW-ns1/svc1/tcp/p80 {'
	assert_contains 'ip daddr 10.0.0.1 jump service-ULMVA6XW-ns1/svc1/tcp/p80'
	assert_contains 'limit rate over 1 mbytes/second burst 2 kbytes drop'
}

@test "describe: an expression's kind, type, width and the type's constants, as nft 1.1.4 says it" {
	both 'for e in "tcp dport" "ct state" "icmp type" "meta iifname" "ip dscp" "udp length" "22"; do
		$NFT describe $e; done; $NFT describe ip option rr value'
	assert_status 1
	assert_same
	assert_line_in "ct expression, datatype ct_state (conntrack state) (basetype bitmask, integer), 32 bits"
	assert_line_in "Error: unknown ip option type/field"
}
