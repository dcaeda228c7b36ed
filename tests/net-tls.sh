#!/bin/sh
# net-tls.sh: certificate checks, made at test time with openssl(1): a
# self-signed certificate, an expired one, one for another host, a pinned
# public key that does not match, and a redirect from https to plain http
# are all refused; a good certificate from the configured CA works.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
if ! command -v openssl >/dev/null 2>&1; then
	echo "openssl(1) is not installed" >&2
	exit 77
fi
REF=CC-2026-020931
CONF="$T_TMP/recourse.conf"
P="$T_TMP/pki"
mkdir -p "$P/db"
: > "$P/db/index"
echo 10 > "$P/db/serial"
cat > "$P/ca.cnf" <<'CNF'
[ca]
default_ca = t
[t]
database = db/index
serial = db/serial
new_certs_dir = db
default_md = sha256
policy = p
copy_extensions = none
unique_subject = no
[p]
commonName = supplied
[local]
subjectAltName = DNS:localhost,IP:127.0.0.1
[other]
subjectAltName = DNS:other.example
CNF
newkey() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
(
	cd "$P"
	newkey ca.key
	openssl req -x509 -new -key ca.key -out ca.crt -days 2 -subj "/CN=recourse test CA" 2>/dev/null
	newkey srv.key
	openssl req -new -key srv.key -out srv.csr -subj "/CN=localhost" 2>/dev/null
	openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in srv.csr -notext \
	    -out good.crt -days 2 -extensions local >/dev/null 2>&1
	openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in srv.csr -notext \
	    -out expired.crt -startdate 20200101000000Z -enddate 20200201000000Z \
	    -extensions local >/dev/null 2>&1
	openssl ca -batch -config ca.cnf -cert ca.crt -keyfile ca.key -in srv.csr -notext \
	    -out other.crt -days 2 -extensions other >/dev/null 2>&1
	openssl req -x509 -new -key srv.key -out self.crt -days 2 -subj "/CN=localhost" \
	    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
	newkey stranger.key
)
for c in good expired other self; do
	[ -s "$P/$c.crt" ] || { echo "openssl could not make $c.crt" >&2; exit 99; }
done
pin_of() { openssl pkey -in "$1" -pubout -outform der 2>/dev/null |
    openssl dgst -sha256 -binary | openssl base64; }

# tls NAME CERT: a fake service with that certificate, pinned signer.
tls() {
	stop_fake f
	rm -rf "$T_TMP/store"
	start_fake f "${3:-ok}" --tls-cert "$P/$2.crt" --tls-key "$P/srv.key" ${4:+--redirect-to "$4"}
}

tls f good
write_conf "$CONF" "pin = $T_TMP/f.jwk" "ca-bundle = $P/ca.crt"
rr -c "$CONF" open "$f_URL" $REF --code c
expect "a certificate from the configured CA for this host works" 0 "valid and trusted"

write_conf "$CONF" "pin = $T_TMP/f.jwk" "ca-bundle = $P/ca.crt" \
    "pinned-public-key = sha256//$(pin_of "$P/srv.key")"
rr -c "$CONF" open "$f_URL" $REF --code c
expect "the pinned public key matches" 0 "valid and trusted"

write_conf "$CONF" "pin = $T_TMP/f.jwk" "ca-bundle = $P/ca.crt" \
    "pinned-public-key = sha256//$(pin_of "$P/stranger.key")"
rr -c "$CONF" open "$f_URL" $REF --code c
expect "a pinned public key that does not match is refused" 4 "certificate was refused"

write_conf "$CONF" "pin = $T_TMP/f.jwk"
rr -c "$CONF" open "$f_URL" $REF --code c
expect "a CA this computer does not trust is refused" 4 "certificate was refused"

tls f self
write_conf "$CONF" "pin = $T_TMP/f.jwk" "ca-bundle = $P/ca.crt"
rr -c "$CONF" open "$f_URL" $REF --code c
expect "a self-signed certificate is refused" 4 "certificate was refused"

tls f expired
rr -c "$CONF" open "$f_URL" $REF --code c
expect "an expired certificate is refused" 4 "certificate was refused"
check "and the message says it expired" contains "$ERR" "expired"

tls f other
rr -c "$CONF" open "$f_URL" $REF --code c
expect "a certificate for another host is refused" 4 "certificate was refused"

start_fake plain ok
tls f good redirect "$plain_URL/.well-known/recourse"
write_conf "$CONF" "pin = $T_TMP/f.jwk" "ca-bundle = $P/ca.crt"
rr --allow-http-loopback -c "$CONF" open "$f_URL" $REF --code c
expect "a redirect from https to plain http is refused" 4 "another origin"
check "the plain service was never asked" [ ! -s "$T_TMP/plain.log" ]
finish
