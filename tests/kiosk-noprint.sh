#!/bin/sh
# kiosk-noprint.sh: a kiosk whose kiosk.conf names no print-command offers
# no printing: after a contest, neither the receipt screen nor the QR view
# offers p, and p says in words that there is no printer and leaves the QR
# view in place.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/kiosk-lib.sh"

kiosk_setup "idle-timeout = 300"

kiosk_begin
keys Enter
wait_for "Service address"
keys "$SERVICE" Tab LN-2026-004217 Tab 7KQ4-M2PX Tab Enter
check "the decision opens" wait_for "[ok] valid and trusted"
keys c
wait_for "[ ] Information used about me is wrong"
keys Space
ng=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["contest"]["grounds"]))' \
    "$top_srcdir/data/cases/loan-denied/record.json")
i=0; while [ $i -lt "$ng" ]; do keys Tab; i=$((i + 1)); done
keys Space
keys End BTab BTab BTab BTab
keys "My gross income is 41000, not 31000."
wait_for "Draft saved."
keys Tab Tab "a.person@example.org" Tab Tab Enter
wait_for "exactly what will be sent"
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
check "but not printing" sh -c "! $TM capture-pane -p -t kiosk | grep -qF 'p Print'"
keys p
check "p on the receipt screen says there is no printer" wait_for "This terminal has no printer"
keys g
check "the QR view shows the verification code" wait_for "Verification code:"
check "and offers no printing" sh -c "! $TM capture-pane -p -t kiosk | grep -qF 'p Print'"
keys p
check "p in the QR view says there is no printer" wait_for "This terminal has no printer"
check "and the QR view stays" wait_for "Verification code:"
keys Escape
check "any other key goes back to the receipt" wait_for "Enter Done"
finish
