#!/bin/sh
# service-contest.sh: contests, their signed receipts, idempotency, status,
# the refusal of oversized, malformed and invalid contests, and the limit of
# refused access codes per reference on the contest and status endpoints.
. "$top_srcdir/tests/service-lib.sh"

svc_start "$T_TMP/st" --rate 0 --max-body 16384 --code-tries 3 ||
    { not_ok "the service starts"; finish; exit 1; }
AUTH='Authorization: Bearer 7KQ4-M2PX'
JSON='Content-Type: application/json'
http GET /.well-known/recourse >/dev/null
cp "$T_TMP/body" "$T_TMP/disc.json"
http GET /decisions/LN-2026-004217 -H "$AUTH" >/dev/null
"$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$T_TMP/body" > "$T_TMP/rec.json"
dsha=$(sha256 "$T_TMP/rec.json")
did=$(json "$T_TMP/rec.json" 'd["id"]')

# body FILE [PYTHON-STATEMENT [ARG]]: a valid contest, changed by the
# statement (which finds ARG in sys.argv[5]).
body() {
	"$PY" -c 'import json, sys
b = {"recourse": "1", "decision_id": sys.argv[2], "decision_sha256": sys.argv[3],
     "grounds": ["inaccurate_data"], "statement": "My income is wrong: I earn £31,200.",
     "corrections": [{"factor": "gross_income", "claimed_value": 31200, "note": "payslips"}],
     "remedies": ["human_review", "correction"],
     "contact": {"preference": "email", "address": "c.morgan@example.org"},
     "language": "cy"}
exec(sys.argv[4])
open(sys.argv[1], "w", encoding="utf-8").write(json.dumps(b, ensure_ascii=False))' \
	    "$1" "$did" "$dsha" "${2:-pass}" "${3:-}"
}

# post BODYFILE KEY [AUTH-HEADER [TYPE-HEADER]]: POST a contest.
post() {
	http POST /contests -H "${3:-$AUTH}" -H "${4:-$JSON}" \
	    -H "Idempotency-Key: $2" --data-binary "@$1"
}

KEY1=0f8e6b1c-4a2d-4c3e-9b7a-5d6e7f8a9b0c
body "$T_TMP/c1.json"
code=$(post "$T_TMP/c1.json" "$KEY1")
cp "$T_TMP/body" "$T_TMP/r1.jws"
check "a contest is taken: 201 application/jose+json" \
    [ "$code $(header Content-Type)" = "201 application/jose+json" ]
if "$JWS_CHECK" recourse-receipt+json "$T_TMP/disc.json" "$T_TMP/r1.jws" > "$T_TMP/receipt.json"; then
	ok "the receipt verifies with the service's published key"
else
	not_ok "the receipt verifies with the service's published key"
fi
check "the receipt holds the SHA-256 of the exact body bytes" \
    [ "$(json "$T_TMP/receipt.json" 'd["body_sha256"]')" = "$(sha256 "$T_TMP/c1.json")" ]
check "the receipt names the decision, the key and this service" \
    [ "$(json "$T_TMP/receipt.json" 'd["decision_id"] + " " + d["idempotency_key"] + " " + d["service_id"]')" = "$did $KEY1 $SVC_URL" ]
check "the receipt has every field of the protocol" \
    [ "$(json "$T_TMP/receipt.json" 'sorted(d)')" = '["answer_due", "body_sha256", "contest_id", "decision_id", "idempotency_key", "receipt_id", "received_at", "service_id", "status_url"]' ]
check "the answer is due 30 days after receipt, as the record says" \
    [ "$(json "$T_TMP/receipt.json" '(__import__("datetime").date.fromisoformat(d["answer_due"]) - __import__("datetime").date.fromisoformat(d["received_at"][:10])).days')" = 30 ]
cid=$(json "$T_TMP/receipt.json" 'd["contest_id"]')
check "the contest is on disk before the answer" [ -s "$T_TMP/st/contests/$cid.json" ]

code=$(post "$T_TMP/c1.json" "$KEY1")
check "the same key with the same body: 201 again" [ "$code" = 201 ]
check "... and the very same receipt bytes" cmp -s "$T_TMP/body" "$T_TMP/r1.jws"
check "no second contest was made" [ "$(ls "$T_TMP/st/contests" | grep -c '\.json$')" = 1 ]

body "$T_TMP/c2.json" 'b["statement"] += " Please look again."'
before=$(ls "$T_TMP/st/contests" | grep -c '\.json$')
code=$(post "$T_TMP/c2.json" "$KEY1")
check "the same key with another body: 409 problem+json" is_problem 409
check "... and nothing was stored" \
    [ "$(ls -a "$T_TMP/st/contests" | grep -c -v '^\.\.*$')" = "$before" ]
check "... of type idempotency-conflict" \
    [ "$(json "$T_TMP/body" 'd["type"]')" = "https://recourse.example/problems/idempotency-conflict" ]

code=$(http GET "/status/$cid" -H "$AUTH")
cp "$T_TMP/body" "$T_TMP/status.jws"
if [ "$code" = 200 ] && "$JWS_CHECK" recourse-status+json "$T_TMP/disc.json" "$T_TMP/status.jws" > "$T_TMP/status.json"; then
	ok "the status is served signed"
else
	not_ok "the status is served signed"
fi
check "the status says received, with its history and due date" \
    [ "$(json "$T_TMP/status.json" 'd["status"] + " " + d["history"][0]["status"] + " " + d["answer_due"] + " " + d["contest_id"]')" = \
      "received received $(json "$T_TMP/receipt.json" 'd["answer_due"]') $cid" ]
check "the receipt's status_url is where the status is" \
    [ "$(json "$T_TMP/receipt.json" 'd["status_url"]')" = "$SVC_URL/status/$cid" ]
# The operator moves the contest on; the running service serves it signed.
NOTE='A caseworker is checking your payslips.'
check "recourse-service status sets under_review with a note" \
    "$RECOURSE_SERVICE" status --state "$T_TMP/st" --contest "$cid" \
    --set under_review --note "$NOTE"
code=$(http GET "/status/$cid" -H "$AUTH")
cp "$T_TMP/body" "$T_TMP/status2.jws"
if [ "$code" = 200 ] && "$JWS_CHECK" recourse-status+json "$T_TMP/disc.json" "$T_TMP/status2.jws" > "$T_TMP/status2.json"; then
	ok "the running service serves the new status, signed"
else
	not_ok "the running service serves the new status, signed"
fi
check "... under_review, with the note, after received" \
    [ "$(json "$T_TMP/status2.json" 'd["status"] + "|" + d["history"][-1]["note"] + "|" + ",".join(h["status"] for h in d["history"]) + "|" + str(d["updated_at"] == d["history"][-1]["at"])')" = \
      "under_review|$NOTE|received,under_review|True" ]
vrc=0
"$RECOURSE" verify --no-default-registries --root "$T_TMP/st/registry-root.jwk" \
    --registry "$T_TMP/st/registry.jws" --keys "$T_TMP/disc.json" --type status \
    "$T_TMP/status2.jws" > "$T_TMP/verdict" 2>&1 || vrc=$?
check "... which recourse verify accepts" [ "$vrc" = 0 ]
src=0
"$RECOURSE_SERVICE" status --state "$T_TMP/st" --contest "$cid" --set lost \
    2> "$T_TMP/err" || src=$?
check "an unknown status is refused with a plain message" \
    [ "$src $(grep -c "unknown status 'lost'" "$T_TMP/err")" = "1 1" ]
"$RECOURSE_SERVICE" status --state "$T_TMP/st" --contest "$cid" --set answered \
    --note 'We corrected your income and made a new decision.' 2>/dev/null
src=0
"$RECOURSE_SERVICE" status --state "$T_TMP/st" --contest "$cid" \
    --set under_review 2> "$T_TMP/err" || src=$?
check "going back from a final status is refused with a plain message" \
    [ "$src $(grep -c 'answered already' "$T_TMP/err")" = "1 1" ]
code=$(http GET "/status/$cid" -H "$AUTH")
check "... and the service still serves answered" \
    [ "$code $("$JWS_CHECK" recourse-status+json "$T_TMP/disc.json" "$T_TMP/body" | json /dev/stdin 'd["status"] + str(len(d["history"]))')" = "200 answered3" ]

code=$(http GET "/status/$cid" -H 'Authorization: Bearer 5FHN-2KJR')
check "the status with another case's access code: 401" is_problem 401
code=$(http GET "/status/$cid")
check "the status without an access code: 401" is_problem 401
code=$(http GET "/status/C-00000000000000000000000000000000" -H "$AUTH")
check "the status of an unknown contest: 404" is_problem 404

KEY2=7d1f0e2a-9c3b-4b8d-8e6f-1a2b3c4d5e6f
code=$(http POST /contests -H "$AUTH" -H "$JSON" --data-binary "@$T_TMP/c2.json")
check "no Idempotency-Key: 400 problem+json" is_problem 400
code=$(post "$T_TMP/c2.json" short)
check "an Idempotency-Key under 16 characters: 400" is_problem 400
code=$(http POST /contests -H "$JSON" -H "Idempotency-Key: $KEY2" --data-binary "@$T_TMP/c2.json")
check "no access code: 401 problem+json" is_problem 401
code=$(post "$T_TMP/c2.json" "$KEY2" 'Authorization: Bearer 5FHN-2KJR')
check "the access code of another decision: 401" is_problem 401
code=$(post "$T_TMP/c2.json" "$KEY2" "$AUTH" 'Content-Type: text/plain')
check "another media type: 415 problem+json" is_problem 415
printf '{"recourse":"1","recourse":"1"}' > "$T_TMP/dup.json"
code=$(post "$T_TMP/dup.json" "$KEY2")
check "a body with a repeated member: 400 problem+json" is_problem 400
printf '{"recourse":' > "$T_TMP/cut.json"
code=$(post "$T_TMP/cut.json" "$KEY2")
check "a body cut short: 400 problem+json" is_problem 400
printf '\377\376{}' > "$T_TMP/bad.json"
code=$(post "$T_TMP/bad.json" "$KEY2")
check "a body that is not UTF-8: 400 problem+json" is_problem 400
body "$T_TMP/big.json" 'b["statement"] = "x" * 17000'
code=$(post "$T_TMP/big.json" "$KEY2")
check "a body over --max-body: 413 problem+json" is_problem 413
code=$(http POST /contests -H "$AUTH" -H "$JSON" -H "Idempotency-Key: $KEY2" \
    -H 'Transfer-Encoding: chunked' --data-binary "@$T_TMP/big.json")
check "a chunked body over --max-body: 413 too" is_problem 413

# invalid FILE-SUFFIX PYTHON DESCRIPTION: a contest the terms refuse (422).
invalid() {
	body "$T_TMP/inv-$1.json" "$2"
	code=$(post "$T_TMP/inv-$1.json" "3a4b5c6d-$1-0000-0000-000000000000")
	check "$3: 422 problem+json" is_problem 422
}
invalid sha 'b["decision_sha256"] = "0" * 64' "the SHA-256 of another payload"
check "... of type decision-mismatch" \
    [ "$(json "$T_TMP/body" 'd["type"]')" = "https://recourse.example/problems/decision-mismatch" ]
invalid ground 'b["grounds"] = ["bad_vibes"]' "a ground the decision does not accept"
invalid dupground 'b["grounds"] = ["other", "other"]' "a ground given twice"
invalid remedy 'b["remedies"] = ["compensation"]' "a remedy the decision does not offer"
invalid noremedy 'b["remedies"] = []' "no remedy"
invalid long 'b["statement"] = "ŵ" * 5001' "a statement over the decision's limit"
invalid factor 'b["corrections"][0]["factor"] = "shoe_size"' "a correction of a factor the decision has not"
invalid lang 'b["language"] = "fr"' "a language the decision does not offer"
invalid contact 'b["contact"]["preference"] = "pigeon"' "an unknown contact preference"
invalid member 'b["surprise"] = 1' "an unknown member"
invalid version 'b["recourse"] = "2"' "another protocol version"
body "$T_TMP/ext.json" 'b["x_channel"] = "kiosk"'
code=$(post "$T_TMP/ext.json" "5e6f7a8b-0000-4000-8000-000000000001")
check "an x_ extension member is accepted" [ "$code" = 201 ]
body "$T_TMP/alt.json"
code=$(http POST /recourse/contests -H "$AUTH" -H "$JSON" \
    -H "Idempotency-Key: 5e6f7a8b-0000-4000-8000-000000000002" --data-binary "@$T_TMP/alt.json")
check "the endpoint the record names takes contests too" [ "$code" = 201 ]

# CC-2026-020931 has two versions: a contest of the first is refused.
ccode=$(cat "$T_TMP/st/site/decisions/CC-2026-020931.code")
http GET /decisions/CC-2026-020931 -H "Authorization: Bearer $ccode" >/dev/null
"$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$T_TMP/body" > "$T_TMP/cc.json"
old=$(json "$T_TMP/cc.json" 'd["supersedes"]')
body "$T_TMP/old.json" 'b["decision_id"] = sys.argv[5]; b["corrections"] = []; b["language"] = "en"' "$old"
code=$(post "$T_TMP/old.json" "9f8e7d6c-0000-4000-8000-000000000003" "Authorization: Bearer $ccode")
check "a contest of a replaced record: 409 problem+json" is_problem 409
check "... of type superseded" \
    [ "$(json "$T_TMP/body" 'd["type"]')" = "https://recourse.example/problems/superseded" ]

# Refused codes count towards a reference's limit (--code-tries 3) through
# every endpoint that takes a code, in the one count GET /decisions keeps.
# burst PATH CURL-ARG...: four requests in one curl, so that a slow machine
# cannot space them out; a line per answer: the status, and "wait" when it
# came with a Retry-After in seconds.
burst() {
	p=$1; shift
	curl -s -o /dev/null -w '%{http_code} %header{retry-after}\n' "$@" \
	    "$SVC_URL$p?try=[1-4]" | tr -d '\r' | sed 's/ [1-9][0-9]*$/ wait/' |
	    tr '\n' ,
}
hbcode=$(cat "$T_TMP/st/site/decisions/HB-2026-118305.code")
printf '{"recourse":"1","decision_id":"HB-2026-118305-r1"}' > "$T_TMP/hb.json"
printf '{"recourse":"1","decision_id":"NO-SUCH-2026-0000-r1"}' > "$T_TMP/none.json"
hb=$(burst /contests -X POST -H 'Authorization: Bearer NOT-IT' -H "$JSON" \
    -H "Idempotency-Key: 1c2d3e4f-0000-4000-8000-000000000004" \
    --data-binary "@$T_TMP/hb.json")
check "contests with a wrong code: 401 three times, then 429 with Retry-After" \
    [ "$hb" = "401 ,401 ,401 ,429 wait," ]
code=$(post "$T_TMP/hb.json" "1c2d3e4f-0000-4000-8000-000000000005" "Authorization: Bearer $hbcode")
check "... then a contest with the right code is 429 too" \
    [ "$code $(header Retry-After | grep -c '^[1-9][0-9]*$')" = "429 1" ]
code=$(http GET /decisions/HB-2026-118305 -H "Authorization: Bearer $hbcode")
check "... and so is the right code on GET /decisions: one count per reference" \
    [ "$code $(header Retry-After | grep -c '^[1-9][0-9]*$')" = "429 1" ]
none=$(burst /contests -X POST -H 'Authorization: Bearer NOT-IT' -H "$JSON" \
    -H "Idempotency-Key: 1c2d3e4f-0000-4000-8000-000000000006" \
    --data-binary "@$T_TMP/none.json")
check "contests naming a made-up decision get the same answers" [ "$none" = "$hb" ]
st=$(burst /status/C-11111111111111111111111111111111 -H "$AUTH")
check "the status of a made-up contest: 404 three times, then 429" \
    [ "$st" = "404 ,404 ,404 ,429 wait," ]
# LN-2026-004217 had two codes refused above, a status and a contest.
code=$(http GET "/status/$cid" -H 'Authorization: Bearer 5FHN-2KJR')
check "a third refused code on the status endpoint: 401" [ "$code" = 401 ]
code=$(http GET "/status/$cid" -H "$AUTH")
check "... then the status with the right code is 429" \
    [ "$code $(header Retry-After | grep -c '^[1-9][0-9]*$')" = "429 1" ]
code=$(http GET /decisions/LN-2026-004217 -H "$AUTH")
check "... and so is the decision itself" [ "$code" = 429 ]

check "the log has no access code" [ "$(grep -c -e 7KQ4 -e 5FHN "$T_TMP/st/access.log")" = 0 ]
check "SIGTERM stops the service with status 0" svc_stop

# Supersession of any depth: a cases folder with three versions of
# CC-2026-020931, made from the demo's by signing a third; a contest naming
# the first, two versions back, is answered like one naming the second.
C="$T_TMP/st/site"
V="$C/decisions/CC-2026-020931"
kid=$(json "$C/service.json" 'd["signing_kid"]')
mv "$C/decisions/CC-2026-020931.jws" "$V/CC-2026-020931-r2.jws"
"$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$V/CC-2026-020931-r2.jws" |
    "$PY" -c 'import json, sys
d = json.load(sys.stdin)
d["id"] = "CC-2026-020931-r3"
d["supersedes"] = "CC-2026-020931-r2"
print(json.dumps(d))' > "$T_TMP/r3.json"
"$RECOURSE_SERVICE" sign --key "$T_TMP/st/keys/service.pem" --kid "$kid" \
    --typ recourse-decision+json "$T_TMP/r3.json" > "$C/decisions/CC-2026-020931.jws"
rm -f "$T_TMP/st4/port"
mkdir -p "$T_TMP/st4"
"$RECOURSE_SERVICE" serve --cases "$C" --state "$T_TMP/st4" --rate 0 \
    --listen 127.0.0.1:0 --port-file "$T_TMP/st4/port" --access-log none \
    2> "$T_TMP/st4/stderr" &
SVC_PID=$!
i=0
while [ ! -s "$T_TMP/st4/port" ] && [ $i -lt 600 ] && kill -0 "$SVC_PID" 2>/dev/null; do
	sleep 0.05; i=$((i + 1))
done
SVC_URL="http://127.0.0.1:$(cat "$T_TMP/st4/port" 2>/dev/null)"
code=$(http GET '/decisions/CC-2026-020931?record=CC-2026-020931-r2' -H "Authorization: Bearer $ccode")
check "a cases folder serves the three versions" \
    [ "$code $(http GET /decisions/CC-2026-020931?record=CC-2026-020931-r1 -H "Authorization: Bearer $ccode") $(http GET /decisions/CC-2026-020931?record=CC-2026-020931-r3 -H "Authorization: Bearer $ccode")" = "200 200 200" ]
printf '{"recourse":"1","decision_id":"CC-2026-020931-r1"}' > "$T_TMP/old.json"
code=$(post "$T_TMP/old.json" 5b0e1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d "Authorization: Bearer $ccode")
check "a contest naming the version two back is 409 superseded" \
    [ "$code $(json "$T_TMP/body" 'd["type"]')" = "409 https://recourse.example/problems/superseded" ]
check "SIGTERM stops the cases service with status 0" svc_stop
finish
