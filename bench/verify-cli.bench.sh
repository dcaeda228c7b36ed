#!/bin/sh
# verify-cli.bench.sh: `recourse verify` of one signed decision as a whole
# process (start-up, key and registry loading, verification, output), as a
# person or a script runs it: the median of 20 runs of wall time and of peak
# resident memory.  Peak memory comes from /usr/bin/time (Debian package
# "time"); wall time from the clock around each run.
#
#   verify-cli wall time: MS ms (target < 50)
#   verify-cli cpu time: MS ms (target < 25)
#   verify-cli peak memory: KIB KiB (target < 16384)
#
# CPU time (user and system) is less disturbed than wall time by other work
# on a busy machine.
#
# Run by `make bench` (bench/run.sh), which sets top_builddir.
set -u
: "${top_builddir:?}"
recourse=$top_builddir/recourse
mkfixtures=$top_builddir/tests/unit/mkfixtures
runs=20
if [ ! -x "$recourse" ] || [ ! -x "$mkfixtures" ]; then
	echo "# verify-cli: build recourse and tests/unit/mkfixtures first" >&2
	exit 1
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/recourse-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
"$mkfixtures" "$tmp" || exit 1
set -- verify --no-default-registries --at 2026-06-01T00:00:00Z \
    --root "$tmp/root.jwk" --registry "$tmp/registry-1.jws" \
    --keys "$tmp/keys.json" "$tmp/decision.jws"
if ! "$recourse" "$@" >/dev/null; then
	echo "# verify-cli: the benchmark document did not verify" >&2
	exit 1
fi

# median FILE: the middle value of the numbers in FILE, one a line.
median() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

havetime=0
[ -x /usr/bin/time ] && havetime=1
: > "$tmp/wall"
: > "$tmp/mem"
: > "$tmp/cpu"
i=0
while [ "$i" -lt "$runs" ]; do
	t0=$(date +%s%N)
	if [ "$havetime" = 1 ]; then
		/usr/bin/time -f '%M %U %S' -o "$tmp/one" "$recourse" "$@" >/dev/null
		awk '{ print $1 }' "$tmp/one" >> "$tmp/mem"
		awk '{ print ($2 + $3) * 1000 }' "$tmp/one" >> "$tmp/cpu"
	else
		"$recourse" "$@" >/dev/null
	fi
	t1=$(date +%s%N)
	echo $(( (t1 - t0) / 1000 )) >> "$tmp/wall"
	i=$((i + 1))
done
wall=$(median "$tmp/wall")
awk -v us="$wall" 'BEGIN { printf "verify-cli wall time: %.2f ms (target < 50)\n", us / 1000 }'
if [ "$havetime" = 1 ]; then
	echo "verify-cli cpu time: $(median "$tmp/cpu") ms (target < 25)"
	echo "verify-cli peak memory: $(median "$tmp/mem") KiB (target < 16384)"
else
	echo "# verify-cli peak memory: not measured (/usr/bin/time is missing: Debian package time)"
fi
