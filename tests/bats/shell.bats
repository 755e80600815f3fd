#!/usr/bin/env bats
# The interactive shell (nftc -i) driven through tmux as a person would type: commands,
# an error it survives, a multi-line block, Tab completion, history across sessions.
load helpers

setup() {
	common_setup
	command -v tmux >/dev/null || skip "tmux is not installed"
	SOCK= NSOCK=0
	export TERM=xterm
}

teardown() {
	[ -z "$SOCK" ] || tmux -S "$SOCK" kill-server 2>/dev/null || true
	common_teardown
}

# start: a new shell session in a fresh network namespace, history in $T/history.
# Each session gets its own tmux server: a new one on a killed server's socket races
# with its shutdown.
start() {
	[ -z "$SOCK" ] || tmux -S "$SOCK" kill-server 2>/dev/null || true
	NSOCK=$((NSOCK + 1))
	SOCK=$T/tmux-$NSOCK
	tmux -S "$SOCK" new-session -d -x 160 -y 50 \
		"NFTC_HISTFILE=$T/history unshare -n $T/bin/nftc -i; echo SHELL-EXITED-\$?; sleep 30"
	wait_for 'nft>'
}

type_line() { tmux -S "$SOCK" send-keys -l "$1"; tmux -S "$SOCK" send-keys Enter; }

screen() { tmux -S "$SOCK" capture-pane -p -S -200 | sed 's/[[:space:]]*$//'; }

# wait_for TEXT: up to 10 s for TEXT to appear on the screen.
wait_for() { wait_grep -F "$1"; }
# wait_output TEXT: TEXT as a whole line of output (maybe indented), not what was typed.
wait_output() { wait_grep -E "^[[:space:]]*$1\$"; }

wait_grep() {
	local i
	for i in $(seq 1 100); do
		screen | grep -q "$1" -- "$2" && return 0
		sleep 0.1
	done
	echo "timed out waiting for: $2"
	echo "screen:"; screen
	return 1
}

@test "shell: a command runs and its output is shown" {
	start
	type_line 'add table inet shelltest'
	type_line 'list tables'
	wait_output 'table inet shelltest'
}

@test "shell: an error is reported and the shell goes on" {
	start
	type_line 'add rule inet nosuchtable c accept'
	wait_for 'Error:'
	type_line 'add table ip after_error'
	type_line 'list tables'
	wait_output 'table ip after_error'
	run screen
	refute_contains 'SHELL-EXITED'
}

@test "shell: a multi-line block is read until its braces balance" {
	start
	type_line 'table ip blk {'
	type_line 'chain c {'
	type_line 'tcp dport 22 accept'
	type_line '}'
	type_line '}'
	type_line 'list table ip blk'
	wait_output 'tcp dport 22 accept'
	wait_output 'table ip blk \{'
	wait_output 'chain c \{'
}

@test "shell: a line ending in a backslash continues on the next" {
	start
	type_line 'add table ip bs; add chain ip bs c; add rule ip bs c \'
	type_line 'udp dport 53 accept'
	type_line 'list chain ip bs c'
	wait_output 'udp dport 53 accept'
}

@test "shell: Tab completes keywords" {
	start
	tmux -S "$SOCK" send-keys -l 'lis'
	tmux -S "$SOCK" send-keys Tab
	tmux -S "$SOCK" send-keys -l 'rules'
	tmux -S "$SOCK" send-keys Tab
	wait_for 'nft> list ruleset'
	tmux -S "$SOCK" send-keys C-u
	tmux -S "$SOCK" send-keys -l 'add table in'
	tmux -S "$SOCK" send-keys Tab
	wait_for 'nft> add table inet'
}

@test "shell: Up recalls history, within a session and in the next one" {
	start
	type_line 'add table ip hist1'
	type_line 'list tables'
	wait_output 'table ip hist1'
	tmux -S "$SOCK" send-keys Up Up
	wait_for 'nft> add table ip hist1'
	tmux -S "$SOCK" send-keys C-u
	type_line 'quit'
	wait_for 'SHELL-EXITED-0'
	[ -s "$T/history" ]
	start
	tmux -S "$SOCK" send-keys Up
	# the recalled line is the last on the screen (the new session printed nothing)
	wait_grep -x 'nft> list tables'
	run screen
	[ "$(grep -v '^$' <<<"$output" | tail -n 1)" = "nft> list tables" ] || { echo "$output"; false; }
}

@test "shell: quit, exit and end of input leave with status 0" {
	start
	type_line 'exit'
	wait_for 'SHELL-EXITED-0'
	start
	tmux -S "$SOCK" send-keys C-d
	wait_for 'SHELL-EXITED-0'
}
