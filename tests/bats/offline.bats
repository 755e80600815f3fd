#!/usr/bin/env bats
# -c -d netlink compiles without a kernel: run as user nobody (no CAP_NET_ADMIN) in an
# empty namespace, nftc must print the bytecode and exit 0.
load helpers

# These need no kernel: as root they run as nobody in an empty namespace; as any
# other user they run as that user.
setup() {
	[ -x "$NFTC" ] || { echo "src/nftc is not built" >&2; return 1; }
	T=$(mktemp -d /tmp/nftc-bats.XXXXXX)
	mkdir "$T/bin"
	cp "$NFTC" "$T/bin/nftc"
	cp "$FIX/offline.nft" "$FIX/basic.nft" "$FIX/sets.nft" "$FIX/nat.nft" "$T/"
	chmod -R a+rX "$T"
	export T
}

offline() {
	if [ "$(id -u)" = 0 ]; then
		run unshare -n setpriv --reuid=nobody --regid=nogroup --clear-groups -- \
			timeout 30 "$T/bin/nftc" "$@"
	else
		run timeout 30 "$T/bin/nftc" "$@"
	fi
}

bytecode() { grep -E '^[[:space:]]*\[' <<<"$output" | sed 's/^[[:space:]]*//'; }

@test "-c -d netlink -f as nobody: defines, named and anonymous sets, ct state, ports" {
	offline -c -d netlink -f "$T/offline.nft"
	assert_status 0
	diff -u "$FIX/offline.bytecode" <(bytecode) || { echo "$output"; false; }
	# the named set's elements, in the kernel's byte order
	assert_contains "element 00005000"
	assert_contains "element 0000bb01"
}

@test "-c -d netlink -f as nobody prints one block per rule, headed by family table chain" {
	offline -c -d netlink -f "$T/offline.nft"
	assert_status 0
	[ "$(grep -c '^inet off c$' <<<"$output")" = 4 ]
}

@test "-c -d netlink -f as nobody: every fixture compiles (basic, sets, nat)" {
	for f in basic sets nat; do
		offline -c -d netlink -f "$T/$f.nft"
		assert_status 0
		[ -n "$(bytecode)" ]
	done
	assert_contains "[ masq ]"
}

@test "-c as nobody: a syntax error is still found, exit 1" {
	printf 'table ip x {\n\tchain c {\n\t\ttcp dport 22 acept\n\t}\n}\n' >"$T/bad.nft"
	chmod a+r "$T/bad.nft"
	offline -c -f "$T/bad.nft"
	assert_status 1
	assert_contains "bad.nft:3:"
}

@test "-c -d netlink of one command line (no file), as nobody" {
	offline -c -d netlink 'add table ip t; add chain ip t c; add rule ip t c ip saddr 10.1.2.3 drop'
	assert_status 0
	assert_line_in "  [ payload load 4b @ network header + 12 => reg 1 ]"
	assert_line_in "  [ cmp eq reg 1 0x0302010a ]"
	assert_line_in "  [ immediate reg 0 drop ]"
}

# A batch larger than the send buffer an unprivileged socket may have (wmem_max)
# cannot be sent at all; the kernel would refuse it anyway (EPERM).
@test "-c as nobody: a batch too big for an unprivileged socket is still an offline check" {
	[ "$(id -u)" = 0 ] || skip "needs root to drop to nobody"
	# every rule's message is well over 64 bytes
	"$REPO/scripts/gen-workload" rules $(($(cat /proc/sys/net/core/wmem_max) / 64)) >"$T/big.nft"
	chmod a+r "$T/big.nft"
	offline -c -f "$T/big.nft"
	assert_status 0
	[ -z "$output" ] || { echo "$output"; false; }
	# without -c it is the kernel's refusal nft reports, not the socket's size limit
	offline -f "$T/big.nft"
	assert_status 1
	assert_contains "Error: Could not process rule: Operation not permitted"
	refute_contains "Message too long"
}

@test "rt ip|ip6 KEY: the written family picks the next hop where nothing else says, and is taken for other keys" {
	# `rt ip mtu` was a syntax error, and `rt ip nexthop` in an inet chain "could not
	# determine" the family it names (text and JSON alike); bytecode as nft 1.1.4's
	offline -c -d netlink 'add rule inet t c rt ip mtu 1500; add rule inet t c rt ip nexthop 1.1.1.1; add rule inet t c meta nfproto ipv6 rt ip6 nexthop ::1'
	[ "$status" = 0 ] || { echo "$output"; return 1; }
	[ "$(bytecode)" = "$(printf '%s\n' '[ rt load tcpmss => reg 1 ]' '[ cmp eq reg 1 0x000005dc ]' \
		'[ rt load nexthop4 => reg 1 ]' '[ cmp eq reg 1 0x01010101 ]' \
		'[ meta load nfproto => reg 1 ]' '[ cmp eq reg 1 0x0000000a ]' \
		'[ rt load nexthop6 => reg 1 ]' \
		'[ cmp eq reg 1 0x00000000 0x00000000 0x00000000 0x01000000 ]')" ] || { echo "$output"; return 1; }
	offline -c -j -d netlink '{"nftables": [{"add": {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [{"match": {"op": "==", "left": {"rt": {"key": "mtu", "family": "ip"}}, "right": 1500}}]}}}]}'
	[ "$status" = 0 ] || { echo "$output"; return 1; }
	[ "$(bytecode)" = "$(printf '%s\n' '[ rt load tcpmss => reg 1 ]' '[ cmp eq reg 1 0x000005dc ]')" ]
	offline -c -d netlink 'add rule ip t c rt ip6 nexthop ::1'
	[ "$status" = 1 ]
	[[ $output == *"ip6 nexthop will not match"* ]]
}
