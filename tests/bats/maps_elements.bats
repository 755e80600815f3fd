#!/usr/bin/env bats
# Maps and element syntax as nft 1.1.4 has them: delete with `key : data`, constants
# in the keys of lookups and set updates, object maps with intervals, nat with maps
# (no `to`, `addr . port`, `interval` data). Each test loads into a fresh namespace
# through nftc and checks what the kernel holds by listing it back (the listings are
# nft 1.1.4's).
load helpers

@test "delete element with key : data from an interval map, and the catch-all" {
	cat >"$T/m.nft" <<-'EOF'
	table ip x {
		map m {
			typeof ct bytes : meta priority
			flags interval
			elements = { 0-2048000 : 1:0001, 2048001-4000000 : 1:0002, * : 1:0003 }
		}
	}
	EOF
	ns 'nftc -f $T/m.nft &&
	    nftc delete element ip x m { 0-2048000 : 1:0001 } && echo del1=$? &&
	    nftc "delete element ip x m { * : 1:0009 }" && echo del2=$? &&
	    nftc list map ip x m'
	assert_status 0
	assert_line_in "del1=0"
	assert_line_in "del2=0"
	assert_line_in "		elements = { 2048001-4000000 : 1:2 }"
}

@test "delete element checks the data's type and sends only the key" {
	cat >"$T/v.nft" <<-'EOF'
	table ip filter {
		map client_to_any {
			type ipv4_addr : verdict
			elements = { 1.2.3.4 : goto CIn_1 }
		}
		chain client_to_any { ip saddr vmap @client_to_any; }
		chain CIn_1 { }
	}
	EOF
	ns 'nftc -f $T/v.nft &&
	    nftc delete element ip filter client_to_any { 1.2.3.4 : foo }; echo bad=$?
	    printf "delete element ip filter client_to_any { 1.2.3.4 : goto CIn_1 }\ndelete chain ip filter CIn_1\n" > $T/d.nft
	    nftc -f $T/d.nft && echo batch=$? && nftc list ruleset'
	assert_line_in "bad=1"
	assert_contains "Error: "
	assert_line_in "batch=0"
	refute_contains "CIn_1 {"
	refute_contains "elements"
}

@test "constants in a lookup's key are immediates typed by the set's key" {
	cat >"$T/c.nft" <<-'EOF'
	table ip t {
		set s { type ipv4_addr . iface_index; flags dynamic; }
		set s3 { type ipv4_addr . ipv4_addr . inet_service; flags dynamic; }
		map m { type ipv4_addr . inet_service : mark; flags dynamic,timeout; }
		set sm { typeof meta mark; flags dynamic; }
		chain c {
			ip saddr . 1 @s counter
			update @s3 { ip saddr . 10.180.0.4 . 80 }
			ip saddr . 1.2.3.4 . 80 @s3 accept
			tcp dport 21 update @m { ip saddr . 22 timeout 60s : 3 }
			update @sm { 5 }
		}
	}
	EOF
	ns 'nftc -d netlink -f $T/c.nft && nftc list chain ip t c'
	assert_status 0
	assert_line_in "  [ immediate reg 9 0x0400b40a ]"
	assert_line_in "  [ immediate reg 10 0x00005000 ]"
	assert_line_in "  [ immediate reg 1 0x00000005 ]"
	assert_line_in '		ip saddr . "lo" @s counter packets 0 bytes 0'
	assert_line_in "		update @s3 { ip saddr . 10.180.0.4 . 80 }"
	assert_line_in "		ip saddr . 1.2.3.4 . 80 @s3 accept"
	assert_line_in "		tcp dport 21 update @m { ip saddr . 22 timeout 1m : 0x00000003 }"
	assert_line_in "		update @sm { 0x00000005 }"
}

@test "a constant that does not fit the set's key is refused where it is written" {
	ns 'nftc add table ip t && nftc "add set ip t s { type ipv4_addr . inet_service; }" &&
	    nftc add chain ip t c && nftc add rule ip t c ip saddr . nosuchport @s; echo rc=$?
	    nftc list chain ip t c'
	assert_line_in "rc=1"
	assert_contains "nosuchport"
	refute_contains $'\t\tip saddr'     # the chain lists empty
}

@test "object maps with intervals: anonymous synproxy maps and typeof ct object maps" {
	cat >"$T/o.nft" <<-'EOF'
	table ip t {
		synproxy a { mss 1460; wscale 7; }
		synproxy b { mss 1460; wscale 5; }
		ct helper h { type "ftp" protocol tcp; }
		map hm { typeof ip saddr : ct helper; flags interval; elements = { 10.0.0.0/8 : "h" }; }
		map cm { type ipv4_addr : counter; flags interval; }
		counter c1 { }
		chain y {
			synproxy name ip saddr map { 192.168.1.0/24 : "a", 192.168.2.0/24 : "b" }
		}
	}
	EOF
	ns 'nftc -f $T/o.nft && nftc add element ip t cm { 10.1.0.0/16 : "c1", 10.3.0.1-10.3.0.9 : "c1" } &&
	    nftc list ruleset'
	assert_status 0
	assert_line_in '		synproxy name ip saddr map { 192.168.1.0/24 : "a", 192.168.2.0/24 : "b" }'
	assert_line_in "		typeof ip saddr : ct helper"
	assert_line_in '		elements = { 10.0.0.0/8 : "h" }'
	assert_line_in '		elements = { 10.1.0.0/16 : "c1",'
	assert_line_in '			     10.3.0.1-10.3.0.9 : "c1" }'
}

@test "nat with a map: no 'to', addr . port, and interval data" {
	cat >"$T/n.nft" <<-'EOF'
	table ip nat {
		map m { type ipv4_addr : ipv4_addr; elements = { 1.1.1.1 : 2.2.2.2 }; }
		map y { type ipv4_addr : ipv4_addr . inet_service; }
		map r {
			type ipv4_addr : interval ipv4_addr
			flags interval
			elements = { 10.141.10.0/24 : 192.168.2.2-192.168.2.4, 10.141.11.0/24 : 192.168.4.2-192.168.4.3, 10.141.12.0/24 : 192.168.5.1 }
		}
		chain c {
			type nat hook postrouting priority srcnat;
			snat ip saddr map { 1.1.1.1 : 2.2.2.2 }
			snat ip saddr map @m
			snat to ip saddr map @r
		}
		chain p {
			type nat hook prerouting priority dstnat;
			meta l4proto tcp dnat ip addr . port to ip saddr map @y
		}
	}
	EOF
	ns 'nftc -d netlink -f $T/n.nft && nftc list ruleset'
	assert_status 0
	assert_line_in "  [ nat snat ip addr_min reg 1 addr_max reg 9 ]"
	assert_line_in "  [ nat dnat ip addr_min reg 1 proto_min reg 9 ]"
	assert_line_in "		snat to ip saddr map { 1.1.1.1 : 2.2.2.2 }"
	assert_line_in "		snat to ip saddr map @m"
	assert_line_in "		snat ip to ip saddr map @r"
	assert_line_in "		meta l4proto tcp dnat ip to ip saddr map @y"
	assert_line_in "		type ipv4_addr : interval ipv4_addr"
	assert_line_in "		elements = { 10.141.10.0/24 : 192.168.2.2-192.168.2.4,"
	assert_line_in "			     10.141.11.0/24 : 192.168.4.2/31,"
	assert_line_in "			     10.141.12.0/24 : 192.168.5.1/32 }"
}

@test "dnat ip addr . X to: anything but port is a located syntax error, nothing applied" {
	ns 'nftc add table ip nat && nftc "add chain ip nat p { type nat hook prerouting priority dstnat; }" &&
	    nftc add rule ip nat p dnat ip addr . prt to 1.2.3.4; echo rc=$?; nftc list chain ip nat p'
	assert_line_in "rc=1"
	assert_contains "expecting port"
	refute_contains $'\t\tdnat'         # the chain lists empty
}

@test "a map's elements list one to a line; a ct timeout's policy as times" {
	cat >"$T/l.nft" <<-'EOF'
	table ip t {
		ct timeout dns { protocol tcp; l3proto ip; policy = { established: 123, close: 12 }; }
		map e { type ipv4_addr : mark; elements = { 1.1.1.1 : 1, 1.1.1.2 : 2 }; }
	}
	EOF
	ns 'nftc -f $T/l.nft && nftc list ruleset'
	assert_status 0
	assert_line_in "		policy = { established : 2m3s, close : 12s }"
	assert_line_in "		elements = { 1.1.1.1 : 0x00000001,"
	assert_line_in "			     1.1.1.2 : 0x00000002 }"
}

@test "interval sets meet the kernel's ranges as in nft 1.1: auto-merge joins and cuts, a plain set refuses overlaps and missing ranges" {
	both '$NFT add table t && $NFT add set t a "{ type inet_service; flags interval; }" &&
	      $NFT add set t m "{ type inet_service; flags interval; auto-merge; }" &&
	      $NFT add element t a "{ 10-20, 30-40 }" && $NFT add element t m "{ 10-20, 30-40 }"
	      $NFT delete element t a "{ 15 }" 2>&1 | grep -o "Error: .*"
	      $NFT delete element t m "{ 15 }"; $NFT delete element t m "{ 30, 36-38 }"
	      $NFT add element t m "{ 21-25 }"; $NFT add element t m "{ 26-28 }"
	      $NFT add element t a "{ 1-11 }" 2>&1 | grep -o "Error: .*"
	      $NFT delete element t m "{ 10-29 }" 2>&1 | grep -o "Error: .*"
	      $NFT -f - <<EOF2
table ip t {
	set m {
		type inet_service
		flags interval
		auto-merge
		elements = { 41, 100-200 }
	}
}
EOF2
	      $NFT list ruleset'
	assert_same
	assert_line_in $'\t\telements = { 10-14, 16-28, 31-35, 39-41, 100-200 }'
	assert_line_in "Error: interval overlaps with an existing one"
}

@test "interval sets: a range added earlier in the same file may be deleted later in it (the kernel's ranges are not what it meets)" {
	both '$NFT add table t && $NFT add set t p "{ type inet_service; flags interval; }" &&
	      $NFT add element t p "{ 100-200 }" && $NFT delete element t p "{ 100-200 }" &&
	      printf "add element t p { 10-20 }\nadd element t p { 1024-65535 }\ndelete element t p { 10-20 }\n" | $NFT -f - &&
	      $NFT list set t p'
	assert_status 0
	assert_same
	assert_contains "elements = { 1024-65535 }"
}
