#!/bin/sh
# wpg1-fpr.sh: the false-positive rate of WPG-1 detection on text written by
# people, with keys its authors never saw.  The texts are what Debian ships
# on every system: the licences in /usr/share/common-licenses, the packages'
# copyright files, and manual pages of section 1 rendered as text (mandoc or
# man), each once by content.  Each text is tested with WPG1_FPR_KEYS keys
# of its own (default 20), derived from WPG1_FPR_SEED (default "recourse"),
# so the run can be repeated or varied.
#
# Printed: the number of texts and trials, the observed rate of p <= alpha
# (1e-5) beside alpha, and at p <= 0.5, 0.1, 0.05, 0.01 and 1e-3 the
# observed count beside the count expected under no watermark (for each
# trial the exact probability, below the nominal level since T is finite and
# the test discrete), and the deciles of p.  It fails only on a gross
# disagreement (six standard deviations), and is skipped with fewer than
# 100 usable texts.
. "$top_srcdir/tests/lib.sh"
keys=${WPG1_FPR_KEYS:-20}
seed=${WPG1_FPR_SEED:-recourse}
max_copyright=${WPG1_FPR_COPYRIGHT:-200}
max_man=${WPG1_FPR_MAN:-100}
mkdir "$T_TMP/texts"
n=0
# add FILE: keep a text once by content; new is 1 when it was kept.
add() {
	new=0
	sum=$(sha256sum < "$1" | cut -c1-64)
	if [ ! -e "$T_TMP/texts/$sum" ]; then
		cp "$1" "$T_TMP/texts/$sum"
		n=$((n + 1))
		new=1
	fi
}
for f in /usr/share/common-licenses/*; do
	[ -f "$f" ] || continue
	add "$f"
done
c=0
for f in /usr/share/doc/*/copyright; do
	[ -f "$f" ] || continue
	[ "$c" -lt "$max_copyright" ] || break
	add "$f"
	c=$((c + new))
done
if command -v mandoc >/dev/null 2>&1; then
	render() { mandoc -Tutf8 "$1" 2>/dev/null; }
elif command -v man >/dev/null 2>&1; then
	render() { MANWIDTH=80 man -l "$1" 2>/dev/null; }
else
	render() { return 1; }
fi
bs=$(printf '\b')
m=0
for f in /usr/share/man/man1/*.1.gz; do
	[ -f "$f" ] || continue
	[ "$m" -lt "$max_man" ] || break
	# Overstrike (bold, underline) is taken out.
	if render "$f" | sed -e "s/.$bs//g" > "$T_TMP/man.txt" && [ -s "$T_TMP/man.txt" ]; then
		add "$T_TMP/man.txt"
		m=$((m + new))
	fi
done
echo "# $n texts: $((n - c - m)) licences, $c copyright files, $m manual pages"
set +e
"$top_builddir/tests/wpg1-tool" fpr "$keys" "$seed" "$T_TMP"/texts/* > "$T_TMP/out"
rc=$?
set -e
sed 's/^/# /' "$T_TMP/out"
case $rc in
0) ok "false positives and the distribution of p agree with the scheme" ;;
77) echo "SKIP: fewer than 100 texts with enough word pairs"; exit 77 ;;
*) not_ok "false positives and the distribution of p agree with the scheme" ;;
esac
finish
