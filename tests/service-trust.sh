#!/bin/sh
# service-trust.sh: what the service signs, judged by `recourse verify` with
# the demo registry and its root, as a person's client judges it: the demo
# cases get the verdicts data/README promises, and a contest's receipt is
# valid, trusted and matches the body sent.
. "$top_srcdir/tests/service-lib.sh"

svc_start "$T_TMP/st" --rate 0 || { not_ok "the service starts"; finish; exit 1; }
ST="$T_TMP/st"
http GET /.well-known/recourse >/dev/null
cp "$T_TMP/body" "$T_TMP/disc.json"

# verdict FILE [OPTION...]: recourse verify's exit status for FILE.
verdict() {
	f=$1; shift
	rc=0
	"$RECOURSE" verify --no-default-registries --root "$ST/registry-root.jwk" \
	    --registry "$ST/registry.jws" --keys "$T_TMP/disc.json" "$@" "$f" \
	    > "$T_TMP/verdict" 2>&1 || rc=$?
	echo "$rc"
}

for ref in $(ls "$ST/site/decisions" | sed -n 's/\.jws$//p'); do
	http GET "/decisions/$ref" -H "Authorization: Bearer $(cat "$ST/site/decisions/$ref.code")" >/dev/null
	cp "$T_TMP/body" "$T_TMP/$ref.jws"
done
check "the loan decision is valid and trusted (status 0)" \
    [ "$(verdict "$T_TMP/LN-2026-004217.jws" --type decision)" = 0 ]
check "... its signer found in the demo registry" contains "$(cat "$T_TMP/verdict")" "recourse-demo"
unlisted=$(grep -l '"unlisted"' "$top_srcdir"/data/cases/*/case.json | head -n 1)
ref=$(json "$unlisted" 'd["reference"]')
check "the case signed with the unlisted key is valid but untrusted (status 1)" \
    [ "$(verdict "$T_TMP/$ref.jws" --type decision)" = 1 ]
tampered=$(grep -l '"tamper"' "$top_srcdir"/data/cases/*/case.json | head -n 1)
ref=$(json "$tampered" 'd["reference"]')
check "the case changed after signing is invalid (status 2)" \
    [ "$(verdict "$T_TMP/$ref.jws" --type decision)" = 2 ]

http GET /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PX' >/dev/null
"$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$T_TMP/body" > "$T_TMP/rec.json"
"$PY" -c 'import hashlib, json, sys
rec = open(sys.argv[1], "rb").read()
b = {"recourse": "1", "decision_id": json.loads(rec)["id"],
     "decision_sha256": hashlib.sha256(rec).hexdigest(), "grounds": ["wrong_method"],
     "statement": "The scorecard was applied to last year\u2019s figures.",
     "corrections": [], "remedies": ["reconsideration"],
     "contact": {"preference": "phone", "address": "+44 1970 000000"}, "language": "en"}
open(sys.argv[2], "w").write(json.dumps(b))' "$T_TMP/rec.json" "$T_TMP/c.json"
code=$(http POST /contests -H 'Authorization: Bearer 7KQ4-M2PX' \
    -H 'Content-Type: application/json' \
    -H 'Idempotency-Key: 1c9d4e7a-3b2f-4d6e-8a5b-0f1e2d3c4b5a' --data-binary "@$T_TMP/c.json")
cp "$T_TMP/body" "$T_TMP/receipt.jws"
check "a contest is taken (201)" [ "$code" = 201 ]
check "its receipt is valid and trusted, and matches the body sent (status 0)" \
    [ "$(verdict "$T_TMP/receipt.jws" --type receipt --body "$T_TMP/c.json")" = 0 ]
printf ' ' >> "$T_TMP/c.json"
check "the receipt does not match a body one byte longer" \
    [ "$(verdict "$T_TMP/receipt.jws" --type receipt --body "$T_TMP/c.json")" != 0 ]
cid=$(json "$T_TMP/receipt.jws" 'json.loads(__import__("base64").urlsafe_b64decode(d["payload"] + "=" * (-len(d["payload"]) % 4)))["contest_id"]')
http GET "/status/$cid" -H 'Authorization: Bearer 7KQ4-M2PX' >/dev/null
cp "$T_TMP/body" "$T_TMP/status.jws"
check "its status is valid and trusted (status 0)" \
    [ "$(verdict "$T_TMP/status.jws" --type status)" = 0 ]
check "a receipt is not accepted as a status" \
    [ "$(verdict "$T_TMP/receipt.jws" --type status)" = 2 ]
check "SIGTERM stops the service with status 0" svc_stop
finish
