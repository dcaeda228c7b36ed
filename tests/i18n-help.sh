#!/bin/sh
# i18n-help.sh: --help and the command-line messages speak the language
# chosen with --lang or LANGUAGE, for every shipped language; the English
# words of the help never show through (commands, options and proper nouns
# aside); and a language without a catalogue falls back to English.
. "${top_srcdir:?}/tests/lib.sh"

langs=$(sed -e 's/#.*//' "$top_srcdir/i18n/LINGUAS")

# English phrases of --help that a translation must replace.
english='Usage:|Options:|Commands:|show this help|Exit status|read configuration from|See recourse\(1\)|With no command'

for l in $langs; do
	out=$("$RECOURSE" --lang="$l" --help 2>&1) || true
	if printf '%s\n' "$out" | grep -Eq "$english"; then
		not_ok "$l: --help has no English phrases"
		printf '%s\n' "$out" | grep -E "$english" | sed 's/^/# /'
	else
		ok "$l: --help has no English phrases"
	fi
	check "$l: --help still names the options" contains "$out" "--lang="
	err=$(LANGUAGE=$l "$RECOURSE" no-such-command 2>&1) || true
	if contains "$err" "unknown command"; then
		not_ok "$l: an unknown command is reported in LANGUAGE=$l ($err)"
	else
		ok "$l: an unknown command is reported in LANGUAGE=$l"
	fi
	check "$l: the unknown command is named" contains "$err" "no-such-command"
done

# The catalogue's own words, as a person would read them.
out=$("$RECOURSE" --lang=cy --help 2>&1) || true
check "cy: --help begins with Defnydd" contains "$out" "Defnydd:"
out=$("$RECOURSE" --lang=ja --help 2>&1) || true
check "ja: --help begins with 使い方" contains "$out" "使い方:"
out=$("$RECOURSE" --lang=pl --help 2>&1) || true
check "pl: --help begins with Użycie" contains "$out" "Użycie:"

# Every line of --help fits 80 columns, counted as a terminal counts them
# (two for a Japanese character), and the commands' descriptions begin in
# one column whatever the width of the words before them.
fits() {
	"$RECOURSE" --lang="$1" --help 2>&1 | python3 -c '
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = 0
cols = set()
for line in sys.stdin.read().split("\n"):
    if width(line) > 80:
        print("# too wide: " + line)
        bad = 1
    for cmd in ("canon", "verify", "open", "fetch", "list", "show", "inspect"):
        if line.startswith("  %-10s " % cmd):
            rest = line[13:]
            # the description follows the arguments after two spaces or more
            i = rest.find("  ")
            if i >= 0:
                j = i + len(rest[i:]) - len(rest[i:].lstrip(" "))
                cols.add(13 + width(rest[:j]))
if len(cols) > 1:
    print("# descriptions begin in columns %s" % sorted(cols))
    bad = 1
sys.exit(bad)'
}
if command -v python3 >/dev/null 2>&1; then
	for l in en $langs; do
		check "$l: --help fits 80 columns, its commands aligned" fits "$l"
	done
fi

# No catalogue: English.
out=$("$RECOURSE" --lang=en --help 2>&1) || true
check "en: --help in English" contains "$out" "Usage:"

finish
