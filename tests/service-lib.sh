# service-lib.sh: helpers of the service tests (tests/service-*.sh): start
# recourse-service on a free loopback port with the demo cases, talk to it
# with curl(1), and read JSON with python3.  Source it after nothing else.
. "$top_srcdir/tests/lib.sh"
JWS_CHECK="$top_builddir/tests/fakes/jws-check"
# Debian's python3 first: a per-user shim in PATH can take seconds to start.
PY=python3
[ -x /usr/bin/python3 ] && PY=/usr/bin/python3
for tool in curl "$PY"; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "$tool is not installed: skipped"
		exit 77
	fi
done
SVC_PID=
SVC_URL=
trap 'svc_kill; rm -rf "$T_TMP"' EXIT

# svc_kill: end the service started last, if it still runs.
svc_kill() {
	if [ -n "$SVC_PID" ]; then
		kill -9 "$SVC_PID" 2>/dev/null || true
		wait "$SVC_PID" 2>/dev/null || true
		SVC_PID=
	fi
}

# svc_start STATE [OPTION...]: serve the demo from STATE on a free port; sets
# SVC_PID and SVC_URL.  Fails when the service does not report its port within a minute.
svc_start() {
	st=$1; shift
	mkdir -p "$st"
	rm -f "$st/port"
	"$RECOURSE_SERVICE" serve --demo "$top_srcdir/data" --state "$st" \
	    --listen 127.0.0.1:0 --port-file "$st/port" \
	    --access-log "$st/access.log" "$@" 2>>"$st/stderr" &
	SVC_PID=$!
	i=0
	while [ ! -s "$st/port" ]; do
		if ! kill -0 "$SVC_PID" 2>/dev/null || [ $i -ge 1200 ]; then
			cat "$st/stderr" >&2
			SVC_PID=
			return 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	SVC_URL="http://127.0.0.1:$(cat "$st/port")"
	export SVC_URL
}

# svc_stop: SIGTERM; the exit status of the service is the function's.
svc_stop() {
	kill -TERM "$SVC_PID"
	rc=0
	wait "$SVC_PID" || rc=$?
	SVC_PID=
	return $rc
}

# http METHOD PATH [CURL-ARG...]: one request; the answer's body goes to
# $T_TMP/body, its headers to $T_TMP/headers; prints the status code.
http() {
	m=$1; p=$2; shift 2
	curl -s -X "$m" -o "$T_TMP/body" -D "$T_TMP/headers" -w '%{http_code}' \
	    "$@" "$SVC_URL$p"
}

# header NAME: the value of a header of the last answer.
header() {
	tr -d '\r' < "$T_TMP/headers" | sed -n "s/^$1: *//Ip" | tail -n 1
}

# json FILE EXPR: print the Python expression EXPR over the document d (os
# and sys are there too); text as it is, anything else as JSON.
json() {
	"$PY" -c 'import json, os, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
v = eval(sys.argv[2])
print(v if isinstance(v, str) else json.dumps(v, sort_keys=True))' "$1" "$2"
}

# is_problem STATUS: the last answer was that status as problem+json with
# the RFC 9457 members.
is_problem() {
	[ "$(header Content-Type)" = "application/problem+json" ] &&
	    [ "$(json "$T_TMP/body" 'd["status"]')" = "$1" ] &&
	    [ -n "$(json "$T_TMP/body" 'd["title"]')" ] &&
	    [ -n "$(json "$T_TMP/body" 'd["type"]')" ]
}

# sha256 FILE: lowercase hex.
sha256() { sha256sum "$1" | cut -d' ' -f1; }
