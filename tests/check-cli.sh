#!/bin/sh
# check-cli.sh: --help and --version of both programs, and usage errors.
. "$top_srcdir/tests/lib.sh"
v=$("$RECOURSE" --version)
check "recourse --version names the program" contains "$v" "recourse "
v=$("$RECOURSE_SERVICE" --version)
check "recourse-service --version names the program" contains "$v" "recourse-service "
h=$("$RECOURSE" --help)
check "recourse --help shows usage" contains "$h" "Usage: recourse"
check "recourse --help documents exit status" contains "$h" "Exit status"
h=$("$RECOURSE_SERVICE" --help)
check "recourse-service --help shows usage" contains "$h" "Usage: recourse-service"
set +e
"$RECOURSE" --no-such-option >/dev/null 2>&1; rc=$?
check "an unknown option exits 64" [ "$rc" -eq 64 ]
err=$("$RECOURSE" no-such-command 2>&1); rc=$?
set -e
check "an unknown command exits 64" [ "$rc" -eq 64 ]
check "an unknown command is named" contains "$err" "no-such-command"
h=$(LC_ALL=C.UTF-8 "$RECOURSE" --lang cy --help)
check "--lang cy translates --help" contains "$h" "Defnydd:"
finish
