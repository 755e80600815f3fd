#!/usr/bin/env bats
# Listings are snapshots: under a writer committing in a loop every `list ruleset`
# shows one generation of the ruleset (lib/snapshot_check.py says what one generation
# looks like) or fails with a clear error, never exits 0 with a mix; and a set listed
# while the kernel is still resizing its hash table shows each element once.
load helpers

SETN=20
RULEN=10

# gen_files DIR: 100 generations of the ruleset, as files the writer loads in turn
gen_files() {
	python3 - "$1" "$SETN" "$RULEN" <<-'PY'
	import sys
	d, setn, rulen = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
	for g in range(1, 101):
	    elems = ", ".join("10.%d.%d.%d" % (g, k // 250, k % 250 + 1) for k in range(setn))
	    rules = "\n".join("\t\tip saddr 10.%d.%d.%d accept" % (g, 200 + k // 250, k % 250 + 1)
	                      for k in range(rulen))
	    with open("%s/gen%d.nft" % (d, g), "w") as f:
	        f.write("flush ruleset\ntable ip race {\n\tset s {\n\t\ttype ipv4_addr\n"
	                "\t\telements = { %s }\n\t}\n\tchain c {\n%s\n\t}\n}\n" % (elems, rules))
	PY
}

# race WANT LISTER...: a writer loads generation after generation while LISTER lists
# the ruleset in a loop, until WANT listings succeeded (90 s at most: a loaded machine
# is slower, not wrong); prints the checker's verdict on every listing and how many
# commits landed while listing.
race() {
	local want=$1
	shift
	mkdir -p "$T/gen" "$T/out"
	gen_files "$T/gen"
	printf '%q ' "$@" >"$T/lister"
	ns '
	nftc -f "$T/gen/gen1.nft" || exit 9
	(
		g=1
		while [ ! -e "$T/stop" ]; do
			g=$((g % 100 + 1))
			nftc -f "$T/gen/gen$g.nft" || echo "writer failed" >"$T/writer-failed"
			echo >>"$T/commits"
		done
	) &
	writer=$!
	n=0 refused=0 good=0
	end=$((SECONDS + 90))
	while [ $good -lt '"$want"' ] && [ $SECONDS -lt $end ]; do
		n=$((n + 1))
		if eval "$(cat "$T/lister")" list ruleset >"$T/out/$n" 2>"$T/err"; then
			good=$((good + 1))
		else
			refused=$((refused + 1))
			grep -q "the ruleset changed .* times while it was being listed" "$T/err" ||
				{ echo "listing $n failed:"; cat "$T/err"; }
			rm -f "$T/out/$n"
		fi
	done
	touch "$T/stop"
	wait $writer
	[ -e "$T/writer-failed" ] && echo "the writer failed"
	echo "listings: $n, refused as changing: $refused, commits: $(wc -l <"$T/commits")"
	python3 "$REPO/tests/bats/lib/snapshot_check.py" '"$SETN $RULEN"' "$T"/out/*'
	echo "$output"
	assert_status 0
	refute_contains "failed"
	assert_contains "inconsistent 0"
	# the writer went on committing while the listings ran (else nothing was raced)
	commits=$(sed -n "s/.*, commits: \([0-9]*\)$/\1/p" <<<"$output")
	[ "$commits" -ge "$want" ] || { echo "only $commits commits"; false; }
}

@test "list ruleset under a writer committing in a loop: one generation each time" {
	race 10 nftc
	assert_contains "consistent 10, inconsistent 0"
}

@test "the same when every dump of the listing is slow: commits land between its dumps" {
	command -v strace >/dev/null || skip "strace is not installed"
	# LeakSanitizer cannot run under ptrace: the sanitizer build checks leaks elsewhere
	[ -z "${NFTC_SANITIZED:-}" ] || export ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0"
	# each netlink request of the listing waits 10 ms (as in a large ruleset), so the
	# writer commits between them: without the generation check every one mixed
	race 5 strace -f -qq -o /dev/null -e trace=sendmsg \
		-e inject=sendmsg:delay_enter=10000:when=2..9 nftc
	assert_contains "consistent 5, inconsistent 0"
}

@test "a set listed right after a large load shows every element once" {
	# the kernel resizes a large hash set after the load; a dump walking it meanwhile
	# repeats elements (and misses others): 30 000 of 200 000 here
	python3 -c "
print('table ip t {\n\tset s {\n\t\ttype ipv4_addr\n\t\telements = {')
print(',\n'.join('\t\t\t10.%d.%d.%d' % (i >> 16, (i >> 8) & 255, i & 255) for i in range(200000)))
print('\t\t}\n\t}\n}')" >"$T/big.nft"
	ns 'nftc -f "$T/big.nft" && nftc list ruleset >"$T/list" && echo listed'
	assert_status 0
	assert_line_in "listed"
	all=$(grep -oE '10\.[0-9]+\.[0-9]+\.[0-9]+' "$T/list" | wc -l)
	distinct=$(grep -oE '10\.[0-9]+\.[0-9]+\.[0-9]+' "$T/list" | sort -u | wc -l)
	[ "$all" = 200000 ] && [ "$distinct" = 200000 ] ||
		{ echo "$all addresses listed, $distinct distinct"; false; }
}
