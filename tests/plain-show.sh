#!/bin/sh
# plain-show.sh: recourse show prints a kept decision in reading order:
# outcome, principal reasons, factors, what would have changed it, the
# provenance label, the verification verdict, the letter, and how to
# contest by when.  Demo case 1 (loan) verifies throughout; demo case 3
# (tenancy) carries a false label: it says a person wrote the letter, but
# the letter is consistent with the service's AI watermark.  Nothing
# printed moves the cursor.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/a11y/svc.sh"

OUT="$T_TMP/out"
"$RECOURSE" $R open LN-2026-004217 --code 7KQ4-M2PX > /dev/null 2>&1 || true
"$RECOURSE" $R open TS-2026-00731 --code H6PQ-9ZKE > /dev/null 2>&1 || true

rc=0
COLUMNS=72 "$RECOURSE" $R show LN-2026-004217 > "$OUT" 2>"$T_TMP/err" || rc=$?
check "show of case 1 exits 0 (valid and trusted)" [ "$rc" -eq 0 ]
check "case 1 reads in order" in_order "$OUT" \
    "Decision LN-2026-004217-r1" \
    "Outcome: refused. Your application for a personal loan" \
    "Principal reasons (4):" \
    "1. Excessive obligations in relation to income" \
    "4. Length of residence" \
    "Factors (8):" \
    "1. Debt-to-income ratio: 46%; counted against you (-60 points)" \
    "Score 440, threshold 520. Computed again here from the scorecard: 440," \
    "What would have changed the outcome:" \
    "1. With a debt-to-income ratio of 28% and one credit search" \
    "Provenance label (as the service states it):" \
    "Automation: made by machine alone" \
    "Letter written by an AI system, as the label says: yes" \
    "[ok] Watermark: consistent with the watermark" \
    "Verification: [ok] valid and trusted" \
    "[ok] The signature by key" \
    "Letter:" \
    "Dear Ms Morgan," \
    "End of the letter." \
    "How to contest:" \
    "Last day to contest: 19 January 2027" \
    "Grounds you may give:" \
    "1. Information used about me is wrong" \
    "Remedies you may ask for:" \
    "1. Review of the decision by a person"
check "the letter's slots were filled in, none left" sh -c "! grep -q '[{|}]' '$OUT'"
check "no line of case 1 is longer than 72 columns, but the checks' digests" \
    sh -c "awk 'length(\$0) > 72' '$OUT' | wc -l | grep -qx 0"
check "case 1 says nothing is false" sh -c "! grep -q 'FAIL' '$OUT'"
check "nothing went to the error output" [ ! -s "$T_TMP/err" ]

# The principal reasons in the person's language: the record's own words
# in Welsh, which it carries; in French, which it does not, the standard
# wording of a Regulation B reason as the French catalogue gives it, and
# the record's English where the catalogue has none.
COLUMNS=200 "$RECOURSE" --lang cy $R show LN-2026-004217 > "$OUT" 2>/dev/null || true
check "in Welsh, the record's own text of each reason" in_order "$OUT" \
    "1. Gormod o rwymedigaethau o'u cymharu ag incwm" \
    "2. Rhwymedigaethau credyd hwyr, yn y gorffennol neu'r presennol, gydag eraill" \
    "3. Nifer yr ymholiadau diweddar ar adroddiad yr asiantaeth gredyd" \
    "4. Hyd y cyfnod preswylio"
fr_po="$top_srcdir/i18n/fr.po"
fr_of() {
	# The French of msgid $1 in fr.po, or $1 when it is not translated.
	awk -v id="msgid \"$1\"" '
	    $0 == id { getline; sub(/^msgstr "/, ""); sub(/"$/, ""); print; found = 1; exit }
	    END { if (!found) print "" }' "$fr_po" | sed -e "s/^\$/$1/"
}
COLUMNS=200 "$RECOURSE" --lang fr $R show LN-2026-004217 > "$OUT" 2>/dev/null || true
check "in French, the catalogue's wording of the standard reasons" in_order "$OUT" \
    "1. $(fr_of 'Excessive obligations in relation to income')" \
    "2. $(fr_of 'Delinquent past or present credit obligations with others')" \
    "3. $(fr_of 'Number of recent inquiries on credit bureau report')" \
    "4. $(fr_of 'Length of residence')"
check "the first French reason is not the record's English" sh -c \
    "grep -m1 '^ *1\\. ' '$OUT' | grep -qv 'Excessive obligations'"

# Dates that core puts in its checks and the time of a human review, as the
# person's language writes them, not as the record spells them.
"$RECOURSE" $R open LN-2026-004217 --code 7KQ4-M2PX > "$OUT" 2>/dev/null || true
check "the label check gives the last day to contest as a date in words" \
    grep -qF "You can contest this decision until 19 January 2027." "$OUT"
check "no check spells it 2027-01-19" sh -c "! grep -qF 'until 2027-01-19' '$OUT'"
"$RECOURSE" --lang fr $R open LN-2026-004217 --code 7KQ4-M2PX > "$OUT" 2>/dev/null || true
check "in French, the last day to contest in the check is French" \
    grep -qF "19 janvier 2027." "$OUT"
"$RECOURSE" $R open HB-2026-118305 --code 3WJD-8RTC > /dev/null 2>&1 || true
COLUMNS=200 "$RECOURSE" --lang de $R show HB-2026-118305 > "$OUT" 2>/dev/null || true
check "in German, the human review's time in German" \
    grep -qF "19. November 2026 14:32 UTC" "$OUT"

rc=0
"$RECOURSE" $R show TS-2026-00731 --plain > "$OUT" 2>"$T_TMP/err" || rc=$?
check "show of case 3 exits 0: the signature is good" [ "$rc" -eq 0 ]
check "case 3 reads in order, with the false label called false" in_order "$OUT" \
    "Decision TS-2026-00731" \
    "Outcome: refused." \
    "Principal reasons (2):" \
    "Factors (4):" \
    "What would have changed the outcome:" \
    "Provenance label (as the service states it):" \
    "Automation: made by a person" \
    "Letter written by an AI system, as the label says: no" \
    "[FAIL] Watermark: consistent with the watermark" \
    "[FAIL] The label contradicts the letter" \
    "This label is false." \
    "Verification: [ok] valid and trusted" \
    "Letter:" \
    "Dear Mr Price," \
    "End of the letter." \
    "How to contest:" \
    "Last day to contest: 26 December 2026"
check "the watermark is never called proof" sh -c "tr '\\n' ' ' < '$OUT' | grep -qF '\"consistent with the watermark\" is not proof.'"
check "no escape sequence or carriage return is printed" sh -c "! LC_ALL=C grep -q \"\$(printf '[\\033\\r]')\" '$OUT'"

# A case that cannot be named is refused with a usage error.
rc=0
"$RECOURSE" $R show NO-SUCH-CASE > "$OUT" 2>&1 || rc=$?
check "an unknown case is a usage error (64)" [ "$rc" -eq 64 ]
check "and says which" grep -qF "NO-SUCH-CASE" "$OUT"
rc=0
"$RECOURSE" $R show a b > "$OUT" 2>&1 || rc=$?
check "two cases at once is a usage error" [ "$rc" -eq 64 ]
check "show is listed in --help" sh -c "'$RECOURSE' --help | grep -q '^  show '"
finish
