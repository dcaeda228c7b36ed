#!/bin/sh
# wpg1-crosscheck.sh: the WPG-1 detector in C against tests/wpg1-ref.py, an
# implementation written separately with Python's standard library
# (unicodedata, hmac, fractions): the expected figures of every vector in
# tests/vectors/wpg1, the words of every assigned code point and of invalid
# UTF-8, pairs and green counts of whole documents under random keys and
# values of G, and the binomial tail against exact rational arithmetic and,
# for T up to 3e6, against sums of logarithms.  Python's Unicode data may be
# older than utf8proc's: only code points assigned in both are compared.
# Skipped when /usr/bin/python3 is missing.
. "$top_srcdir/tests/lib.sh"
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	echo "SKIP: $PY is not installed"
	exit 77
fi
if "$PY" "$top_srcdir/tests/wpg1-ref.py" check "$top_builddir/tests/wpg1-tool" \
    "$top_srcdir" > "$T_TMP/out" 2>&1; then
	sed 's/^/# /' "$T_TMP/out"
	ok "the C detector agrees with the Python reference"
else
	sed 's/^/# /' "$T_TMP/out"
	not_ok "the C detector agrees with the Python reference"
fi
finish
