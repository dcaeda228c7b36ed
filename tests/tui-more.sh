#!/bin/sh
# tui-more.sh: the full-screen interface under tmux against the reference
# service: Enter in the access code opens the decision, as the key bar
# says, and a case kept on this computer opens from the same dialog; the
# Decision pane says what would change the outcome, computed from the
# scorecard in the same sentences as `recourse show`, with the record's own
# counterfactuals checked against them and a wrong one flagged alike; the liability chain reads operator,
# deployer, provider in the Provenance label pane and in `recourse show`,
# each with its contact and what backs it; the status line counts the
# bytes of a slow answer as they come; the mouse focuses panes, selects
# cases and scrolls, and mouse = no turns it off.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "tmux or python3 is not installed: skipped"
	exit 77
fi
. "$top_srcdir/tests/a11y/svc.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
trap 'stop_all_fakes; a11y_cleanup' EXIT
SOCK="recourse-more-$$"
. "$top_srcdir/tests/tmux-lib.sh"

# in_order A B C: rows of A, B and C on the screen go down.
in_order() {
	a=$(row_of "$1"); b=$(row_of "$2"); c=$(row_of "$3")
	[ "$a" -gt 0 ] && [ "$a" -lt "$b" ] && [ "$b" -lt "$c" ]
}
# pick TEXT: open the case whose first row shows TEXT from the case list.
pick() {
	keys l
	i=0
	while [ $i -lt 4 ] && ! cursor_on "$1"; do
		keys Up
		sleep 0.1
		i=$((i + 1))
	done
	while [ $i -lt 8 ] && ! cursor_on "$1"; do
		keys Down
		sleep 0.1
		i=$((i + 1))
	done
	keys Enter
}

# 1. The Open dialog: Enter moves on from the reference, and Enter in the
# access code opens.
start 120 50
keys o
check "the Open dialog asks for the reference" wait_for "Decision reference"
keys LN-2026-004217 Enter 7KQ4-M2PX Enter
check "one Enter in the access code opens the decision" \
    wait_for "LN-2026-004217 fetched and checked: [ok] valid and trusted"
check "and the Decision pane shows it" wait_for "refused: Your application"
keys o
wait_for "Decision reference" || true
keys CC-2026-020931 Tab 5FHN-2KJR Enter
check "Tab, then Enter in the code, opens a second decision" \
    wait_for "CC-2026-020931 fetched and checked: [ok]"
check "the title names the case open" wait_for "recourse: CC-2026-020931"
keys o
check "the dialog lists the cases kept on this computer" \
    wait_for "Or a case kept on this computer"
i=0
while [ $i -lt 8 ] && ! cursor_on "< LN-2026-004217, "; do
	keys Tab
	sleep 0.1
	i=$((i + 1))
done
check "Tab reaches a kept case" cursor_on "< LN-2026-004217, "
keys Enter
check "Enter on a kept case opens it from this computer" \
    wait_for "recourse: LN-2026-004217"

# 2. What would change the outcome: the sentences of recourse show.
COLUMNS=200 "$RECOURSE" $R show LN-2026-004217 > "$T_TMP/show" 2>/dev/null || true
check "show says what would change the outcome, computed" \
    grep -qF "Computed on this computer from the scorecard:" "$T_TMP/show"
first=$(grep -m 1 '^If your ' "$T_TMP/show" | cut -c1-60)
check "show gives the smallest changes as sentences" \
    contains "$first" "If your debt-to-income ratio were below 30 % instead of 46 %"
check "show says the record's own counterfactuals agree" \
    grep -qF "[ok] The record's own counterfactuals (2) agree with the scorecard." \
    "$T_TMP/show"
keys d / "Computed on this" Enter
check "the Decision pane has the computed changes under the heading" \
    wait_for "Computed on this computer from the scorecard:"
keys / "If your debt" Enter
check "the Decision pane gives the same sentence as show" wait_for "$first"
keys / "As the record states" Enter / "1. If Debt" Enter
check "beside the record's own counterfactuals" wait_for "1. If Debt-to-income ratio 28"
keys / "own counterfactuals" Enter
check "and says they agree with the scorecard" \
    wait_for "[ok] The record's own counterfactuals (2) agree"

COLUMNS=200 "$RECOURSE" $R show CC-2026-020931 > "$T_TMP/show-cc" 2>/dev/null || true
check "show of a rules decision says nothing can be computed" \
    grep -qF "The decision was not made with a scorecard" "$T_TMP/show-cc"
pick "Reduced, "
keys d / "not made with" Enter
check "so does the Decision pane, with the record's statement as it is" \
    wait_for "The decision was not made with a scorecard"
check "no flag is raised for it" sh -c "! $TM capture-pane -p -t tui | grep -qF \"[!] The record's counterfactual\""

# A record whose first counterfactual is short of the threshold (three
# credit searches instead of one: 510 against 520), served and signed by a
# second reference service: the pane and show flag it alike.
cp -R "$top_srcdir/data" "$T_TMP/data-cf"
python3 - "$T_TMP/data-cf/cases/loan-denied/record.json" <<'PY'
import json, sys
p = sys.argv[1]
r = json.load(open(p, encoding="utf-8"))
r["explanation"]["counterfactuals"][0]["changes"][1]["value"] = 3
json.dump(r, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=2)
PY
mkdir -p "$T_TMP/svc-cf"
"$RECOURSE_SERVICE" serve --demo "$T_TMP/data-cf" --state "$T_TMP/svc-cf" \
    --listen 127.0.0.1:0 --port-file "$T_TMP/svc-cf/port" --rate 0 \
    --client-config "$T_TMP/svc-cf/recourse.conf" 2>"$T_TMP/svc-cf/err" &
A11Y_PIDS="$A11Y_PIDS $!"
i=0
while [ ! -s "$T_TMP/svc-cf/port" ] || [ ! -s "$T_TMP/svc-cf/recourse.conf" ]; do
	i=$((i + 1))
	if [ $i -gt 300 ]; then cat "$T_TMP/svc-cf/err" >&2; exit 99; fi
	sleep 0.1
done
CFCONF="$T_TMP/cf.conf"
grep -v '^data-dir' "$T_TMP/svc-cf/recourse.conf" > "$CFCONF"
echo "data-dir = $T_TMP/cf-store" >> "$CFCONF"
CFR="--allow-http-loopback -c $CFCONF"
"$RECOURSE" $CFR open LN-2026-004217 --code 7KQ4-M2PX > /dev/null 2>&1 || true
COLUMNS=200 "$RECOURSE" $CFR show LN-2026-004217 > "$T_TMP/show-cf" 2>/dev/null || true
flag="[!] The record's counterfactual 1 would give a score of 510 by the scorecard, below the threshold of 520"
check "show flags a counterfactual the scorecard does not bear out" \
    grep -qF "$flag" "$T_TMP/show-cf"
check "and says no agreement" sh -c "! grep -qF 'agree with the scorecard' '$T_TMP/show-cf'"
$TM kill-session -t tui 2>/dev/null || true
# Narrower than 80 columns: one pane at a time, full width, so that its
# rows joined read as the document.
$TM new-session -d -s tui -x 78 -y 50 \
    "LC_ALL=C.UTF-8 TERM=screen-256color $RECOURSE $CFR; sleep 60"
wait_for "q Quit" || true
keys Enter
wait_for "recourse: LN-2026-004217" || true
keys d / "counterfactual 1 would" Enter
wait_for "counterfactual 1 would" || true
check "the Decision pane flags it with the same words" sh -c \
    "$TM capture-pane -p -t tui | sed -e 's/[│┌┐└┘─]//g' | tr -s ' \n' '  ' | grep -qF \"\$0\"" "$flag"
keys q
start 120 50

# 5. The liability chain, in order, in the label pane and in show.
pick "Refused, "
wait_for "recourse: LN-2026-004217" || true
# Tall enough for the whole label at once.
$TM resize-window -t tui -x 120 -y 160
keys p / "liability chain and" Enter
check "the label pane has the liability chain" wait_for "The liability chain and what backs it"
wait_for "provider: Ardal" || true
check "operator, deployer, provider, in that order" \
    in_order "operator: Llwybr Decision Services Ltd" "deployer: Dyffryn Bank plc" \
    "provider: Ardal Analytics Ltd"
check "each with its contact" wait_for "credit.review@dyffryn-bank.example"
check "the operator is backed by the record's trusted signature" \
    wait_for "[ok] operator: Llwybr"
check "the provider by its attestation, which verifies" \
    wait_for "Backed by the provider's attestation, which"
show_row() { grep -nF -- "$1" "$T_TMP/show" | head -n 1 | cut -d: -f1 | grep . || echo 0; }
o=$(show_row "Liable as operator: Llwybr"); d=$(show_row "Liable as deployer: Dyffryn")
p=$(show_row "Liable as provider: Ardal")
check "show gives the chain in the same order" \
    sh -c "[ $o -gt 0 ] && [ $o -lt $d ] && [ $d -lt $p ]"
check "show says what backs each link, as the pane does" \
    grep -qF "model.accountability@ardal.example. [ok] Backed by the provider's attestation, which verifies." \
    "$T_TMP/show"
keys q

# 4. The mouse, as the terminal reports it (X10 encoding for
# TERM=screen-256color: ESC [ M, then button, column and row, each + 32
# and the last two 1-based), sent as raw bytes.
# mouse BUTTON X Y: BUTTON 0 the left one, 64 wheel up, 65 wheel down.
mouse() {
	$TM send-keys -t tui -H 1b 5b 4d "$(printf '%x' $((32 + $1)))" \
	    "$(printf '%x' $((33 + $2)))" "$(printf '%x' $((33 + $3)))"
}
click() { mouse 0 "$1" "$2"; mouse 3 "$1" "$2"; }
start 100 30
check "the program asks the terminal for the mouse" \
    sh -c "[ \"\$($TM display -p -t tui '#{mouse_any_flag}')\" = 1 ]"
# The column of the name, counted in characters (the boxes are UTF-8).
x=$(screen | sed -n 2p | PYTHONIOENCODING=utf-8 python3 -c \
    'import sys; print(sys.stdin.read().find("Provenance label"))')
click $((x + 2)) 1
check "a click on a pane's name in the strip focuses that pane" \
    wait_for "[Provenance label]"
y=$(row_of "Refused, ")
click 5 $((y - 1))
check "a click on a case in the list selects it" cursor_on "Refused, "
check "and focuses the list" wait_for "[ Cases ]"
keys Enter
check "which Enter then opens" wait_for "recourse: LN-2026-004217"
check "the decision starts at its top" wait_for "refused: Your application"
for i in 1 2 3 4 5; do mouse 65 60 12; done
check "the wheel moves down the document under the pointer" \
    sh -c "! $TM capture-pane -p -t tui | grep -qF 'refused: Your application'"
for i in 1 2 3 4 5 6; do mouse 64 60 12; done
check "and back up" wait_for "refused: Your application"
keys q
$TM kill-session -t tui 2>/dev/null || true
printf 'mouse = no\n' >> "$CONF"
start 100 30
check "mouse = no leaves the mouse to the terminal" \
    sh -c "[ \"\$($TM display -p -t tui '#{mouse_any_flag}')\" = 0 ]"
keys q

# 3. Network work says how far it has got: a service that sends the
# decision one byte a second, its size announced.
start_fake drip drip
DCONF="$T_TMP/drip.conf"
{
	echo "data-dir = $T_TMP/drip-store"
	echo "pin = $T_TMP/drip.jwk"
	echo "connect-timeout = 5"
	echo "timeout = 50"
	echo "low-speed-limit = 1"
	echo "low-speed-time = 40"
	echo "attempts = 1"
} > "$DCONF"
$TM kill-session -t tui 2>/dev/null || true
$TM new-session -d -s tui -x 120 -y 30 \
    "LC_ALL=C.UTF-8 TERM=screen-256color $RECOURSE --allow-http-loopback -c $DCONF; sleep 60"
wait_for "q Quit" || true
keys o
wait_for "Service address" || true
keys "$drip_URL" Enter CC-2026-020931 Enter 5FHN-2KJR Enter
check "the status line says what is fetched, from where" \
    wait_for "Fetching decision CC-2026-020931 from $drip_URL:"
check "with the bytes received and the size the service announced" \
    wait_for " bytes of "
check "and they grow as they come" wait_for ": 3 bytes of "
check "in words and figures, no spinner" sh -c "$TM capture-pane -p -t tui | \
    grep -Eq 'Fetching decision CC-2026-020931 from .*: [0-9]+ bytes of [0-9]+ KB\$'"
keys Escape
check "Esc stops the work" wait_for "Stopped. Nothing you typed is lost."
check "and the status line no longer counts" sh -c "! $TM capture-pane -p -t tui | grep -q ' bytes of '"
keys q
stop_fake drip
finish
