#!/bin/sh
# screen-reader-conf.sh: screen-reader mode and plain mode are asked for
# by an option, by recourse.conf (screen-reader = yes, plain = yes) or by
# the environment (RECOURSE_SCREEN_READER, RECOURSE_PLAIN), the option
# winning over the environment and the environment over the file.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1; then
	echo "tmux is not installed: skipped"
	exit 77
fi
SOCK="recourse-srconf-$$"
TM_SESSION=m
. "$top_srcdir/tests/tmux-lib.sh"
trap '$TM kill-server 2>/dev/null || true; rm -rf "$T_TMP"' EXIT
trap 'exit 1' INT TERM HUP
unset RECOURSE_SCREEN_READER RECOURSE_PLAIN
printf 'data-dir = %s/store\n' "$T_TMP" > "$T_TMP/plain.conf"
cp "$T_TMP/plain.conf" "$T_TMP/sr.conf"
echo "screen-reader = yes" >> "$T_TMP/sr.conf"
echo "plain = yes" >> "$T_TMP/plain.conf"
printf 'data-dir = %s/store\nscreen-reader = maybe\n' "$T_TMP" > "$T_TMP/bad.conf"
printf 'data-dir = %s/store\n' "$T_TMP" > "$T_TMP/none.conf"

# mode ENV CONF [OPTION]: start recourse in tmux and say which mode it drew:
# "plain", "screen-reader" (a title line instead of the box, the cursor
# shown) or "boxes".
mode() {
	tm_open 80 24 \
	    "env LC_ALL=C.UTF-8 TERM=screen-256color $1 '$RECOURSE' -c '$T_TMP/$2' ${3:-}; sleep 30"
	n=0
	while [ $n -lt 100 ]; do
		screen > "$T_TMP/pane"
		if grep -q 'plain mode' "$T_TMP/pane" &&
		    ! grep -q 'q Quit' "$T_TMP/pane"; then
			echo plain; return
		fi
		if grep -q 'q Quit' "$T_TMP/pane"; then
			if ! grep -q '^\[ Cases \]' "$T_TMP/pane"; then
				echo boxes
			elif [ "$($TM display -p -t m '#{cursor_flag}')" = 1 ]; then
				echo screen-reader
			else
				echo "no boxes and no cursor"
			fi
			return
		fi
		n=$((n + 1))
		sleep 0.1
	done
	echo "nothing drawn"
	cat "$T_TMP/pane" >&2
}
is() { [ "$1" = "$2" ] || { echo "drew $1, not $2" >&2; return 1; }; }

check "no setting: boxes" is "$(mode "" none.conf)" boxes
check "screen-reader = yes in recourse.conf" is "$(mode "" sr.conf)" screen-reader
check "RECOURSE_SCREEN_READER=1" is "$(mode RECOURSE_SCREEN_READER=1 none.conf)" screen-reader
check "RECOURSE_SCREEN_READER=0 wins over the file" is "$(mode RECOURSE_SCREEN_READER=0 sr.conf)" boxes
check "--screen-reader wins over RECOURSE_SCREEN_READER=0" \
    is "$(mode RECOURSE_SCREEN_READER=0 none.conf --screen-reader)" screen-reader
check "plain = yes in recourse.conf" is "$(mode "" plain.conf)" plain
check "RECOURSE_PLAIN=1" is "$(mode RECOURSE_PLAIN=1 none.conf)" plain
check "RECOURSE_PLAIN=0 wins over the file" is "$(mode RECOURSE_PLAIN=0 plain.conf)" boxes
check "a bad value is named with its file and line" sh -c \
    "'$RECOURSE' -c '$T_TMP/bad.conf' </dev/null 2>&1 | grep -q 'bad.conf:2: screen-reader must be yes or no'"
printf 'data-dir = %s/store\nfuture-setting = 1\n' "$T_TMP" > "$T_TMP/unknown.conf"
TERM=dumb "$RECOURSE" -c "$T_TMP/unknown.conf" </dev/null >/dev/null 2>"$T_TMP/err" || true
check "an unknown key is reported once" \
    is "$(grep -c 'unknown.conf:2: ignoring unknown key "future-setting"' "$T_TMP/err")" 1
finish
