#!/bin/sh
# fenrir.sh: the real screen reader.  Fenrir runs headless in its own
# terminal emulator under tmux, with speech written to a file instead of a
# synthesiser (fenrir.conf.in), and recourse in screen-reader mode inside it
# (run-app.sh).  A blind person's journey: open demo case 1 from its letter,
# hear the outcome, the four principal reasons and the verification verdict,
# and file a contest up to its receipt.  Each focused item must be spoken
# when it gets the focus, and no box-drawing character may be spoken by
# name.  Each key waits for what it should make Fenrir say (speech is
# asynchronous), not for a fixed time.
#
# By hand, from the build folder:
#   top_srcdir=SRC top_builddir=. sh SRC/tests/a11y/fenrir.sh
. "$top_srcdir/tests/lib.sh"
for tool in tmux fenrir python3; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "$tool is not installed: skipped"
		exit 77
	fi
done
# Debian's python3 first: a per-user shim in PATH can take seconds to start.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
. "$top_srcdir/tests/a11y/svc.sh"
SOCK="recourse-fenrir-$$"
TM_SESSION=sr
# wait_for: TEXT is on the screen within 10 s.
TM_WAIT=100
. "$top_srcdir/tests/tmux-lib.sh"
SPEECH="$T_TMP/speech.log"
: > "$SPEECH"
sed -e "s#@APP@#$top_srcdir/tests/a11y/run-app.sh#" -e "s#@LOG@#$SPEECH#" \
    -e "s#^debugFile=.*#debugFile=$T_TMP/fenrir-debug.log#" \
    -e "s#^socketpath=.*#socketpath=$T_TMP/#" \
    -e "s#^clipboardExportPath=.*#clipboardExportPath=$T_TMP/clip#" \
    "$top_srcdir/tests/a11y/fenrir.conf.in" > "$T_TMP/fenrir.conf"
A11Y_RECOURSE="$RECOURSE"; export A11Y_RECOURSE
A11Y_CONF="$CONF"; export A11Y_CONF
# Fenrir in a pty of its own (-e): no console, no /dev/uinput, no evdev.
tm_open 80 24 "fenrir -e -s $T_TMP/fenrir.conf 2>$T_TMP/fenrir.err"
# The whole walk is bounded, whatever hangs.
( sleep 85; echo "the walk took more than 85 s" >&2; $TM kill-server 2>/dev/null ) &
A11Y_PIDS="$A11Y_PIDS $!"

# joined FILE: the utterances of FILE on one line.
joined() { tr '\n' ' ' < "$1"; }
# said TEXT: TEXT was spoken, at some time (up to 5 s).
said() {
	n=0
	while ! joined "$SPEECH" | grep -qF -- "$1"; do
		n=$((n + 1))
		[ $n -gt 50 ] && return 1
		sleep 0.1
	done
	return 0
}
# step KEY...: send keys, then wait until Fenrir has said something and has
# been quiet for 0.3 s (at most 3 s), and keep what was said for this step
# in $T_TMP/step.
step() {
	before=$(wc -c < "$SPEECH")
	keys "$@"
	n=0; quiet=0; size=$before
	while [ $n -lt 30 ]; do
		sleep 0.1
		n=$((n + 1))
		now=$(wc -c < "$SPEECH")
		if [ "$now" -ne "$size" ]; then
			size=$now; quiet=0
		elif [ "$now" -gt "$before" ]; then
			quiet=$((quiet + 1))
			[ $quiet -ge 3 ] && break
		fi
	done
	tail -c +"$((before + 1))" "$SPEECH" > "$T_TMP/step"
	if [ -n "${A11Y_DEBUG:-}" ]; then
		printf '== %s\n' "$*"; cat "$T_TMP/step"
	fi >&2
}
# step_said TEXT: the last step spoke TEXT.
step_said() { joined "$T_TMP/step" | grep -qF -- "$1"; }
# step_line TEXT: the last step spoke TEXT in one utterance.
step_line() { grep -qF -- "$1" "$T_TMP/step"; }

if ! wait_for "q Quit"; then
	cat "$T_TMP/fenrir.err" >&2
	echo "Fenrir did not start recourse" >&2
	exit 99
fi
check "Fenrir reads the screen as recourse starts" said "No cases yet"

step o
check "the open dialog is spoken" step_said "Open a decision"
step LN-2026-004217 Tab 7KQ4-M2PX Tab Tab Enter
check "the decision is fetched" wait_for "valid and trusted"

# The principal reasons, as the record gives them: Down reads the Decision
# pane item by item (and a long item line by line) until the last reason.
REC="$top_srcdir/data/cases/loan-denied/record.json"
$PY -c 'import json,sys
for r in json.load(open(sys.argv[1]))["explanation"]["principal_reasons"]:
    print(r["text"]["en"])' "$REC" > "$T_TMP/reasons"
last=$(tail -n 1 "$T_TMP/reasons")
step d
# The outcome wraps: read its first line (Down, then back Up) and the next.
step Down
step Up
cat "$T_TMP/step" > "$T_TMP/walk"
step Down
cat "$T_TMP/step" >> "$T_TMP/walk"
check "the outcome is spoken, line after line" sh -c \
    "grep -v '^has attribute' '$T_TMP/walk' | tr '\n' ' ' | tr -s ' ' |
    grep -qF 'has been declined'"
n=0
while [ $n -lt 20 ]; do
	step Down
	cat "$T_TMP/step" >> "$T_TMP/walk"
	n=$((n + 1))
	step_line "$last" && break
done
while IFS= read -r reason; do
	check "reason spoken whole, in one utterance: $reason" \
	    grep -qF -- "$reason" "$T_TMP/walk"
done < "$T_TMP/reasons"

# The verification: the verdict, then each check as it gets the focus.
step v
check "the Verification pane is spoken" step_said "checked now on this computer"
step Down
check "the verdict is spoken in its words when it gets the focus" step_said "valid and trusted"
step Down
check "the first check is spoken when it gets the focus" step_line "format: passed"
n=0
while [ $n -lt 6 ] && ! step_line "signature: passed"; do
	step Down
	n=$((n + 1))
done
check "the signature check is spoken when it gets the focus" step_line "signature: passed"
step Down
check "the rest of a long check is spoken on the next Down" step_said "is valid"

ng=$($PY -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["contest"]["grounds"]))' "$REC")
step l
step Home Enter
step c
check "the contest form is spoken" said "Information used about me is wrong"
step Space
check "a ticked box is spoken ticked" step_said "x  Information used about me is wrong"
i=0; while [ $i -lt "$ng" ]; do step Tab; i=$((i + 1)); done
check "Tab onto the first remedy speaks it" step_said "Review of the decision by a person"
step Space
step End
check "End speaks the button" step_said "Review what will be sent"
step BTab
check "Shift-Tab speaks the field it reaches" step_said "Language of the contest"
step BTab
check "the contact field is spoken when it gets the focus" step_said "postal address or phone number"
step BTab
check "the choice is spoken when it gets the focus" step_said "Answer by"
step BTab
check "the statement is spoken when it gets the focus" step_said "Your statement"
step "My gross income is 41000, not 23400."
step Tab Tab
step "a.person@example.org"
step Tab Tab
step Enter
check "the review is spoken" said "exactly what will be sent"
step y
check "the access code is asked for, aloud" said "Access code"
step 7KQ4-M2PX Tab Tab Enter
check "the contest is received, and that is spoken" said "received your contest"
check "no box-drawing character is spoken by name" sh -c "! grep -qi 'box drawings' '$SPEECH'"
check "no frame glyphs are spoken at all" sh -c "! grep -q '[─│┌┐└┘├┤]' '$SPEECH'"
check "the access code is never spoken" sh -c "! grep -q '7KQ4' '$SPEECH'"
keys Escape q
finish
