#!/bin/sh
# Regenerates the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<name>/).
#  text: the rules of the conformance .t files, as small command files
#        (table + chains + sets + a few rules each) for the parse and eval harnesses;
#  netlink: the same rules loaded with nft(8) into a throw-away network namespace
#        (unshare -n, never the host) and dumped by tests/fuzz/capture, one
#        capture per .t file, for the rule/exprs/table/chain/set/elems/dump harnesses.
# usage: make_corpus.sh CAPTURE_BINARY [CONFORMANCE_PY_DIR]   (netlink part needs root)
# (scripts/fuzz builds CAPTURE_BINARY as /tmp/nftc-fuzz-build/bin/capture)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
capture=${1:?usage: make_corpus.sh CAPTURE_BINARY [PY_DIR]}
py=${2:-/work/shared/conformance/py}
out=$here/corpus
nft=${NFT:-/usr/sbin/nft}
work=$(mktemp -d /tmp/fuzz-corpus.XXXXXX)
trap 'rm -rf "$work"' EXIT

# One .t file â a list of nft commands: table, chains, sets, elements, rules.
t_to_cmds() {
	awk -v name="$2" '
	function fam_of(s) { split(s, f, ";"); return f[1] }
	/^:/ { sub(/^:/, ""); n = index($0, ";"); cname[++nc] = substr($0, 1, n - 1);
	       cspec[nc] = substr($0, n + 1); next }
	/^\*/ && !family { sub(/^\*/, ""); split($0, f, ";"); family = f[1]; table = f[2];
	       nchains = split(f[3], chains, ","); next }
	/^[!?%#*:]/ || /^$/ { if (/^[!?]/) sets[++ns] = $0; next }
	{ sub(/^- /, ""); n = split($0, f, ";"); if (f[2] == "ok") rules[++nr] = f[1] }
	END {
		if (!family) exit
		print "add table " family " " table
		for (i = 1; i <= nc; i++) for (j = 1; j <= nchains; j++) if (cname[i] == chains[j]) {
			spec = cspec[i]; print "add chain " family " " table " " cname[i] " { " spec "; }" }
		for (i = 1; i <= ns; i++) {
			s = sets[i]; kind = substr(s, 1, 1); s = substr(s, 2); sub(/;(ok|fail).*$/, "", s)
			sp = index(s, " "); sname = substr(s, 1, sp - 1); body = substr(s, sp + 1)
			if (kind == "!") { gsub(/ (flags|timeout|size|policy|gc-interval|counter) /, "; &", body)
				print "add " (body ~ / : / ? "map" : "set") " " family " " table " " sname " { " body "; }" }
			else print "add element " family " " table " " sname " { " body " }"
		}
		for (i = 1; i <= nr; i++) print "add rule " family " " table " " chains[1] " " rules[i]
	}' "$1"
}

mkdir -p "$out/parse" "$out/eval"
for t in "$py"/*/*.t; do
	base=$(basename "$(dirname "$t")")-$(basename "$t" .t)
	t_to_cmds "$t" "$base" > "$work/$base.cmds"
	[ -s "$work/$base.cmds" ] || continue
	# text seeds: the header (table/chain/set lines) + 6 rules per file
	grep -v '^add rule' "$work/$base.cmds" > "$work/$base.head" || true
	grep '^add rule' "$work/$base.cmds" | split -l 6 - "$work/$base.rules." || true
	for chunk in "$work/$base.rules."*; do
		[ -e "$chunk" ] || continue
		cat "$work/$base.head" "$chunk" > "$out/eval/$base-${chunk##*.}.nft"
		cat "$work/$base.head" "$chunk" > "$out/parse/$base-${chunk##*.}.nft"
	done
done
for g in "$here"/../golden/*.nft; do
	[ -e "$g" ] && cp "$g" "$out/parse/golden-$(basename "$g")" && cp "$g" "$out/eval/golden-$(basename "$g")"
done

if [ "$(id -u)" != 0 ]; then
	echo "make_corpus: not root, netlink corpora not captured" >&2
	exit 0
fi
for name in rule exprs table chain set elems dump; do
	rm -rf "${out:?}/$name"
done
for cmds in "$work"/*.cmds; do
	base=$(basename "$cmds" .cmds)
	unshare -n sh -c '
		while IFS= read -r line; do "$1" "$line" >/dev/null 2>&1 || true; done < "$2"
		"$3" "$4" "$5"' sh "$nft" "$cmds" "$capture" "$work/nl" "$base" >/dev/null
done
for name in rule exprs table chain set elems dump; do
	[ -d "$work/nl/$name" ] && mv "$work/nl/$name" "$out/$name"
done
# two NLMSG_ERROR replies with extended-ACK TLVs (capped and uncapped), for nl_msg_error
printf '\100\000\000\000\002\000\000\003\007\000\000\000\000\000\000\000\352\377\377\377\044\000\000\000\006\012\005\000\007\000\000\000\000\000\000\000\033\000\001\000\103\157\165\154\144\040\156\157\164\040\160\162\157\143\145\163\163\040\162\165\154\145\000\000\054\000\000\000\002\000\000\002\010\000\000\000\000\000\000\000\376\377\377\377\020\000\000\000\006\012\005\000\010\000\000\000\000\000\000\000\010\000\001\000\142\141\144\000' > "$out/dump/zz-nlmsgerr-ext-ack.bin"
# drop byte-identical seeds (the same rule in several tables, ...)
for d in "$out"/*/; do
	md5sum "$d"* | sort | awk 'seen[$1]++ { print $2 }' | xargs -r rm -f
done
echo "make_corpus: $(find "$out" -type f | wc -l) seed files in $out"
