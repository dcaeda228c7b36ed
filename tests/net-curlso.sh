#!/bin/sh
# net-curlso.sh: libcurl is opened only when a command needs the network.
# With a broken libcurl.so.4 first on the library path, `recourse verify`
# still judges a decision (it never loads libcurl), while opening a case
# stops with "libcurl could not start" and the loader's reason, exit status
# 70, and keeps nothing of the case.
. "$top_srcdir/tests/service-lib.sh"

ST="$T_TMP/st"
svc_start "$ST" --rate 0 --client-config "$ST/recourse.conf" ||
    { not_ok "the service starts"; finish; exit 1; }
http GET /.well-known/recourse >/dev/null
cp "$T_TMP/body" "$T_TMP/disc.json"
http GET /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PX' >/dev/null
cp "$T_TMP/body" "$T_TMP/dec.jws"
CONF="$T_TMP/recourse.conf"
cp "$ST/recourse.conf" "$CONF"
echo "data-dir = $T_TMP/store" >> "$CONF"

# A libcurl.so.4 the loader cannot use, found before the real one.
mkdir "$T_TMP/badlib"
echo 'not a library' > "$T_TMP/badlib/libcurl.so.4"

# nocurl ARGS...: run recourse with the broken libcurl; sets RC, OUT, ERR.
nocurl() {
	RC=0
	LD_LIBRARY_PATH="$T_TMP/badlib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
	    "$RECOURSE" "$@" > "$T_TMP/out" 2> "$T_TMP/err" < /dev/null || RC=$?
	OUT=$(cat "$T_TMP/out")
	ERR=$(cat "$T_TMP/err")
}

nocurl verify --no-default-registries --root "$ST/registry-root.jwk" \
    --registry "$ST/registry.jws" --keys "$T_TMP/disc.json" --type decision \
    "$T_TMP/dec.jws"
check "verify judges a decision without libcurl (status 0)" [ "$RC" = 0 ]
check "... and says it is valid and trusted" contains "$OUT" "valid and trusted"
check "... and says nothing of libcurl" [ -z "$ERR" ]

# no_case: the store holds no case.
no_case() { [ -z "$(ls -A "$T_TMP/store/cases" 2>/dev/null)" ]; }

nocurl --allow-http-loopback -c "$CONF" open LN-2026-004217 --code 7KQ4-M2PX
check "open without a usable libcurl ends with status 70" [ "$RC" = 70 ]
check "... saying libcurl could not start" contains "$ERR" "libcurl could not start"
check "... and why, naming the library" contains "$ERR" "libcurl.so.4"
check "... and keeps no case" no_case
check "... nor asks the service" [ "$(grep -c 'decisions' "$ST/access.log")" = 1 ]

rc=0
"$RECOURSE" --allow-http-loopback -c "$CONF" open LN-2026-004217 \
    --code 7KQ4-M2PX > "$T_TMP/out" 2>&1 < /dev/null || rc=$?
check "with the real libcurl the same case opens (status 0)" [ "$rc" = 0 ]
check "... and is kept" [ -n "$(ls -A "$T_TMP/store/cases")" ]
finish
