# Shared by scripts/try, scripts/check and scripts/conformance: find the repository,
# install what a fresh Debian 12 machine lacks, and build src/nftc. Sourced, not run.

NFTC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# The upstream material (../shared: rule vectors, shell suite, reference nft) sits beside
# the work tree; a clone made elsewhere (`git clone . /tmp/fresh`) finds it beside the
# repository it was cloned from.
nftc_shared_dir() {
	local origin
	if [ -d "$NFTC_ROOT/../shared" ]; then
		(cd "$NFTC_ROOT/../shared" && pwd)
		return
	fi
	origin=$(git -C "$NFTC_ROOT" remote get-url origin 2>/dev/null)
	if [ -n "$origin" ] && [ -d "$origin/../shared" ]; then
		(cd "$origin/../shared" && pwd)
		return
	fi
	echo "$NFTC_ROOT/../shared"    # missing: the steps that need it say so
}
export NFTC_SHARED=${NFTC_SHARED:-$(nftc_shared_dir)}
export NFTC_CONFORMANCE_DIR=${NFTC_CONFORMANCE_DIR:-$NFTC_SHARED/conformance}
export NFTC_SHELL_SUITE=${NFTC_SHELL_SUITE:-$NFTC_SHARED/shell-suite}

# Debian packages the build and the tests need. nftables provides /usr/sbin/nft, used
# only by the tests as a cross-check, never by nftc itself. bash-completion's
# pkg-config file tells configure where the completion goes (systemd's, where the unit
# goes, is used when systemd is installed; without it, PREFIX/lib/systemd/system).
NFTC_PACKAGES="build-essential autoconf automake flex bison libreadline-dev libjansson-dev pkg-config
bats iproute2 nftables python3 tmux util-linux linux-libc-dev netbase strace
bash-completion"

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Installs the missing packages with apt-get (one update, one install), as root only.
ensure_packages() {
	local missing="" p
	for p in $NFTC_PACKAGES; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" != 0 ]; then
		die "missing packages:$missing (run as root to install them with apt-get)"
	fi
	say "installing:$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q || die "apt-get update failed"
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing || die "apt-get install failed"
}

# Builds src/nftc. Reruns autoreconf and
# configure only when their outputs are missing or older than their inputs; make
# itself regenerates Makefile.in from Makefile.am and the local.mk fragments.
build_nftc() {
	(
		cd "$NFTC_ROOT" || exit 1
		if [ ! -x configure ] || [ configure.ac -nt configure ]; then
			say "autoreconf -fi"
			autoreconf -fi || exit 1
		fi
		if [ ! -f Makefile ] || [ configure -nt config.status ]; then
			say "./configure"
			./configure -q || exit 1
		fi
		say "make -j2"
		make -j2 || exit 1
	)
}

# Builds the unit test programs (check_PROGRAMS) without running them.
build_unit_tests() {
	(cd "$NFTC_ROOT" && say "make -j2 check TESTS=" && make -j2 check TESTS=)
}

# True when this process may create network namespaces (root, unshare works).
can_unshare() {
	[ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null
}

# Copies the source tree (no build products, no .git) to DIR, for builds with other
# flags (sanitizers, fuzzing) that must never disturb the in-tree build.
copy_tree() {
	mkdir -p "$1" || return 1
	(
		cd "$NFTC_ROOT" &&
		tar --exclude=.git --exclude=./build --exclude='*.o' --exclude='*.a' \
		    --exclude=autom4te.cache --exclude=.deps --exclude=config.status \
		    --exclude=config.log --exclude=./Makefile --exclude=./src/nftc \
		    --exclude=./tests/fuzz/corpus -cf - .
	) | (cd "$1" && tar xf -)
}

# Configures and builds the copy in DIR with CFLAGS ($2) and $CC (default cc),
# reconfiguring when they changed; then `make TARGETS...` ($3...). Logs in DIR/../*.log.
build_copy() {
	local dir=$1 flags=$2 logs
	shift 2
	logs=$(dirname "$dir")
	(
		cd "$dir" || exit 1
		if [ ! -x configure ] || [ configure.ac -nt configure ]; then
			autoreconf -fi >"$logs/autoreconf.log" 2>&1 || { cat "$logs/autoreconf.log"; exit 1; }
		fi
		if [ ! -f Makefile ] || [ configure -nt Makefile ] ||
		   [ "$(cat "$logs/cflags" 2>/dev/null)" != "${CC:-cc} $flags" ]; then
			./configure -q CC="${CC:-cc}" CFLAGS="$flags" >"$logs/configure.log" 2>&1 ||
				{ cat "$logs/configure.log"; exit 1; }
			make clean >/dev/null 2>&1
			echo "${CC:-cc} $flags" >"$logs/cflags"
		fi
		make -j2 "$@" >"$logs/make.log" 2>&1 || { tail -40 "$logs/make.log"; exit 1; }
	)
}
