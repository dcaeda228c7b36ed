#!/bin/sh
# verify-cli.bench.sh: `recourse verify` of one signed decision as a whole
# process (start-up, key and registry loading, verification, output), as a
# person or a script runs it (without the kept registry state, so that runs
# do not depend on each other): the median of 20 runs of wall time and of peak
# resident memory.  Peak memory comes from /usr/bin/time (Debian package
# "time"); wall time from the clock around each run.
#
#   verify-cli wall time: MS ms (target < 50)
#   verify-cli cpu time: MS ms (target < 25)
#   verify-cli peak memory: KIB KiB (target < 16384)
#
# For comparison, the same ES256 signature of the same file is then checked
# by two other command-line verifiers, in the same way and the same run:
#
#   jose-jws-ver wall time: MS ms (for comparison)
#   openssl-dgst wall time: MS ms (for comparison)
#
# `jose jws ver` (Debian package jose) checks the JWS against the same key
# set and nothing more; `openssl dgst -verify` checks the bare ECDSA
# signature over the JWS signing input, the floor for any verifier that
# starts OpenSSL in a new process.  `recourse verify` does more in its run:
# the signed registry and its root, the key's validity window, the service's
# standing, the document type, and the record's own checks.
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
set -- verify --no-state --no-default-registries --at 2026-06-01T00:00:00Z \
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

# measure NAME TARGET CMD...: run CMD $runs times; print the medians.
measure() {
	name=$1 target=$2
	shift 2
	: > "$tmp/wall"
	: > "$tmp/mem"
	: > "$tmp/cpu"
	i=0
	while [ "$i" -lt "$runs" ]; do
		t0=$(date +%s%N)
		if [ "$havetime" = 1 ]; then
			/usr/bin/time -f '%M %U %S' -o "$tmp/one" "$@" >/dev/null
			awk '{ print $1 }' "$tmp/one" >> "$tmp/mem"
			awk '{ print ($2 + $3) * 1000 }' "$tmp/one" >> "$tmp/cpu"
		else
			"$@" >/dev/null
		fi
		t1=$(date +%s%N)
		echo $(( (t1 - t0) / 1000 )) >> "$tmp/wall"
		i=$((i + 1))
	done
	wall=$(median "$tmp/wall")
	case $target in
	"") cmp="for comparison" mt="for comparison" ct="for comparison" ;;
	*) cmp="target < 50" ct="target < 25" mt="target < 16384" ;;
	esac
	awk -v n="$name" -v us="$wall" -v c="$cmp" \
	    'BEGIN { printf "%s wall time: %.2f ms (%s)\n", n, us / 1000, c }'
	if [ "$havetime" = 1 ]; then
		echo "$name cpu time: $(median "$tmp/cpu") ms ($ct)"
		echo "$name peak memory: $(median "$tmp/mem") KiB ($mt)"
	else
		echo "# $name peak memory: not measured (/usr/bin/time is missing: Debian package time)"
	fi
}

measure verify-cli yes "$recourse" "$@"

# The same signature for the other verifiers: the flattened JWS's fields,
# the signing input, and r||s as DER.
field() {
	sed -n 's/.*"'"$1"'":"\([^"]*\)".*/\1/p' "$tmp/decision.jws"
}
b64url_hex() {
	s=$(printf '%s' "$1" | tr '_-' '/+')
	case $((${#s} % 4)) in 2) s="$s==" ;; 3) s="$s=" ;; esac
	printf '%s' "$s" | base64 -d | od -An -v -tx1 | tr -d ' \n'
}
if command -v jose >/dev/null 2>&1; then
	if jose jws ver -i "$tmp/decision.jws" -k "$tmp/keys.json"; then
		measure jose-jws-ver "" jose jws ver -i "$tmp/decision.jws" \
		    -k "$tmp/keys.json"
	else
		echo "# jose-jws-ver: jose did not verify the benchmark document" >&2
		status=1
	fi
else
	echo "# jose-jws-ver: not measured (jose is missing: Debian package jose)"
fi
if command -v openssl >/dev/null 2>&1; then
	printf '%s.%s' "$(field protected)" "$(field payload)" > "$tmp/input"
	rs=$(b64url_hex "$(field signature)")
	printf 'asn1=SEQUENCE:sig\n[sig]\nr=INTEGER:0x%s\ns=INTEGER:0x%s\n' \
	    "$(printf '%s' "$rs" | cut -c1-64)" \
	    "$(printf '%s' "$rs" | cut -c65-128)" > "$tmp/sig.cnf"
	openssl asn1parse -genconf "$tmp/sig.cnf" -out "$tmp/sig.der" >/dev/null &&
	set -- dgst -sha256 -verify "$tmp/bank.pem" -signature "$tmp/sig.der" \
	    "$tmp/input"
	if openssl "$@" >/dev/null; then
		measure openssl-dgst "" openssl "$@"
	else
		echo "# openssl-dgst: openssl did not verify the benchmark signature" >&2
		status=1
	fi
fi
exit "${status:-0}"
