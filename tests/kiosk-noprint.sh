#!/bin/sh
# kiosk-noprint.sh: a kiosk whose kiosk.conf names no print-command offers
# no printing: after a contest, neither the receipt screen nor the QR view
# offers p, and p says in words that there is no printer and leaves the QR
# view in place.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/kiosk-lib.sh"

kiosk_setup "idle-timeout = 300"

kiosk_begin
kiosk_contest
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
