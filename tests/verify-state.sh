#!/bin/sh
# verify-state.sh: `recourse verify` keeps the last seen sequence of each
# registry in the person's store by default, so that an older registry,
# still unexpired, is refused in a later run; --state FILE keeps it
# elsewhere and --no-state not at all.
. "${top_srcdir:?}/tests/lib.sh"

# Fixtures of its own (tests/vectors/trust/README), not the cases' copy,
# which another test may be writing at the same time.
TV=$T_TMP/trust
mkfixtures=$top_builddir/tests/unit/mkfixtures
[ -x "$mkfixtures" ] || (cd "$top_builddir" && make tests/unit/mkfixtures) >/dev/null
mkdir -p "$TV"
"$mkfixtures" "$TV" >/dev/null || { not_ok "fixtures written"; finish; exit 1; }
HOME=$T_TMP/home; export HOME
XDG_CONFIG_HOME=$T_TMP/home/.config; export XDG_CONFIG_HOME
XDG_DATA_HOME=$T_TMP/home/.local/share; export XDG_DATA_HOME
mkdir -p "$HOME"

# run REGISTRY [OPTION...]: verify the decision with one registry.
run() {
	reg=$1; shift
	set +e
	"$RECOURSE" verify --no-default-registries --at 2026-06-01T00:00:00Z \
	    --root "$TV/root.jwk" --registry "$TV/$reg" --keys "$TV/keys.json" \
	    "$@" "$TV/decision.jws" > "$T_TMP/out" 2> "$T_TMP/err"
	rc=$?
	set -e
}

run registry-2.jws
check "sequence 2 is accepted in a first run (status 0)" [ "$rc" = 0 ]
check "... and kept in the store" \
    grep -q '"sequence":2' "$XDG_DATA_HOME/recourse/state/trust.json"
run registry-1.jws
check "sequence 1 in a later run is refused (status 1)" [ "$rc" = 1 ]
check "... with the rollback message" grep -q \
    'registry refused: the registry is older than one already seen' \
    "$T_TMP/err"
check "... and the decision is not trusted" \
    grep -q 'decision.jws: \[!\] valid but untrusted' "$T_TMP/out"

run registry-1.jws --no-state
check "--no-state accepts sequence 1 (status 0)" [ "$rc" = 0 ]
run registry-1.jws --state "$T_TMP/other.json"
check "--state FILE starts from its own state (status 0)" [ "$rc" = 0 ]
check "... and writes it there" grep -q '"sequence": 1' "$T_TMP/other.json"
check "... not in the store" \
    grep -q '"sequence":2' "$XDG_DATA_HOME/recourse/state/trust.json"

# data-dir in recourse.conf moves the store, and the state with it.
mkdir -p "$XDG_CONFIG_HOME/recourse"
printf 'data-dir = %s\n' "$T_TMP/elsewhere" > \
    "$XDG_CONFIG_HOME/recourse/recourse.conf"
run registry-1.jws
check "a store named by data-dir has its own state (status 0)" [ "$rc" = 0 ]
check "... kept there" test -f "$T_TMP/elsewhere/state/trust.json"
finish
