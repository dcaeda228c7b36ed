# lib.sh: helpers shared by the shell tests.  Source it; it sets -eu.
set -eu
: "${top_srcdir:?}" "${top_builddir:?}"
RECOURSE="$top_builddir/recourse"
RECOURSE_SERVICE="$top_builddir/recourse-service"
T_NAME=$(basename "$0" .sh)
T_FAILS=0
T_COUNT=0

# A private scratch folder, removed at exit.
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/recourse-test.XXXXXX")
trap 'rm -rf "$T_TMP"' EXIT
# A local store and a configuration folder of its own: `recourse verify`
# and the commands that reach services keep registry state there, never in
# the real home, and nothing of the person's own configuration comes in.
XDG_DATA_HOME=$T_TMP/xdg-data; export XDG_DATA_HOME
XDG_CONFIG_HOME=$T_TMP/xdg-config; export XDG_CONFIG_HOME
# No proxy from the environment may come between the tests and loopback.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY

ok() { T_COUNT=$((T_COUNT + 1)); printf 'ok %d - %s\n' "$T_COUNT" "$1"; }
not_ok() { T_COUNT=$((T_COUNT + 1)); T_FAILS=$((T_FAILS + 1)); printf 'not ok %d - %s\n' "$T_COUNT" "$1"; }

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	desc=$1; shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# contains HAYSTACK NEEDLE
contains() { case $1 in *"$2"*) return 0;; *) return 1;; esac; }

# finish: exit status from the count of failures.
finish() {
	printf '%d passed, %d failed\n' $((T_COUNT - T_FAILS)) "$T_FAILS"
	[ "$T_FAILS" -eq 0 ]
}
