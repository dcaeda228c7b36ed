#!/bin/sh
# service-fetch.sh: discovery, decisions with the right, a wrong and no access
# code, documents, the registry, and the answers to what is not served.
. "$top_srcdir/tests/service-lib.sh"

svc_start "$T_TMP/st" --rate 0 || { not_ok "the service starts"; finish; exit 1; }
ok "the service starts on a free port ($SVC_URL)"

code=$(http GET /.well-known/recourse)
cp "$T_TMP/body" "$T_TMP/disc.json"
check "discovery answers 200 application/json" \
    [ "$code $(header Content-Type)" = "200 application/json" ]
check "discovery names this service" \
    [ "$(json "$T_TMP/disc.json" 'd["service_id"]')" = "$SVC_URL" ]
check "discovery lists the endpoints" \
    [ "$(json "$T_TMP/disc.json" 'd["endpoints"]["decisions"] + " " + d["endpoints"]["contests"]')" = \
      "$SVC_URL/decisions $SVC_URL/contests" ]
check "discovery publishes public keys only, each with a kid" \
    [ "$(json "$T_TMP/disc.json" 'all("kid" in k and "d" not in k for k in d["jwks"]["keys"]) and len(d["jwks"]["keys"]) >= 2')" = true ]
check "discovery gives the operator and the watermark scheme" \
    [ "$(json "$T_TMP/disc.json" 'sorted(d["operator"]) == ["contact", "dpo_contact", "jurisdiction", "legal_name", "registration"] and d["watermark"]["scheme"] == "WPG-1" and d["recourse"] == "1"')" = true ]

code=$(http GET /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PX')
cp "$T_TMP/body" "$T_TMP/dec.jws"
check "the right access code fetches the decision as application/jose+json" \
    [ "$code $(header Content-Type)" = "200 application/jose+json" ]
check "the decision is not to be cached" [ "$(header Cache-Control)" = "no-store" ]
if "$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$T_TMP/dec.jws" > "$T_TMP/rec.json"; then
	ok "the decision verifies with the published keys"
else
	not_ok "the decision verifies with the published keys"
fi
check "the record is the one asked for, with the service as issuer" \
    [ "$(json "$T_TMP/rec.json" 'd["subject"]["reference"] + " " + d["issuer"]')" = "LN-2026-004217 $SVC_URL" ]
check "the letter was rendered from its template (no slots left)" \
    [ "$(json "$T_TMP/rec.json" 'any("{" in t or "|" in t for t in d["explanation"]["letter"]["content"].values())')" = false ]
if "$JWS_CHECK" recourse-receipt+json "$T_TMP/disc.json" "$T_TMP/dec.jws" >/dev/null 2>&1; then
	not_ok "a decision is not accepted as a receipt"
else
	ok "a decision is not accepted as a receipt"
fi

code=$(http GET /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PY')
check "a wrong access code is refused with 401 problem+json" is_problem 401
check "401 carries a Bearer challenge" contains "$(header WWW-Authenticate)" Bearer
code=$(http GET /decisions/LN-2026-004217)
check "no access code is refused with 401 problem+json" is_problem 401
code=$(http GET /decisions/LN-2026-004217 -H 'Authorization: Basic N0tRNC1NMlBY')
check "another scheme than Bearer is refused with 401" is_problem 401
# An unknown reference and a wrong code get the same answer, byte for byte,
# so that nobody can learn which references exist.
code=$(http GET /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PY')
cp "$T_TMP/body" "$T_TMP/wrong.body"
wrong="$code $(header Content-Type) $(header WWW-Authenticate)"
code=$(http GET /decisions/NO-SUCH-REF -H 'Authorization: Bearer 7KQ4-M2PX')
check "an unknown reference is 401 problem+json" is_problem 401
check "... with the status and headers of a wrong code" \
    [ "$code $(header Content-Type) $(header WWW-Authenticate)" = "$wrong" ]
check "... and a byte-identical body" cmp -s "$T_TMP/body" "$T_TMP/wrong.body"

# Every version of a reference, by ?record=, byte for byte as signed.
CC='Authorization: Bearer 5FHN-2KJR'
code=$(http GET /decisions/CC-2026-020931 -H "$CC")
cp "$T_TMP/body" "$T_TMP/cc.jws"
code=$(http GET '/decisions/CC-2026-020931?record=CC-2026-020931-r1' -H "$CC")
cp "$T_TMP/body" "$T_TMP/cc-r1.jws"
check "?record= of an older version answers 200 application/jose+json" \
    [ "$code $(header Content-Type)" = "200 application/jose+json" ]
check "... the bytes the service signed for it" \
    cmp -s "$T_TMP/cc-r1.jws" "$T_TMP/st/site/decisions/CC-2026-020931/CC-2026-020931-r1.jws"
vcheck() {
	"$RECOURSE" verify --no-default-registries --root "$T_TMP/st/registry-root.jwk" \
	    --registry "$T_TMP/st/registry.jws" --keys "$T_TMP/disc.json" \
	    --type decision "$1" > "$T_TMP/verdict" 2>&1
}
check "... which recourse verify accepts" vcheck "$T_TMP/cc-r1.jws"
if "$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$T_TMP/cc-r1.jws" > "$T_TMP/r1.json"; then
	check "... and which is record r1" \
	    [ "$(json "$T_TMP/r1.json" 'd["id"]')" = CC-2026-020931-r1 ]
else
	not_ok "... and which is record r1"
fi
code=$(http GET '/decisions/CC-2026-020931?record=CC-2026-020931-r2' -H "$CC")
check "?record= of the newest version is the same bytes as no ?record=" \
    cmp -s "$T_TMP/body" "$T_TMP/cc.jws"
check "... which recourse verify accepts" vcheck "$T_TMP/body"
code=$(http GET '/decisions/CC-2026-020931?record=CC-2026-999999-r9' -H "$CC")
check "a record id that is no version of the reference is 404 problem+json" is_problem 404
code=$(http GET '/decisions/CC-2026-020931?record=CC-2026-020931-r1' -H 'Authorization: Bearer 5FHN-2KJS')
check "a wrong code with ?record= is 401" is_problem 401
check "... the same bytes as any refused code" cmp -s "$T_TMP/body" "$T_TMP/wrong.body"

code=$(http HEAD /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PX' -I)
check "HEAD answers like GET" [ "$code" = 200 ]

# The tampered case is served as it is: its signature must fail.
for ref in $(ls "$T_TMP/st/site/decisions" | sed -n 's/\.jws$//p'); do
	http GET "/decisions/$ref" -H "Authorization: Bearer $(cat "$T_TMP/st/site/decisions/$ref.code")" >/dev/null
	if "$JWS_CHECK" recourse-decision+json "$T_TMP/disc.json" "$T_TMP/body" >/dev/null 2>"$T_TMP/err"; then
		echo "$ref" >> "$T_TMP/verified"
	else
		echo "$ref: $(cat "$T_TMP/err")" >> "$T_TMP/failed"
	fi
done
check "every demo case but the tampered one verifies" \
    [ "$(wc -l < "$T_TMP/verified") $(wc -l < "$T_TMP/failed")" = "5 1" ]
check "the tampered one fails on its signature" contains "$(cat "$T_TMP/failed")" "signature is invalid"

ia=$(json "$T_TMP/rec.json" 'd["provenance"]["impact_assessment"]["url"]')
want=$(json "$T_TMP/rec.json" 'd["provenance"]["impact_assessment"]["sha256"]')
code=$(http GET "${ia#"$SVC_URL"}")
check "the impact assessment is served at the URL the record gives" [ "$code" = 200 ]
check "its bytes have the SHA-256 the record gives" [ "$(sha256 "$T_TMP/body")" = "$want" ]
code=$(http GET "/documents/$want")
check "it is served under its SHA-256 too" [ "$code $(sha256 "$T_TMP/body")" = "200 $want" ]
code=$(http GET "/documents/0000000000000000000000000000000000000000000000000000000000000000")
check "an unknown document is 404 problem+json" is_problem 404

code=$(http GET /registry)
cp "$T_TMP/body" "$T_TMP/reg.jws"
if [ "$code" = 200 ] && "$JWS_CHECK" recourse-registry+json "$T_TMP/st/registry-root.jwk" \
    "$T_TMP/reg.jws" > "$T_TMP/reg.json"; then
	ok "the registry is served and verifies with the root key"
else
	not_ok "the registry is served and verifies with the root key"
fi
check "the registry lists this service and the provider" \
    [ "$(json "$T_TMP/reg.json" 'sorted(set(s["role"] for s in d["services"])) == ["provider", "service"] and any(s["service_id"] == os.environ["SVC_URL"] for s in d["services"])')" = true ]
check "the registry file written for clients is the one served" cmp -s "$T_TMP/reg.jws" "$T_TMP/st/registry.jws"

code=$(http GET /nothing/here)
check "an unknown path is 404 problem+json" is_problem 404
code=$(http DELETE /decisions/LN-2026-004217)
check "a wrong method is 405 problem+json" is_problem 405
check "405 says which methods are allowed" [ "$(header Allow)" = "GET, HEAD" ]
code=$(http GET /contests)
check "GET on the contests endpoint is 405, Allow: POST" \
    [ "$code $(header Allow)" = "405 POST" ]

# libmicrohttpd refuses an oversized header itself; the service goes on.
big=$(head -c 70000 /dev/zero | tr '\0' a)
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $big" "$SVC_URL/.well-known/recourse")
check "an oversized header gets a 4xx answer" contains " 400 413 414 431 " " $code "
code=$(http GET /.well-known/recourse)
check "... and the service keeps serving" [ "$code" = 200 ]

# Refused codes are limited per reference, known or not, whoever sends them:
# one curl, so that a slow machine cannot space the requests out.
for ref in NO-SUCH-REF-2 HB-2026-118305; do
	curl -s -o /dev/null -w '%{http_code}\n' -H 'Authorization: Bearer NOT-IT' \
	    "$SVC_URL/decisions/$ref?try=[1-12]" > "$T_TMP/codes.$ref"
done
check "the first 10 refused codes for a reference are 401, then 429" \
    [ "$(sort "$T_TMP/codes.NO-SUCH-REF-2" | uniq -c | tr -s ' ' | tr '\n' ,)" = " 10 401, 2 429," ]
check "... the same for a known reference" cmp -s "$T_TMP/codes.NO-SUCH-REF-2" "$T_TMP/codes.HB-2026-118305"
code=$(http GET /decisions/HB-2026-118305 -H "Authorization: Bearer $(cat "$T_TMP/st/site/decisions/HB-2026-118305.code")")
check "... then even the right code waits, told so by 429 and Retry-After" \
    [ "$code $(header Retry-After | grep -c '^[1-9][0-9]*$')" = "429 1" ]
code=$(http GET /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PX')
check "... while other references are served" [ "$code" = 200 ]

check "the access log has a line per request" \
    [ "$(grep -c ' /decisions/LN-2026-004217 401 ' "$T_TMP/st/access.log")" -ge 3 ]
check "the access log never holds an access code" \
    [ "$(grep -c -e 7KQ4 -e Bearer "$T_TMP/st/access.log")" = 0 ]
check "SIGTERM stops the service with status 0" svc_stop
finish
