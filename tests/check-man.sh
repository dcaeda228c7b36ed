#!/bin/sh
# check-man.sh: every manual page is clean under mandoc -Tlint.
. "$top_srcdir/tests/lib.sh"
if [ "${MANDOC:-no}" = no ] || [ ! -x "$MANDOC" ]; then
	echo "mandoc is not installed" >&2
	exit 77
fi
for page in recourse.1 recourse.conf.5 recourse-protocol.7 recourse-service.8; do
	out=$("$MANDOC" -Tlint -Wwarning "$top_builddir/man/$page" 2>&1 || true)
	if [ -z "$out" ]; then ok "mandoc -Tlint $page"; else printf '%s\n' "$out"; not_ok "mandoc -Tlint $page"; fi
done
finish
