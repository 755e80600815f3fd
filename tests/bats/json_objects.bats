#!/usr/bin/env bats
# JSON (-j) of the ruleset's objects: tables, chains, sets and maps, named objects as
# nft 1.1.4 lists them (fixtures/json-objects.expected is what it printed for
# fixtures/json-objects.nft, handles included: a fresh namespace numbers them alike;
# only the metainfo's release name differs: nftc names itself there),
# the listings that show no table object, and every object read back from JSON into
# the ruleset the text makes.
load helpers

@test "json objects: list ruleset, sets, chain, quotas print what nft 1.1.4 prints" {
	ns 'nftc -f $FIX/json-objects.nft && nftc -j list ruleset && nftc -j list sets &&
	    nftc -j list chain inet t c1 && nftc -j list quotas'
	[ "$status" = 0 ]
	# nftc names itself as the release (nft: its release name); the rest is nft's bytes
	[ "$output" = "$(sed 's/"release_name": "Commodore Bullmoose #5"/"release_name": "nftc 0.1.0"/' \
		"$FIX/json-objects.expected")" ]
}

@test "json objects: the listing read back with -j -f is the ruleset the text made" {
	head -1 "$FIX/json-objects.expected" >"$T/back.json"
	ns 'nftc -f $FIX/json-objects.nft && nftc list ruleset >$T/text.txt &&
	    nftc flush ruleset && nftc -j -f $T/back.json && nftc list ruleset >$T/json.txt &&
	    diff -u $T/text.txt $T/json.txt && echo same'
	[ "$status" = 0 ]
	assert_line_in "same"
}

@test "json objects: elements, deletes by name and handle, rename, list and flush commands" {
	cat >"$T/cmds.json" <<'JSON'
{"nftables": [
 {"add": {"table": {"family": "ip", "name": "t"}}},
 {"add": {"chain": {"family": "ip", "table": "t", "name": "c"}}},
 {"add": {"chain": {"family": "ip", "table": "t", "name": "d"}}},
 {"add": {"set": {"family": "ip", "table": "t", "name": "s", "type": "ipv4_addr"}}},
 {"add": {"element": {"family": "ip", "table": "t", "name": "s", "elem": ["1.2.3.4", "5.6.7.8"]}}},
 {"delete": {"element": {"family": "ip", "table": "t", "name": "s", "elem": "5.6.7.8"}}},
 {"add": {"counter": {"family": "ip", "table": "t", "name": "cnt"}}},
 {"add": {"quota": {"family": "ip", "table": "t", "name": "q", "bytes": 1000}}},
 {"add": {"limit": {"family": "ip", "table": "t", "name": "l", "rate": 5, "per": "second"}}},
 {"add": {"ct helper": {"family": "ip", "table": "t", "name": "h", "type": "ftp", "protocol": "tcp"}}},
 {"delete": {"counter": {"family": "ip", "table": "t", "name": "cnt"}}},
 {"add": {"table": {"family": "inet", "name": "x"}}}
]}
JSON
	ns 'nftc -j -f $T/cmds.json &&
	    nftc -j "{\"nftables\": [{\"rename\": {\"chain\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"d\", \"newname\": \"e\"}}}]}" &&
	    nftc -j "{\"nftables\": [{\"delete\": {\"table\": {\"family\": \"inet\", \"handle\": 2}}}]}" &&
	    nftc list ruleset &&
	    nftc -j "{\"nftables\": [{\"list\": {\"sets\": null}}, {\"list\": {\"tables\": {\"family\": \"ip\"}}}]}" &&
	    nftc -j "{\"nftables\": [{\"flush\": {\"ruleset\": null}}]}" && nftc list ruleset && echo flushed'
	[ "$status" = 0 ]
	assert_line_in "	chain e {"
	assert_line_in "		elements = { 1.2.3.4 }"
	assert_line_in "		rate 5/second"
	assert_line_in "		type \"ftp\" protocol tcp"
	assert_contains '{"set": {"family": "ip", "name": "s", "table": "t", "type": "ipv4_addr", "handle": 3, "elem": ["1.2.3.4"]}}'
	assert_contains '{"table": {"family": "ip", "name": "t", "handle": 1}}]}'
	[ "$(printf '%s\n' "$output" | grep -c 'counter cnt')" = 0 ]
	[ "$(printf '%s\n' "$output" | grep -c '^table inet x')" = 0 ]
	assert_line_in "flushed"
}

@test "json objects: a missing member is an error at the object, with its path" {
	ns 'nftc -j "{\"nftables\": [{\"add\": {\"table\": {\"family\": \"ip\", \"name\": \"t\"}}}, {\"add\": {\"quota\": {\"family\": \"ip\", \"table\": \"t\", \"name\": \"q\"}}}]}"; echo "rc=$?"'
	assert_line_in "rc=1"
	assert_contains 'missing number member "bytes" (at nftables[1].add.quota)'
}
