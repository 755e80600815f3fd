#!/usr/bin/env bats
# JSON (-j): documents read as one atomic batch, errors that say where (line, column and
# the path of the value), listings that are one JSON document each, and the round trip
# through nft's JSON. The shapes of single rules are covered by the conformance ratchet
# (tests/conformance/passing-json.txt); these are the behaviours around them.
load helpers

@test "json: a document with one bad command applies nothing, and says where" {
	cat >"$T/bad.json" <<'JSON'
{"nftables": [
  {"add": {"table": {"family": "ip", "name": "t"}}},
  {"add": {"chain": {"family": "ip", "table": "t", "name": "c"}}},
  {"add": {"rule": {"family": "ip", "table": "t", "chain": "c",
                    "expr": [{"no-such-statement": null}]}}}
]}
JSON
	ns 'nftc -j -f '"$T"'/bad.json; echo "rc=$?"; nftc list ruleset; echo "listed"'
	assert_line_in "rc=1"
	assert_contains "bad.json:5:30-"
	assert_contains "nftables[2].add.rule.expr[0]"
	assert_contains "Error: "
	# nothing applied: the listing is empty
	[ "$(printf '%s\n' "$output" | grep -c '^table')" = 0 ]
}

@test "json: a syntax error in the document is located, with jansson's words" {
	printf '{"nftables": [\n  {"add": {"table": {"family": "ip" "name": "t"}}}\n]}\n' >"$T/syn.json"
	ns 'nftc -j -f '"$T"'/syn.json; echo "rc=$?"'
	assert_line_in "rc=1"
	assert_contains "syn.json:2:"
	assert_contains "JSON: "
}

@test "json: duplicate keys and unknown objects are refused" {
	ns 'nftc -j "{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\", \"name\": \"a\", \"name\": \"b\"}}}]}"; echo "dup=$?"
	    nftc -j "{\"nftables\": [{\"add\": {\"tabel\": {\"family\": \"ip\", \"name\": \"a\"}}}]}"; echo "unknown=$?"
	    nftc -j "{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ipx\", \"name\": \"a\"}}}]}"; echo "family=$?"
	    nftc list tables; echo "end"'
	assert_line_in "dup=1"
	assert_line_in "unknown=1"
	assert_line_in "family=1"
	assert_contains 'unknown object "tabel"'
	assert_contains 'unknown family "ipx" (at nftables[0].add.table.family)'
	[ "$(printf '%s\n' "$output" | grep -c '^table')" = 0 ]
}

@test "json: tables and chains from JSON are the ones the same text makes" {
	cat >"$T/t.json" <<'JSON'
{"nftables": [
  {"metainfo": {"version": "1.1.4", "json_schema_version": 1}},
  {"add": {"table": {"family": "inet", "name": "filter"}}},
  {"add": {"chain": {"family": "inet", "table": "filter", "name": "input",
                     "type": "filter", "hook": "input", "prio": 0, "policy": "drop"}}},
  {"add": {"chain": {"family": "inet", "table": "filter", "name": "other"}}}
]}
JSON
	ns 'nftc -j -f '"$T"'/t.json && nftc list ruleset'
	[ "$status" = 0 ]
	assert_line_in "table inet filter {"
	assert_line_in "		type filter hook input priority filter; policy drop;"
	assert_line_in "	chain other {"
}

@test "json: -j list prints one document per command, as nft lays it out" {
	ns 'nftc add table ip t; nftc add table inet u
	    nftc add chain ip t c "{ type filter hook output priority 10; }"
	    nftc -j list tables; nftc -j list ruleset'
	[ "$status" = 0 ]
	[ "${lines[0]}" = '{"nftables": [{"metainfo": {"version": "1.1.4", "release_name": "nftc 0.1.0", "json_schema_version": 1}}, {"table": {"family": "ip", "name": "t", "handle": 1}}, {"table": {"family": "inet", "name": "u", "handle": 2}}]}' ]
	# the second is valid JSON holding the base chain with its numbers
	printf '%s\n' "${lines[1]}" | python3 -c '
import json, sys
d = json.load(sys.stdin)["nftables"]
c = [o["chain"] for o in d if "chain" in o][0]
assert c == {"family": "ip", "table": "t", "name": "c", "handle": 1, "type": "filter",
             "hook": "output", "prio": 10, "policy": "accept"}, c
'
}

@test "json: under -j, a file or command line that is not JSON is read as nft text" {
	printf 'table ip t {\n\tchain c {\n\t}\n}\n' >"$T/t.nft"
	ns 'nftc -j -f '"$T"'/t.nft && nftc -j list tables'
	[ "$status" = 0 ]
	assert_contains '{"table": {"family": "ip", "name": "t", "handle": 1}}'
}

@test "json: -j -e echoes what was added as one document, with the kernel's handles" {
	ns 'nftc -j -e add table ip t
	    nftc -j -e "add chain ip t c { type filter hook input priority 0; }; add set ip t s { type ipv4_addr; }"
	    nftc -j -e delete chain ip t c; echo "deleted"'
	[ "$status" = 0 ]
	[ "${lines[0]}" = '{"nftables": [{"add": {"table": {"family": "ip", "name": "t", "handle": 1}}}]}' ]
	printf '%s\n' "${lines[1]}" | python3 -c '
import json, sys
d = json.load(sys.stdin)["nftables"]
assert d[0]["add"]["chain"] == {"family": "ip", "table": "t", "name": "c", "handle": 1,
    "type": "filter", "hook": "input", "prio": 0, "policy": "accept"}, d[0]
assert d[1]["add"]["set"]["name"] == "s" and d[1]["add"]["set"]["handle"] == 2, d[1]
'
	# a deletion echoes nothing, as under nft
	[ "${lines[2]}" = "deleted" ]
}

@test "json: every listed shell-suite dump reads back from its JSON listing to the same ruleset" {
	[ -d "${NFTC_SHELL_SUITE:-$REPO/../shared/shell-suite}/upstream/shell/testcases" ] ||
		skip "the upstream shell suite is not beside the clone"
	run "$REPO/scripts/json-roundtrip" --ratchet --tool "$T/bin/nftc"
	echo "$output"
	[ "$status" = 0 ]
	# the list is not empty, and all of it passed
	[[ "$output" =~ roundtrip:\ ([0-9]+)\ passed,\ 0\ failed ]]
	[ "${BASH_REMATCH[1]}" -gt 0 ]
}

@test "json: a document of a later schema version is refused at the version" {
	printf '{"nftables": [{"metainfo": {"json_schema_version": 999}},\n {"add": {"table": {"family": "ip", "name": "t"}}}]}\n' >"$T/v.json"
	ns 'nftc -j -f '"$T"'/v.json; echo "rc=$?"; nftc list tables; echo end'
	assert_line_in "rc=1"
	assert_contains "v.json:1:52-54: Error: JSON schema version 999"
	assert_contains "(at nftables[0].metainfo.json_schema_version)"
	[ "$(printf '%s\n' "$output" | grep -c '^table')" = 0 ]
}

@test "json: an element's counter reads back from -j with its values; a vmap element's counter needs no set counter" {
	ns "nftc add table ip t && nftc add set ip t s '{ type ipv4_addr; counter; elements = { 1.1.1.1 counter packets 1 bytes 11 }; }' &&
	    nftc add chain ip t c && nftc add rule ip t c iif vmap '{ \"lo\" counter : accept }' &&
	    nftc -j list ruleset > \$T/r.json && nftc flush ruleset && nftc -j -f \$T/r.json && nftc list ruleset"
	assert_status 0
	assert_line_in $'\t\telements = { 1.1.1.1 counter packets 1 bytes 11 }'
	assert_line_in $'\t\tiif vmap { "lo" counter packets 0 bytes 0 : accept }'
}

@test "json: -j -e of replace rule is the old rule's deletion and the add, as nft 1.1.4 prints it" {
	both '$NFT add table t && $NFT add chain t c && $NFT add rule t c accept &&
	      $NFT -j -e replace rule t c handle 2 drop'
	assert_status 0
	assert_same_after drop_release "the metainfo's release name aside"
	assert_contains '{"delete": {"rule": {"family": "ip", "table": "t", "chain": "c", "handle": 2, "expr": [{"accept": null}]}}}'
}
