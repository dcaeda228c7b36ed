#!/bin/sh
# plain-journey.sh: plain mode, driven by a script on standard input
# through the whole journey against the reference service on loopback:
# open demo case 1 from its letter, read the outcome, the four principal
# reasons and the verification verdict, file a contest (grounds, a
# correction, a statement over two lines, remedies, contact), review the
# exact bytes, confirm, and see the receipt and the status.  Also: plain
# mode starts by itself on TERM=dumb, with TERM unset and on a pipe, and
# nothing it prints moves the cursor or draws.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/a11y/svc.sh"

OUT="$T_TMP/out"
# The person's answers, one per line: open from the letter (the service
# from the configuration), read parts 1 and 5, contest (9), see the receipt
# and the status (10), quit.
cat > "$T_TMP/script" <<'IN'
1

LN-2026-004217
7KQ4-M2PX
1
5
9
0
1
5
41000
payslips

My gross income is 41000, not 23400.
I enclose my payslips.
.
1 2
1
a.person@example.org
y
10
q
IN
rc=0
TERM=dumb COLUMNS=60 timeout 60 "$RECOURSE" $R --plain < "$T_TMP/script" \
    > "$OUT" 2>"$T_TMP/err" || rc=$?
check "plain mode ends normally at q" [ "$rc" -eq 0 ]
check "it says it is plain mode and how to answer" grep -q "Type the number of a choice" "$OUT"
check "the service address offered is the configured one" grep -qF "press Enter for" "$OUT"
check "the decision is fetched and checked" grep -qF "Fetched and checked: [ok] valid and trusted" "$OUT"
check "the outcome is read" grep -qF "Outcome: refused. Your application for a personal loan" "$OUT"
check "four principal reasons are announced" grep -qF "Principal reasons (4):" "$OUT"
check "then read in order of importance" in_order "$OUT" \
    "Principal reasons (4):" \
    "1. Excessive obligations in relation to income" \
    "2. Delinquent past or present credit obligations" \
    "3. Number of recent inquiries on credit bureau report" \
    "4. Length of residence"
check "the verification verdict is in the verdict words" grep -qx "Verification: \[ok\] valid and trusted" "$OUT"
check "each check is on its own line with its symbol" grep -q '^\[ok\] The decision record follows recourse/1\.' "$OUT"
check "an answer that is not a choice is said to be so" grep -qF "Give at least one number from the list." "$OUT"
check "every prompt says its choices" grep -qF "Choose 1 to 10, b or q:" "$OUT"
check "the grounds are listed with numbers" grep -qF "1. Information used about me is wrong" "$OUT"
check "the statement's end is explained" sh -c "tr '\\n' ' ' < '$OUT' | grep -qF 'a line holding only a full stop (.) to end it'"
check "the review shows the exact body" grep -qF '"statement":"My gross income is 41000, not 23400.\nI enclose my payslips."' "$OUT"
check "with the correction as a number" grep -qF '"corrections":[{"claimed_value":41000,"factor":"gross_income","note":"payslips"}]' "$OUT"
check "and the grounds and remedies chosen" grep -qF '"grounds":["inaccurate_data"]' "$OUT"
check "remedies 1 and 2" grep -qF '"remedies":["human_review","correction"]' "$OUT"
check "the contest is saved before it is sent" in_order "$OUT" \
    "Review: this is exactly what will be sent" "Send it now?" \
    "The contest is saved in the outbox." "receipt matches what was sent"
check "the receipt is shown" in_order "$OUT" "Receipt, signed by the service and checked here:" \
    "Contest: C-" "Received on: " "Answer due by: "
check "and the status" grep -q "^Contest: received by the service; contest C-" "$OUT"
check "it ends with goodbye" [ "$(tail -n 1 "$OUT")" = "Goodbye." ]
check "the access code is never echoed" sh -c "! grep -q 7KQ4-M2PX '$OUT'"
check "the outbox is empty" [ -z "$(ls "$T_TMP/store/outbox")" ]
check "the draft is gone once the receipt came" [ -z "$(ls "$T_TMP/store/drafts" 2>/dev/null)" ]
body_sha=$(sed -n '/^Review: this is exactly/{n;p;}' "$OUT" | tr -d '\n' | sha256sum | cut -d' ' -f1)
check "the bytes shown are the bytes kept with the receipt" grep -qF "\"$body_sha\"" "$T_TMP"/store/receipts/*
check "no escape sequence or carriage return is printed" sh -c "! LC_ALL=C grep -q \"\$(printf '[\\033\\r]')\" '$OUT'"
check "no box drawing is printed" sh -c "! grep -q '[─│┌┐└┘├┤]' '$OUT'"
# The exact body is shown unbroken; the lines of the shared outbox report
# ("Contest for case ... sent", "Contest: received ...") are not wrapped.
check "no line is longer than COLUMNS=60, but for the exact body" \
    sh -c "awk 'length(\$0) > 60 && !/^\\{\"contact\"/ && !/^Contest/' '$OUT' | wc -l | grep -qx 0"
check "nothing is reported as an error" [ ! -s "$T_TMP/err" ]

# The same contest again: it is not sent twice.
printf '2\n1\n9\n1\n\nMy gross income is 41000, not 23400.\nI enclose my payslips.\n.\n1 2\n1\na.person@example.org\nn\nq\n' |
    TERM=dumb timeout 60 "$RECOURSE" $R > "$OUT" 2>"$T_TMP/err" || true
check "a kept case is chosen from the list" grep -qF "1. LN-2026-004217, http://127.0.0.1:" "$OUT"
check "answering n sends nothing and keeps the draft" grep -qF "Not sent. Your draft is kept." "$OUT"
check "the draft is on disk" [ -n "$(ls "$T_TMP/store/drafts")" ]

# Automatic plain mode with no command.
for how in "TERM=dumb" "TERM=" "-u TERM"; do
	echo q | env $how timeout 20 "$RECOURSE" $R > "$OUT" 2>&1 || true
	check "with $how and no command, plain mode starts" grep -qF "recourse, plain mode." "$OUT"
done
echo q | TERM=xterm timeout 20 "$RECOURSE" $R > "$OUT" 2>&1 || true
check "with output to a pipe, plain mode starts" grep -qF "recourse, plain mode." "$OUT"
: | TERM=dumb timeout 20 "$RECOURSE" $R > "$OUT" 2>&1 || rc=$?
check "at the end of input plain mode says so and ends" grep -qF "End of input." "$OUT"
finish
