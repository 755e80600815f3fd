#!/usr/bin/env bats
# Sets declared with `typeof` of header fields that are not whole bytes (ip version,
# ip6 dscp, frag frag-off, tcp option mptcp subtype) and ip option keys: the bytes
# their elements are stored as and the rules that look them up, compared with what
# nft 1.1.4 sends (the expected -d netlink lines below were taken from it), real
# packets matching them, and the listing of it all read back.
load helpers

# k.nft: plain, concatenated and map keys and map data of sub-byte fields
typeof_file() {
	cat >"$T/k.nft" <<-'EOF'
	table inet t {
		set v { typeof ip version; elements = { 4, 6 } }
		set d6 { typeof ip6 dscp; elements = { cs1, af42 } }
		set f { typeof frag frag-off; elements = { 1, 1024 } }
		set c { typeof ip6 dscp . frag frag-off; elements = { cs1 . 3 } }
		map m { typeof ip version : ip dscp; elements = { 4 : cs1 } }
	}
	EOF
}

@test "typeof of a sub-byte field: a named set stores its elements at bit 0, as nft does" {
	typeof_file
	ns 'nftc -c -d netlink -f $T/k.nft | grep element'
	assert_status 0
	assert_line_in $'\telement 00000004  : 0 [end]\telement 00000006  : 0 [end]'
	assert_line_in $'\telement 00000008  : 0 [end]\telement 00000024  : 0 [end]'
	assert_line_in $'\telement 00000100  : 0 [end]\telement 00000004  : 0 [end]'
	assert_line_in $'\telement 00000008 00000300  : 0 [end]'
	assert_line_in $'\telement 00000004  : 00000008 0 [end]'
}

@test "typeof of a sub-byte field: add element to a set in the kernel stores it as nft does, and it lists back" {
	typeof_file
	ns 'nftc -f $T/k.nft || exit 1
	    nftc -d netlink add element inet t v { 5 } | grep element
	    nftc -d netlink add element inet t f { 5 } | grep element
	    nftc -d netlink add element inet t c { af42 . 7 } | grep element
	    nftc -d netlink add element inet t m { 6 : cs2 } | grep element
	    nftc list ruleset'
	assert_status 0
	assert_line_in $'\telement 00000005  : 0 [end]'
	assert_line_in $'\telement 00000500  : 0 [end]'
	assert_line_in $'\telement 00000024 00000700  : 0 [end]'
	assert_line_in $'\telement 00000006  : 00000010 0 [end]'
	assert_contains "elements = { 4, 5, 6 }"
	assert_contains "elements = { 1, 5, 1024 }"
	assert_contains "elements = { cs1 . 3,"
	assert_contains "af42 . 7 }"
	assert_contains "elements = { 4 : cs1,"
	assert_line_in "			     6 : cs2 }"
}

@test "sub-byte fields over two bytes: an anonymous concatenation holds them as the register, interval sets convert back" {
	cat >"$T/r.nft" <<-'EOF'
	table ip6 t {
		set f { typeof frag frag-off; flags interval; elements = { 3-5 } }
		chain c {
			ip6 dscp . frag frag-off { cs1 . 3, af42 . 1024 }
			frag frag-off @f
		}
	}
	EOF
	ns 'nftc -c -d netlink -f $T/r.nft && nftc -f $T/r.nft && nftc list ruleset'
	assert_status 0
	assert_line_in $'\telement 00000008 00000003  : 0 [end]\telement 00000024 00000400  : 0 [end]'
	assert_line_in $'\telement 00000000  : 1 [end]\telement 00000300  : 0 [end]\telement 00000600  : 1 [end]'
	assert_contains $'  [ bitwise reg 1 = ( reg 1 >> 0x00000003 ) ]\n  [ byteorder reg 1 = hton(reg 1, 2, 2) ]\n  [ lookup reg 1 set f ]'
	assert_contains "ip6 dscp . frag frag-off { cs1 . 3, af42 . 1024 }"
	assert_contains "elements = { 3-5 }"
}

@test "typeof ip version: real packets match the named set's elements" {
	ns 'ip link set lo up
	    nftc -f - <<-EOF || exit 1
	    table ip t {
	        set v { typeof ip version; elements = { 4 } }
	        chain o { type filter hook output priority 0; ip version @v counter; }
	    }
	EOF
	    ping -c1 -W1 127.0.0.1 >/dev/null
	    nftc list chain ip t o'
	assert_status 0
	assert_contains "ip version @v counter packets"
	[[ "$output" != *"counter packets 0 "* ]] || { echo "$output"; return 1; }
}

@test "frag frag-off bringing in its own ipv6 dependency is shifted without ntoh, as nft 1.1.4 emits it" {
	cat >"$T/f.nft" <<-'EOF'
	table inet t {
		set f { typeof frag frag-off; elements = { 1, 1024 } }
		set c { typeof frag frag-off . ip6 dscp; elements = { 3 . cs1 } }
		chain c1 { frag frag-off @f accept; }
		chain c2 { meta nfproto ipv6 frag frag-off @f accept; }
		chain c3 { frag frag-off . ip6 dscp @c accept; }
	}
	EOF
	ns 'nftc -c -d netlink -f $T/f.nft'
	assert_status 0
	local mask='  [ bitwise reg 1 = ( reg 1 & 0x0000f8ff ) ^ 0x00000000 ]' shift='  [ bitwise reg 1 = ( reg 1 >> 0x00000003 ) ]'
	# c1 and c3: the dependency is the field's own, no byteorder before the shift
	assert_contains $'inet t c1\n  [ meta load nfproto => reg 1 ]\n  [ cmp eq reg 1 0x0000000a ]\n  [ exthdr load ipv6 2b @ 44 + 2 => reg 1 ]\n'"$mask"$'\n'"$shift"$'\n  [ lookup reg 1 set f ]'
	assert_contains "$mask"$'\n'"$shift"$'\n  [ payload load 2b @ network header + 0 => reg 9 ]'
	# c2: the protocol was matched first, the field is converted (ntoh)
	assert_contains $'inet t c2\n  [ meta load nfproto => reg 1 ]\n  [ cmp eq reg 1 0x0000000a ]\n  [ exthdr load ipv6 2b @ 44 + 2 => reg 1 ]\n'"$mask"$'\n  [ byteorder reg 1 = ntoh(reg 1, 2, 2) ]\n'"$shift"
	# the second component still is
	assert_contains '  [ byteorder reg 9 = ntoh(reg 9, 2, 2) ]'
}

@test "ip option loads are listed back, and need ip (meta nfproto ipv4 in inet), as nft does" {
	cat >"$T/o.nft" <<-'EOF'
	table inet t {
		set s5 {
			typeof ip option ra value
			elements = { 1, 1024 }
		}

		chain c {
			ip option rr length 3
			ip option rr addr 1.2.3.4
			ip option ssrr exists
			ip option rr missing
			ip option ra value @s5 accept
			ip option lsrr ptr { 1, 2 }
		}
	}
	EOF
	ns 'nftc -c -d netlink -f $T/o.nft | grep -A3 "^inet t c$" | head -4
	    nftc -f $T/o.nft && nftc list ruleset'
	assert_status 0
	assert_contains $'inet t c\n  [ meta load nfproto => reg 1 ]\n  [ cmp eq reg 1 0x00000002 ]\n  [ exthdr load ipv4 1b @ 7 + 1 => reg 1 ]'
	[[ "$output" != *"unknown"* ]] || { echo "$output"; return 1; }
	for r in "ip option rr length 3" "ip option rr addr 1.2.3.4" "ip option ssrr exists" \
		 "ip option rr missing" "ip option ra value @s5 accept" "ip option lsrr ptr { 1, 2 }"; do
		assert_line_in $'\t\t'"$r"
	done
}

@test "ip option in an ip6 table: refused before the kernel is asked, as nft does" {
	printf 'table ip6 t {\n\tchain c {\n\t\tip option rr length 3\n\t}\n}\n' >"$T/o6.nft"
	ns 'nftc -c -f $T/o6.nft'
	assert_status 1
	assert_contains "Error: cannot use exthdr with ip6"
}

@test "extension headers and ip options in a bridge table: the network protocol by the ether type, as nft does" {
	printf 'table bridge t {\n\tchain c {\n\t\tip option rr length 3\n\t\tfrag frag-off 4\n\t}\n}\n' >"$T/b.nft"
	ns 'nftc -c -d netlink -f $T/b.nft && nftc -f $T/b.nft && nftc list ruleset'
	assert_status 0
	assert_contains $'bridge t c\n  [ payload load 2b @ link header + 12 => reg 1 ]\n  [ cmp eq reg 1 0x00000008 ]\n  [ exthdr load ipv4 1b @ 7 + 1 => reg 1 ]'
	assert_contains $'bridge t c\n  [ payload load 2b @ link header + 12 => reg 1 ]\n  [ cmp eq reg 1 0x0000dd86 ]\n  [ exthdr load ipv6 2b @ 44 + 2 => reg 1 ]'
	assert_line_in $'\t\tip option rr length 3'
	assert_line_in $'\t\tfrag frag-off 4'
}

@test "typeof tcp option mptcp subtype: symbols, five to a line as nft lists integers" {
	ns 'nftc -f - <<-EOF || exit 1
	    table inet t { set s { typeof tcp option mptcp subtype; elements = { mp-join, dss } }; }
	EOF
	    nftc -d netlink add element inet t s { remove-addr } | grep element
	    nftc list ruleset'
	assert_status 0
	assert_line_in $'\telement 00000004  : 0 [end]'
	assert_contains "elements = { mp-join, dss, remove-addr }"
}
