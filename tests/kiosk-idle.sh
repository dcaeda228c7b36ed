#!/bin/sh
# kiosk-idle.sh: an idle kiosk session counts down in the status line with
# the terminal's bell, a key gives it its time again, and at the end it is
# wiped: the access code and the statement are in no file under the kiosk's
# folder or $HOME, and neither they nor the decision are on the screen or
# in the scrollback.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/kiosk-lib.sh"

CODE=7KQ4-M2PX
STATEMENT="Kiosk statement zq7 my income is 41000"
kiosk_setup "idle-timeout = 15"
# grep_left TEXT: TEXT is in some file under the kiosk's folder or HOME.
grep_left() { grep -rqF -- "$1" "$KTMP" "$KHOME" 2>/dev/null; }

kiosk_begin
keys Enter
wait_for "Service address"
keys "$SERVICE" Tab LN-2026-004217 Tab "$CODE" Tab Enter
check "the decision opens" wait_for "[ok] valid and trusted"
keys c
check "the contest form opens" wait_for "[ ] Information used about me is wrong"
keys Space End BTab BTab BTab BTab
keys "$STATEMENT"
check "the draft is saved as it is typed" wait_for "Draft saved."
check "and is on disk in the session's folder meanwhile" grep_left "zq7 my income"
# bell: whether the terminal's bell has sounded in the kiosk's window.
bell() { $TM display-message -p -t kiosk '#{window_bell_flag}'; }
check "no bell before the countdown" test "$(bell)" = 0
check "the idle countdown shows" wait_for "will be wiped in" 150
check "and is announced with the terminal's bell" test "$(bell)" = 1
keys Space
check "a key gives the session its time again" wait_for "Your session goes on"
check "the form is still there with the statement" wait_for "zq7 my income"
check "after the idle time the session is wiped: the start screen" \
    wait_for "2 Cymraeg" 250
sleep 0.5
check "the statement is in no file" sh -c "! grep -rqF 'zq7 my income' '$KTMP' '$KHOME'"
check "the access code is in no file" sh -c "! grep -rqF '$CODE' '$KTMP' '$KHOME'"
check "the decision reference is in no file" sh -c "! grep -rqF 'LN-2026-004217' '$KTMP' '$KHOME'"
check "the statement is not on the screen or in the scrollback" sh -c \
    "! $TM capture-pane -p -S - -E - -t kiosk | grep -qF 'zq7'"
check "nor the decision" sh -c \
    "! $TM capture-pane -p -S - -E - -t kiosk | grep -qE 'LN-2026-004217|declined'"
check "nor the access code" sh -c \
    "! $TM capture-pane -p -S - -E - -t kiosk | grep -qF '$CODE'"
check "the scrollback is empty" sh -c \
    "[ \$($TM display -p -t kiosk '#{history_size}') -eq 0 ]"
check "the kiosk still runs for the next person" still_running
finish
