#!/bin/sh
# service.bench.sh: recourse-service on loopback under wrk(1) (Debian
# package wrk): decision fetches, then contest submissions with a new
# Idempotency-Key each (bench/service-contest.lua), 5 s each with 2 threads
# and 32 connections; requests a second and latency percentiles.
#
#   service fetch rate: N req/s (target >= 5000)
#   service fetch latency p50: MS ms
#   service fetch latency p99: MS ms (target < 50)
#   service contest rate: N req/s (target >= 200)
#   service contest latency p50: MS ms
#   service contest latency p99: MS ms (target < 200)
#
# Each contest is written to disk and flushed (file and folder) before its
# receipt is sent, so the contest rate is bounded by the disk's flushes; the
# state folder is made under TMPDIR.  Run by `make bench` (bench/run.sh).
# The figures are printed always; the exit status is 1 when a target is
# missed (or an answer was not 2xx), so that a regression fails the run.
set -u
: "${top_builddir:?}" "${top_srcdir:?}"
svc=$top_builddir/recourse-service
secs=${SERVICE_BENCH_SECONDS:-5}
if ! command -v wrk >/dev/null 2>&1; then
	echo "# service: wrk is not installed (Debian package wrk)" >&2
	exit 1
fi
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/recourse-bench.XXXXXX") || exit 1
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$pid" ] && wait "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$svc" serve --demo "$top_srcdir/data" --state "$tmp/st" --listen 127.0.0.1:0 \
    --port-file "$tmp/port" --rate 0 --access-log none 2> "$tmp/err" &
pid=$!
i=0
while [ ! -s "$tmp/port" ]; do
	if ! kill -0 "$pid" 2>/dev/null || [ $i -ge 1200 ]; then
		cat "$tmp/err" >&2
		echo "# service: the service did not start" >&2
		exit 1
	fi
	sleep 0.05
	i=$((i + 1))
done
url="http://127.0.0.1:$(cat "$tmp/port")"
code=7KQ4-M2PX

# The contest body, for the decision as served now.
curl -s -H "Authorization: Bearer $code" "$url/decisions/LN-2026-004217" > "$tmp/dec.jws" &&
"$PY" -c 'import base64, hashlib, json, sys
p = json.load(open(sys.argv[1]))["payload"]
rec = base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))
b = {"recourse": "1", "decision_id": json.loads(rec)["id"],
     "decision_sha256": hashlib.sha256(rec).hexdigest(), "grounds": ["inaccurate_data"],
     "statement": "My income is higher than the figure used.", "corrections": [],
     "remedies": ["human_review"], "contact": {"preference": "email",
     "address": "c.morgan@example.org"}, "language": "en"}
open(sys.argv[2], "w").write(json.dumps(b))' "$tmp/dec.jws" "$tmp/body.json" || {
	echo "# service: cannot prepare the contest body" >&2
	exit 1
}

# report NAME TARGET-RATE TARGET-P99 FILE: the figures of one wrk run.
report() {
	awk -v name="$1" -v trate="$2" -v tp99="$3" '
	function ms(v) {
		if (v ~ /us$/) return v / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/) return v * 1000
		return v
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/^Requests\/sec:/ { rate = $2 }
	/Non-2xx or 3xx responses:/ { bad = $NF }
	END {
		printf "service %s rate: %.0f req/s (target >= %s)\n", name, rate, trate
		printf "service %s latency p50: %.2f ms\n", name, p50
		printf "service %s latency p99: %.2f ms (target < %s)\n", name, p99, tp99
		if (bad != "") printf "service %s non-2xx answers: %s\n", name, bad
		if (rate + 0 < trate + 0 || p99 + 0 >= tp99 + 0 || bad != "") {
			printf "service %s: a target was missed\n", name
			exit 1
		}
	}' "$4"
}

status=0
wrk -t2 -c32 -d"${secs}s" --latency -H "Authorization: Bearer $code" \
    "$url/decisions/LN-2026-004217" > "$tmp/fetch.out" 2>&1 || status=1
report fetch 5000 50 "$tmp/fetch.out" || status=1
SVC_BENCH_BODY=$tmp/body.json SVC_BENCH_CODE=$code \
    wrk -t2 -c32 -d"${secs}s" --latency -s "$top_srcdir/bench/service-contest.lua" \
    "$url" > "$tmp/contest.out" 2>&1 || status=1
report contest 200 200 "$tmp/contest.out" || status=1
echo "service contests stored: $(ls "$tmp/st/contests" | grep -c '\.json$')"
kill -TERM "$pid"
wait "$pid" || status=1
pid=
exit $status
