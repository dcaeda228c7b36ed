#!/bin/sh
# check-banned.sh: no banned C library call appears in the sources (STYLE.md).
. "$top_srcdir/tests/lib.sh"
banned='strcpy|strcat|sprintf|vsprintf|gets|system|popen|tmpnam|mktemp|atoi'
files=$(cd "$top_srcdir" && find core net tui cli service tests bench -name '*.[ch]' 2>/dev/null | sort)
hits=$(cd "$top_srcdir" && for f in $files; do
	# Drop comments and string literals roughly, then look for calls.
	sed -e 's://.*$::' -e 's:"[^"]*"::g' "$f" |
	    grep -nE "(^|[^A-Za-z0-9_.>])($banned)[[:space:]]*\\(" |
	    sed "s|^|$f:|"
done)
if [ -n "$hits" ]; then
	printf '%s\n' "$hits"
	not_ok "no banned calls ($banned)"
else
	ok "no banned calls in $(printf '%s\n' $files | wc -l) files"
fi
finish
