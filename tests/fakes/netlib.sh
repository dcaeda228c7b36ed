# netlib.sh: helpers of the network tests (tests/net-*.sh): start and stop
# the misbehaving fake service, write a client configuration, run recourse.
# Source it after tests/lib.sh.
FAKE="$top_builddir/tests/fakes/fake_service"
CREDIT="$top_srcdir/data/cases/credit-limit"
FAKE_PIDS=

# start_fake NAME MODE [ARGS...]: start a fake service; sets NAME_PORT and
# NAME_URL (http://127.0.0.1:PORT, or https://localhost:PORT with --tls-cert).
start_fake() {
	name=$1; mode=$2; shift 2
	rm -f "$T_TMP/$name.port" "$T_TMP/$name.log"
	"$FAKE" --mode "$mode" --port-file "$T_TMP/$name.port" \
	    --jwk-out "$T_TMP/$name.jwk" --log "$T_TMP/$name.log" \
	    --record "$CREDIT/record-1.json" --record "$CREDIT/record-2.json" \
	    "$@" 2>"$T_TMP/$name.err" &
	eval "${name}_PID=$!"
	FAKE_PIDS="$FAKE_PIDS $!"
	i=0
	while [ ! -s "$T_TMP/$name.port" ]; do
		i=$((i + 1))
		if [ $i -gt 100 ]; then
			echo "fake service $name did not start:" >&2
			cat "$T_TMP/$name.err" >&2
			return 1
		fi
		sleep 0.1
	done
	port=$(cat "$T_TMP/$name.port")
	eval "${name}_PORT=$port"
	case " $* " in
	*" --tls-cert "*) eval "${name}_URL=https://localhost:$port" ;;
	*) eval "${name}_URL=http://127.0.0.1:$port" ;;
	esac
}

# stop_fake NAME
stop_fake() {
	eval "pid=\${${1}_PID:-}"
	[ -n "$pid" ] || return 0
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	eval "${1}_PID="
}

stop_all_fakes() {
	for p in $FAKE_PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $FAKE_PIDS; do wait "$p" 2>/dev/null || true; done
}
trap 'stop_all_fakes; rm -rf "$T_TMP"' EXIT

# write_conf FILE [LINES...]: a client configuration with short limits.
write_conf() {
	conf=$1; shift
	{
		echo "data-dir = $T_TMP/store"
		echo "connect-timeout = 2"
		echo "timeout = 4"
		echo "low-speed-limit = 50"
		echo "low-speed-time = 2"
		echo "attempts = 3"
		echo "retry-max-wait = 5"
		for l in "$@"; do echo "$l"; done
	} > "$conf"
}

# rr ARGS...: run recourse; sets RC, OUT and ERR (never fails itself).
rr() {
	set +e
	"$RECOURSE" "$@" > "$T_TMP/out" 2> "$T_TMP/err" < /dev/null
	RC=$?
	set -e
	OUT=$(cat "$T_TMP/out")
	ERR=$(cat "$T_TMP/err")
}

# expect DESC WANT-EXIT NEEDLE: the last run exited WANT-EXIT, said NEEDLE
# (on stdout or stderr), and did not crash.
expect() {
	if [ "$RC" -eq "$2" ] && contains "$OUT
$ERR" "$3"; then
		ok "$1"
	else
		not_ok "$1 (exit $RC, wanted $2 and \"$3\")"
		printf '%s\n' "$OUT" "$ERR" | sed 's/^/    /' | head -20
	fi
}

# digest FILES...: one line of checksums, to see that nothing changed.
digest() { cat "$@" 2>/dev/null | cksum; }

# lacks PATTERN PATH...: no file under PATH holds PATTERN.
lacks() { ! grep -rqF -- "$@"; }
