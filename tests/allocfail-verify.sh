#!/bin/sh
# allocfail-verify.sh: `recourse verify` on a signed decision with a pinned
# key, with the N-th allocation made to fail (RECOURSE_FAIL_ALLOC, built in
# debug and sanitizer builds: core/alloc.c) for N = 1, 2, ... until a run
# reaches no N-th allocation.  Every failing run must end without a crash
# (exit status below 128, no sanitizer report) and either
#   - with exit status 70 and "out of memory" on standard error, or
#   - when the failure was worked around (by OpenSSL filling a cache, or by
#     trying the document's other form), with the exit status and the whole
#     output of a run without failures: a failure never turns into another
#     verdict, nor into a check sentence cut short.
# The path makes a few hundred allocations.  To stay within the time of one
# test on a loaded machine, runs step through them S at a time, S chosen so
# that there are at most 120 runs (every allocation when there are fewer).
. "$top_srcdir/tests/lib.sh"

if ! grep -q '^#define RECOURSE_ALLOCFAIL 1' "$top_builddir/config.h"; then
	echo "not a debug or sanitizer build: no allocation-failure injection"
	exit 77
fi
mkfixtures=$top_builddir/tests/unit/mkfixtures
[ -x "$mkfixtures" ] || (cd "$top_builddir" && make tests/unit/mkfixtures) >/dev/null
"$mkfixtures" "$T_TMP" || { not_ok "fixtures written"; finish; exit 1; }

run() {
	"$RECOURSE" verify --no-default-registries --no-state \
	    --at 2026-06-01T00:00:00Z \
	    --trust "$T_TMP/bank.jwk" "$T_TMP/decision.jws" \
	    > "$T_TMP/out" 2> "$T_TMP/err"
}

set +e
RECOURSE_FAIL_ALLOC=1000000000 run
rc=$?
set -e
total=$(sed -n 's/.*RECOURSE_FAIL_ALLOC: not reached (\([0-9]*\) allocations).*/\1/p' "$T_TMP/err")
check "a run without failures is valid and trusted (exit $rc)" [ "$rc" = 0 ]
check "the allocations are counted (${total:-none})" [ -n "$total" ]
[ -n "$total" ] || { finish; exit 1; }
cp "$T_TMP/out" "$T_TMP/clean"
step=$(( (total + 119) / 120 ))
echo "# $total allocations, every ${step}th made to fail"

n=1 runs=0 nomem=0 around=0 bad=0
while :; do
	set +e
	RECOURSE_FAIL_ALLOC=$n run
	rc=$?
	set -e
	runs=$((runs + 1))
	if grep -q 'RECOURSE_FAIL_ALLOC: not reached' "$T_TMP/err"; then
		break
	fi
	why=
	if [ "$rc" -ge 128 ]; then
		why="killed by signal $((rc - 128))"
	elif grep -q 'Sanitizer' "$T_TMP/err"; then
		why="sanitizer report"
	elif [ "$rc" = 70 ]; then
		grep -q 'out of memory' "$T_TMP/err" || why="exit 70 without 'out of memory'"
		[ -n "$why" ] || nomem=$((nomem + 1))
	elif [ "$rc" = 0 ] && cmp -s "$T_TMP/out" "$T_TMP/clean"; then
		around=$((around + 1))
	else
		why="exit $rc, output: $(diff "$T_TMP/clean" "$T_TMP/out" | sed -n 2p)"
	fi
	if [ -n "$why" ]; then
		bad=$((bad + 1))
		echo "# allocation $n: $why" >&2
		sed 's/^/#   /' "$T_TMP/err" | head -5 >&2
	fi
	n=$((n + step))
	[ "$n" -le $((total + step)) ] || break
done
echo "# $runs runs: $nomem out of memory, $around worked around, $bad wrong"
check "every failing run ends in out of memory or the same output" [ "$bad" = 0 ]
check "most failing runs say out of memory" [ "$nomem" -gt "$around" ]
finish
