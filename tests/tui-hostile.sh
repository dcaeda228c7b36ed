#!/bin/sh
# tui-hostile.sh: a signed record whose texts attack the terminal (clear
# screen, a title change, cursor moves, bidirectional overrides and
# isolates, zero-width characters, C1 controls, a 10,000-character word),
# served by the reference service and opened in the full-screen interface
# under tmux.  Every screen shown must hold no control sequence but tmux's
# own colours, leave the pane title alone, keep every line inside the
# window and every box closed, and show what was removed as visible
# escapes.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "tmux or python3 is not installed: skipped"
	exit 77
fi
PY="python3 $top_srcdir/tests/tui-hostile.py"
$PY make "$top_srcdir/data" "$T_TMP/data"
A11Y_DEMO="$T_TMP/data"
. "$top_srcdir/tests/a11y/svc.sh"
SOCK="recourse-tuih-$$"
. "$top_srcdir/tests/tmux-lib.sh"

COLS=80
# safe WHAT: the screen as it is now passes every check.
N=0
safe() {
	sleep 0.3
	N=$((N + 1))
	$TM capture-pane -e -p -t tui >"$T_TMP/cap$N"
	if ! $PY screen "$COLS" "$T_TMP/cap$N"; then
		sed 's/\x1b\[[0-9;:]*m//g' "$T_TMP/cap$N" >&2
		return 1
	fi
	t=$($TM display -p -t tui '#{pane_title}')
	if [ "$t" != "$TITLE0" ]; then
		echo "the pane title is now: $t" >&2
		return 1
	fi
}

tm_open 80 24 "LC_ALL=C.UTF-8 TERM=screen-256color $RECOURSE $R; sleep 60"
$TM set -t tui -g set-titles off
wait_for "q Quit"
TITLE0=$($TM display -p -t tui '#{pane_title}')
keys o
wait_for "Decision reference"
keys LN-2026-004217 Tab 7KQ4-M2PX Tab Tab Enter
check "the hostile record is fetched and checked" wait_for "LN-2026-004217 fetched and checked"
check "its outcome is shown" wait_for "HOSTILE-OUTCOME"
check "the first screen is safe" safe
check "the clear-screen sequence shows as a visible escape" wait_for "<U+001B>[2J"
check "the right-to-left override shows as a visible escape" wait_for "<U+202E>evil<U+202C>"
check "the isolates show as visible escapes" wait_for "<U+2066>iso<U+2069>"
check "the zero-width characters show as visible escapes" wait_for "zero<U+200B>width<U+FEFF>bom"
check "the C1 controls show as visible escapes" wait_for "<U+009B>31m"
keys Tab
i=0; while [ $i -lt 12 ]; do keys Down; i=$((i + 1)); done
check "the decision pane scrolled through the long word is safe" safe
keys p
check "the provenance label pane is safe" safe
keys v
check "the verification pane is safe" safe
keys '?'
check "help over the hostile case is safe" safe
keys Escape c
wait_for "Contest" || true
check "the contest form with hostile grounds is safe" safe
keys Escape
$TM resize-window -t tui -x 60 -y 20
COLS=60
keys d
check "at 60x20 the decision pane is safe" safe
$TM resize-window -t tui -x 200 -y 60
COLS=200
check "at 200x60 every pane is safe" safe
keys q
finish
