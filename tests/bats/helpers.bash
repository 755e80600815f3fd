# Shared by every tests/bats/*.bats file. Kernel tests never touch the host's ruleset:
# each `ns` call runs its script in a fresh, empty network namespace (unshare -n), so
# every test starts from an empty ruleset and leaves nothing behind.
#
#   ns 'SCRIPT'            run SCRIPT (bash) in a fresh namespace; `nftc` and `nft` are
#                          on PATH, $FIX is tests/bats/fixtures, $T a scratch directory
#   both 'SCRIPT'          run SCRIPT twice, with NFT=nftc and with NFT=nft (upstream
#                          1.1.4, the specification, from ../shared/nft-1.1.4 when it is
#                          there, else Debian's 1.0.6); sets $out_nftc/$out_nft, $rc_nftc/$rc_nft
#   as_nobody CMD...       run CMD as user nobody (offline -c tests)
#   assert_line_in TEXT    $output contains TEXT as a whole line
#   assert_contains TEXT   $output contains TEXT
#   assert_same            $out_nftc equals $out_nft (diff shown otherwise)

REPO=$(cd "$BATS_TEST_DIRNAME/../.." && pwd)
FIX=$REPO/tests/bats/fixtures
NFTC=${NFTC:-$REPO/src/nftc}
export REPO FIX NFTC

common_setup() {
	[ "$(id -u)" = 0 ] || skip "needs root: network namespaces (unshare -n) and a real kernel"
	[ -x "$NFTC" ] || { echo "src/nftc is not built" >&2; return 1; }
	unshare -n true 2>/dev/null || skip "cannot create network namespaces (unshare -n)"
	# nftc under its own name, next to nothing else, first on PATH
	T=$(mktemp -d /tmp/nftc-bats.XXXXXX)
	chmod 755 "$T"
	mkdir "$T/bin"
	cp "$NFTC" "$T/bin/nftc"
	# `nft` is upstream 1.1.4 where the shared material has it (scripts/common.sh
	# exports NFTC_SHARED): where 1.0.6 and 1.1.4 list differently, 1.1.4 is right
	local ref=${NFTC_SHARED:-$REPO/../shared}/nft-1.1.4 lib
	if [ -x "$ref/sbin/nft.bin" ]; then
		# its library links are stored as plain files: link them here
		mkdir "$T/nftlib"
		for lib in "$ref"/lib/libnftables.so.1.* "$ref"/lib/libnftnl.so.11.*; do
			ln -s "$lib" "$T/nftlib/$(basename "$lib" | sed -E 's/(\.so\.[0-9]+)\..*/\1/')"
		done
		printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$T/nftlib" "$ref/sbin/nft.bin" >"$T/bin/nft"
		chmod 755 "$T/bin/nft"
	fi
	chmod -R a+rX "$T"
	export T
	export PATH="$T/bin:/usr/sbin:/usr/bin:/sbin:/bin"
	export TZ=UTC LC_ALL=C
}

common_teardown() {
	[ -n "${T:-}" ] && [ -d "$T" ] && rm -rf "$T"
	return 0
}

setup() { common_setup; }
teardown() { common_teardown; }

# ns SCRIPT: bats `run`-style result in $status/$output (stdout and stderr together).
ns() {
	run unshare -n timeout 60 bash -c "$1"
}

# ns_split SCRIPT: like ns, but stderr goes to $stderr and stdout to $output.
ns_split() {
	local e=$T/stderr.$$
	run bash -c 'unshare -n timeout 60 bash -c "$1" 2>"$2"' _ "$1" "$e"
	stderr=$(cat "$e")
	rm -f "$e"
}

# both SCRIPT: the same commands through nftc and through nft.
both() {
	rc_nftc=0 rc_nft=0
	out_nftc=$(NFT=nftc unshare -n timeout 60 bash -c "$1" 2>&1) || rc_nftc=$?
	out_nft=$(NFT=nft unshare -n timeout 60 bash -c "$1" 2>&1) || rc_nft=$?
	output=$out_nftc
	status=$rc_nftc
}

assert_same() {
	if [ "$out_nftc" != "$out_nft" ]; then
		echo "nftc (exit $rc_nftc) and nft (exit $rc_nft) differ:"
		diff -u <(printf '%s\n' "$out_nft") <(printf '%s\n' "$out_nftc") | sed 's/^--- .*/--- nft/; s/^+++ .*/+++ nftc/'
		return 1
	fi
	[ "$rc_nftc" = "$rc_nft" ] || { echo "exit codes differ: nftc $rc_nftc, nft $rc_nft"; return 1; }
}

as_nobody() {
	setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"
}

assert_status() {
	[ "$status" = "$1" ] || { echo "expected exit $1, got $status; output:"; echo "$output"; return 1; }
}

assert_line_in() {
	local l
	while IFS= read -r l; do
		[ "$l" = "$1" ] && return 0
	done <<<"$output"
	echo "no line equal to: $1"
	echo "output was:"; echo "$output"
	return 1
}

assert_contains() {
	case $output in
	*"$1"*) return 0 ;;
	esac
	echo "output does not contain: $1"
	echo "output was:"; echo "$output"
	return 1
}

refute_contains() {
	case $output in
	*"$1"*) echo "output contains: $1"; echo "output was:"; echo "$output"; return 1 ;;
	esac
	return 0
}

# diff_file EXPECTED: $output equals the file's contents.
assert_output_file() {
	if [ "$output" != "$(cat "$1")" ]; then
		echo "output differs from $1:"
		diff -u "$1" <(printf '%s\n' "$output")
		return 1
	fi
}

# assert_same_unwrapped: $out_nftc and $out_nft equal once wrapped element lists are
# joined into one line: nft 1.1.4 lists a map's elements one to a line, Debian's 1.0.6
# two or five to a line by key type, as it does for sets.
assert_same_unwrapped() {
	assert_same_after unwrap_elems "element lists unwrapped"
}

# assert_same_after FILTER WHAT: $out_nftc and $out_nft equal once both went through FILTER.
assert_same_after() {
	local a b
	a=$("$1" <<<"$out_nft") b=$("$1" <<<"$out_nftc")
	if [ "$a" != "$b" ]; then
		echo "nftc and nft differ ($2):"
		diff -u <(printf '%s\n' "$a") <(printf '%s\n' "$b") | sed 's/^--- .*/--- nft/; s/^+++ .*/+++ nftc/'
		return 1
	fi
	[ "$rc_nftc" = "$rc_nft" ] || { echo "exit codes differ: nftc $rc_nftc, nft $rc_nft"; return 1; }
}

unwrap_elems() {
	awk '
		/^\t\t\t     / && held != "" { sub(/^\t\t\t     /, ""); held = held " " $0; next }
		held != "" { print held; held = "" }
		/,$/ { held = $0; next }
		{ print }
		END { if (held != "") print held }
	'
}

# The listing without what nft versions print differently for `list sets/maps/chains`:
# blank lines, set elements, and tables left empty.
norm_listing() {
	awk '
		/^[[:space:]]*$/ { next }
		skip { if ($0 ~ /}[[:space:]]*$/) skip = 0; next }
		/^[[:space:]]*elements = / { if ($0 !~ /}[[:space:]]*$/) skip = 1; next }
		/^table .*\{$/ { held = $0; next }
		held != "" && /^}$/ { held = ""; next }
		held != "" { print held; held = "" }
		{ print }
	'
}

# assert_same_listing: $out_nftc and $out_nft equal after norm_listing.
assert_same_listing() {
	assert_same_after norm_listing "blank lines, elements and empty tables ignored"
}

# JSON listings with the metainfo's release name blanked (nftc names itself there).
drop_release() {
	sed 's/"release_name": "[^"]*"/"release_name": ""/g'
}
