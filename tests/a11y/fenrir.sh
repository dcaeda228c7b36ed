#!/bin/sh
# fenrir.sh: the real screen reader.  Fenrir runs headless in its own
# terminal emulator under tmux, with speech written to a file instead of a
# synthesiser (fenrir.conf.in), and recourse in screen-reader mode inside it
# (run-app.sh).  A blind person's journey: open demo case 1 from its letter,
# hear the outcome, the four principal reasons and the verification verdict,
# and file a contest.  Each focused item must be spoken when it gets the
# focus, and no box-drawing character may be spoken by name.
#
# Run it by hand from the build folder (about 80 s):
#   top_srcdir=SRC top_builddir=. sh SRC/tests/a11y/fenrir.sh
# It is not in make check yet: in the Decision pane the second principal
# reason is drawn as an empty row (Fenrir says "blank") and the third is
# cut at the pane's edge, and the contest part does not reach the review.
. "$top_srcdir/tests/lib.sh"
for tool in tmux fenrir python3; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "$tool is not installed: skipped"
		exit 77
	fi
done
SOCK="recourse-fenrir-$$"
TM="tmux -L $SOCK"
A11Y_EXTRA_CLEANUP="$TM kill-server 2>/dev/null || true"
. "$top_srcdir/tests/a11y/svc.sh"
SPEECH="$T_TMP/speech.log"
: > "$SPEECH"
sed -e "s#@APP@#$top_srcdir/tests/a11y/run-app.sh#" -e "s#@LOG@#$SPEECH#" \
    -e "s#^debugFile=.*#debugFile=$T_TMP/fenrir-debug.log#" \
    -e "s#^socketpath=.*#socketpath=$T_TMP/#" \
    -e "s#^clipboardExportPath=.*#clipboardExportPath=$T_TMP/clip#" \
    "$top_srcdir/tests/a11y/fenrir.conf.in" > "$T_TMP/fenrir.conf"
A11Y_RECOURSE="$RECOURSE"; export A11Y_RECOURSE
A11Y_CONF="$CONF"; export A11Y_CONF
$TM new-session -d -s sr -x 80 -y 24 "fenrir -e -s $T_TMP/fenrir.conf 2>$T_TMP/fenrir.err"

# said TEXT: TEXT was spoken (speech is asynchronous: up to 5 s).
said() {
	n=0
	while ! tr '\n' ' ' < "$SPEECH" | grep -qF -- "$1"; do
		n=$((n + 1))
		[ $n -gt 50 ] && return 1
		sleep 0.1
	done
	return 0
}
# shown TEXT: TEXT is on the screen within 10 s.
shown() {
	n=0
	while ! $TM capture-pane -p -t sr | grep -qF -- "$1"; do
		n=$((n + 1))
		[ $n -gt 100 ] && return 1
		sleep 0.1
	done
	return 0
}
# step KEY...: send keys, then give the speech time (about 1.5 s), and
# keep what was said for this step in $T_TMP/step.
step() {
	before=$(wc -c < "$SPEECH")
	$TM send-keys -t sr "$@"
	sleep 1.5
	tail -c +"$((before + 1))" "$SPEECH" > "$T_TMP/step"
}
# step_said TEXT: the last step spoke TEXT.
step_said() { tr '\n' ' ' < "$T_TMP/step" | grep -qF -- "$1"; }

if ! shown "q Quit"; then
	cat "$T_TMP/fenrir.err" >&2
	echo "Fenrir did not start recourse: skipped"
	exit 77
fi
check "Fenrir reads the screen as recourse starts" said "No cases yet"

step o
check "the open dialog is spoken" step_said "Open a decision"
step LN-2026-004217 Tab 7KQ4-M2PX Tab Tab Enter
check "the decision is fetched" shown "valid and trusted"
check "the outcome is spoken" said "has been declined"
step d
n=0
while [ $n -lt 7 ]; do
	step Down
	n=$((n + 1))
done
for reason in "Excessive obligations in relation to income" \
    "Delinquent past or present credit obligations with others" \
    "Number of recent inquiries on credit bureau report" \
    "Length of residence"; do
	check "reason spoken: $reason" said "$reason"
done
step v
check "the verification verdict is spoken in its words" said "valid and trusted"
step Down
check "a check is spoken when it gets the focus" step_said "signature"

ng=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["contest"]["grounds"]))' \
    "$top_srcdir/data/cases/loan-denied/record.json")
step l Home Enter
step c
check "the contest form is spoken" said "Information used about me is wrong"
step Space
i=0; while [ $i -lt "$ng" ]; do $TM send-keys -t sr Tab; i=$((i + 1)); done
step Space
step End BTab BTab BTab BTab
step "My gross income is 41000, not 23400."
step Tab Tab "a.person@example.org" Tab Tab Enter
check "the review is spoken" said "exactly what will be sent"
step y
check "the access code is asked for, aloud" said "Access code"
step 7KQ4-M2PX Tab Tab Enter
check "the contest is received, and that is spoken" said "received your contest"
check "no box-drawing character is spoken by name" sh -c "! grep -qi 'box drawings' '$SPEECH'"
check "no frame glyphs are spoken at all" sh -c "! grep -q '[─│┌┐└┘├┤]' '$SPEECH'"
check "the access code is never spoken" sh -c "! grep -q '7KQ4' '$SPEECH'"
$TM send-keys -t sr Escape q
finish
