#!/bin/sh
# net-nospace.sh: a full disk.  The store lives on a small tmpfs (mounted
# in a private mount namespace, so no privilege is needed where user
# namespaces are allowed; skipped elsewhere).  With the disk full, a contest
# cannot be queued: recourse says the disk is full (exit 6), sends nothing,
# and the case and its documents stay readable; once there is room, the
# same contest goes through.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
SMALL="$T_TMP/small"
mkdir -p "$SMALL"
if ! command -v unshare >/dev/null 2>&1 ||
    ! unshare -rm sh -c "mount -t tmpfs -o size=512k tmpfs '$SMALL'" 2>/dev/null; then
	echo "cannot mount a private tmpfs here" >&2
	exit 77
fi
REF=CC-2026-020931
CONF="$T_TMP/recourse.conf"
start_fake f ok
write_conf "$CONF" "pin = $T_TMP/f.jwk" "data-dir = $SMALL/store"
cat > "$T_TMP/contest.json" <<'JSON'
{"grounds":["inaccurate_data"],"statement":"My income is higher.","corrections":[],
 "remedies":["human_review"],"contact":{"preference":"post","address":"1 High St"},
 "language":"en"}
JSON
cat > "$T_TMP/run.sh" <<SH
set -u
mount -t tmpfs -o size=512k tmpfs "$SMALL" || exit 99
R="$RECOURSE --allow-http-loopback -c $CONF"
\$R open "$f_URL" $REF --code c > "$T_TMP/open.out" 2>&1; echo \$? > "$T_TMP/open.rc"
dd if=/dev/zero of="$SMALL/filler" bs=4k count=1000 2>/dev/null
\$R contest $REF "$T_TMP/contest.json" --code c > "$T_TMP/full.out" 2>&1
echo \$? > "$T_TMP/full.rc"
ls "$SMALL/store/outbox" > "$T_TMP/full.outbox"
cp "$T_TMP/f.log" "$T_TMP/full.log"
\$R list > "$T_TMP/list.out" 2>&1; echo \$? > "$T_TMP/list.rc"
rm -f "$SMALL/filler"
\$R contest $REF "$T_TMP/contest.json" --code c > "$T_TMP/room.out" 2>&1
echo \$? > "$T_TMP/room.rc"
SH
unshare -rm sh "$T_TMP/run.sh"
check "a case opens on the small disk" [ "$(cat "$T_TMP/open.rc")" = 0 ]
check "with the disk full, the contest is refused with exit 6" [ "$(cat "$T_TMP/full.rc")" = 6 ]
check "saying the disk is full" grep -q "the disk is full" "$T_TMP/full.out"
check "nothing half-written is left in the outbox" [ ! -s "$T_TMP/full.outbox" ]
check "nothing was sent" lacks "/contests" "$T_TMP/full.log"
check "the case is still readable" grep -q "$REF: \[ok\] valid and trusted" "$T_TMP/list.out"
check "with room again, the same contest is received" [ "$(cat "$T_TMP/room.rc")" = 0 ]
check "once" [ "$(grep -c 'POST .*/contests' "$T_TMP/f.log")" -eq 1 ]
finish
