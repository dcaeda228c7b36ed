#!/bin/sh
# tui-lang.sh: the full-screen interface under tmux in each shipped
# language but English (--lang), on the reference service's loan case:
# the cases, the Open dialog, the decision, the label, the verification,
# the help, the contest form and the list of languages show no English
# message that the catalogue translates (tests/tui-lang.py says how this is
# judged); in Japanese at 80x24 nothing overflows.  Then the g key switches
# a running interface to another language at once, and the help lists g,
# which the key bar at 80 columns has no room for.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "tmux or python3 is not installed: skipped"
	exit 77
fi
PY="python3 $top_srcdir/tests/tui-lang.py"
. "$top_srcdir/tests/a11y/svc.sh"
SOCK="recourse-tuil-$$"
# wait_for polls for up to 10 s.
TM_WAIT=100
. "$top_srcdir/tests/tmux-lib.sh"
run() {
	echo "LC_ALL=C.UTF-8 TERM=screen-256color RECOURSE_LOCALEDIR=$RECOURSE_LOCALEDIR $RECOURSE --lang $1 --allow-http-loopback -c $CONF; sleep 60"
}

# relay: the driver's TAP lines counted here.
relay() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok * - }" ;;
		"not ok "*) not_ok "${line#not ok * - }" ;;
		*) printf '%s\n' "$line" ;;
		esac
	done
}

first=1
for l in cy fr de es pl ja; do
	$PY "$l" "$top_srcdir/i18n/$l.po" "$SOCK" "$(run "$l")" $first > "$T_TMP/py.out" 2>&1 || true
	relay < "$T_TMP/py.out"
	first=0
done

# The g key: from Polish to Welsh without leaving.
tm_open 80 24 "$(run pl)"
check "pl: the interface starts in Polish" wait_for "o Otwórz"
keys Enter
check "pl: the loan case opens, its texts in English (it has no Polish)" \
    wait_for "Your application"
keys c
check "pl: the contest form is in Polish" wait_for "Podstawy: dlaczego decyzja"
keys Space Escape
check "pl: back on the main screen" wait_for "o Otwórz"
keys g
check "g opens the list of languages" wait_for "Cymraeg"
keys 1 Enter
check "choosing Cymraeg changes the key bar at once" wait_for "o Agor"
# "Language: %s." in Welsh once the catalogue has it.
check "and the status line names the language chosen" wait_for "Cymraeg."
check "the record's own Welsh text is chosen again" wait_for "Mae eich cais"
keys c
check "the contest form is built again in Welsh" wait_for "Seiliau: pam mae'r penderfyniad"
check "with the box ticked in Polish still ticked" wait_for "[x]"
keys Escape
# At 80 columns the key bar has no room for g; the help must give it.
keys g 3 Enter
check "g again, English: the key bar is in English" wait_for "o Open"
keys '?'
check "the help lists g with its meaning" \
    wait_for "g: change the language of the interface"
keys Escape
keys q
finish
