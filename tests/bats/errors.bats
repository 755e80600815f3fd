#!/usr/bin/env bats
# Errors: exit codes, `file:line:col` messages with a caret, and atomicity (after an
# error nothing of the input is applied).
load helpers

@test "atomicity: a file whose last rule jumps to a missing chain applies nothing" {
	ns_split 'nftc -f "$FIX/nat.nft" || exit 9
	          cd "$FIX" && nftc -f atomic-bad.nft; rc=$?
	          echo "rc=$rc"; nftc list ruleset'
	[ "$status" = 0 ]
	assert_line_in "rc=1"
	# the ruleset is the one before the failed file, untouched
	refute_contains "atomic"
	assert_line_in "table ip nat {"
	# the error names the file, the line of the jump, and shows it with a caret
	[[ $stderr == *"atomic-bad.nft:7:"* ]] || { echo "stderr: $stderr"; false; }
	[[ $stderr == *"jump nowhere"* ]] || { echo "stderr: $stderr"; false; }
	[[ $stderr == *"^"* ]] || { echo "stderr: $stderr"; false; }
}

@test "a syntax error: exit 1, file:line:col with a caret, nothing applied" {
	ns_split 'cd "$FIX" && nftc -f syntax-bad.nft; echo "rc=$?"; nftc list ruleset'
	assert_line_in "rc=1"
	refute_contains "table"
	[[ $stderr =~ syntax-bad\.nft:5:[0-9]+ ]] || { echo "stderr: $stderr"; false; }
	[[ $stderr == *"Error:"* ]] || { echo "stderr: $stderr"; false; }
	[[ $stderr == *"acept"* ]] || { echo "stderr: $stderr"; false; }
	[[ $stderr == *"^"* ]] || { echo "stderr: $stderr"; false; }
}

@test "a syntax error on the command line: exit 1, nothing applied" {
	ns_split 'nftc add table ip t; nftc add chain ip t c; nftc add rule ip t c tcp dport 22 acept; echo "rc=$?"; nftc list ruleset'
	assert_line_in "rc=1"
	assert_line_in "table ip t {"
	refute_contains "dport"
	[[ $stderr == *"Error:"* ]] || { echo "stderr: $stderr"; false; }
	[[ $stderr == *"^"* ]] || { echo "stderr: $stderr"; false; }
}

@test "an error in one command of a file applies none of the others" {
	printf 'add table ip a\nadd chain ip a c\nadd rule ip a c tcp dport 22 accept\nadd rule ip a nochain accept\n' >"$T/multi.nft"
	ns_split 'nftc -f "$T/multi.nft"; echo "rc=$?"; nftc list ruleset'
	assert_line_in "rc=1"
	refute_contains "table ip a"
	[[ $stderr == *"multi.nft:4:"* ]] || { echo "stderr: $stderr"; false; }
}

@test "-c checks a file and applies nothing" {
	ns 'nftc -c -f "$FIX/basic.nft"; echo "rc=$?"; nftc list ruleset'
	assert_line_in "rc=0"
	refute_contains "table"
}

@test "-c on a file with a syntax error exits 1" {
	ns 'cd "$FIX" && nftc -c -f syntax-bad.nft'
	assert_status 1
	assert_contains "syntax-bad.nft:5:"
}

@test "exit codes: 0 on success, 1 on errors" {
	ns 'nftc add table ip t'
	assert_status 0
	ns 'nftc -f /nonexistent/file.nft'
	assert_status 1
	ns 'nftc delete table ip nosuchtable'
	assert_status 1
	ns 'nftc list table ip nosuchtable'
	assert_status 1
	ns 'nftc add rule ip nosuchtable c accept'
	assert_status 1
	ns 'nftc this is not a command'
	assert_status 1
}

@test "an unknown option exits 1 with a message" {
	ns 'nftc --no-such-option list ruleset'
	assert_status 1
	[ -n "$output" ]
}

@test "-j list ruleset of an empty ruleset is a document holding only the metainfo" {
	ns 'nftc -j list ruleset'
	[ "$status" = 0 ]
	[ "$output" = '{"nftables": [{"metainfo": {"version": "1.1.4", "release_name": "nftc 0.1.0", "json_schema_version": 1}}]}' ]
}

@test "deleting a missing table: error names it and what the kernel said" {
	both '$NFT delete table ip nosuchtable'
	[ "$rc_nftc" = 1 ]
	output=$out_nftc
	assert_contains "Error:"
	assert_contains "No such file or directory"
}

@test "create table on an existing table: exit 1, File exists" {
	both '$NFT add table ip t && $NFT create table ip t'
	[ "$rc_nftc" = 1 ]
	output=$out_nftc
	assert_contains "Error:"
	assert_contains "File exists"
}

@test "a kernel error in the middle of a file names that line" {
	printf 'table ip m {\n\tchain c {\n\t\ttcp dport 22 accept\n\t}\n}\nadd rule ip m c accept\nadd rule ip m nochain accept\nadd rule ip m c drop\n' >"$T/middle.nft"
	ns_split 'nftc -f "$T/middle.nft"; echo "rc=$?"; nftc list ruleset'
	assert_line_in "rc=1"
	refute_contains "table ip m"
	[[ $stderr == *"middle.nft:7:"* ]] || { echo "stderr: $stderr"; false; }
	[[ $stderr != *"middle.nft:6:"* && $stderr != *"middle.nft:8:"* ]] || { echo "stderr: $stderr"; false; }
}

@test "-c as root lets the kernel check the batch: a jump to a missing chain fails, nothing applied" {
	ns 'cd "$FIX" && nftc -c -f atomic-bad.nft; echo "rc=$?"; nftc list ruleset'
	assert_line_in "rc=1"
	assert_contains "atomic-bad.nft:7:"
	refute_contains "table inet atomic"
}

@test "a kernel error's caret underlines what nft underlines (the missing chain's name)" {
	both 'cd "$FIX" && $NFT -f atomic-bad.nft'
	assert_same
	assert_line_in "		     ^^^^^^^"
}

@test "chain block rules: a syntax error comes first, then evaluation errors of the other rules, as nft does" {
	printf 'table ip t {\n\tchain c {\n\t\ttype filter hook input priority 0;\n\t\tip saddr @nosuchset drop\n\t\ttcp dport 22 counter accept\n\t\tip daddr 1.2.3.4 tcp dprt 22 accept\n\t}\n}\n' >"$T/late-syntax.nft"
	both 'cd "$T" && $NFT -f late-syntax.nft; echo "rc=$?"; $NFT list ruleset'
	assert_same
	assert_line_in "rc=1"
	[[ $output == *"late-syntax.nft:6:24-27: Error: syntax error"*"late-syntax.nft:4:12-21: Error: No such file"* ]] || { echo "$output"; false; }
	refute_contains "table ip t"
}

@test "chain block rules: syntax errors inside and after the block come in input order" {
	printf 'table ip t {\n\tchain c {\n\t\ttcp dport 22 acept\n\t\tip daddr 1.2.3.4 tcp dprt 22 accept\n\t}\n}\nadd rule ip t c bogus\n' >"$T/order.nft"
	both 'cd "$T" && $NFT -c -f order.nft'
	assert_same
	[ "$rc_nftc" = 1 ]
	assert_contains "order.nft:3:"
	assert_contains "order.nft:4:"
	assert_contains "order.nft:7:"
}

@test "an unterminated block: the end-of-file error shows the file's last line, as nft does" {
	printf 'table ip t {\n\tchain c {\n\t\tip saddr 1.2.3.4 drop\n' >"$T/eof.nft"
	both 'cd "$T" && $NFT -c -f eof.nft'
	assert_same
	assert_line_in "		ip saddr 1.2.3.4 drop"
}

@test "an element list left open at the end of the input is a syntax error, and nothing is applied" {
	printf 'add table ip t\nadd set ip t s { type ipv4_addr; }\nadd element ip t s { 1.2.3.4, 5.6.7.8\n' >"$T/open.nft"
	ns 'nftc -f $T/open.nft; echo "rc=$?"; nftc list ruleset | wc -l'
	assert_line_in "rc=1"
	assert_contains "open.nft:4:1-1: Error: syntax error, unexpected end of file"
	assert_line_in "0"
}

@test "-c lists too: a table the checked file adds and deletes cannot be listed (exit 1)" {
	printf '%s\n' 'table inet p' 'list table inet p' 'delete table inet p' >"$BATS_TEST_TMPDIR/l.nft"
	ns "nftc -c -f $BATS_TEST_TMPDIR/l.nft"
	assert_status 1
	assert_contains "l.nft:2:"
	assert_contains "No such file or directory"
	ns "nftc add table t && nftc -c list ruleset"
	assert_status 0
	[ "$output" = $'table ip t {\n}' ]
}

@test "a regular chain with devices is refused, under -c too" {
	printf '%s\n' 'table netdev f {' '	chain c {' '		devices = { lo }' '	}' '}' >"$BATS_TEST_TMPDIR/d.nft"
	ns "nftc -c -f $BATS_TEST_TMPDIR/d.nft"
	assert_status 1
	assert_contains "d.nft:2:8-8: Error: This chain has devices but no hook"
}

@test "a block item needs its newline or semicolon before the closing brace, as nft wants it" {
	# each refused by nft 1.1.4 with the same first error; the last two are accepted
	for t in 'table t { chain a { accept } ; }' 'table t { chain a { } chain b { } ; }' \
		'table t { set s { type ipv4_addr } ; }' 'table t { flags dormant }' \
		'table t { ct helper h { type "ftp" protocol tcp } ; }' \
		'table t { map m { type ipv4_addr : mark; elements = { 1.1.1.1 : 1 } } }'; do
		ns "echo '$t' | nftc -c -f -"
		assert_status 1
		assert_contains "Error: syntax error, unexpected"
	done
	ns "echo 'table t { set s { type ipv4_addr; elements = { 1.1.1.1 } }; counter c { packets 1 bytes 2 }; }' | nftc -c -f -"
	assert_status 0
}
