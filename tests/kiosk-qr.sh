#!/bin/sh
# kiosk-qr.sh: the receipt leaves with the person: after a contest sent from
# recourse --kiosk at 80x24, the QR code drawn on the screen decodes (the
# pane turned into an image, read by zbarimg) to the contest's status URL
# and the SHA-256 of the signed receipt kept in the session's store; the
# verification code shown is the start of that digest in base32; p prints
# the receipt through the administrator's print command, with no shell.
. "$top_srcdir/tests/lib.sh"
if ! command -v zbarimg >/dev/null 2>&1; then
	echo "zbarimg (zbar-tools) is not installed: skipped"
	exit 77
fi
. "$top_srcdir/tests/kiosk-lib.sh"

PRINTED="$T_TMP/printed.txt"
mkdir -p "$T_TMP/bin"
printf '#!/bin/sh\ncat > "%s"\n' "$PRINTED" > "$T_TMP/bin/print"
chmod 755 "$T_TMP/bin/print"
kiosk_setup "idle-timeout = 300" "print-command = $T_TMP/bin/print"

kiosk_begin
kiosk_contest
keys g
check "the QR view shows the verification code" wait_for "Verification code:"
$TM capture-pane -p -t kiosk > "$T_TMP/pane.txt"
python3 "$top_srcdir/tests/kiosk-qr.py" "$T_TMP/pane.txt" "$T_TMP/qr.pbm"
img="$T_TMP/qr.pbm"
if command -v convert >/dev/null 2>&1; then
	convert "$T_TMP/qr.pbm" "$T_TMP/qr.png" && img="$T_TMP/qr.png"
fi
DECODED=$(zbarimg --raw -q "$img" 2>/dev/null || true)
echo "decoded: $DECODED"
# The receipt is the object whose protected header says recourse-receipt+json
# (base64url inside the JWS): find it by decoding the headers.
RECEIPT=$(python3 - "$KTMP" <<'PY'
import base64, glob, json, sys
for f in glob.glob(sys.argv[1] + "/*/*/objects/*"):
    try:
        j = json.load(open(f))
        p = j["protected"]
        h = json.loads(base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)))
        if h.get("typ") == "recourse-receipt+json":
            print(f.rsplit("/", 1)[1])
    except Exception:
        pass
PY
)
UPPER=$(printf '%s' "$RECEIPT" | tr 'a-f' 'A-F')
STATUS_URL=$(printf '%s' "$DECODED" | sed 's/#SHA256=.*//')
check "the QR code decodes" test -n "$DECODED"
check "to the status URL of the contest" sh -c "printf '%s' '$STATUS_URL' | grep -q '^$SERVICE/.*status'"
check "and the SHA-256 of the signed receipt kept" test "$DECODED" = "$STATUS_URL#SHA256=$UPPER"
VCODE=$(python3 -c "import base64,sys; c=base64.b32encode(bytes.fromhex(sys.argv[1]))[:10].decode(); print(c[:5]+'-'+c[5:])" "$RECEIPT")
check "the verification code is the digest's first ten base32 characters" wait_for "$VCODE"
keys p
check "p prints the receipt" wait_for "The receipt was sent"
check "the printed receipt gives the status URL" grep -qF "$STATUS_URL" "$PRINTED"
check "and the verification code" grep -qF "$VCODE" "$PRINTED"
keys Escape
check "any other key goes back to the receipt" wait_for "Enter Done"
finish
