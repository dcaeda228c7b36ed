#!/bin/sh
# net-signed.sh: signed documents and contests that a service gets wrong:
# a bad signature, the wrong typ, a replayed older record, 409 for a
# contest, 503 for a contest, a receipt for other bytes.  Each gives a clear
# message and a documented exit code, and no contest is lost or changed.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
REF=CC-2026-020931
CONF="$T_TMP/recourse.conf"
cat > "$T_TMP/contest.json" <<'JSON'
{"grounds":["inaccurate_data"],"statement":"My income is \u00a341,000.","corrections":[
 {"factor":"gross_income","claimed_value":41000}],
 "remedies":["human_review"],"contact":{"preference":"email","address":"a@example.org"},
 "language":"en"}
JSON

# use_fake MODE: a fake service in MODE, pinned in a fresh store.
use_fake() {
	stop_fake f
	rm -rf "$T_TMP/store"
	start_fake f "$1"
	write_conf "$CONF" "pin = $T_TMP/f.jwk"
	R="--allow-http-loopback -c $CONF"
}

use_fake badsig
rr $R open "$f_URL" $REF --code c
expect "a decision whose signature was altered is invalid" 2 "signature"
expect "and says so in words" 2 "[FAIL] invalid"

use_fake wrongtyp
rr $R open "$f_URL" $REF --code c
expect "a receipt served as a decision is refused" 2 "recourse-receipt+json"

use_fake replay
rr $R open "$f_URL" $REF --code c
expect "the newer record opens" 0 "CC-2026-020931-r2"
KEPT=$(digest "$T_TMP/store/cases/$REF.json")
rr $R fetch $REF --code c
expect "an older record served later is refused as a replay" 2 "replaced by a newer one"
check "the case keeps the newer record" [ "$(digest "$T_TMP/store/cases/$REF.json")" = "$KEPT" ]
rr $R list
expect "the list still shows the case as verified" 0 "valid and trusted"

use_fake conflict
rr $R open "$f_URL" $REF --code c
expect "a case to contest" 0 "valid and trusted"
rr $R contest $REF "$T_TMP/contest.json" --code c
expect "409: the service holds another contest under the key" 5 "different contest under this key"
f1=$(ls "$T_TMP/store/outbox/")
check "the contest is kept in the outbox" [ -n "$f1" ]
check "marked as a conflict" grep -q '"state": "conflict"' "$T_TMP/store/outbox/$f1"
check "with the person's statement" grep -q 'My income is' "$T_TMP/store/outbox/$f1"
rr $R status $REF --code c
check "a conflict is never sent again" [ "$(grep -c 'POST .*/contests' "$T_TMP/f.log")" -eq 1 ]
expect "status says so, as a refusal" 5 "refused as a conflict"

use_fake contest503
rr $R open "$f_URL" $REF --code c
rr $R contest $REF "$T_TMP/contest.json" --code c
expect "503 for a contest: kept in the outbox for later" 4 "kept in the outbox"
f1=$(ls "$T_TMP/store/outbox/")
keys=$(awk '$2 ~ /\/contests$/ { print $3 }' "$T_TMP/f.log" | sort -u | wc -l)
bodies=$(awk '$2 ~ /\/contests$/ { print $4 }' "$T_TMP/f.log" | sort -u | wc -l)
check "tried again with the same key and the same bytes" [ "$keys$bodies" = 11 ]
check "more than once" [ "$(grep -c 'POST .*/contests' "$T_TMP/f.log")" -ge 2 ]
check "still pending" grep -q '"state": "pending"' "$T_TMP/store/outbox/$f1"
rr $R contest $REF "$T_TMP/contest.json" --code c
expect "the same contest again is the same entry" 4 "already in the outbox"
check "still one entry" [ "$(ls "$T_TMP/store/outbox/" | wc -l)" -eq 1 ]
keys=$(awk '$2 ~ /\/contests$/ { print $3 }' "$T_TMP/f.log" | sort -u | wc -l)
check "and still one key" [ "$keys" -eq 1 ]

use_fake badreceipt
rr $R open "$f_URL" $REF --code c
rr $R contest $REF "$T_TMP/contest.json" --code c
expect "a receipt for other bytes is refused" 2 "does not match"
f1=$(ls "$T_TMP/store/outbox/")
check "the contest stays in the outbox" grep -q '"state": "pending"' "$T_TMP/store/outbox/$f1"
check "no receipt is kept" [ -z "$(ls "$T_TMP/store/receipts/")" ]

use_fake ok
rr $R open "$f_URL" $REF --code c
rr $R contest $REF "$T_TMP/contest.json" --code c
expect "a good receipt: the contest is received" 0 "receipt matches what was sent"
check "the outbox is empty" [ -z "$(ls "$T_TMP/store/outbox/")" ]
check "the receipt is kept" [ -n "$(ls "$T_TMP/store/receipts/")" ]
rr $R contest $REF "$T_TMP/contest.json" --code c
expect "sending it again sends nothing" 0 "sent before"
check "the service saw it once" [ "$(grep -c 'POST .*/contests' "$T_TMP/f.log")" -eq 1 ]
rr $R status $REF --code c
expect "its status is fetched and verified" 0 "under review"

use_fake status503
rr $R open "$f_URL" $REF --code c
rr $R contest $REF "$T_TMP/contest.json" --code c
rr $R status $REF --code c
expect "503 with Retry-After for the status: waited for, then shown" 0 "under review"
check "the status was asked for three times" [ "$(grep -c 'GET /status/' "$T_TMP/f.log")" -eq 3 ]
finish
