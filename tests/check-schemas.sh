#!/bin/sh
# check-schemas.sh: the JSON Schemas of recourse/1 hold their examples and the
# demo cases, the demo letters can carry their watermark, and the examples in
# recourse-protocol(7) are the files (tests/check-schemas.py says how).
. "$top_srcdir/tests/lib.sh"
py=/usr/bin/python3
if [ ! -x "$py" ] || ! "$py" -c 'import jsonschema' 2>/dev/null; then
	echo "python3-jsonschema is not installed" >&2
	exit 77
fi
exec "$py" -W ignore::DeprecationWarning "$top_srcdir/tests/check-schemas.py" \
    "$top_srcdir" "$top_srcdir/man/recourse-protocol.7.in"
