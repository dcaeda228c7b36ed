#!/bin/sh
# check-po.sh: the shipped catalogues are complete and sound, and
# i18n/POTFILES.in names every source file with strings marked for
# translation.
#
# For each language in i18n/LINGUAS: msgfmt --check must pass (format
# directives and their order, plural forms, header), and its statistics
# must show neither untranslated nor fuzzy messages.  Then every .c file
# under cli/ core/ net/ service/ tui/ holding _("..."), N_("...") or
# P_("...") must be listed in POTFILES.in, and every listed file must exist.
#
# A message in the sources that a catalogue lacks (added after the last
# "make -C i18n update-po") is a failure too: it would show in English.
# While a change is under way, RECOURSE_PO_CURRENT=0 lists such messages as
# a skip instead.
. "${top_srcdir:?}/tests/lib.sh"

command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt not found: skipped"; exit 77; }

po_dir="$top_srcdir/i18n"
langs=$(sed -e 's/#.*//' "$po_dir/LINGUAS")

for l in $langs; do
	po="$po_dir/$l.po"
	if [ ! -f "$po" ]; then
		not_ok "$l: $l.po exists"
		continue
	fi
	if stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1); then
		ok "$l: msgfmt --check passes"
	else
		not_ok "$l: msgfmt --check passes"
		printf '%s\n' "$stats" | sed 's/^/# /'
	fi
	case $stats in
	*untranslated*|*fuzzy*)
		not_ok "$l: every message translated, none fuzzy ($stats)";;
	*" translated message"*)
		ok "$l: every message translated, none fuzzy ($stats)";;
	*)
		not_ok "$l: statistics readable ($stats)";;
	esac
	if grep -q '^"Plural-Forms: nplurals=[0-9]*; plural=' "$po"; then
		ok "$l: Plural-Forms header"
	else
		not_ok "$l: Plural-Forms header"
	fi
done

# The plural forms the languages need (CLDR).
plural_count() {
	sed -n 's/^"Plural-Forms: nplurals=\([0-9]*\);.*/\1/p' "$po_dir/$1.po"
}
for pair in cy:6 pl:3 ja:1 fr:2 de:2 es:2; do
	l=${pair%%:*}; n=${pair#*:}
	case " $(echo $langs) " in *" $l "*) ;; *) continue;; esac
	check "$l: $n plural forms" test "$(plural_count "$l")" = "$n"
done

# POTFILES.in: complete and without stale entries.
listed="$T_TMP/listed"
marked="$T_TMP/marked"
sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$po_dir/POTFILES.in" | sort -u >"$listed"
(cd "$top_srcdir" && for d in cli core net service tui; do
	[ -d "$d" ] && find "$d" -name '*.c'
done) | sort | while read -r f; do
	if grep -Eq '(^|[^A-Za-z0-9_])(N_|P_|_)\([[:space:]]*"' "$top_srcdir/$f"; then
		echo "$f"
	fi
done >"$marked"
missing=$(comm -23 "$marked" "$listed")
if [ -z "$missing" ]; then
	ok "POTFILES.in lists every file with marked strings"
else
	not_ok "POTFILES.in lists every file with marked strings; missing:"
	printf '#   %s\n' $missing
fi
stale=$(while read -r f; do [ -f "$top_srcdir/$f" ] || echo "$f"; done <"$listed")
if [ -z "$stale" ]; then
	ok "every file in POTFILES.in exists"
else
	not_ok "every file in POTFILES.in exists; gone:"
	printf '#   %s\n' $stale
fi
sorted=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$po_dir/POTFILES.in")
check "POTFILES.in is sorted" test "$sorted" = "$(printf '%s\n' "$sorted" | LC_ALL=C sort)"

# Messages in the sources that no catalogue has yet.
if command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1 &&
   [ -z "$missing" ] && [ -z "$stale" ]; then
	pot="$T_TMP/current.pot"
	(cd "$top_srcdir" && xgettext --from-code=UTF-8 --keyword=_ --keyword=N_ \
		--keyword=P_:1,2 --language=C -o "$pot" -f "$po_dir/POTFILES.in")
	for l in $langs; do
		[ -f "$po_dir/$l.po" ] || continue
		if out=$(msgcmp "$po_dir/$l.po" "$pot" 2>&1); then
			ok "$l: holds every message of the current sources"
		elif [ "${RECOURSE_PO_CURRENT:-1}" = 1 ]; then
			not_ok "$l: holds every message of the current sources"
			printf '%s\n' "$out" | head -20 | sed 's/^/# /'
		else
			n=$(printf '%s\n' "$out" | grep -c 'this message is used but not defined' || true)
			ok "$l: $n new message(s) wait for make -C i18n update-po # SKIP"
		fi
	done
fi

finish
