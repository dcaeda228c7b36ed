#!/bin/sh
# tui-factors.sh: the Decision pane's factor chart, under tmux against the
# reference service: the factors of demo case 1 come largest contribution
# first (the record gives them in another order), each with a text bar as
# long as its share, its signed figure and unit, and in words whether it
# counted for or against the person, so that no colour is needed.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "tmux or python3 is not installed: skipped"
	exit 77
fi
. "$top_srcdir/tests/a11y/svc.sh"
SOCK="recourse-factors-$$"
. "$top_srcdir/tests/tmux-lib.sh"

# The factors as the record gives them, and largest first: name, figure.
REC="$top_srcdir/data/cases/loan-denied/record.json"
python3 - "$REC" > "$T_TMP/factors" <<'PY'
import json, sys
fs = json.load(open(sys.argv[1]))["explanation"]["factors"]
for f in sorted(fs, key=lambda f: -abs(f["contribution"])):
    c = f["contribution"]
    print("%s\t%s" % (f["name"]["en"], "%+g" % c if c else "0"))
PY
python3 -c 'import json,sys
fs = json.load(open(sys.argv[1]))["explanation"]["factors"]
c = [abs(f["contribution"]) for f in fs]
print("unsorted" if c != sorted(c, reverse=True) else "sorted")' "$REC" > "$T_TMP/given"
check "the record gives its factors in another order" grep -qx unsorted "$T_TMP/given"

start 200 60
keys o
wait_for "Decision reference"
keys LN-2026-004217 Tab 7KQ4-M2PX Tab Tab Enter
check "the decision opens" wait_for "valid and trusted"
keys d
check "the Decision pane shows the factors" wait_for "Factors and how much each counted"
screen > "$T_TMP/screen"

# Each factor's name, then its bar and figure on the next row, in order (a
# factor that counted nothing may read "0" or "+0").
last=0; sorted=1; figures=1
while IFS='	' read -r name fig; do
	n=$(awk -v from="$last" -v t="$name:" 'NR > from && index($0, t) { print NR; exit }' "$T_TMP/screen")
	if [ -z "$n" ]; then
		echo "\"$name\" not after line $last" >&2
		sorted=0
		break
	fi
	sed -n "$((n + 1))p" "$T_TMP/screen" > "$T_TMP/row"
	if ! grep -qF -- "$fig points, counted" "$T_TMP/row" ||
	    ! grep -qE "counted (against|for) you" "$T_TMP/row"; then
		echo "row of $name: $(cat "$T_TMP/row")" >&2
		figures=0
	fi
	last=$n
done < "$T_TMP/factors"
check "the factors come largest contribution first" [ "$sorted" -eq 1 ]
check "each with its signed figure, unit and direction in words" [ "$figures" -eq 1 ]
bar() { grep -F -- "$1 points, counted" "$T_TMP/screen" | head -n 1 | tr -cd '▓' | wc -m; }
check "the bars shrink with the figure" sh -c "[ $(bar -60) -gt $(bar -40) ] && [ $(bar -40) -gt $(bar -15) ] && [ $(bar -15) -gt 0 ]"
check "a factor that counted nothing has no bar" sh -c \
    "grep -E -- '[ +]0 points, counted' '$T_TMP/screen' | grep -qv '▓'"
finish
