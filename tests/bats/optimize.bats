#!/usr/bin/env bats
# -o/--optimize (src/optimize): consecutive rules of a table block merged into sets,
# concatenations, verdict maps and nat maps, the report nft 1.1.4 prints, and what is
# left alone. Expected texts are nft 1.1.4's, checked against /tmp/nft114 by hand.
load helpers

write() { cat > "$T/in.nft"; }

@test "optimize: same verdict, one selector: an anonymous set (comments dropped, counter kept)" {
	write <<'X'
table ip x {
	chain y {
		ip daddr 192.168.0.1 counter accept comment "test1"
		ip daddr 192.168.0.2 counter accept comment "test2"
	}
}
X
	ns 'nftc -o -f $T/in.nft >/dev/null 2>&1 && nftc list ruleset'
	[ "$status" -eq 0 ]
	assert_line_in "		ip daddr { 192.168.0.1, 192.168.0.2 } counter packets 0 bytes 0 accept"
	[ "$(grep -c daddr <<<"$output")" = 1 ]
}

@test "optimize: the report, stderr and stdout as nft writes them" {
	write <<'X'
table ip x {
	chain y {
		tcp dport 80 accept
		tcp dport 81 drop
	}
}
X
	ns_split 'nftc -c -o -f $T/in.nft'
	[ "$status" -eq 0 ]
	[ "$output" = "tcp dport vmap { 80 : accept, 81 : drop }" ]
	[ "$stderr" = "Merging:
$T/in.nft:3:3-21: 		tcp dport 80 accept
$T/in.nft:4:3-19: 		tcp dport 81 drop
into:
	" ]
}

@test "optimize: several selectors: a concatenation in column order, sets multiplied out" {
	write <<'X'
table ip x {
	chain y {
		ip saddr 1.1.1.5 tcp dport { 1, 2 } accept
		ip saddr 1.1.1.6 tcp dport { 3, 4 } accept
	}
}
X
	ns 'nftc -o -f $T/in.nft 2>/dev/null; echo; nftc list ruleset'
	[ "$status" -eq 0 ]
	assert_line_in "ip saddr . tcp dport { 1.1.1.5 . 1, 1.1.1.5 . 2, 1.1.1.6 . 3, 1.1.1.6 . 4 } accept"
	assert_contains "ip saddr . tcp dport { 1.1.1.5 . 1, 1.1.1.5 . 2, 1.1.1.6 . 3, 1.1.1.6 . 4 } accept"
}

@test "optimize: different verdicts with counters: a verdict map, counters in its elements" {
	write <<'X'
table ip x {
	chain y {
		ip saddr 1.1.1.1 counter drop
		ip saddr 1.1.1.2 counter accept
	}
}
X
	ns 'nftc -o -f $T/in.nft >/dev/null 2>&1 && nftc list ruleset'
	[ "$status" -eq 0 ]
	assert_line_in "		ip saddr vmap { 1.1.1.1 counter packets 0 bytes 0 : drop, 1.1.1.2 counter packets 0 bytes 0 : accept }"
}

@test "optimize: different nat targets: a nat map; same masquerade: a set" {
	write <<'X'
table ip x {
	chain y {
		ip daddr 1.1.1.1 tcp dport 80 dnat to 4.4.4.4:8000
		ip daddr 2.2.2.2 tcp dport 81 dnat to 3.3.3.3:9000
		ip saddr 10.141.11.0/24 masquerade
		ip saddr 10.141.13.0/24 masquerade
	}
}
X
	ns 'nftc -o -f $T/in.nft >/dev/null 2>&1 && nftc list ruleset'
	[ "$status" -eq 0 ]
	assert_line_in "		dnat ip to ip daddr . tcp dport map { 1.1.1.1 . 80 : 4.4.4.4 . 8000, 2.2.2.2 . 81 : 3.3.3.3 . 9000 }"
	assert_line_in "		ip saddr { 10.141.11.0/24, 10.141.13.0/24 } masquerade"
}

@test "optimize: verdict maps on one key become one map" {
	write <<'X'
table ip x {
	chain y {
		tcp dport vmap { 80 : accept, 81 : drop }
		tcp dport vmap { 8000-8100 : accept }
	}
}
X
	ns 'nftc -o -f $T/in.nft >/dev/null 2>&1 && nftc list ruleset'
	[ "$status" -eq 0 ]
	assert_line_in "		tcp dport vmap { 80 : accept, 81 : drop, 8000-8100 : accept }"
}

@test "optimize: left alone: a key twice with two verdicts, !=, other statements, add rule commands" {
	write <<'X'
table ip x {
	chain a {
	}
	chain y {
		ip protocol icmp jump a
		ip protocol icmp drop
		tcp dport != 22 accept
		tcp dport != 23 accept
		ip saddr 1.1.1.1 log accept
		ip saddr 1.1.1.2 accept
	}
}
add rule ip x y udp dport 1 accept
add rule ip x y udp dport 2 accept
X
	ns_split 'nftc -o -f $T/in.nft && nftc list chain ip x y'
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(grep -c accept <<<"$output")" = 6 ]
	assert_line_in "		ip protocol icmp jump a"
	assert_line_in "		udp dport 2 accept"
}

@test "optimize: without -o nothing is merged; a one-element set is a plain match" {
	write <<'X'
table ip x {
	chain y {
		ip saddr { 127.0.0.1 } accept
		tcp dport 1 accept
		tcp dport 2 accept
	}
}
X
	ns 'nftc -f $T/in.nft && nftc list ruleset'
	[ "$status" -eq 0 ]
	assert_line_in "		ip saddr 127.0.0.1 accept"
	assert_line_in "		tcp dport 1 accept"
	assert_line_in "		tcp dport 2 accept"
}

@test "optimize: -c -o applies nothing; a bad rule is reported at its place" {
	write <<'X'
table ip x {
	chain y {
		tcp dport 1 accept
		tcp dport 2 acept
	}
}
X
	ns 'nftc -o -f $T/in.nft; echo rc=$?; nftc list ruleset'
	assert_contains "in.nft:4:"
	assert_line_in "rc=1"
	refute_contains "table ip x"
	printf 'table ip x {\n chain y {\n tcp dport 1 accept\n tcp dport 2 accept\n }\n}\n' > "$T/ok.nft"
	ns 'nftc -c -o -f $T/ok.nft >/dev/null 2>&1; echo rc=$?; nftc list ruleset'
	assert_line_in "rc=0"
	refute_contains "table ip x"
}

@test "optimize: the report keeps a rule's own set whole; merged verdict maps print a line per element" {
	write <<'X'
table ip x {
 chain y {
  tcp dport vmap { 80 : accept, 81 : drop }
  tcp dport vmap { 82 : accept }
  ip saddr { 1.1.1.1, 1.1.1.2 } accept
  ip saddr { 1.1.1.3 } accept
 }
}
X
	ns_split 'nftc -c -o -f $T/in.nft'
	[ "$status" -eq 0 ]
	[ "$output" = "tcp dport vmap { 80 : accept,
			     81 : drop,
			     82 : accept }ip saddr { { 1.1.1.1,
			     1.1.1.2 }, { 1.1.1.3 } } accept" ]
	[[ "$stderr" == *"in.nft:6:3-29:   ip saddr { 1.1.1.3 } accept"* ]]
}
