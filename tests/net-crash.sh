#!/bin/sh
# net-crash.sh: contests survive kill -9 at any moment.  Against the
# reference service on loopback, a dozen different contests are submitted
# while the client is killed with SIGKILL after a random delay (a bounded
# number of times, in bounded time).  Right after the killing, every contest
# the service holds is one the client still tracks (in its outbox or among
# its receipts).  Then each contest is submitted once more, unkilled, and
# `recourse status` sends what is left: every contest is at the service
# exactly once, each with a verified receipt kept, and the outbox is empty.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
N=12
REF=LN-2026-004217
if ! "$RECOURSE_SERVICE" --help 2>/dev/null | grep -q '^  serve '; then
	echo "this recourse-service cannot serve" >&2
	exit 77
fi
ST="$T_TMP/svc"
mkdir -p "$ST"
"$RECOURSE_SERVICE" serve --demo "$top_srcdir/data" --state "$ST" \
    --listen 127.0.0.1:0 --port-file "$ST/port" --rate 0 \
    --client-config "$ST/recourse.conf" 2>"$ST/err" &
SVC=$!
FAKE_PIDS="$FAKE_PIDS $SVC"
i=0
while [ ! -s "$ST/port" ] || [ ! -s "$ST/recourse.conf" ]; do
	i=$((i + 1))
	if [ $i -gt 300 ] || ! kill -0 $SVC 2>/dev/null; then
		echo "recourse-service did not start:" >&2
		cat "$ST/err" >&2
		exit 99
	fi
	sleep 0.1
done
CONF="$T_TMP/recourse.conf"
cp "$ST/recourse.conf" "$CONF"
echo "data-dir = $T_TMP/store" >> "$CONF"
R="--allow-http-loopback -c $CONF"

rr $R open $REF --code 7KQ4-M2PX --remember-code
expect "the reference service's loan decision opens" 0 "valid and trusted"

i=1
while [ $i -le $N ]; do
	cat > "$T_TMP/c$i.json" <<JSON
{"grounds":["inaccurate_data"],"statement":"Contest number $i of the crash test.",
 "corrections":[{"factor":"gross_income","claimed_value":41000,"note":"payslips"}],
 "remedies":["human_review"],"contact":{"preference":"email","address":"p$i@example.org"},
 "language":"en"}
JSON
	i=$((i + 1))
done

# How long one run takes here (a fetch talks to the service as much as a
# contest does): kills are spread over one and a half times that.
t0=$(date +%s%N)
rr $R fetch $REF
t1=$(date +%s%N)
span=$(( (t1 - t0) / 1000000 * 3 / 2 ))
[ $span -ge 100 ] || span=100
echo "# one run takes about $(( (t1 - t0) / 1000000 )) ms; kills within $span ms"

# Kill the client at random moments: before, during and after the write to
# the outbox, the POST, the receipt and the bookkeeping.
start=$(date +%s)
seed=$$
round=0
while [ $round -lt 40 ] && [ $(( $(date +%s) - start )) -lt 60 ]; do
	round=$((round + 1))
	i=$(( (round - 1) % N + 1 ))
	delay=$(awk -v s="$seed$round" -v m=$span 'BEGIN { srand(s); printf "%.3f", rand() * m / 1000 }')
	"$RECOURSE" $R contest $REF "$T_TMP/c$i.json" >/dev/null 2>&1 &
	pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
done
ok "the client was killed $round times in $(( $(date +%s) - start )) s"
echo "# after the kills: $(ls "$ST/contests" | wc -l) contests at the service," \
    "$(ls "$T_TMP/store/outbox" | wc -l) in the outbox," \
    "$(ls "$T_TMP/store/receipts" | wc -l) receipts kept"

# Every contest at the service is one the client still tracks.
tracked=$(cat "$T_TMP"/store/outbox/*.json "$T_TMP"/store/receipts/*.json 2>/dev/null || true)
lost=0
for f in "$ST"/contests/*.json; do
	[ -e "$f" ] || continue
	sha=$(sed -n 's/.*"body_sha256": *"\([0-9a-f]*\)".*/\1/p' "$f" | head -1)
	if ! contains "$tracked" "$sha"; then
		lost=$((lost + 1))
		echo "the service holds $sha, which the client does not track" >&2
	fi
done
check "no contest at the service is unknown to the client" [ $lost -eq 0 ]
check "nothing temporary is left where it would be read" \
    [ -z "$(ls "$T_TMP/store/outbox" | grep -v '\.json$' || true)" ]

# Submit each once more, then let status send what is left.
i=1
bad=0
while [ $i -le $N ]; do
	rr $R contest $REF "$T_TMP/c$i.json"
	if [ $RC -ne 0 ]; then
		bad=$((bad + 1))
		printf '%s\n' "$OUT" "$ERR" >&2
	fi
	i=$((i + 1))
done
check "each contest, submitted again, ends with a receipt" [ $bad -eq 0 ]
rr $R status $REF
expect "status sends nothing more and shows the contest" 0 "Contest:"

check "the outbox is empty" [ -z "$(ls "$T_TMP/store/outbox")" ]
check "a verified receipt is kept for each contest" \
    [ "$(ls "$T_TMP/store/receipts" | wc -l)" -eq $N ]
i=1
dup=0
while [ $i -le $N ]; do
	n=$(grep -l "Contest number $i of the crash test" "$ST"/contests/*.json | wc -l)
	if [ "$n" -ne 1 ]; then
		dup=$((dup + 1))
		echo "contest $i is at the service $n times" >&2
	fi
	i=$((i + 1))
done
check "every contest is at the service exactly once" [ $dup -eq 0 ]
check "and the service holds no other" [ "$(ls "$ST"/contests | wc -l)" -eq $N ]
finish
