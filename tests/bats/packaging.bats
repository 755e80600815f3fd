#!/usr/bin/env bats
# What `make install` puts on a machine (issue 12): nftc in sbindir, the systemd unit
# that loads nftc.conf at boot, the default nftc.conf (never replacing one that
# exists), the bash completion, and with --enable-nft-name nftc under nft's name.
# Everything is installed into a DESTDIR under /tmp; the unit's commands run in a
# network namespace; the completion is called as bash calls it (COMP_WORDS,
# COMP_CWORD → COMPREPLY), with names from a real ruleset inside `unshare -n`.

load helpers

COMPLETION=$REPO/packaging/nftc.bash

# installs the built tree into $T/root; sets the directories configure chose
install_tree() {
	make -s -C "$REPO" install DESTDIR="$T/root" >"$T/install.log" 2>&1 ||
		{ cat "$T/install.log"; return 1; }
	sbindir=$(sed -n 's/^sbindir = //p' "$REPO/Makefile")
	prefix=$(sed -n 's/^prefix = //p' "$REPO/Makefile")
	sbindir=${sbindir//\$\{exec_prefix\}/$prefix}
	sysconfdir=$(sed -n 's/^sysconfdir = //p' "$REPO/Makefile")
	sysconfdir=${sysconfdir//\$\{prefix\}/$prefix}
}

# complete WORD... : the completion of the last word (the one under the cursor), one
# reply per line, sorted; run in the current namespace
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _nftc
		printf "%s\n" "${COMPREPLY[@]}" | sort' _ "$COMPLETION" "$@"
}

@test "make install puts nftc in sbindir, the unit, nftc.conf and the completion where configure says" {
	install_tree
	[ -x "$T/root$sbindir/nftc" ]
	"$T/root$sbindir/nftc" --version | grep -q '^nftables v'
	# the directories pkg-config names, else configure's defaults under the prefix
	unitdir=$(pkg-config --variable=systemdsystemunitdir systemd) || unitdir=$prefix/lib/systemd/system
	compdir=$(pkg-config --variable=completionsdir bash-completion) ||
		compdir=$prefix/share/bash-completion/completions
	[ -f "$T/root$unitdir/nftc.service" ]
	[ -f "$T/root$compdir/nftc" ]
	[ -f "$T/root$sysconfdir/nftc.conf" ]
	[ -f "$T/root$prefix/share/man/man8/nftc.8" ]
	# without --enable-nft-name there is no nft
	[ ! -e "$T/root$sbindir/nft" ] && [ ! -e "$T/root$prefix/share/man/man8/nft.8" ]
	[ ! -e "$T/root$compdir/nft" ]
	grep -q '^complete -F _nftc nftc$' "$T/root$compdir/nftc"
}

@test "the unit is a oneshot that loads nftc.conf early, reloads in one batch and flushes on stop" {
	install_tree
	unit=$(find "$T/root" -name nftc.service)
	[ -f "$unit" ]
	run grep -vE '^[[:space:]]*(#|$)' "$unit"
	assert_line_in "Type=oneshot"
	assert_line_in "RemainAfterExit=yes"
	assert_line_in "DefaultDependencies=no"
	assert_line_in "Wants=network-pre.target"
	assert_line_in "Before=network-pre.target shutdown.target"
	assert_line_in "Conflicts=shutdown.target"
	assert_line_in "WantedBy=sysinit.target"
	assert_line_in "ProtectSystem=full"
	assert_line_in "ExecStart=$sbindir/nftc -f $sysconfdir/nftc.conf"
	assert_line_in "ExecStop=$sbindir/nftc flush ruleset"
	grep -q "^ExecReload=$sbindir/nftc " "$unit"
	# nothing left unsubstituted
	! grep -q '@[a-z]*@' "$unit"
	# systemd's own reading of it, where systemd is installed: no warning at all
	# (verify loads the file and checks that the commands exist; nothing is started)
	if command -v systemd-analyze >/dev/null; then
		sed "s|$sbindir/|$T/root$sbindir/|g" "$unit" >"$T/nftc.service"
		run timeout 60 systemd-analyze verify --man=no "$T/nftc.service"
		[ "$status" -eq 0 ] && [ -z "$output" ] || { echo "$output"; return 1; }
	fi

	# the three commands, as systemd would run them, against the installed files:
	# start loads the default ruleset, reload replaces an edited one whole, and a
	# reload of a broken file keeps the ruleset; stop leaves it empty
	for k in ExecStart ExecReload ExecStop; do
		sed -n "s|^$k=||p" "$unit" | sed "s|$sbindir/|$T/root$sbindir/|; s|$sysconfdir/|$T/root$sysconfdir/|g" >"$T/$k"
	done
	conf=$T/root$sysconfdir/nftc.conf
	ns 'eval "$(cat $T/ExecStart)" || exit 1
	    nftc list ruleset >$T/started
	    nftc add table ip stale
	    printf "flush ruleset\ntable ip edited { chain c { }; }\n" >'"$conf"'
	    eval "$(cat $T/ExecReload)" || exit 2
	    nftc list tables >$T/reloaded
	    echo "table ip broken { chain c { bogus } }" >>'"$conf"'
	    eval "$(cat $T/ExecReload)" && exit 3
	    nftc list tables >$T/kept
	    eval "$(cat $T/ExecStop)" || exit 4
	    nftc list ruleset >$T/stopped'
	assert_status 0
	grep -q 'type filter hook input priority filter; policy accept;' "$T/started"
	[ "$(cat "$T/reloaded")" = "table ip edited" ]
	[ "$(cat "$T/kept")" = "table ip edited" ]
	[ ! -s "$T/stopped" ]
}

@test "the default nftc.conf loads, and make install never replaces an nftc.conf that exists" {
	install_tree
	conf=$T/root$sysconfdir/nftc.conf
	head -n 1 "$conf" | grep -qx "#!$sbindir/nftc -f"
	ns 'nftc -f '"$conf"' && nftc list chains'
	assert_status 0
	assert_line_in "table inet filter {"
	# an edited file survives a second install and an uninstall
	echo "table ip mine" >"$conf"
	make -s -C "$REPO" install DESTDIR="$T/root" >/dev/null 2>&1
	[ "$(cat "$conf")" = "table ip mine" ]
	make -s -C "$REPO" uninstall DESTDIR="$T/root" >/dev/null 2>&1
	[ "$(cat "$conf")" = "table ip mine" ]
	[ ! -e "$T/root$sbindir/nftc" ]
	# the default one goes with the rest
	rm "$conf"
	install_tree
	make -s -C "$REPO" uninstall DESTDIR="$T/root" >/dev/null 2>&1
	[ -z "$(find "$T/root" -type f)" ]
}

@test "--enable-nft-name installs nft as a link to nftc, with nft.8 and the completion; directories can be chosen" {
	# a clean copy of the tree (the worktree is configured already, so no VPATH build
	# can start from it), configured; the binary already built is installed as it is:
	# with no objects and no library to make, src/nftc (newer than its directory
	# stamp) is up to date, so nothing is compiled
	b=$T/build
	noremake="LIBRARIES= src_nftc_OBJECTS= src_nftc_DEPENDENCIES="
	(. "$REPO/scripts/common.sh" && copy_tree "$b")
	(cd "$b" && ./configure -C -q --prefix=/usr --sysconfdir=/etc --enable-nft-name \
		--with-systemdsystemunitdir=/opt/units --with-bashcompletiondir=/opt/compl) \
		>"$T/configure.log" 2>&1 || { cat "$T/configure.log"; return 1; }
	mkdir -p "$b/src" && touch -d '1 hour ago' "$b/src/.dirstamp" && cp "$NFTC" "$b/src/nftc"
	make -s -C "$b" $noremake install DESTDIR="$T/root" >"$T/install.log" 2>&1 ||
		{ cat "$T/install.log"; return 1; }
	[ -L "$T/root/usr/sbin/nft" ] && [ "$(readlink "$T/root/usr/sbin/nft")" = nftc ]
	[ "$("$T/root/usr/sbin/nft" --version)" = "$("$NFTC" --version)" ]
	[ "$(readlink "$T/root/usr/share/man/man8/nft.8")" = nftc.8 ]
	[ "$(readlink "$T/root/opt/compl/nft")" = nftc ]
	grep -q '^complete -F _nftc nftc nft$' "$T/root/opt/compl/nftc"
	grep -qx 'ExecStart=/usr/sbin/nftc -f /etc/nftc.conf' "$T/root/opt/units/nftc.service"
	[ -f "$T/root/etc/nftc.conf" ]
	# a second install replaces its own link; an nft that is no link is left alone
	make -s -C "$b" $noremake install-exec DESTDIR="$T/root" >/dev/null 2>&1
	rm "$T/root/usr/sbin/nft" && echo other >"$T/root/usr/sbin/nft"
	run make -s -C "$b" $noremake install-exec DESTDIR="$T/root"
	[ "$status" -ne 0 ]
	assert_contains "nft exists and is not a link: not replaced"
	[ "$(cat "$T/root/usr/sbin/nft")" = other ]
	# uninstall removes its own links only
	make -s -C "$b" $noremake uninstall DESTDIR="$T/root" >/dev/null 2>&1
	[ "$(cat "$T/root/usr/sbin/nft")" = other ]
	rm "$T/root/usr/sbin/nft"
	[ -z "$(find "$T/root" ! -type d)" ]
	# without the completion
	(cd "$b" && ./configure -C -q --with-bashcompletiondir=no) >/dev/null 2>&1
	make -s -C "$b" $noremake install DESTDIR="$T/root2" >/dev/null 2>&1
	[ -z "$(find "$T/root2" -path '*completion*' ! -type d)" ]
	[ -f "$T/root2/usr/local/sbin/nftc" ]
}

@test "completion: the options are those of nftc --help, and each is accepted" {
	run complete_words nftc -
	assert_status 0
	offered=$output
	# every option --help shows is offered
	for o in $("$NFTC" --help | grep -oE '(^|[ ,])--?[a-zA-Z][a-z-]*' | tr -d ' ,'); do
		grep -qx -- "$o" <<<"$offered" || { echo "not offered: $o"; return 1; }
	done
	# and each offered long option is known to nftc's parser
	for o in $(grep -- '^--' <<<"$offered"); do
		run unshare -n "$NFTC" "$o" x   # a syntax error at most: nothing is sent
		refute_contains "unrecognized option"
	done
	run complete_words nftc --nu
	[ "$output" = "$(printf '%s\n' --numeric --numeric-priority --numeric-protocol --numeric-time)" ]
}

@test "completion: commands, kinds, families, option values" {
	run complete_words nftc ''
	[ "$output" = "$(printf '%s\n' add create delete destroy flush get insert list rename replace reset | sort)" ]
	run complete_words nftc -a -n l
	[ "$output" = list ]
	run complete_words nftc list ch
	[ "$output" = "$(printf '%s\n' chain chains)" ]
	run complete_words nftc flush ''
	[ "$output" = "$(printf '%s\n' chain map ruleset set table)" ]
	run complete_words nftc list ruleset ''
	[ "$output" = "$(printf '%s\n' arp bridge inet ip ip6 netdev)" ]
	run complete_words nftc add ct ''
	[ "$output" = "$(printf '%s\n' expectation helper timeout)" ]
	run complete_words nftc -d net
	[ "$output" = netlink ]
	run complete_words nftc -d eval,pa
	[ "$output" = eval,parser ]
	mkdir "$T/files" && touch "$T/files/rules.nft" "$T/files/other"
	run complete_words nftc -f "$T/files/ru"
	[ "$output" = "$T/files/rules.nft" ]
	run complete_words nftc -I "$T/fi"
	[ "$output" = "$T/files" ]
	# -f and -i take no commands
	run complete_words nftc -f x ''
	[ -z "$output" ]
	run complete_words nftc -i ''
	[ -z "$output" ]
}

@test "completion: table, chain, set and map names come from the kernel's ruleset" {
	ns '. '"$COMPLETION"'
	    c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _nftc; echo "$*:" $(printf "%s\n" "${COMPREPLY[@]}" | sort); }
	    nftc -f - <<-EOF || exit 1
		table inet filter {
			set allowed { type ipv4_addr; elements = { 10.0.0.1 } }
			map ports { type inet_service : verdict; }
			chain input { type filter hook input priority 0; tcp dport 22 accept; udp dport 53 accept; }
			chain forward { }
			chain "weird/name" { }
		}
		table ip nat { chain post { }; }
		table ip6 six { }
	EOF
	    c nftc list table ""
	    c nftc list table inet ""
	    c nftc list table ip6 ""
	    c nftc list chain inet filter ""
	    c nftc -a list chain inet filter i
	    c nftc -I /tmp add rule ip nat ""
	    c nftc list set inet filter ""
	    c nftc list map inet filter ""
	    c nftc add element inet filter ""
	    c nftc flush chain nat ""
	    c nftc list chain inet nosuch ""
	    c nftc delete rule inet filter input ""
	    c nftc insert rule inet filter input ""
	    c nftc delete rule inet filter input handle ""
	    c nftc replace rule inet filter input handle ""
	    echo "handles:" $(nftc -a list chain inet filter input | sed -n "s/.*accept # handle //p")
	    c nftc delete rule inet filter input handle 2 ""'
	assert_status 0
	assert_line_in "nftc list table : arp bridge inet ip ip6 nat netdev"
	assert_line_in "nftc list table inet : filter"
	assert_line_in "nftc list table ip6 : six"
	assert_line_in "nftc list chain inet filter : forward input weird/name"
	assert_line_in "nftc -a list chain inet filter i: input"
	assert_line_in "nftc -I /tmp add rule ip nat : post"
	assert_line_in "nftc list set inet filter : allowed"
	assert_line_in "nftc list map inet filter : ports"
	assert_line_in "nftc add element inet filter : allowed ports"
	assert_line_in "nftc flush chain nat : post"
	assert_line_in "nftc list chain inet nosuch :"
	assert_line_in "nftc delete rule inet filter input : handle"
	assert_line_in "nftc insert rule inet filter input : index position"
	handles=$(sed -n 's/^handles: //p' <<<"$output")
	[ "$(wc -w <<<"$handles")" -eq 2 ]
	assert_line_in "nftc delete rule inet filter input handle : $handles"
	assert_line_in "nftc replace rule inet filter input handle : $handles"
	assert_line_in "nftc delete rule inet filter input handle 2 :"
}

@test "completion: without privileges there are no names, and no wait" {
	chmod 755 "$T"
	start=$(date +%s%N)
	run as_nobody env PATH="$T/bin:$PATH" bash -c '. "$1"; COMP_WORDS=(nftc list chain inet filter ""); COMP_CWORD=5; _nftc; echo "[${COMPREPLY[*]}]"' _ "$COMPLETION"
	end=$(date +%s%N)
	assert_status 0
	[ "$output" = "[]" ]
	[ $(((end - start) / 1000000)) -lt 1500 ]
}
