#!/bin/sh
# run-cases.sh: the data-driven runner.  Each tests/cases/*.case file names a
# command of the real binaries and what it must do; see tests/cases/README.
#
#   # comment
#   cmd: recourse canon @SRC@/tests/vectors/rfc8785/input/arrays.json
#   stdin: @SRC@/path/to/file          (optional)
#   stdin-big: 5242880                 (optional: a strict JSON array of
#                                       zeros, at least this many bytes, as
#                                       stdin and as @TMP@/big.json)
#   exit: 0
#   stdout-file: @SRC@/tests/vectors/rfc8785/output/arrays.json
#   stdout-has: some text               (any number)
#   stderr-has: some text               (any number)
#
# @SRC@ is the source tree, @BUILD@ the build tree, @TMP@ the test's
# scratch folder; "recourse" and
# "recourse-service" at the start of cmd are the programs just built.
. "$top_srcdir/tests/lib.sh"

subst() {
	printf '%s' "$1" | sed -e "s#@SRC@#$top_srcdir#g" -e "s#@BUILD@#$top_builddir#g" \
	    -e "s#@TMP@#$T_TMP#g"
}

# A JSON array of zeros of at least $1 bytes, in $T_TMP/big.json.
big_json() {
	{ printf '['; yes 0 | head -n $(($1 / 2 + 1)) | paste -sd, - | tr -d '\n'
	  printf ']'; } > "$T_TMP/big.json"
}

run_case() {
	file=$1
	name=$(basename "$file" .case)
	cmd= stdin=/dev/null want_exit=0 want_file=
	: > "$T_TMP/has-out"
	: > "$T_TMP/has-err"
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		'#'*|'') ;;
		cmd:*) cmd=$(subst "${line#cmd: }") ;;
		stdin:*) stdin=$(subst "${line#stdin: }") ;;
		stdin-big:*) big_json "${line#stdin-big: }"; stdin=$T_TMP/big.json ;;
		exit:*) want_exit=${line#exit: } ;;
		stdout-file:*) want_file=$(subst "${line#stdout-file: }") ;;
		stdout-has:*) printf '%s\n' "${line#stdout-has: }" >> "$T_TMP/has-out" ;;
		stderr-has:*) printf '%s\n' "${line#stderr-has: }" >> "$T_TMP/has-err" ;;
		*) echo "$file: unknown line: $line" >&2; not_ok "$name: case file readable"; return ;;
		esac
	done < "$file"
	case $cmd in
	recourse-service*) cmd="$RECOURSE_SERVICE${cmd#recourse-service}" ;;
	recourse*) cmd="$RECOURSE${cmd#recourse}" ;;
	esac
	# A home of its own for each case: nothing of the real one is read
	# or written, and no kept state passes from one case to the next.
	rm -rf "$T_TMP/home"
	mkdir -p "$T_TMP/home"
	HOME=$T_TMP/home XDG_CONFIG_HOME=$T_TMP/home/.config
	XDG_DATA_HOME=$T_TMP/home/.local/share XDG_STATE_HOME=$T_TMP/home/.state
	XDG_CACHE_HOME=$T_TMP/home/.cache
	export HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_STATE_HOME XDG_CACHE_HOME
	set +e
	# Word splitting of cmd is intended: case files hold no shell syntax.
	# shellcheck disable=SC2086
	$cmd < "$stdin" > "$T_TMP/out" 2> "$T_TMP/err"
	rc=$?
	set -e
	good=1
	if [ "$rc" != "$want_exit" ]; then
		echo "$name: exit $rc, wanted $want_exit" >&2; good=0
	fi
	if [ -n "$want_file" ] && ! cmp -s "$want_file" "$T_TMP/out"; then
		echo "$name: output differs from $want_file:" >&2
		diff "$want_file" "$T_TMP/out" | head -20 >&2 || true
		good=0
	fi
	while IFS= read -r needle; do
		if ! grep -qF -- "$needle" "$T_TMP/out"; then
			echo "$name: stdout lacks: $needle" >&2; good=0
		fi
	done < "$T_TMP/has-out"
	while IFS= read -r needle; do
		if ! grep -qF -- "$needle" "$T_TMP/err"; then
			echo "$name: stderr lacks: $needle" >&2; good=0
		fi
	done < "$T_TMP/has-err"
	if [ "$good" = 0 ]; then
		sed 's/^/  stderr: /' "$T_TMP/err" | head -10 >&2
		not_ok "$name"
	else
		ok "$name"
	fi
}

for f in "$top_srcdir"/tests/cases/*.case; do
	[ -e "$f" ] || continue
	run_case "$f"
done
finish
