#!/usr/bin/env bats
# JSON rules (-j): the statements and expressions of a rule's "expr" array build the AST
# the same rule builds as text, so both compile to the same bytecode; a rule that is
# wrong says which member, where, and what was expected. The py vectors
# (tests/conformance/passing-json.txt) cover the common shapes; these cover the members
# they lack (element options, update statements, units, flag lists) and the errors.
load helpers

# pairs.txt: one `TEXT RULE<TAB>JSON EXPR ARRAY` per line; every pair's -d netlink
# bytecode through text and through JSON must be the same
compare_pairs() {
	ns 'nftc add table inet t; nftc add chain inet t c
	    nftc "add set inet t s { type ipv4_addr; flags dynamic,timeout; }"
	    nftc "add map inet t m { type ipv4_addr : mark; flags dynamic; }"
	    nftc "add counter inet t cnt"
	    fail=0; set -f
	    while IFS="	" read -r text js; do
	        [ -n "$text" ] || continue
	        printf "{\"nftables\": [{\"add\": {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"c\", \"expr\": %s}}}]}\n" "$js" >"$T/r.json"
	        a=$(nftc -d netlink "add rule inet t c $text" 2>&1 | grep "\[")
	        b=$(nftc -j -d netlink -f "$T/r.json" 2>&1 | grep "\[")
	        if [ -z "$a" ] || [ "$a" != "$b" ]; then
	            echo "DIFFER: $text"; echo "text: $a"; echo "json: $b"; fail=1
	        fi
	    done <"$T/pairs.txt"
	    echo "fail=$fail"'
}

@test "json rules: element options, updates, units and flags compile as their text" {
	cat >"$T/pairs.txt" <<'PAIRS'
ip saddr { 10.0.0.1 comment "x", 10.0.0.2 }	[{"match": {"left": {"payload": {"protocol": "ip", "field": "saddr"}}, "op": "==", "right": {"set": [{"elem": {"val": "10.0.0.1", "comment": "x"}}, "10.0.0.2"]}}}]
add @s { ip saddr timeout 30s counter }	[{"set": {"op": "add", "elem": {"elem": {"val": {"payload": {"protocol": "ip", "field": "saddr"}}, "timeout": 30}}, "set": "@s", "stmt": [{"counter": null}]}}]
update @m { ip saddr : meta mark }	[{"map": {"op": "update", "elem": {"payload": {"protocol": "ip", "field": "saddr"}}, "data": {"meta": {"key": "mark"}}, "map": "@m"}}]
limit rate over 2 mbytes/second burst 1 kbytes	[{"limit": {"rate": 2, "rate_unit": "mbytes", "per": "second", "burst": 1, "burst_unit": "kbytes", "inv": true}}]
limit rate 10/minute burst 3 packets	[{"limit": {"rate": 10, "per": "minute", "burst": 3, "burst_unit": "bytes"}}]
quota over 5 mbytes	[{"quota": {"val": 5, "val_unit": "mbytes", "inv": true}}]
log prefix "p " level info flags tcp sequence,options flags skuid	[{"log": {"prefix": "p ", "level": "info", "flags": ["tcp sequence", "tcp options", "skuid"]}}]
log group 2 snaplen 64 queue-threshold 3	[{"log": {"group": 2, "snaplen": 64, "queue-threshold": 3}}]
last used 2s	[{"last": {"used": 2000}}]
counter name "cnt"	[{"counter": "cnt"}]
tcp dport vmap { 22 : jump c, * : drop }	[{"vmap": {"key": {"payload": {"protocol": "tcp", "field": "dport"}}, "data": {"set": [[22, {"jump": {"target": "c"}}], ["*", {"drop": null}]]}}}]
tcp flags & (syn | ack) == syn | ack	[{"match": {"left": {"&": [{"payload": {"protocol": "tcp", "field": "flags"}}, {"|": ["syn", "ack"]}]}, "op": "==", "right": {"|": ["syn", "ack"]}}}]
meta mark set meta mark | 0x10 | 0x20	[{"mangle": {"key": {"meta": {"key": "mark"}}, "value": {"|": [{"meta": {"key": "mark"}}, "0x10", "0x20"]}}}]
ct original ip saddr 1.2.3.4	[{"match": {"left": {"ct": {"key": "saddr", "dir": "original", "family": "ip"}}, "op": "==", "right": "1.2.3.4"}}]
ip option rr exists	[{"match": {"left": {"ip option": {"name": "rr"}}, "op": "==", "right": true}}]
meta l4proto tcp reject with tcp reset	[{"match": {"left": {"meta": {"key": "l4proto"}}, "op": "==", "right": "tcp"}}, {"reject": {"type": "tcp reset"}}]
PAIRS
	compare_pairs
	echo "$output"
	assert_line_in "fail=0"
}

@test "json rules: a wrong member is named, with its place and what was expected" {
	cat >"$T/bad.json" <<'JSON'
{"nftables": [{"add": {"rule": {"family": "inet", "table": "t", "chain": "c", "expr": [
  {"match": {"left": {"payload": {"protocol": "tcp", "feld": "dport"}},
             "op": "==", "right": 22}},
  {"counter": {"packets": "many"}},
  {"match": {"left": {"meta": {"key": "mark"}}, "op": "~", "right": 1}},
  {"frobnicate": null}
]}}}]}
JSON
	ns 'nftc add table inet t; nftc add chain inet t c
	    nftc -j -f '"$T"'/bad.json; echo "rc=$?"'
	assert_line_in "rc=1"
	assert_contains 'bad.json:2:'
	assert_contains 'unknown member "feld" of "payload"'
	assert_contains '(at nftables[0].add.rule.expr[0].match.left.payload.feld)'
	assert_contains '"packets" must be a non-negative integer (at nftables[0].add.rule.expr[1].counter.packets)'
	assert_contains 'unknown operator "~"'
	assert_contains 'bad.json:6:'
	assert_contains 'unknown statement "frobnicate" (at nftables[0].add.rule.expr[3])'
}

@test "json rules: eval's errors point into the JSON text" {
	ns 'nftc add table inet t; nftc add chain inet t c
	    nftc -j "{\"nftables\": [{\"add\": {\"rule\": {\"family\": \"inet\", \"table\": \"t\", \"chain\": \"c\", \"expr\": [{\"match\": {\"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, \"op\": \"==\", \"right\": \"no-such-port\"}}]}}}]}"
	    echo "rc=$?"'
	assert_line_in "rc=1"
	assert_contains 'Could not resolve service'
	# the caret is under the value
	printf '%s\n' "$output" | grep -q '^ *\^^^^^^^^^^^^^^$'
}
