#!/bin/sh
# kiosk-escape.sh: recourse --kiosk under tmux keeps a person inside it:
# Ctrl-Z, Ctrl-C, Ctrl-\, "!", function keys, a file path or a host no
# registry lists in the open dialog are refused (and no request reaches
# that host); the user's own configuration is not read; --config and a
# kiosk.conf others may write, and an idle-timeout out of its range, are
# refused; q (Finish) leaves the decision on no file, screen or scrollback;
# the administrator leaves with Ctrl-X and the password, and the session
# folder goes with the kiosk.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/kiosk-lib.sh"

kiosk_setup "idle-timeout = 300"
# The person's own configuration, which a kiosk must not read.
mkdir -p "$KHOME/.config/recourse"
echo "service = https://evil.example" > "$KHOME/.config/recourse/recourse.conf"

# A host that no registry lists: a listener that notes any connection.
python3 - "$T_TMP/stranger" <<'PY' &
import socket, sys
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(4)
open(sys.argv[1] + ".port", "w").write(str(s.getsockname()[1]))
s.settimeout(120)
try:
    c, _ = s.accept()
    open(sys.argv[1] + ".hit", "w").write("connected\n")
except Exception:
    pass
PY
STRANGER=$!
i=0
while [ ! -s "$T_TMP/stranger.port" ]; do i=$((i + 1)); [ $i -gt 100 ] && exit 99; sleep 0.1; done
SPORT=$(cat "$T_TMP/stranger.port")

check "--config and --plain are refused with --kiosk" sh -c \
    "'$RECOURSE' --kiosk --kiosk-config '$KCONF' -c '$KCONF' 2>&1 </dev/null | grep -q 'cannot be used with --config' && ! '$RECOURSE' --kiosk --plain </dev/null >/dev/null 2>&1"
cp "$KCONF" "$T_TMP/etc/open.conf"; chmod 666 "$T_TMP/etc/open.conf"
check "a kiosk.conf that others may write is refused" sh -c \
    "'$RECOURSE' --kiosk --kiosk-config '$T_TMP/etc/open.conf' 2>&1 </dev/null | grep -q 'writable by no one else'"
# The idle time is the administrator's, from 5 s to a day.
for idle in 4 86401 soon; do
	{ cat "$KCONF"; echo "idle-timeout = $idle"; } > "$T_TMP/etc/idle.conf"
	chmod 600 "$T_TMP/etc/idle.conf"
	rc=0
	"$RECOURSE" --kiosk --kiosk-config "$T_TMP/etc/idle.conf" </dev/null \
	    >/dev/null 2>"$T_TMP/idle.err" || rc=$?
	check "idle-timeout = $idle is refused, and says why" sh -c \
	    "[ $rc -eq 64 ] && grep -q 'idle-timeout must be a whole number from 5 to 86400' '$T_TMP/idle.err'"
done

kiosk_begin
check "the start screen offers the languages" wait_for "2 Cymraeg"
keys C-z; keys C-c; keys 'C-\'
sleep 0.5
check "Ctrl-Z, Ctrl-C and Ctrl-\\ on the start screen leave nothing" still_running
check "and the start screen stays" wait_for "open a decision"

keys Enter
check "Enter opens the open dialog" wait_for "Decision reference"
check "the user's recourse.conf is not read" sh -c "! $TM capture-pane -p -t kiosk | grep -q evil.example"
keys C-z
check "Ctrl-Z (suspend) is refused in words" wait_for "This key does nothing on a public terminal"
keys Escape
wait_for "o Open"
keys C-c
sleep 0.3
check "Ctrl-C is refused" wait_for "This key does nothing on a public terminal"
keys 'C-\'
sleep 0.3
check "Ctrl-\\ is refused" still_running
keys '!'
check "! (a shell) is refused" wait_for "There is no shell on a public terminal"
for f in F1 F2 F5 F10 F12; do
	keys "$f"
done
check "function keys are refused" wait_for "Function keys are not used on a public terminal"
check "after every escape attempt recourse still runs" still_running

# open_with SERVICE: the open dialog filled with SERVICE and a reference.
open_with() {
	keys Escape o
	wait_for "Decision reference"
	keys "$1" Tab LN-2026-004217 Tab 7KQ4-M2PX Tab Enter
}
open_with /etc/passwd
check "a file path typed as the service is refused" wait_for "opens decisions only from the services its registries list"
keys Escape
wait_for "o Open"
open_with "file:///etc/passwd"
check "a file: URL is refused" wait_for "opens decisions only from the services its registries list"
keys Escape
wait_for "o Open"
open_with "http://127.0.0.1:$SPORT"
check "a host that no registry lists is refused" wait_for "opens decisions only from the services its registries list"
sleep 1
check "and no request reached it" test ! -e "$T_TMP/stranger.hit"
keys Escape
wait_for "o Open"
open_with "$SERVICE"
check "a service the registry lists opens" wait_for "[ok] valid and trusted"
check "the key bar says q finishes" wait_for "q Finish"
check "the session keeps the decision in its folder meanwhile" \
    grep -rqF LN-2026-004217 "$KTMP"

keys q
check "q finishes: back to the start screen" wait_for "2 Cymraeg"
check "the decision is no longer on the screen" sh -c "! $TM capture-pane -p -S - -t kiosk | grep -q LN-2026-004217"
sleep 0.5
check "Finish leaves the decision in no file" sh -c \
    "! grep -rqF LN-2026-004217 '$KTMP' '$KHOME'"
check "nor the access code" sh -c "! grep -rqF 7KQ4-M2PX '$KTMP' '$KHOME'"
keys 2 Enter
check "the language chosen on the start screen is used" wait_for "Cyfeiriad y gwasanaeth"
keys Escape q
check "the next person's start screen is back in the first language" wait_for "2 Cymraeg"
keys C-x
wait_for "Administrator's password"
keys wrong-password Enter
check "a wrong administrator's password is refused" wait_for "not the administrator's password"
check "and the kiosk goes on" still_running
keys C-x
wait_for "Administrator's password"
keys "$ADMIN_PW" Enter
check "the administrator's password ends the kiosk" wait_for "EXITED 0"
check "the kiosk's session folder is gone" sh -c "[ -z \"\$(ls -A '$KTMP')\" ]"
kill $STRANGER 2>/dev/null || true
finish
