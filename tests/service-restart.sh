#!/bin/sh
# service-restart.sh: a contest acknowledged with 201 survives kill -9 of the
# service; SIGTERM and SIGINT stop it cleanly with status 0.
. "$top_srcdir/tests/service-lib.sh"

ST="$T_TMP/st"
AUTH='Authorization: Bearer 7KQ4-M2PX'
KEY=2b7e1516-28ae-42d2-a6ab-f7158809cf4f
svc_start "$ST" --rate 0 || { not_ok "the service starts"; finish; exit 1; }
http GET /.well-known/recourse >/dev/null
cp "$T_TMP/body" "$T_TMP/disc.json"
http GET /decisions/LN-2026-004217 -H "$AUTH" >/dev/null
"$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$T_TMP/body" > "$T_TMP/rec.json"
"$PY" -c 'import hashlib, json, sys
rec = open(sys.argv[1], "rb").read()
b = {"recourse": "1", "decision_id": json.loads(rec)["id"],
     "decision_sha256": hashlib.sha256(rec).hexdigest(), "grounds": ["other"],
     "statement": "Kill me if you can.", "corrections": [], "remedies": ["explanation"],
     "contact": {"preference": "post", "address": "1 Stryd Fawr, Aberystwyth"},
     "language": "en"}
open(sys.argv[2], "w").write(json.dumps(b))' "$T_TMP/rec.json" "$T_TMP/c.json"

code=$(http POST /contests -H "$AUTH" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $KEY" --data-binary "@$T_TMP/c.json")
cp "$T_TMP/body" "$T_TMP/receipt.jws"
kill -9 "$SVC_PID"
wait "$SVC_PID" 2>/dev/null || true
SVC_PID=
check "a contest is taken (201), then the service is killed with SIGKILL" [ "$code" = 201 ]
"$JWS_CHECK" recourse-receipt+json "$T_TMP/disc.json" "$T_TMP/receipt.jws" > "$T_TMP/receipt.json"
cid=$(json "$T_TMP/receipt.json" 'd["contest_id"]')

svc_start "$ST" --rate 0 || { not_ok "the service starts again on the same state"; finish; exit 1; }
ok "the service starts again on the same state"
check "it reports the contest it holds" contains "$(cat "$ST/stderr")" "and 1 contests"
http GET /.well-known/recourse >/dev/null
cp "$T_TMP/body" "$T_TMP/disc2.json"
code=$(http GET "/status/$cid" -H "$AUTH")
if [ "$code" = 200 ] && "$JWS_CHECK" recourse-status+json "$T_TMP/disc2.json" "$T_TMP/body" > "$T_TMP/status.json"; then
	ok "the contest's status answers after the restart, signed"
else
	not_ok "the contest's status answers after the restart, signed"
fi
check "the status is that of the contest received before the kill" \
    [ "$(json "$T_TMP/status.json" 'd["contest_id"] + " " + d["status"] + " " + d["updated_at"]')" = \
      "$cid received $(json "$T_TMP/receipt.json" 'd["received_at"]')" ]
code=$(http POST /contests -H "$AUTH" -H 'Content-Type: application/json' \
    -H "Idempotency-Key: $KEY" --data-binary "@$T_TMP/c.json")
check "sent again after the restart, it gets the very same receipt" \
    cmp -s "$T_TMP/body" "$T_TMP/receipt.jws"
check "SIGTERM stops the service with status 0" svc_stop
check "it said it was stopping" contains "$(cat "$ST/stderr")" "stopping on signal"
code=$(curl -s -o /dev/null -w '%{http_code}' "$SVC_URL/.well-known/recourse" || true)
check "after SIGTERM nothing listens on the port" [ "$code" = 000 ]

# A contest file cut short by hand (not by the service, which renames whole
# files) stops the start with a message rather than being dropped.
svc_start "$ST" --rate 0 || { not_ok "the service starts a third time"; finish; exit 1; }
kill -INT "$SVC_PID"
rc=0
wait "$SVC_PID" || rc=$?
SVC_PID=
check "SIGINT stops the service with status 0 too" [ "$rc" = 0 ]
printf '{"contest_id":' > "$ST/contests/C-broken.json"
rc=0
"$RECOURSE_SERVICE" serve --demo "$top_srcdir/data" --state "$ST" \
    --listen 127.0.0.1:0 2> "$T_TMP/err" || rc=$?
check "a damaged contest file stops the start (status 1)" [ "$rc" = 1 ]
check "... with a message naming the file" contains "$(cat "$T_TMP/err")" C-broken.json
finish
