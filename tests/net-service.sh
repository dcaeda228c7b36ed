#!/bin/sh
# net-service.sh: the script commands against the reference service on
# loopback: every demo case opens with the verdict its letter expects, a
# wrong access code is refused, a contest goes in and its status comes back,
# and the access code is kept nowhere unless the person asks.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
if ! "$RECOURSE_SERVICE" --help 2>/dev/null | grep -q '^  serve '; then
	echo "this recourse-service cannot serve" >&2
	exit 77
fi
ST="$T_TMP/svc"
mkdir -p "$ST"
"$RECOURSE_SERVICE" serve --demo "$top_srcdir/data" --state "$ST" \
    --listen 127.0.0.1:0 --port-file "$ST/port" --rate 0 \
    --access-log "$ST/access.log" --client-config "$ST/recourse.conf" 2>"$ST/err" &
FAKE_PIDS="$FAKE_PIDS $!"
i=0
while [ ! -s "$ST/port" ] || [ ! -s "$ST/recourse.conf" ]; do
	i=$((i + 1))
	if [ $i -gt 300 ]; then cat "$ST/err" >&2; exit 99; fi
	sleep 0.1
done
CONF="$T_TMP/recourse.conf"
cp "$ST/recourse.conf" "$CONF"
echo "data-dir = $T_TMP/store" >> "$CONF"
R="--allow-http-loopback -c $CONF"
STORE="$T_TMP/store"

rr $R open LN-2026-004217 --code 7KQ4-M2PX
expect "the loan decision is valid and trusted" 0 "[ok] valid and trusted"
expect "its outcome is shown" 0 "declined"
expect "and the last day to contest, as English writes dates" 0 "Contest by: 19 January 2027, "
expect "its label checks are shown" 0 "Label checks:"
expect "the provider's attestation verifies with the service's published keys" 0 "signed an attestation of this model"
rr $R open TS-2026-00731 --code H6PQ-9ZKE
expect "a label that calls the decision human, with no review, fails a label check" 0 "[FAIL] The label gives the level of automation"
rr $R open HB-2026-118305 --code 3WJD-8RTC
expect "the housing benefit decision opens" 0 "valid and trusted"
rr $R open INS-2026-55190 --code R2VN-4XFA
expect "a decision signed by an unlisted key is valid but untrusted" 1 "valid but untrusted"
rr $R open JOB-2026-3342 --code M8TB-6QWY
expect "a decision altered after signing is invalid" 2 "[FAIL] invalid"
rr $R open CC-2026-020931 --code 5FHN-2KJR
expect "the corrected credit-limit record is the one served" 0 "CC-2026-020931-r2"
rr $R open LN-2026-004217 --code WRONG-CODE
expect "a wrong access code is refused, in the service's words" 5 "Access code refused"
rr $R fetch LN-2026-004217 --code 7KQ4-M2PX
expect "fetching again gives the same record" 0 "same record as before"

check "no access code is kept by default" lacks "7KQ4-M2PX" "$STORE"
check "no access code ever went into a URL" lacks "7KQ4-M2PX" "$ST/access.log"
rr $R fetch LN-2026-004217
expect "without a remembered code, fetch asks for one" 64 "no access code"

rr $R list
expect "list shows every case" 0 "JOB-2026-3342: [FAIL] invalid"
rr $R list --json
expect "list --json names the verdicts" 0 '"verdict": "valid_but_untrusted"'

cat > "$T_TMP/bad.json" <<'JSON'
{"grounds":["astrology"],"statement":"x","corrections":[],"remedies":["human_review"],
 "contact":{"preference":"email","address":"a@example.org"},"language":"en"}
JSON
rr $R contest LN-2026-004217 "$T_TMP/bad.json" --code 7KQ4-M2PX
expect "a ground the decision does not accept is refused before anything is sent" 64 "astrology"
check "and nothing was queued" [ -z "$(ls "$STORE/outbox")" ]

cat > "$T_TMP/c.json" <<'JSON'
{"grounds":["inaccurate_data"],"statement":"My gross income is \u00a341,000, not \u00a331,000.",
 "corrections":[{"factor":"gross_income","claimed_value":41000,"note":"payslips"}],
 "remedies":["human_review","correction"],
 "contact":{"preference":"email","address":"a.person@example.org"},"language":"en"}
JSON
rr $R contest LN-2026-004217 "$T_TMP/c.json" --code 7KQ4-M2PX
expect "a contest is received with a receipt that matches" 0 "receipt matches what was sent"
expect "and an answer date" 0 "answer due by"
check "the outbox is empty again" [ -z "$(ls "$STORE/outbox")" ]
check "the receipt is kept" [ "$(ls "$STORE/receipts" | wc -l)" -eq 1 ]
check "the access code was not written with the contest" lacks "7KQ4-M2PX" "$STORE"
rr $R status LN-2026-004217 --code 7KQ4-M2PX
expect "its status comes back verified" 0 "received by the service"

rr $R open LN-2026-004217 --code 7KQ4-M2PX --remember-code
check "--remember-code keeps the code in the case file" grep -q "7KQ4-M2PX" "$STORE/cases/LN-2026-004217.json"
check "which only the owner can read" [ "$(stat -c %a "$STORE/cases/LN-2026-004217.json")" = 600 ]
rr $R status
expect "status with no case uses the remembered code" 0 "received by the service"

# The operator moves the contest on: the client shows the new status.
cid=$(ls "$ST/contests" | sed -n 's/\.json$//p' | head -n 1)
"$RECOURSE_SERVICE" status --state "$ST" --contest "$cid" --set under_review \
    --note "A caseworker is checking your payslips." 2>>"$ST/err"
rr $R status LN-2026-004217 --code 7KQ4-M2PX
expect "a status the operator changed shows in recourse status" 0 "under review"
finish
