# tmux-lib.sh: what the full-screen tests share to drive recourse in a tmux
# server of their own.  Source it after tests/lib.sh (and after
# tests/a11y/svc.sh where the test uses the service, for R).  Set before:
#   SOCK        the tmux socket's name (a test's own, with its $$)
#   TM_SESSION  the session's name ("tui" unless set)
#   TM_WAIT     how long wait_for polls, in tenths of a second (150 unless
#               set)
# It sets TM and has svc.sh's cleanup end the tmux server.
: "${SOCK:?}"
TM="tmux -L $SOCK"
TM_SESSION=${TM_SESSION:-tui}
TM_WAIT=${TM_WAIT:-150}
A11Y_EXTRA_CLEANUP="$TM kill-server 2>/dev/null || true"

screen() { $TM capture-pane -p -t "$TM_SESSION"; }
# wait_for TEXT [TENTHS]: poll the screen for TEXT for up to TM_WAIT tenths
# of a second, or TENTHS.
wait_for() {
	n=0
	while ! screen | grep -qF -- "$1"; do
		n=$((n + 1))
		[ $n -gt "${2:-$TM_WAIT}" ] && return 1
		sleep 0.1
	done
	return 0
}
# cursor_on TEXT: the row that holds the hardware cursor shows TEXT.
cursor_on() {
	y=$($TM display -p -t "$TM_SESSION" '#{cursor_y}')
	screen | sed -n "$((y + 1))p" | grep -qF -- "$1"
}
# row_of TEXT: the first screen row that shows TEXT (0 when none).
row_of() {
	screen | grep -nF -- "$1" | head -n 1 | cut -d: -f1 | grep . || echo 0
}
keys() { $TM send-keys -t "$TM_SESSION" "$@"; }
# tm_open COLS ROWS COMMAND: a new session of that size running COMMAND, in
# place of the one before.
tm_open() {
	$TM kill-session -t "$TM_SESSION" 2>/dev/null || true
	$TM new-session -d -s "$TM_SESSION" -x "$1" -y "$2" "$3"
}
# start [COLS [ROWS]]: recourse with the test's options R in a new session
# (80x24 unless told), and wait for its key bar.
start() {
	tm_open "${1:-80}" "${2:-24}" \
	    "LC_ALL=C.UTF-8 TERM=screen-256color $RECOURSE $R; sleep 60"
	wait_for "q Quit"
}
