#!/usr/bin/env bats
# `get element`: the set printed with only the elements asked for, as nft 1.1.4 prints
# it (Debian's nft 1.0.6 crashes on it, so the expected texts are 1.1.4's, written
# here). An error on the command line is printed as 1.1.4 prints it: no place before
# `Error:`, the caret under the command shows it.
load helpers

LOAD='nftc -f $FIX/get_element.nft'

# get SET ELEMS: the text nft 1.1.4 prints for `get element ip t SET { ELEMS }`
# whose answer is HEAD (the set's lines) and ELEMENTS.
expect() {
	printf 'table ip t {\n\t%s\n%s\n\t}\n}\n' "$1" "$2"
}

@test "get element: an interval set answers with the interval holding the value" {
	ns "$LOAD && nftc get element ip t s '{ 10.1.2.3 }'"
	assert_status 0
	[ "$output" = "$(expect 'set s {' $'\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.0.0.0/8 }')" ]
}

@test "get element: a missing element fails at the whole command, nothing printed" {
	ns_split "$LOAD && nftc get element ip t s '{ 11.1.2.3 }'"
	assert_status 1
	[ -z "$output" ]
	[ "$(sed -n 1p <<<"$stderr")" = "Error: Could not process rule: No such file or directory" ]
	[ "$(sed -n 2p <<<"$stderr")" = "get element ip t s { 11.1.2.3 }" ]
	[ "$(sed -n 3p <<<"$stderr")" = "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^" ]
}

@test "get element: a map shows the data of the key" {
	ns "$LOAD && nftc get element ip t m '{ 1.1.1.1 }' && nftc get element ip t m '{ 1.1.1.1 : 7 }'"
	assert_status 0
	local one
	one=$(expect 'map m {' $'\t\ttype ipv4_addr : mark\n\t\telements = { 1.1.1.1 : 0x00000005 }')
	[ "$output" = "$one"$'\n'"$one" ]
}

@test "get element: -j prints the same text (nft 1.1.4 has no JSON for it)" {
	ns "$LOAD && nftc -j get element ip t s '{ 10.1.2.3 }'"
	assert_status 0
	[ "$output" = "$(expect 'set s {' $'\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.0.0.0/8 }')" ]
}

@test "get element: several values of an interval set, in the order asked, repeats kept" {
	ns "$LOAD && nftc get element ip t s '{ 192.168.1.1, 20.0.0.3, 10.1.1.1, 10.2.2.2 }'"
	assert_status 0
	[ "$output" = "$(expect 'set s {' $'\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 192.168.1.1, 20.0.0.1-20.0.0.5,\n\t\t\t     10.0.0.0/8, 10.0.0.0/8 }')" ]
}

@test "get element: a range or prefix asked for answers when one interval holds it" {
	ns "$LOAD && nftc get element ip t s '{ 10.0.0.0/8 }' && nftc get element ip t s '{ 20.0.0.2-20.0.0.3 }' &&
	    nftc get element ip t s '{ 10.0.0.0/16 }'"
	assert_status 0
	local a b
	a=$(expect 'set s {' $'\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 10.0.0.0/8 }')
	b=$(expect 'set s {' $'\t\ttype ipv4_addr\n\t\tflags interval\n\t\telements = { 20.0.0.1-20.0.0.5 }')
	[ "$output" = "$a"$'\n'"$b"$'\n'"$a" ]
	# one past the top of the set's intervals, or across two of them: no such element
	ns "$LOAD && nftc get element ip t s '{ 10.0.0.0-11.255.255.255 }'"
	assert_status 1
	assert_contains "Error: Could not process rule: No such file or directory"
	ns "$LOAD && nftc get element ip t s '{ 10.0.0.0-20.0.0.5 }'"
	assert_status 1
	ns "$LOAD && nftc get element ip t s '{ 9.0.0.0/8 }'"
	assert_status 1
}

@test "get element: a plain set answers sorted, as listed; one missing fails it all" {
	ns "$LOAD && nftc get element ip t p '{ 5.6.7.8, 1.2.3.4 }'"
	assert_status 0
	[ "$output" = "$(expect 'set p {' $'\t\ttype ipv4_addr\n\t\telements = { 1.2.3.4, 5.6.7.8 }')" ]
	ns "$LOAD && nftc get element ip t p '{ 1.2.3.4, 1.2.3.5 }'"
	assert_status 1
	assert_line_in "get element ip t p { 1.2.3.4, 1.2.3.5 }"
	refute_contains "table ip t"
}

@test "get element: concatenations, plain and with intervals" {
	ns "$LOAD && nftc get element ip t c '{ 1.2.3.4 . 443, 1.2.3.4 . 80 }'"
	assert_status 0
	[ "$output" = "$(expect 'set c {' $'\t\ttype ipv4_addr . inet_service\n\t\telements = { 1.2.3.4 . 80,\n\t\t\t     1.2.3.4 . 443 }')" ]
	# a range of concatenations: the element holding the values, in the order asked
	ns "$LOAD && nftc get element ip t ci '{ 1.2.3.4 . 443, 10.1.1.1 . 85 }' && nftc get element ip t ci '{ 10.0.0.0/8 . 80 }'"
	assert_status 0
	[ "$output" = "$(expect 'set ci {' $'\t\ttype ipv4_addr . inet_service\n\t\tflags interval\n\t\telements = { 1.2.3.4 . 443,\n\t\t\t     10.0.0.0/8 . 80-90 }')"$'\n'"$(expect 'set ci {' $'\t\ttype ipv4_addr . inet_service\n\t\tflags interval\n\t\telements = { 10.0.0.0/8 . 80-90 }')" ]
	ns "$LOAD && nftc get element ip t ci '{ 1.2.3.4 . 444 }'"
	assert_status 1
}

@test "get element: an interval map shows the interval and its data" {
	ns "$LOAD && nftc get element ip t im '{ 20.0.0.5 }'"
	assert_status 0
	[ "$output" = "$(expect 'map im {' $'\t\ttype ipv4_addr : ipv4_addr\n\t\tflags interval\n\t\telements = { 20.0.0.0-20.0.0.9 : 2.2.2.2 }')" ]
}

@test "get element: counters and comments of the element; no typeof, set comment or set counter" {
	ns "$LOAD && nftc get element ip t e '{ 1.2.3.4 }' && nftc -s get element ip t e '{ 2.2.2.2 }' &&
	    nftc -t get element ip t e '{ 2.2.2.2 }'"
	assert_status 0
	[ "$output" = "$(expect 'set e {' $'\t\ttype ipv4_addr\n\t\telements = { 1.2.3.4 counter packets 0 bytes 0 comment "hi" }')"$'\n'"$(expect 'set e {' $'\t\ttype ipv4_addr\n\t\telements = { 2.2.2.2 counter }')"$'\n'"$(printf 'table ip t {\n\tset e {\n\t\ttype ipv4_addr\n\t}\n}')" ]
}

@test "get element: timeouts are shown with what is left of them" {
	ns "nftc add table ip t && nftc add set ip t x '{ type ipv4_addr; flags timeout; }' &&
	    nftc add element ip t x '{ 1.2.3.4 timeout 1h }' && nftc get element ip t x '{ 1.2.3.4 }'"
	assert_status 0
	assert_line_in "		flags timeout"
	# what is left depends on how long the commands took: any 59m…s, with or without ms
	[[ "$output" =~ elements\ =\ \{\ 1\.2\.3\.4\ timeout\ 1h\ expires\ 59m[0-9]+s([0-9]+ms)?\ \} ]]
}

@test "get element: a missing set is reported at the set, a missing table at the table" {
	ns_split "$LOAD && nftc get element ip t nosuch '{ 1.2.3.4 }'"
	assert_status 1
	[ "$(sed -n 1p <<<"$stderr")" = "Error: No such file or directory" ]
	[ "$(sed -n 3p <<<"$stderr")" = "                 ^^^^^^" ]
	ns_split "$LOAD && nftc get element ip nosuch s '{ 1.2.3.4 }'"
	assert_status 1
	[ "$(sed -n 1p <<<"$stderr")" = "Error: No such file or directory" ]
	[ "$(sed -n 3p <<<"$stderr")" = "               ^^^^^^" ]
}

@test "get element: -c still asks the kernel, as nft does" {
	ns "$LOAD && nftc -c get element ip t p '{ 1.2.3.4 }'"
	assert_status 0
	[ "$output" = "$(expect 'set p {' $'\t\ttype ipv4_addr\n\t\telements = { 1.2.3.4 }')" ]
	ns "$LOAD && nftc -c get element ip t p '{ 1.2.3.5 }'"
	assert_status 1
	assert_contains "Error: Could not process rule: No such file or directory"
}

@test "get element in a file: asked before the batch; a refused one applies nothing" {
	ns "$LOAD && printf 'add element ip t p { 9.9.9.9 }\nget element ip t p { 1.2.3.4 }\n' >\$T/a.nft &&
	    nftc -f \$T/a.nft && nftc list set ip t p"
	assert_status 0
	[ "$(grep -c 'elements' <<<"$output")" = 2 ]
	assert_line_in "		elements = { 1.2.3.4 }"
	assert_contains "9.9.9.9"
	# the get does not see what the batch adds, and its failure sends nothing
	ns_split "$LOAD && printf 'add element ip t p { 9.9.9.8 }\nget element ip t p { 9.9.9.8 }\n' >\$T/b.nft &&
	    { nftc -f \$T/b.nft; echo rc=\$?; nftc list set ip t p; }"
	assert_line_in "rc=1"
	refute_contains "9.9.9.8"
	[ "$(sed -n 1p <<<"$stderr")" = "$T/b.nft:2:1-31: Error: Could not process rule: No such file or directory" ]
	[ "$(sed -n 3p <<<"$stderr")" = "^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^" ]
}
