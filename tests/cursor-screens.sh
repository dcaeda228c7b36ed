#!/bin/sh
# cursor-screens.sh: screen readers and braille displays follow the
# hardware cursor, so after every key, on every screen of the full-screen
# interface (cases, decision, provenance label, verification, help, the
# open dialog, the contest form), the cursor must sit on a row that shows
# the focused item (tests/a11y/focus.py finds those rows on the captured
# pane), in normal mode and in screen-reader mode, where the cursor is also
# visible and no box-drawing character is drawn.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "tmux or python3 is not installed: skipped"
	exit 77
fi
. "$top_srcdir/tests/a11y/svc.sh"
SOCK="recourse-cursor-$$"
# wait_for polls for up to 10 s.
TM_WAIT=100
. "$top_srcdir/tests/tmux-lib.sh"
FOCUS="$top_srcdir/tests/a11y/focus.py"
# Debian's python3 first: a per-user shim in PATH can take seconds to start.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3

"$RECOURSE" $R open LN-2026-004217 --code 7KQ4-M2PX > /dev/null 2>&1 || true
"$RECOURSE" $R open TS-2026-00731 --code H6PQ-9ZKE > /dev/null 2>&1 || true

# on_focus MODE KEY: after KEY, the cursor's row shows the focused item
# (and in screen-reader mode the cursor is shown).
on_focus() {
	$TM capture-pane -p -e -t tui > "$T_TMP/pane"
	pos=$($TM display -p -t tui '#{cursor_y},#{cursor_flag}')
	y=${pos%,*}
	flag=${pos#*,}
	rows=" $($PY "$FOCUS" < "$T_TMP/pane" | tr '\n' ' ') "
	case $rows in
	*" $y "*) ;;
	*) echo "$1, after $2: cursor on row $y, focused rows:$rows" >&2
	   cat "$T_TMP/pane" | sed 's/\x1b\[[0-9;]*m//g' >&2
	   return 1 ;;
	esac
	if [ "$1" = screen-reader ] && [ "$flag" != 1 ]; then
		echo "$1, after $2: the cursor is hidden" >&2
		return 1
	fi
	return 0
}

# The keys, screen by screen: the case list, the decision, the label, the
# verification, help, the open dialog, the contest form.
KEYS="Down Up Enter Tab Down PageDown Home p Down v Down BTab d End ? Escape
o Tab Tab Escape c Tab Tab Escape"
for mode in normal screen-reader; do
	opt=
	[ "$mode" = screen-reader ] && opt=--screen-reader
	tm_open 80 24 \
	    "LC_ALL=C.UTF-8 TERM=screen-256color $RECOURSE $opt $R; sleep 30"
	if ! wait_for "q Quit"; then
		not_ok "$mode: the interface starts"
		continue
	fi
	bad=0
	steps=0
	check "$mode: the cursor is on the focused item at the start" on_focus "$mode" start
	for k in $KEYS; do
		keys "$k"
		sleep 0.25
		steps=$((steps + 1))
		on_focus "$mode" "$k" || bad=$((bad + 1))
	done
	check "$mode: after each of $steps keys the cursor is on the focused item" [ "$bad" -eq 0 ]
	if [ "$mode" = screen-reader ]; then
		$TM capture-pane -p -t tui > "$T_TMP/plain-pane"
		check "screen-reader mode draws no box" sh -c "! grep -q '[─│┌┐└┘├┤]' '$T_TMP/plain-pane'"
	fi
	keys Escape q
done
finish
