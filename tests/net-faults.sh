#!/bin/sh
# net-faults.sh: transport faults against small misbehaving services on
# loopback.  Each ends with a clear message and a documented exit code, no
# crash, and nothing the person wrote lost: a draft and a contest waiting in
# the outbox stay byte for byte, and so does the case already kept.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
REF=CC-2026-020931
CONF="$T_TMP/recourse.conf"

start_fake good ok
write_conf "$CONF" "pin = $T_TMP/good.jwk"
R="--allow-http-loopback -c $CONF"

# A case to keep, a contest waiting in the outbox, and a draft being typed.
rr $R open "$good_URL" $REF --code 5FHN-2KJR
expect "a well-behaved service opens a case" 0 "valid and trusted"
stop_fake good
cat > "$T_TMP/contest.json" <<'JSON'
{"grounds":["inaccurate_data"],"statement":"My income is higher.","corrections":[],
 "remedies":["human_review"],"contact":{"preference":"post","address":"1 High St"},
 "language":"en"}
JSON
rr $R contest $REF "$T_TMP/contest.json" --code 5FHN-2KJR
expect "a contest to a service that is gone stays in the outbox" 4 "could not connect"
check "the outbox holds the contest" [ "$(ls "$T_TMP/store/outbox" | wc -l)" -eq 1 ]
printf '{"statement":"half-typed \xe2\x80\x94 text"}' > "$T_TMP/store/drafts/$REF.json"
KEEP="$T_TMP/store/drafts/$REF.json $T_TMP/store/outbox/*.json $T_TMP/store/cases/$REF.json"
BEFORE=$(digest $KEEP)
nothing_lost() {
	check "$1: nothing lost" [ "$(digest $KEEP)" = "$BEFORE" ]
}

# Connection refused: a port where nothing listens (the fake's, now closed).
rr $R open "http://127.0.0.1:$good_PORT" REF-1 --code x
expect "connection refused" 4 "could not connect to the service"
nothing_lost "connection refused"

rr $R open "https://no-such-service.invalid" REF-1 --code x
expect "a name that does not exist" 4 "host name was not found"
nothing_lost "name not found"

rr -c "$CONF" open "http://127.0.0.1:$good_PORT" REF-1 --code x
expect "plain http without --allow-http-loopback" 4 "--allow-http-loopback"
rr $R open "http://192.0.2.1" REF-1 --code x
expect "plain http to another machine, even when asked" 4 "only https"

start_fake f hang
rr $R open "$f_URL" REF-1 --code x
expect "a service that never answers" 4 "did not answer in time"
nothing_lost "timeout"
stop_fake f

start_fake f drip
rr $R open "$f_URL" REF-1 --code x
expect "a service that drips one byte a second" 4 "did not answer in time"
stop_fake f

start_fake f reset
rr $R open "$f_URL" REF-1 --code x
expect "a connection reset mid-body" 4 "broke off"
nothing_lost "reset"
stop_fake f

start_fake f big
rr $R open "$f_URL" REF-1 --code x
expect "an answer over the size cap" 3 "larger than"
nothing_lost "oversized"
stop_fake f

start_fake f ctype
rr $R open "$f_URL" REF-1 --code x
expect "a decision of the wrong media type" 3 "wrong kind of data"
stop_fake f

start_fake f badjson
rr $R open "$f_URL" REF-1 --code x
expect "a discovery document that is not JSON" 3 "not valid JSON"
nothing_lost "malformed JSON"
stop_fake f

start_fake other ok
start_fake f redirect --redirect-to "$other_URL/.well-known/recourse"
rr $R open "$f_URL" REF-1 --code x
expect "a redirect to another port" 4 "another origin"
stop_fake f
start_fake f redirect --redirect-to "http://localhost:$other_PORT/.well-known/recourse"
rr $R open "$f_URL" REF-1 --code x
expect "a redirect to another host" 4 "another origin"
check "the other service was never asked" [ ! -s "$T_TMP/other.log" ]
stop_fake f
stop_fake other

start_fake f retry
write_conf "$CONF" "pin = $T_TMP/f.jwk" "languages = cy, en"
rr --lang fr $R open "$f_URL" REF-RETRY --code x
# (The messages are in French where the catalogue is built; the record
# and the exit status are the same in every language.)
expect "503 with Retry-After: 1, twice, then the decision" 0 "CC-2026-020931-r2"
check "the client asked three times" [ "$(grep -c 'GET /decisions/' "$T_TMP/f.log")" -eq 3 ]
check "in the person's languages, most wanted first" \
    grep -q ' fr,cy;q=0.9,en;q=0.8$' "$T_TMP/f.log"
stop_fake f

start_fake f retrylong
rr $R open "$f_URL" REF-1 --code x
expect "503 with Retry-After: 3600 is not waited for" 4 "3600"
check "the client asked once" [ "$(grep -c 'GET /decisions/' "$T_TMP/f.log")" -eq 1 ]
nothing_lost "retry later"
stop_fake f

rr $R list
expect "the store is still usable" 0 "$REF"
finish
