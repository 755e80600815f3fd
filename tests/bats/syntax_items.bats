#!/usr/bin/env bats
# Language items of nft 1.1.4 beyond single rules: defines used as element lists, set
# references and map keys, redefine/undefine in blocks, the word forms of the binary
# operators, chain bindings (`jump { … }`) and meters. Each loads a file into a fresh
# namespace and checks the listing nft 1.1.4 gives for it.
load helpers

@test "define: a set variable inside an element list, add element \$var, map keys" {
	cat >"$T/v.nft" <<'NFT'
define one = { 1.1.1.1 }
define many = { 5.5.5.5, $one }
define ifs = { eth0, eth1 }
table ip x {
	set y {
		type ipv4_addr
		elements = { 2.2.2.2, $one }
	}
	map m {
		type ifname : verdict
		elements = { $ifs : drop, lo : accept }
	}
}
add element ip x y $many
NFT
	ns 'nftc -f $T/v.nft && nftc list ruleset'
	assert_status 0
	assert_contains 'elements = { 1.1.1.1, 2.2.2.2,'
	assert_contains '5.5.5.5 }'
	assert_contains '"eth0" : drop'
	assert_contains '"eth1" : drop'
}

@test "define: redefine and undefine inside a chain block; a set reference variable" {
	cat >"$T/v.nft" <<'NFT'
define dyn = @y
table ip x {
	set y { type ipv4_addr; flags dynamic,timeout; }
	chain c {
		define unused = 4.4.4.4
		define a = { 1.1.1.1, 2.2.2.2 }
		ip saddr $a
		redefine a = { 3.3.3.3, 4.4.4.4 }
		ip saddr $a
		undefine unused
		update $dyn { ip saddr timeout 30s }
	}
}
NFT
	ns 'nftc -f $T/v.nft && nftc list chain ip x c'
	assert_status 0
	assert_line_in '		ip saddr { 1.1.1.1, 2.2.2.2 }'
	assert_line_in '		ip saddr { 3.3.3.3, 4.4.4.4 }'
	assert_line_in '		update @y { ip saddr timeout 30s }'
}

@test "define: an undefined variable after undefine is an error, nothing applied" {
	printf 'table ip x {\n\tchain c {\n\t\tdefine a = 1.1.1.1\n\t\tundefine a\n\t\tip saddr $a\n\t}\n}\n' >"$T/v.nft"
	ns 'nftc -f $T/v.nft; echo rc=$?; nftc list ruleset'
	assert_contains "Error: unknown identifier 'a'"
	assert_line_in 'rc=1'
	refute_contains 'table ip x'
}

@test "lshift, rshift, and, or, xor are the operators <<, >>, &, |, ^" {
	cat >"$T/b.nft" <<'NFT'
table ip t {
	chain c {
		type filter hook input priority filter;
		ct mark set ip dscp lshift 2 or 0x10
		ct mark set ct mark and 0xffff0000 or meta mark and 0xffff
		meta mark set ct mark rshift 8
		ct mark set ct mark xor 0x1
	}
}
NFT
	ns 'nftc -f $T/b.nft && nftc list chain ip t c && NFTC_GRAMMAR_ONLY=1 nftc -c -d netlink -f $T/b.nft >$T/g && nftc -c -d netlink -f $T/b.nft >$T/f && cmp $T/g $T/f && echo same'
	assert_status 0
	assert_line_in '		ct mark set ip dscp << 2 | 0x10'
	assert_line_in '		ct mark set ct mark & 0xffff0000 | meta mark & 0x0000ffff'
	assert_line_in '		meta mark set ct mark >> 8'
	assert_line_in '		ct mark set ct mark ^ 0x00000001'
	assert_line_in 'same'
}

@test "chain binding: jump { } and goto { } are bound chains, listed inline and hidden as chains" {
	cat >"$T/c.nft" <<'NFT'
table inet x {
	chain y {
		type filter hook input priority 0;
		meta l4proto { tcp, udp } th dport 53 jump {
			ip saddr { 127.0.0.0/8, 172.23.0.0/16 } counter accept
			ip6 saddr ::1/128 counter accept
		}
	}
}
NFT
	ns 'nftc -f $T/c.nft && nftc add rule inet x y meta l4proto icmpv6 goto { counter accept\; } &&
	    nftc list chain inet x y && nftc list chains && nftc -j list ruleset &&
	    h=$(nftc -a list ruleset | sed -n "s/^\t\t} # handle //p" | tail -n 1) && nftc delete rule inet x y handle $h &&
	    nftc list ruleset | grep -c goto'
	assert_line_in '		meta l4proto { tcp, udp } th dport 53 jump {'
	assert_line_in '			ip saddr { 127.0.0.0/8, 172.23.0.0/16 } counter packets 0 bytes 0 accept'
	assert_line_in '			ip6 saddr ::1 counter packets 0 bytes 0 accept'
	assert_line_in '		meta l4proto ipv6-icmp goto {'
	assert_line_in '			counter packets 0 bytes 0 accept'
	assert_line_in '		}'
	refute_contains 'chain __chain'
	assert_contains '"goto {\n\t\t\tcounter packets 0 bytes 0 accept\n\t\t}"'
	[ "${lines[-1]}" = 0 ]
}

@test "chain binding: the chain and its rules go before the rule, by id; a nested one is refused" {
	printf 'table ip f {\n\tchain c {\n\t\tjump { accept; }\n\t}\n}\n' >"$T/c.nft"
	ns 'nftc -c -d netlink -f $T/c.nft'
	assert_status 0
	# the chains' lines as nft 1.1.4 prints them, the bound one's name "(null)"
	[ "${lines[0]}" = "ip f c use 0" ]
	[ "${lines[1]}" = "ip f (null) use 0" ]
	[ "${lines[2]}" = "ip f" ]
	[ "${lines[3]}" = "  [ immediate reg 0 accept ]" ]
	[ "${lines[4]}" = "ip f c" ]
	[ "${lines[5]}" = "  [ immediate reg 0 jump ]" ]
	printf 'table ip x {\n chain y {\n  goto { jump { accept; }; }\n }\n}\n' >"$T/n.nft"
	ns 'nftc -f $T/n.nft; echo rc=$?; nftc list ruleset'
	assert_contains 'Error: too many levels of nesting'
	assert_line_in 'rc=1'
	refute_contains 'table ip x'
}

@test "meter: declares its dynamic set and lists back as add/update @set; list meters shows dynamic sets" {
	cat >"$T/m.nft" <<'NFT'
add table t
add set t s { type ipv4_addr; size 256; flags dynamic,timeout; }
add set t plain { type ipv4_addr; }
add chain t c
add rule t c tcp dport 80 meter m size 128 { ip saddr limit rate 10/second }
add rule t c meter m2 { ip saddr . tcp dport timeout 10s counter }
NFT
	ns 'nftc -f $T/m.nft && nftc list ruleset && echo == && nftc list meters && echo == && nftc list meter ip t m2'
	assert_status 0
	assert_line_in '		tcp dport 80 add @m { ip saddr limit rate 10/second burst 5 packets }'
	assert_line_in '		update @m2 { ip saddr . tcp dport timeout 10s counter }'
	assert_line_in '		type ipv4_addr . inet_service'
	assert_line_in '		flags dynamic,timeout'
	assert_line_in '		size 128'
	# list meters: the dynamic sets only, without blank lines between them
	meters=$(sed -n '/^==$/,/^==$/p' <<<"$output")
	[[ "$meters" != *"set plain"* ]]
	[[ "$meters" == *$'\t}\n\tset m {'* ]]
}

@test "meter: the set goes into the batch before its rule; adding the rule again reuses it" {
	ns 'nftc add table filter && nftc add chain filter input &&
	    nftc add rule ip filter input tcp dport 80 meter http1 { tcp dport . ip saddr limit rate over 200/second } counter drop &&
	    nftc flush chain filter input &&
	    nftc add rule ip filter input tcp dport 80 meter http1 { tcp dport . ip saddr limit rate over 200/second } counter drop &&
	    nftc -c -d netlink add rule ip filter input meter m3 size 10 { ip saddr } && nftc list chain ip filter input'
	assert_status 0
	assert_contains 'dynset add reg_key 1 set m3'
	assert_line_in '		tcp dport 80 add @http1 { tcp dport . ip saddr limit rate over 200/second burst 5 packets } counter packets 0 bytes 0 drop'
}

@test "include: a glob passes over the directories it matches" {
	mkdir -p "$T/inc/sub.nft"
	printf 'table ip a\n' >"$T/inc/a.nft"
	printf 'table ip b\n' >"$T/inc/b.nft"
	printf 'include "%s/inc/*"\n' "$T" >"$T/top.nft"
	ns 'nftc -f $T/top.nft && nftc list tables'
	assert_status 0
	assert_line_in 'table ip a'
	assert_line_in 'table ip b'
}

@test "include: the files of a glob are one level of inclusion, read in order" {
	mkdir -p "$T/many"
	for i in $(seq -w 1 40); do printf 'add table ip t%s\n' "$i" >"$T/many/f$i.nft"; done
	printf 'include "%s/many/*"\n' "$T" >"$T/top.nft"
	ns 'nftc -f $T/top.nft && nftc list tables'
	assert_status 0
	[ "${#lines[@]}" = 40 ]
	[ "${lines[0]}" = "table ip t01" ]
	[ "${lines[39]}" = "table ip t40" ]
}

@test "include and define inside a set block" {
	printf 'define x = {\n10.0.0.1,\n10.0.1.0/24,\n}\n' >"$T/elems.nft"
	printf 'table inet x {\n\tset y {\n\t\tinclude "%s/elems.nft"\n\t\ttypeof ip saddr\n\t\tflags interval\n\t\telements = { $x }\n\t}\n}\n' "$T" >"$T/top.nft"
	ns 'nftc -f $T/top.nft && nftc list set inet x y'
	assert_status 0
	assert_line_in '		elements = { 10.0.0.1, 10.0.1.0/24 }'
}

@test "flush set names a set and flush map a map; the other is refused" {
	ns 'nftc add table t && nftc add set t s "{ type ipv4_addr; }" && nftc add map t m "{ type ipv4_addr : inet_service; }" &&
	    nftc add element t s "{ 1.1.1.1 }" && nftc add element t m "{ 1.1.1.1 : 22 }" &&
	    { nftc flush set t m; echo rc=$?; nftc flush map t s; echo rc=$?; } &&
	    nftc list ruleset | grep -c elements && nftc flush set t s && nftc flush map t m && nftc list ruleset | grep -c elements'
	assert_contains 'Error: No such file or directory'
	[ "$(grep -c '^rc=1$' <<<"$output")" = 2 ]
	[ "${lines[-2]}" = 2 ]
	[ "${lines[-1]}" = 0 ]
}

@test "set update KEY timeout T @set (the older spelling); parenthesised flag values in elements" {
	cat >"$T/o.nft" <<'NFT'
table ip x {
	set y { type ipv4_addr; flags dynamic,timeout; }
	set f { type tcp_flag; elements = { ( fin | ack ), ( syn | 0 ) }; }
	chain c { type filter hook input priority 0; }
}
add rule ip x c set update ip saddr timeout 1d2h3m4s @y
add rule ip x c set add ip daddr @y
NFT
	ns 'nftc -f $T/o.nft && nftc list ruleset'
	assert_status 0
	assert_line_in '		update @y { ip saddr timeout 1d2h3m4s }'
	assert_line_in '		add @y { ip daddr }'
	# nft 1.1.4 lists flags by their lowest flag first
	assert_line_in '		elements = { fin | ack, syn }'
}

@test "meta l4proto @set is a transport dependency of unknown protocol, as in nft" {
	cat >"$T/p.nft" <<'EOF2'
table inet test {
	set protos { typeof meta l4proto; elements = { tcp, udp }; }
	chain prerouting {
		type filter hook prerouting priority mangle; policy accept;
		meta l4proto @protos tproxy to :1088
		meta l4proto @protos th dport 22
	}
}
EOF2
	both '$NFT -c -d netlink -f $T/p.nft'
	assert_status 0
	assert_same
	printf 'table inet t {\n\tset p { typeof meta l4proto; }\n\tchain c {\n\t\tmeta l4proto @p tcp dport 22\n\t}\n}\n' >"$T/q.nft"
	both '$NFT -c -f $T/q.nft'
	assert_status 1
	assert_same
	assert_contains 'conflicting transport layer protocols specified: unknown vs. tcp'
}

@test "a set typed by an inner header (typeof vxlan ip saddr) needs no udp match of its own" {
	cat >"$T/v.nft" <<'EOF2'
table netdev x {
	set y {
		typeof vxlan ip saddr . vxlan ip daddr
		elements = { 3.3.3.3 . 4.4.4.4 }
	}
	chain c {
		udp dport 4789 vxlan ip saddr . vxlan ip daddr @y counter
	}
}
EOF2
	both '$NFT -c -d netlink -f $T/v.nft'
	assert_status 0
	assert_same
}

@test "inet nat: the family comes from a map key's network header; without one, nft's question" {
	cat >"$T/n.nft" <<'EOF2'
table inet t {
	chain c {
		type nat hook prerouting priority 0;
		dnat to ip daddr . tcp dport map { 10.141.10.1 . 22 : 192.168.2.2 }
		snat to ip saddr map { 10.141.10.0/24 : 192.168.2.2-192.168.2.4 }
	}
}
EOF2
	both '$NFT -c -d netlink -f $T/n.nft'
	assert_status 0
	assert_same
	printf 'table inet t {\n\tchain c {\n\t\ttype nat hook prerouting priority 0;\n\t\tdnat to tcp dport map { 22 : 192.168.2.2 }\n\t}\n}\n' >"$T/m.nft"
	both '$NFT -c -f $T/m.nft'
	assert_status 1
	assert_same
}

@test "a shifted mark is a plain number: what follows it lists in short hex, as nft lists it" {
	both '$NFT add table x && $NFT add chain x c &&
	      $NFT add rule x c meta mark ">>" 8 "&" 0xf == 1 &&
	      $NFT add rule x c meta mark set meta mark "<<" 1 "|" 0x3 &&
	      $NFT add rule x c meta mark ">>" 8 "&" 0xf "{ 1, 2 }" &&
	      $NFT add rule x c meta mark "&" 0xf == 1 && $NFT list ruleset && $NFT -j list ruleset'
	assert_status 0
	assert_same_after drop_release "the metainfo's release name aside"
	assert_line_in $'\t\tmeta mark >> 8 & 0xf == 0x1'
	assert_line_in $'\t\tmeta mark & 0x0000000f == 0x00000001'
}

@test "nat to a named map: its data must be the family's address, or address . service after a transport match" {
	printf 'table ip t {\n\tmap y { type ipv4_addr : ipv4_addr . inet_service; }\n\tmap a { type ipv4_addr : inet_service; }\n\tmap z { type ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service; }\n\tchain c {\n\t\ttype nat hook prerouting priority dstnat;\n\t\tdnat ip addr . port to ip saddr . ip protocol . tcp dport map @z\n\t}\n}\n' >"$T/ok.nft"
	both '$NFT -f $T/ok.nft && $NFT add rule t c dnat to ip daddr map @y; $NFT add rule t c meta l4proto tcp dnat to ip saddr map @a; $NFT list chain t c'
	assert_same
	assert_contains "transport protocol mapping is only valid after transport protocol match"
	assert_contains "datatype mismatch: expected IPv4 address, expression has type internet network service"
}

@test "typeof of a field inside a tunnel keeps its tunnel (vxlan, geneve, gre, gretap), text and JSON" {
	for t in vxlan geneve gre gretap; do
		printf 'table netdev x {\n\tset y {\n\t\ttypeof %s ip saddr\n\t\tflags dynamic\n\t}\n}\n' "$t" >"$T/$t.nft"
	done
	both 'for t in vxlan geneve gre gretap; do $NFT -f $T/$t.nft && $NFT list ruleset && $NFT -j list ruleset && $NFT flush ruleset; done'
	assert_status 0
	assert_same_after drop_release "the metainfo's release name aside"
	assert_line_in $'\t\ttypeof gretap ip saddr'
}

@test "a prefix match never merges with the field before it; tcp option N length reads the length byte: bytecode as nft 1.1.4's" {
	printf 'table ip6 t {\n\tchain c {\n\t\tip6 saddr fe80::/64 ip6 hoplimit 255 accept\n\t\tip6 hoplimit 255 ip6 saddr fe80::/64 accept\n\t\ttcp option 254 length ge 4 drop\n\t}\n}\n' >"$T/m.nft"
	both '$NFT -c -d netlink -f $T/m.nft && $NFT -f $T/m.nft && $NFT list ruleset'
	assert_status 0
	assert_same
	assert_line_in $'\t\tip6 saddr fe80::/64 ip6 hoplimit 255 accept'
	assert_line_in $'\t\ttcp option @254,8,8 >= 4 drop'
}

@test "meter: a later rule of the same file looks its set up, as with nft" {
	printf 'table ip t {\n\tchain c {\n\t\tmeter m { ip saddr limit rate 1/second } accept\n\t\tip saddr @m accept\n\t}\n}\n' >"$T/m.nft"
	both '$NFT -f $T/m.nft && $NFT list ruleset'
	assert_status 0
	assert_same
}
