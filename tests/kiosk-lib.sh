# kiosk-lib.sh: what the kiosk tests share: the reference service with its
# demo cases, an administrator's kiosk.conf, and recourse --kiosk in tmux.
# Source it after tests/lib.sh; call kiosk_setup, then kiosk_start.
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1 ||
    ! command -v openssl >/dev/null 2>&1; then
	echo "tmux, python3 or openssl is not installed: skipped"
	exit 77
fi
ST="$T_TMP/svc"
SOCK="recourse-kiosk-$$"
TM_SESSION=kiosk
. "$top_srcdir/tests/tmux-lib.sh"
SVC=
KTMP="$T_TMP/ktmp"		# RECOURSE_KIOSK_TMP
KHOME="$T_TMP/home"		# the kiosk account's HOME
KCONF="$T_TMP/etc/kiosk.conf"
ADMIN_PW="open-sesame-42"
kiosk_cleanup() {
	$TM kill-server 2>/dev/null || true
	[ -n "$SVC" ] && kill "$SVC" 2>/dev/null || true
	rm -rf "$T_TMP"
}
trap kiosk_cleanup EXIT

# kiosk_setup [EXTRA-LINE]...: start the service; write kiosk.conf with its
# registry and the lines given.
kiosk_setup() {
	mkdir -p "$ST" "$KTMP" "$KHOME" "$T_TMP/etc"
	chmod 700 "$T_TMP" "$T_TMP/etc"
	"$RECOURSE_SERVICE" serve --demo "$top_srcdir/data" --state "$ST" \
	    --listen 127.0.0.1:0 --port-file "$ST/port" --rate 0 \
	    --client-config "$ST/recourse.conf" 2>"$ST/err" &
	SVC=$!
	i=0
	while [ ! -s "$ST/port" ] || [ ! -s "$ST/recourse.conf" ]; do
		i=$((i + 1))
		if [ $i -gt 300 ]; then cat "$ST/err" >&2; exit 99; fi
		sleep 0.1
	done
	SERVICE=$(sed -n 's/^service = //p' "$ST/recourse.conf")
	salt=5eed0123456789ab
	hash=$(openssl kdf -keylen 32 -kdfopt digest:SHA256 \
	    -kdfopt "pass:$ADMIN_PW" -kdfopt "hexsalt:$salt" -kdfopt iter:10000 \
	    PBKDF2 | tr -d ':\n' | tr 'A-F' 'a-f')
	{
		grep -E '^(registry|registry-root) = ' "$ST/recourse.conf"
		echo "languages = en cy"
		echo "admin-password = pbkdf2-sha256:10000:$salt:$hash"
		for l in "$@"; do echo "$l"; done
	} > "$KCONF"
	chmod 600 "$KCONF"
}

# The screen and all the scrollback.
history() { $TM capture-pane -p -S - -E - -t kiosk; }
# kiosk_start: recourse --kiosk in a tmux pane of 80x24; the pane says
# EXITED and the status when recourse ends.
kiosk_start() {
	tm_open 80 24 \
	    "LC_ALL=C.UTF-8 TERM=screen-256color HOME=$KHOME RECOURSE_KIOSK_TMP=$KTMP $RECOURSE --allow-http-loopback --kiosk --kiosk-config $KCONF 2>$T_TMP/kiosk.err; echo EXITED \$?; sleep 60"
	wait_for "public terminal"
}
# kiosk_begin: kiosk_start as the first check; without a kiosk the rest
# cannot run, so the test ends there.
kiosk_begin() {
	if kiosk_start; then
		ok "the kiosk starts on its start screen"
		return 0
	fi
	not_ok "the kiosk starts on its start screen"
	cat "$T_TMP/kiosk.err" >&2 2>/dev/null || true
	finish
	exit 1
}
# still_running: recourse has not ended.
still_running() { ! screen | grep -q EXITED; }
# kiosk_contest: from the start screen, open the loan case, fill in a
# contest (a ground, the first remedy after the grounds, a statement and an
# e-mail address), review it, send it and come to its receipt.
kiosk_contest() {
	keys Enter
	wait_for "Service address"
	keys "$SERVICE" Tab LN-2026-004217 Tab 7KQ4-M2PX Tab Enter
	check "the decision opens" wait_for "[ok] valid and trusted"
	keys c
	wait_for "[ ] Information used about me is wrong"
	# A ground, then the first remedy after the grounds.
	keys Space
	ng=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["contest"]["grounds"]))' \
	    "$top_srcdir/data/cases/loan-denied/record.json")
	i=0; while [ $i -lt "$ng" ]; do keys Tab; i=$((i + 1)); done
	keys Space
	keys End BTab BTab BTab BTab
	keys "My gross income is 41000, not 31000."
	wait_for "Draft saved."
	keys Tab Tab "a.person@example.org" Tab Tab Enter
	check "the review shows what will be sent" wait_for "exactly what will be sent"
	keys y
	n=0
	while ! screen | grep -qF "The service received your contest."; do
		if screen | grep -qF "Access code (hidden"; then
			keys 7KQ4-M2PX Tab Tab Enter
			sleep 0.5
		fi
		n=$((n + 1)); [ $n -gt 150 ] && break
		sleep 0.1
	done
	check "the contest is sent and its receipt shown" wait_for "The service received your contest."
	check "the receipt screen offers the code to take away" wait_for "g Take it away"
}
