#!/bin/sh
# service-tools.sh: keygen, sign and registry; serve's refusals (plain HTTP
# off loopback, a record the checks refuse) and its rate limit.
. "$top_srcdir/tests/service-lib.sh"

K="$T_TMP/keys"
mkdir -p "$K"
kid=$("$RECOURSE_SERVICE" keygen --type ed25519 --out "$K/svc.pem")
check "keygen makes the private key with mode 0600" \
    [ "$(stat -c %a "$K/svc.pem")" = 600 ]
check "keygen writes the public JWK beside it, with the key id it prints" \
    [ "$(json "$K/svc.pem.pub.jwk" 'd["kid"] + " " + d["kty"] + " " + str("d" in d)')" = "$kid OKP False" ]
rc=0
"$RECOURSE_SERVICE" keygen --type ed25519 --out "$K/svc.pem" 2>"$T_TMP/err" || rc=$?
check "keygen never writes over a key (status 1)" [ "$rc" = 1 ]
"$RECOURSE_SERVICE" keygen --type p256 --out "$K/p256.pem" >/dev/null
check "keygen makes P-256 keys" [ "$(json "$K/p256.pem.pub.jwk" 'd["crv"] + " " + d["alg"]')" = "P-256 ES256" ]
rc=0
"$RECOURSE_SERVICE" keygen --type rsa --out "$K/rsa.pem" 2>/dev/null || rc=$?
check "keygen refuses other key types (status 64)" [ "$rc" = 64 ]

printf '{"hello": "byd"}\n' > "$T_TMP/doc.json"
for t in svc p256; do
	"$RECOURSE_SERVICE" sign --key "$K/$t.pem" --typ recourse-attestation+json \
	    "$T_TMP/doc.json" > "$T_TMP/doc.jws"
	if "$JWS_CHECK" recourse-attestation+json "$K/$t.pem.pub.jwk" "$T_TMP/doc.jws" > "$T_TMP/out" &&
	    cmp -s "$T_TMP/out" "$T_TMP/doc.json"; then
		ok "sign ($t): a flattened JWS over the exact bytes that verifies"
	else
		not_ok "sign ($t): a flattened JWS over the exact bytes that verifies"
	fi
done
"$RECOURSE_SERVICE" sign --key "$K/svc.pem" --typ recourse-status+json < "$T_TMP/doc.json" > "$T_TMP/doc.jws"
check "sign reads the payload from standard input" \
    sh -c '"$0" recourse-status+json "$1" "$2" >/dev/null' \
    "$JWS_CHECK" "$K/svc.pem.pub.jwk" "$T_TMP/doc.jws"
printf '{"a":1,"a":2}' > "$T_TMP/dup.json"
rc=0
"$RECOURSE_SERVICE" sign --key "$K/svc.pem" --typ x "$T_TMP/dup.json" >/dev/null 2>&1 || rc=$?
check "sign refuses what is not strict JSON (status 1)" [ "$rc" = 1 ]

"$RECOURSE_SERVICE" keygen --type ed25519 --out "$K/root.pem" >/dev/null
tp=$("$PY" -c 'import base64, hashlib, json, sys
k = json.load(open(sys.argv[1]))
c = json.dumps({"crv": k["crv"], "kty": k["kty"], "x": k["x"]}, separators=(",", ":"))
print(base64.urlsafe_b64encode(hashlib.sha256(c.encode()).digest()).decode().rstrip("="))' "$K/svc.pem.pub.jwk")
cat > "$T_TMP/services.json" <<EOT
[{"service_id": "https://bank.example", "name": "Bank", "role": "service",
  "status": "active", "keys": [{"jwk": $(cat "$K/svc.pem.pub.jwk"),
  "not_before": "2026-01-01T00:00:00Z", "not_after": "2036-01-01T00:00:00Z"}]},
 {"service_id": "https://model.example", "name": "Model Ltd", "role": "provider",
  "status": "suspended", "keys": [{"thumbprint": "$tp",
  "not_before": "2026-01-01T00:00:00Z", "not_after": "2036-01-01T00:00:00Z"}]}]
EOT
"$RECOURSE_SERVICE" registry --key "$K/root.pem" --sequence 7 --expires 2099-01-01T00:00:00Z \
    --services "$T_TMP/services.json" --id test-registry > "$T_TMP/reg.jws"
if "$JWS_CHECK" recourse-registry+json "$K/root.pem.pub.jwk" "$T_TMP/reg.jws" > "$T_TMP/reg.json"; then
	ok "registry signs a registry that verifies with the root key"
else
	not_ok "registry signs a registry that verifies with the root key"
fi
check "the registry holds id, sequence, expiry and the services" \
    [ "$(json "$T_TMP/reg.json" 'd["registry"] + " " + str(d["sequence"]) + " " + d["expires"] + " " + d["services"][1]["status"]')" = \
      "test-registry 7 2099-01-01T00:00:00Z suspended" ]
check "a key given as a JWK is listed by its RFC 7638 thumbprint" \
    [ "$(json "$T_TMP/reg.json" 'd["services"][0]["keys"][0]["thumbprint"]')" = "$tp" ]
sed 's/"provider"/"auditor"/' "$T_TMP/services.json" > "$T_TMP/bad.json"
rc=0
"$RECOURSE_SERVICE" registry --key "$K/root.pem" --sequence 8 --expires 2099-01-01T00:00:00Z \
    --services "$T_TMP/bad.json" >/dev/null 2>&1 || rc=$?
check "registry refuses a role the protocol has not (status 1)" [ "$rc" = 1 ]
rc=0
"$RECOURSE_SERVICE" registry --key "$K/root.pem" --sequence 8 --expires 2001-01-01T00:00:00Z \
    --services "$T_TMP/services.json" >/dev/null 2>&1 || rc=$?
check "registry refuses an expiry in the past (status 64)" [ "$rc" = 64 ]

rc=0
"$RECOURSE_SERVICE" serve --demo "$top_srcdir/data" --state "$T_TMP/st0" \
    --listen 0.0.0.0:0 2> "$T_TMP/err" || rc=$?
check "plain HTTP off loopback is refused (status 1)" [ "$rc" = 1 ]
check "... saying why" contains "$(cat "$T_TMP/err")" "loopback"
rc=0
"$RECOURSE_SERVICE" serve --state "$T_TMP/st0" 2>/dev/null || rc=$?
check "serve without --cases or --demo is a usage error (status 64)" [ "$rc" = 64 ]

# A cases folder whose record lacks the contest terms is refused.
C="$T_TMP/cases"
mkdir -p "$C/decisions"
cp "$K/svc.pem" "$C/key.pem"
printf '{"names":{"en":"T"},"operator":{"legal_name":"T","jurisdiction":"GB","registration":"1","contact":"t@t.example","dpo_contact":"t@t.example"},"languages":["en"],"signing_key":"key.pem"}' > "$C/service.json"
printf '{"recourse":"1","id":"X-1"}' > "$T_TMP/rec.json"
"$RECOURSE_SERVICE" sign --key "$K/svc.pem" --typ recourse-decision+json "$T_TMP/rec.json" > "$C/decisions/X-1.jws"
printf 'ABCD-EFGH\n' > "$C/decisions/X-1.code"
rc=0
"$RECOURSE_SERVICE" serve --cases "$C" --state "$T_TMP/st1" --listen 127.0.0.1:0 2> "$T_TMP/err" || rc=$?
check "a case the record checks refuse stops the service (status 1)" [ "$rc" = 1 ]
check "... naming the case" contains "$(cat "$T_TMP/err")" "X-1.jws"

# A decision over the protocol's 1 MiB is refused before anything is parsed.
rm -f "$C/decisions/X-1.jws" "$C/decisions/X-1.code"
head -c 1100000 /dev/zero | tr '\0' a > "$C/decisions/BIG-1.jws"
printf 'ABCD-EFGH\n' > "$C/decisions/BIG-1.code"
rc=0
"$RECOURSE_SERVICE" serve --cases "$C" --state "$T_TMP/st1" --listen 127.0.0.1:0 2> "$T_TMP/err" || rc=$?
check "a decision over 1 MiB stops the service (status 1)" [ "$rc" = 1 ]
check "... with a plain message naming the case and the limit" \
    contains "$(cat "$T_TMP/err")" "BIG-1.jws: the decision is 1100000 bytes, over the protocol's limit of 1048576"

svc_start "$T_TMP/st2" --rate 1 || { not_ok "the service starts"; finish; exit 1; }
: > "$T_TMP/codes"
# Twenty requests from one curl, one after the other on one connection, so
# that a slow machine cannot space them out below the rate.
curl -s -o "$T_TMP/rl-body-#1" \
    -w '%{http_code}\tContent-Type: %{content_type}\tRetry-After: %header{retry-after}\n' \
    "$SVC_URL/.well-known/recourse?n=[1-20]" > "$T_TMP/answers" || true
cut -f 1 "$T_TMP/answers" > "$T_TMP/codes"
n=$(grep -n '^429$' "$T_TMP/codes" | head -n 1 | cut -d: -f1)
if [ -n "$n" ]; then
	cp "$T_TMP/rl-body-$n" "$T_TMP/body"
	sed -n "${n}p" "$T_TMP/answers" | cut -f 2- | tr '\t' '\n' > "$T_TMP/headers"
else
	: > "$T_TMP/body"
	: > "$T_TMP/headers"
fi
check "past its rate a client gets 429 problem+json" is_problem 429
check "... of type rate-limited, with Retry-After" \
    [ "$(json "$T_TMP/body" 'd["type"]') $(header Retry-After)" = "https://recourse.example/problems/rate-limited 1" ]
check "the first requests were served" [ "$(head -n 1 "$T_TMP/codes")" = 200 ]
check "SIGTERM stops the service with status 0" svc_stop

if command -v openssl >/dev/null 2>&1 &&
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$T_TMP/tls.key" -out "$T_TMP/tls.crt" -days 2 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1; then
	svc_start "$T_TMP/st3" --rate 0 --cert "$T_TMP/tls.crt" --privkey "$T_TMP/tls.key" ||
	    { not_ok "the service starts with TLS"; finish; exit 1; }
	SVC_URL=$(printf '%s' "$SVC_URL" | sed 's/^http:/https:/')
	code=$(http GET /.well-known/recourse --cacert "$T_TMP/tls.crt")
	check "with --cert and --privkey it serves HTTPS" [ "$code" = 200 ]
	check "... and names its https origin" \
	    [ "$(json "$T_TMP/body" 'd["service_id"]')" = "$SVC_URL" ]
	check "SIGTERM stops the HTTPS service with status 0" svc_stop
fi
finish
