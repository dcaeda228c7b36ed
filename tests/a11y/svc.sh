# svc.sh: start the reference service with the demo cases on a free
# loopback port for the accessibility tests, and a client configuration
# that points at it.  Source it after tests/lib.sh; it sets SVC, CONF and
# R (the options every recourse run takes) and stops the service at exit.
# A11Y_DEMO, when set, names another folder of demo cases to serve.
if ! "$RECOURSE_SERVICE" --help 2>/dev/null | grep -q '^  serve '; then
	echo "this recourse-service cannot serve: skipped"
	exit 77
fi
A11Y_PIDS=
a11y_cleanup() {
	for p in $A11Y_PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $A11Y_PIDS; do wait "$p" 2>/dev/null || true; done
	[ -z "${A11Y_EXTRA_CLEANUP:-}" ] || eval "$A11Y_EXTRA_CLEANUP"
	rm -rf "$T_TMP"
}
trap a11y_cleanup EXIT
# A test stopped by timeout(1) or ^C still cleans up.
trap 'exit 1' INT TERM HUP
ST="$T_TMP/svc"
mkdir -p "$ST"
"$RECOURSE_SERVICE" serve --demo "${A11Y_DEMO:-$top_srcdir/data}" --state "$ST" \
    --listen 127.0.0.1:0 --port-file "$ST/port" --rate 0 \
    --client-config "$ST/recourse.conf" 2>"$ST/err" &
A11Y_SVC=$!
A11Y_PIDS="$A11Y_PIDS $A11Y_SVC"
i=0
while [ ! -s "$ST/port" ] || [ ! -s "$ST/recourse.conf" ]; do
	i=$((i + 1))
	if [ $i -gt 300 ] || ! kill -0 "$A11Y_SVC" 2>/dev/null; then
		cat "$ST/err" >&2
		exit 99
	fi
	sleep 0.1
done
SVC="http://127.0.0.1:$(cat "$ST/port")"
CONF="$T_TMP/recourse.conf"
grep -v '^data-dir' "$ST/recourse.conf" > "$CONF"
echo "data-dir = $T_TMP/store" >> "$CONF"
R="--allow-http-loopback -c $CONF"

# in_order FILE TEXT...: each TEXT occurs in FILE, on a later line than the
# one before (line numbers of the first occurrence after the last match).
in_order() {
	f=$1; shift
	last=0
	for t in "$@"; do
		n=$(awk -v from="$last" -v t="$t" 'NR > from && index($0, t) { print NR; exit }' "$f")
		if [ -z "$n" ]; then
			echo "\"$t\" not found after line $last of $f" >&2
			return 1
		fi
		last=$n
	done
	return 0
}
