#!/usr/bin/env bats
# `nftc monitor`: each change printed as nft 1.1.4 prints it (text and JSON), traced
# packets, a socket overrun survived, and `-e` showing elements and objects as the
# monitor does. Each test runs its monitor and its changes in a fresh namespace; the
# monitor is given time to subscribe before the changes and to print after them.

load helpers

# mon_script ARGS CHANGES [BEFORE]: a script that runs BEFORE, then `nftc ARGS` (a
# monitor) in the background while CHANGES runs, then prints what the monitor printed
# (generation lines dropped: their process ids change) and, after a line `--stderr--`,
# its stderr.
mon_script() {
	cat <<EOF
${3:-}
nftc $1 > \$T/mon.out 2> \$T/mon.err &
p=\$!
sleep 0.5
$2
sleep 0.5
kill \$p; wait \$p 2>/dev/null
grep -v '^# new generation' \$T/mon.out
echo --stderr--
cat \$T/mon.err
EOF
}

@test "monitor: tables, chains, sets, elements, rules and objects added and deleted, as text" {
	ns "$(mon_script "monitor" '
nftc add table ip t
nftc "add chain ip t c { type filter hook input priority 0; policy accept; }"
nftc "add set ip t s { type ipv4_addr; }"
nftc "add element ip t s { 1.1.1.1, 2.2.2.2 }"
nftc "add rule ip t c ip saddr @s counter accept"
nftc "add rule ip t c tcp dport { 22, 80 } drop"
nftc "insert rule ip t c ip daddr 10.0.0.1 accept"
nftc "add counter ip t cnt"
nftc "add set ip t r { type inet_service; flags interval; elements = { 20, 30-40 }; }"
nftc "delete element ip t s { 1.1.1.1 }"
nftc "delete rule ip t c handle 5"
nftc "delete counter ip t cnt"
nftc "delete table ip t"')"
	assert_status 0
	expected='add table ip t
add chain ip t c { type filter hook input priority filter; policy accept; }
add set ip t s { type ipv4_addr; } 
add element ip t s { 1.1.1.1 }
add element ip t s { 2.2.2.2 }
add rule ip t c ip saddr @s counter packets 0 bytes 0 accept
add rule ip t c tcp dport { 22, 80 } drop
insert rule ip t c ip daddr 10.0.0.1 accept
add counter ip t cnt { packets 0 bytes 0 } 
add set ip t r { type inet_service; flags interval; } 
add element ip t r { 20 }
add element ip t r { 30-40 }
delete element ip t s { 1.1.1.1 }
delete rule ip t c handle 5
delete set ip t __set0
delete counter ip t cnt
delete rule ip t c handle 6
delete rule ip t c handle 3
delete set ip t s
delete set ip t r
delete chain ip t c
delete table ip t
--stderr--'
	[ "$output" = "$expected" ] || { diff <(echo "$expected") <(echo "$output"); false; }
}

@test "monitor vm json and -j: one JSON object a line, as nft 1.1.4 prints them" {
	for how in "monitor vm json" "-j monitor"; do
		ns "$(mon_script "$how" '
nftc add table ip t
nftc add chain ip t c
nftc "add set ip t s { type inet_service; flags interval; }"
nftc "add element ip t s { 10-20, 80 }"
nftc "add rule ip t c tcp dport @s accept"
nftc "add quota ip t q 25 mbytes"
nftc "add rule ip t c ip saddr 1.1.1.1 drop"
nftc "delete element ip t s { 80 }"
nftc "delete rule ip t c handle 5"')"
		assert_status 0
		output=$(echo "$output" | sed 's/"handle": [0-9]*/"handle": 0/g')
		expected='{"add": {"table": {"family": "ip", "name": "t", "handle": 0}}}
{"add": {"chain": {"family": "ip", "table": "t", "name": "c", "handle": 0}}}
{"add": {"set": {"family": "ip", "name": "s", "table": "t", "type": "inet_service", "handle": 0, "flags": "interval"}}}
{"add": {"element": {"family": "ip", "table": "t", "name": "s", "elem": {"set": [{"range": [10, 20]}]}}}}
{"add": {"element": {"family": "ip", "table": "t", "name": "s", "elem": {"set": [80]}}}}
{"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "handle": 0, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "tcp", "field": "dport"}}, "right": "@s"}}, {"accept": null}]}}}
{"add": {"quota": {"family": "ip", "name": "q", "table": "t", "handle": 0, "bytes": 26214400, "used": 0, "inv": false}}}
{"add": {"rule": {"family": "ip", "table": "t", "chain": "c", "handle": 0, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "1.1.1.1"}}, {"drop": null}]}}}
{"delete": {"element": {"family": "ip", "table": "t", "name": "s", "elem": {"set": [80]}}}}
{"delete": {"rule": {"family": "ip", "table": "t", "chain": "c", "handle": 0, "expr": [{"match": {"op": "==", "left": {"payload": {"protocol": "ip", "field": "saddr"}}, "right": "1.1.1.1"}}, {"drop": null}]}}}
--stderr--'
		[ "$output" = "$expected" ] || { echo "$how:"; diff <(echo "$expected") <(echo "$output"); false; }
	done
}

@test "monitor new rules shows added rules only, and no generation lines" {
	ns "$(mon_script "monitor new rules" '
nftc add table ip t
nftc add chain ip t c
nftc "add rule ip t c accept"
nftc "delete rule ip t c handle 2"
nftc "add set ip t s { type ipv4_addr; }"')
cat \$T/mon.out"
	assert_status 0
	[ "$output" = 'add rule ip t c accept
--stderr--
add rule ip t c accept' ]
}

@test "monitor trace: a ping on lo, its packet, each rule it met and the policy" {
	ns "$(mon_script "monitor trace" 'ping -c1 -W1 127.0.0.1 >/dev/null' '
ip link set lo up
nftc -f - <<X
table ip filter {
	chain input {
		type filter hook input priority 0; policy accept;
		icmp type echo-request meta nftrace set 1
		ip protocol icmp counter
		icmp type echo-request accept
	}
}
X')"
	assert_status 0
	output=$(echo "$output" | sed -E 's/id [0-9a-f]{8}/id X/; s/ip id [0-9]+/ip id N/; s/icmp id [0-9]+/icmp id N/')
	expected='trace id X ip filter input packet: iif "lo" ip saddr 127.0.0.1 ip daddr 127.0.0.1 ip dscp cs0 ip ecn not-ect ip ttl 64 ip id N ip length 84 icmp type echo-request icmp code 0 icmp id N icmp sequence 1 
trace id X ip filter input rule icmp type echo-request meta nftrace set 1 (verdict continue)
trace id X ip filter input rule ip protocol icmp counter packets 0 bytes 0 (verdict continue)
trace id X ip filter input rule icmp type echo-request accept (verdict accept)
--stderr--'
	[ "$output" = "$expected" ] || { diff <(echo "$expected") <(echo "$output"); false; }
}

@test "monitor trace -nn: numeric values, a jump and a return, the policy" {
	ns "$(mon_script "-nn monitor trace" 'ping -c1 -W1 127.0.0.1 >/dev/null' '
ip link set lo up
nftc -f - <<X
table ip filter {
	chain output {
		type filter hook output priority 0; policy accept;
		icmp type echo-request meta nftrace set 1 jump sub
	}
	chain sub {
		ip daddr 127.0.0.1 return
	}
}
X')"
	assert_status 0
	output=$(echo "$output" | sed -E 's/id [0-9a-f]{8}/id X/; s/ip id [0-9]+/ip id N/; s/icmp id [0-9]+/icmp id N/')
	expected='trace id X ip filter output packet: oif "lo" ip saddr 127.0.0.1 ip daddr 127.0.0.1 ip dscp 0x00 ip ecn 0x0 ip ttl 64 ip id N ip length 84 icmp type 8 icmp code 0 icmp id N icmp sequence 1 
trace id X ip filter output rule icmp type 8 meta nftrace set 1 jump sub (verdict jump sub)
trace id X ip filter sub rule ip daddr 127.0.0.1 return (verdict return)
trace id X ip filter output policy accept 
--stderr--'
	[ "$output" = "$expected" ] || { diff <(echo "$expected") <(echo "$output"); false; }
}

@test "monitor survives a socket overrun (ENOBUFS): says so on stderr and goes on" {
	ns '
NFTC_MONITOR_RCVBUF=4096 nftc monitor tables > $T/mon.out 2> $T/mon.err &
p=$!
sleep 0.5
kill -STOP $p
for i in $(seq 1 300); do echo "add table ip t$i"; done > $T/many.nft
nftc -f $T/many.nft
kill -CONT $p
sleep 0.5
nftc add table ip after
sleep 0.5
kill $p; wait $p 2>/dev/null
cat $T/mon.err
grep -c "^add table ip t" $T/mon.out
tail -n 1 $T/mon.out'
	assert_status 0
	[ "${lines[0]}" = "# ERROR: We lost some netlink events!" ]
	[ "${lines[1]}" -lt 300 ]
	[ "${lines[2]}" = "add table ip after" ]
}

@test "-e: elements one a line, in key order for interval sets, objects and replaced rules as nft echoes them" {
	ns '
nftc add table ip t
nftc add chain ip t c
nftc -e "add set ip t s { type inet_service; flags interval; elements = { 20, 30-40 }; }" | grep -v "^# new generation"
nftc -e -f - <<X | grep -v "^# new generation"
add element ip t s { 1024-65535 }
add element ip t s { 100-200 }
X
nftc -e "add counter ip t cnt" | grep -v "^# new generation"
nftc "add rule ip t c accept"
nftc "add rule ip t c drop"
nftc "add rule ip t c ip saddr 1.1.1.1"
nftc -e "replace rule ip t c handle 5 counter accept" | grep -v "^# new generation"
nftc -e "delete element ip t s { 20 }"'
	assert_status 0
	expected='add set ip t s { type inet_service; flags interval; } 
add element ip t s { 20 }
add element ip t s { 30-40 }
add element ip t s { 100-200 }
add element ip t s { 1024-65535 }
add counter ip t cnt { packets 0 bytes 0 } 
delete rule ip t c handle 5
add rule ip t c handle 4 counter packets 0 bytes 0 accept'
	[ "$output" = "$expected" ] || { diff <(echo "$expected") <(echo "$output"); false; }
}

@test "monitor: a word it does not know is an error, exit 1, as nft says it" {
	ns 'nftc monitor bogus'
	assert_status 1
	[ "$output" = "Error: invalid event bogus
monitor bogus
        ^^^^^" ]
}
