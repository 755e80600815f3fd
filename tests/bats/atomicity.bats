#!/usr/bin/env bats
# Atomicity: a refused batch changes nothing, whatever kind of object it touched, and a
# load killed at any moment leaves the old ruleset or the new one, never a part.
load helpers

# The ruleset every test starts from: one of each kind of object this kernel has.
base_ruleset() {
	cat <<-'EOF'
	table inet base {
		counter cnt { packets 1 bytes 2 }
		quota q { over 10 mbytes }
		limit lim { rate 5/second }
		ct helper ftp { type "ftp" protocol tcp; }
		ct timeout tmo { protocol tcp; policy = { established: 100 }; }
		synproxy syn { mss 1460 wscale 7 }
		set s { type ipv4_addr; elements = { 10.0.0.1, 10.0.0.2 } }
		set iv { type ipv4_addr; flags interval; elements = { 10.1.0.0/16 } }
		map m { type inet_service : verdict; elements = { 22 : accept } }
		chain in {
			type filter hook input priority 0; policy accept;
			ip saddr @s counter name "cnt" accept
			tcp dport vmap @m
		}
		chain other {
			ip saddr @iv drop
		}
	}
	EOF
}

@test "a batch refused at its end changes nothing, for every kind of object it touched" {
	base_ruleset >"$T/base.nft"
	# each change is followed, in the same batch, by a rule the kernel refuses
	cat >"$T/changes" <<-'EOF'
	add table inet fresh
	delete table inet base
	flush table inet base
	add chain inet base new
	delete chain inet base other
	flush chain inet base in
	rename chain inet base other renamed
	add chain inet base in2 { type filter hook output priority 0; policy drop; }
	add rule inet base other ip daddr 10.9.9.9 drop
	insert rule inet base in position 0 accept
	delete rule inet base other handle 6
	add set inet base s2 { type ipv4_addr; }
	delete set inet base iv
	flush set inet base s
	add element inet base s { 10.0.0.3 }
	delete element inet base s { 10.0.0.1 }
	add element inet base iv { 10.2.0.0/16 }
	add map inet base m2 { type ipv4_addr : mark; }
	add element inet base m { 80 : drop }
	delete element inet base m { 22 }
	add counter inet base c2
	delete counter inet base cnt
	add quota inet base q2 { 5 mbytes }
	delete quota inet base q
	add limit inet base l2 { rate 1/minute }
	add ct helper inet base h2 { type "sip" protocol udp; }
	add ct timeout inet base t2 { protocol udp; policy = { unreplied: 5 }; }
	add synproxy inet base sp2 { mss 1400 }
	EOF
	ns '
	nftc -f "$T/base.nft" || exit 9
	nftc -a list ruleset >"$T/before"
	nft -a list ruleset >"$T/before.nft"
	n=0 bad=0
	while IFS= read -r change; do
		n=$((n + 1))
		printf "%s\nadd rule inet base in jump nowhere\n" "$change" >"$T/batch.nft"
		if nftc -f "$T/batch.nft" 2>"$T/err"; then
			echo "accepted: $change"; bad=$((bad + 1)); continue
		fi
		grep -q "batch.nft:2:" "$T/err" || { echo "not the jump refused: $change"; cat "$T/err"; }
		nftc -a list ruleset >"$T/after"
		nft -a list ruleset >"$T/after.nft"
		if ! cmp -s "$T/before" "$T/after" || ! cmp -s "$T/before.nft" "$T/after.nft"; then
			echo "changed by: $change"; diff "$T/before" "$T/after" | head -5
			bad=$((bad + 1))
		fi
	done <"$T/changes"
	echo "batches: $n, changed something: $bad"'
	assert_status 0
	assert_line_in "batches: 28, changed something: 0"
	refute_contains "accepted:"
	refute_contains "not the jump refused"
}

@test "a load killed at any moment leaves the old ruleset or the new one" {
	base_ruleset >"$T/base.nft"
	python3 -c "
print('flush ruleset')
print('table ip big {\n\tchain c {')
for i in range(20000): print('\t\tip saddr 10.%d.%d.%d accept' % (i >> 16, (i >> 8) & 255, i & 255))
print('\t}\n}')" >"$T/new.nft"
	ns '
	nftc -f "$T/base.nft" || exit 9
	nftc list ruleset >"$T/old.list"
	nftc -f "$T/new.nft" && nftc list ruleset >"$T/new.list" || exit 9
	# the time a whole load takes, then kills spread over it
	start=$(date +%s%N); nftc -f "$T/new.nft"; took=$(( ($(date +%s%N) - start) / 1000 ))
	old=0 new=0 other=0
	for k in $(seq 0 19); do
		nft flush ruleset; nftc -f "$T/base.nft"
		nftc -f "$T/new.nft" &
		pid=$!
		sleep "$(awk -v t="$took" -v k="$k" "BEGIN { printf \"%.6f\", t * k / 19 / 1e6 }")"
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		nftc list ruleset >"$T/now.list"
		if cmp -s "$T/now.list" "$T/old.list"; then old=$((old + 1))
		elif cmp -s "$T/now.list" "$T/new.list"; then new=$((new + 1))
		else other=$((other + 1)); echo "kill $k: a mix"; head -3 "$T/now.list"; fi
	done
	echo "old $old, new $new, mixed $other"'
	echo "$output"
	assert_status 0
	assert_contains "mixed 0"
}
