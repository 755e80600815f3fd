#!/usr/bin/env bats
# Command-line options, each checked on real output (and against nft where they agree).
load helpers

# a ruleset with a counter, a named set and a rule with a port name
SETUP='$NFT -f "$FIX/basic.nft" && $NFT add set inet filter s "{ type inet_service; elements = { 22, 80 }; }" &&
       $NFT add rule inet filter output tcp dport ssh counter accept'

@test "-a lists handles" {
	both "$SETUP"' && $NFT -a list table inet filter'
	assert_same
	assert_contains "table inet filter { # handle "
	assert_contains "chain output { # handle "
	assert_contains "tcp dport 22 counter packets 0 bytes 0 accept # handle "
}

@test "-s lists stateless (no counter values)" {
	both "$SETUP"' && $NFT -s list chain inet filter output'
	assert_same
	assert_line_in "		tcp dport 22 counter accept"
}

@test "-t (terse) omits set elements" {
	both "$SETUP"' && $NFT -t list set inet filter s'
	assert_same
	assert_line_in "		type inet_service"
	refute_contains "elements"
}

@test "-y prints base chain priorities as numbers" {
	both "$SETUP"' && $NFT -y list chain inet filter input'
	assert_same
	assert_line_in "		type filter hook input priority 0; policy drop;"
}

@test "-n prints numerically" {
	both "$SETUP"' && $NFT -n list chain inet filter output'
	assert_same
	assert_contains "tcp dport 22"
}

@test "-e echoes what was added" {
	both "$SETUP"' && $NFT -e add rule inet filter output udp dport 53 accept | grep -v "^# new generation"'
	assert_same
	assert_line_in "add rule inet filter output udp dport 53 accept"
}

@test "-e -a echoes the handles the kernel gave, as -a lists them" {
	ns 'nftc -e -a add table ip t | grep -v "^# new generation"
	    nftc -e -a add chain ip t c "{ type filter hook input priority 0; }" | grep -v "^# new"
	    nftc -e -a "add chain ip t d; add rule ip t c accept; insert rule ip t c drop" | grep -v "^# new"
	    nftc -e "add rule ip t d counter" | grep -v "^# new"
	    nftc -a list ruleset'
	[ "$status" = 0 ]
	assert_line_in "add table ip t # handle 1"
	assert_line_in "add chain ip t c { type filter hook input priority filter; policy accept; } # handle 1"
	assert_line_in "add chain ip t d # handle 2"
	assert_line_in "add rule ip t c accept # handle 3"
	assert_line_in "insert rule ip t c drop # handle 4"
	assert_line_in "add rule ip t d counter packets 0 bytes 0"    # no -a: no handle
	assert_line_in "		accept # handle 3"
	assert_line_in "		drop # handle 4"
}

@test "-D NAME=VALUE defines a variable for the file" {
	both '$NFT -D port=8080 -f "$FIX/define.nft" && nft list table ip d'
	assert_same
	assert_line_in "		tcp dport 8080 accept"
}

@test "-I DIR finds an include" {
	both 'cd "$FIX" && $NFT -I "$FIX/incdir" -f include.nft && nft list table ip inc'
	assert_same
	assert_line_in "		tcp dport 80 accept"
}

@test "-I DIR: without it the include is not found (exit 1)" {
	ns 'cd / && nftc -f "$FIX/include.nft"'
	assert_status 1
	assert_contains "defs.nft"
}

@test "-f - reads the ruleset from standard input" {
	ns 'nftc -f - < "$FIX/nat.nft" && nftc list ruleset'
	assert_status 0
	assert_output_file "$FIX/nat.list"
}

@test "-v prints a version" {
	ns 'nftc -v'
	assert_status 0
	[[ $output =~ [0-9]+\.[0-9]+ ]]
}

@test "-h prints usage naming the options" {
	ns 'nftc -h'
	assert_status 0
	assert_contains "Usage"
	assert_contains "-f"
	assert_contains "-c"
	assert_contains "-i"
}

@test "-c -d netlink of a command line prints bytecode, applies nothing" {
	ns 'nftc add table ip t && nftc add chain ip t c &&
	    nftc -c -d netlink add rule ip t c tcp dport 22 accept && nftc list chain ip t c'
	assert_status 0
	assert_line_in "  [ payload load 2b @ transport header + 2 => reg 1 ]"
	assert_line_in "  [ cmp eq reg 1 0x00001600 ]"
	refute_contains "dport 22 accept"
}

@test "-d netlink while adding prints the same bytecode as nft" {
	both '$NFT add table ip t && $NFT add chain ip t c && $NFT -d netlink add rule ip t c tcp dport 22 accept'
	assert_same
	assert_line_in "  [ immediate reg 0 accept ]"
}

@test "several commands on one command line, separated by ;" {
	both '$NFT "add table ip t; add chain ip t c; add rule ip t c accept" && nft list ruleset'
	assert_same
	assert_line_in "		accept"
}

@test "-i without a terminal reads commands line by line from standard input" {
	ns 'printf "add table ip p\nadd chain ip p c\nadd rule ip p c nosuchword\nlist tables\ntable ip q {\n chain d {\n  accept\n }\n}\nlist table ip q\n" | nftc -i'
	assert_status 0
	assert_line_in "table ip p"
	assert_line_in "		accept"
	assert_contains "Error:"
}

@test "--version names the nft release nftc follows in nft's format, then nftc" {
	# programs compare `nft --version` against a minimum (nftables vX.Y.Z)
	run "$NFTC" --version
	assert_status 0
	[[ $output =~ ^nftables\ v1\.1\.[0-9]+\ \(nftc\ [0-9.]+\)$ ]] || { echo "$output"; return 1; }
	local v=$output
	run "$NFTC" -V
	[[ ${lines[0]} == "$v" ]]
	[[ $output == *"json:"*"yes"* ]]
}

# -N, -S and -u name what they print as nft does: addresses from the resolver (a hosts
# file of our own, bind-mounted in a private mount namespace), ports from
# /etc/services, IDs from /etc/passwd; also with -n, never in ranges.
@test "-N, -S and -u translate addresses, ports and user IDs as nft does" {
	printf '127.0.0.1 localhost\n10.0.0.0 tennet\n::1 ip6-localhost\n' >"$T/hosts"
	cat >"$T/names.nft" <<-'EOF'
	table inet t {
		set s { type ipv4_addr; flags interval; elements = { 127.0.0.1-127.0.0.3, 10.0.0.0/8, 192.0.2.1 } }
		set p { type ipv6_addr . inet_service; elements = { ::1 . 22, 2001:db8::1 . 9999 } }
		chain c {
			ip saddr 127.0.0.1 tcp dport { 22, 80, 443, 9999 } meta skuid 0 accept
			ip daddr 10.0.0.0/8 tcp dport 22-80 meta skgid 0 accept
			ip6 saddr ::1 udp sport 53 accept
		}
	}
	EOF
	for opts in "" -N -S -u "-N -S -u -n"; do
		for NFT in nftc nft; do
			unshare -n -m timeout 60 bash -c 'mount --bind "$T/hosts" /etc/hosts &&
				"$1" -f "$T/names.nft" && "$1" $2 list ruleset' _ "$NFT" "$opts" >"$T/out.$NFT" 2>&1
		done
		diff -u "$T/out.nft" "$T/out.nftc" || { echo "options: $opts"; return 1; }
		cp "$T/out.nftc" "$T/out$opts"
	done
	grep -q 'ip saddr localhost tcp dport { 22, 80, 443, 9999 } meta skuid 0 accept' "$T/out-N"
	grep -q 'elements = { tennet/8, 127.0.0.1-127.0.0.3,' "$T/out-N"
	grep -q 'ip6-localhost . 22' "$T/out-N"
	grep -q 'tcp dport { "ssh", "http", "https", 9999 }' "$T/out-S"
	grep -q 'tcp dport 22-80 meta skgid 0' "$T/out-S"
	grep -q 'meta skuid "root" accept' "$T/out-u"
	grep -q 'ip saddr localhost tcp dport { "ssh", "http", "https", 9999 } meta skuid "root"' "$T/out-N -S -u -n"
}

@test "-d netlink: chains, set declarations, elements and rules printed as nft 1.1.4 prints them" {
	cat >"$T/d.nft" <<'EOF2'
table inet t {
	chain b { type filter hook input priority 0; policy drop; }
	chain r { }
	set s { type inet_service; timeout 1m; size 100; policy memory; }
	map m { type ipv4_addr : verdict; flags interval; elements = { 10.0.0.0/8 : jump r } }
	chain c { tcp dport { 22, 80 } accept; ip saddr . ip daddr { 1.0.0.0/8 . 2.2.2.2 } drop; }
}
EOF2
	both '$NFT -d netlink -f $T/d.nft'
	assert_status 0
	assert_same
	assert_line_in "inet t b use 0"
	assert_line_in "family 1 s t 10 timeout 60000ms policy 1 size 100"
	# an anonymous set goes without a size, as 1.1.4 sends it
	assert_line_in "family 1 __set%d t 3"
	refute_contains $'\n\n'
}

@test "-e of a rule jumping to a bound chain shows the chain the kernel named, its rules and the jump, as nft 1.1.4" {
	ns 'nftc add table t && nftc add chain t c && nftc -e add rule t c jump { accept\; } &&
	    nftc -e add rule t c meter m { ip saddr limit rate 1/second } accept'
	assert_status 0
	[[ "${lines[0]}" =~ ^add\ chain\ ip\ t\ (__chain[0-9]+)$ ]]
	name=${BASH_REMATCH[1]}
	[ "${lines[1]}" = "add rule ip t $name accept" ]
	[ "${lines[2]}" = "add rule ip t c jump $name" ]
	assert_line_in "add set ip t m { type ipv4_addr; size 65535; flags dynamic; } "
}
