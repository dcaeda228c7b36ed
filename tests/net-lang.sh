#!/bin/sh
# net-lang.sh: every request carries Accept-Language for the person's
# language with English as the fallback, as the fake service records it
# (spaces removed): from --lang, from LANGUAGE, from the locale, and from
# the g key of a running full-screen interface.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/fakes/netlib.sh"
REF=CC-2026-020931
CONF="$T_TMP/recourse.conf"
start_fake f ok
write_conf "$CONF" "pin = $T_TMP/f.jwk" "service = $f_URL"
R="--allow-http-loopback -c $CONF"
LOG="$T_TMP/f.log"

# langs_of: the Accept-Language of the last request logged.
langs_of() { tail -n 1 "$LOG" | awk '{ print $NF }'; }

rr $R --lang cy open "$f_URL" $REF --code 5FHN-2KJR
expect "a case opens in Welsh" 0 "$REF"
check "--lang cy: Accept-Language is cy, then English" [ "$(langs_of)" = "cy,en;q=0.5" ]
check "on every request of the run" [ "$(awk '{ print $NF }' "$LOG" | sort -u)" = "cy,en;q=0.5" ]
: > "$LOG"
LANGUAGE=fr:de rr $R fetch $REF --code 5FHN-2KJR
check "LANGUAGE=fr:de: fr, de, then English" [ "$(langs_of)" = "fr,de;q=0.9,en;q=0.5" ]
: > "$LOG"
# (the shell may complain that it has no such locale: recourse reads the name)
(LC_ALL=ja_JP.UTF-8 rr $R fetch $REF --code 5FHN-2KJR) 2>/dev/null
check "a Japanese locale: ja-JP, then English" [ "$(langs_of)" = "ja-JP,en;q=0.5" ]
: > "$LOG"
rr $R --lang en fetch $REF --code 5FHN-2KJR
check "English named: no second English" [ "$(langs_of)" = "en" ]

# The g key of the full-screen interface: the next request in Polish.
if command -v tmux >/dev/null 2>&1; then
	SOCK="recourse-netl-$$"
	# wait_for polls for up to 10 s.
	TM_WAIT=100
	. "$top_srcdir/tests/tmux-lib.sh"
	trap '$TM kill-server 2>/dev/null || true; stop_all_fakes; rm -rf "$T_TMP"' EXIT
	wait_log() {
		n=0
		while [ "$(langs_of)" != "$1" ]; do
			n=$((n + 1))
			[ $n -gt 100 ] && return 1
			sleep 0.1
		done
		return 0
	}
	: > "$LOG"
	tm_open 100 30 \
	    "LC_ALL=C.UTF-8 TERM=screen-256color $RECOURSE --lang de $R; sleep 60"
	check "the interface starts in German" wait_for "o Öffnen"
	# open_case: through the Open dialog, the service from the configuration.
	open_case() {
		keys o
		wait_for "$f_URL" || true
		keys "$REF" Tab 5FHN-2KJR Tab Tab Enter
	}
	keys o
	check "the Open dialog shows" wait_for "$f_URL"
	keys Escape
	open_case
	check "opening a case asks for de, then English" wait_log "de,en;q=0.5"
	keys g 6 Enter
	check "g 6 switches to Polish" wait_for "o Otwórz"
	: > "$LOG"
	open_case
	check "the next request asks for pl, de, then English" wait_log "pl,de;q=0.9,en;q=0.5"
	keys q
else
	echo "# tmux is not installed: the full-screen part is left out"
fi
finish
