#!/bin/sh
# verify-size.sh: `recourse verify` refuses a file over 4 MiB unless
# --max-size or max-size in recourse.conf allows more.
. "${top_srcdir:?}/tests/lib.sh"

HOME=$T_TMP/home; export HOME
XDG_CONFIG_HOME=$T_TMP/home/.config; export XDG_CONFIG_HOME
XDG_DATA_HOME=$T_TMP/home/.local/share; export XDG_DATA_HOME
mkdir -p "$XDG_CONFIG_HOME/recourse"

# The W3C eddsa-jcs-2022 credential with 5 MiB of white space before its
# closing brace: still the same credential, its proof still good.
big=$T_TMP/big.json
src=$top_srcdir/tests/vectors/vc-di-eddsa/eddsa-jcs-2022/signedJCS.json
sed '$d' "$src" > "$big"
head -c 5242880 /dev/zero | tr '\0' ' ' >> "$big"
printf '}\n' >> "$big"

# vrc OPTION...: verify's exit status for the big file.
vrc() {
	set +e
	"$RECOURSE" verify --no-default-registries "$@" "$big" > "$T_TMP/out" \
	    2> "$T_TMP/err"
	rc=$?
	set -e
}

vrc
check "a 5 MiB file is unreadable by default (status 3)" [ "$rc" = 3 ]
check "... saying it is larger than allowed" \
    grep -q 'the input is larger than allowed: more than 4194304 bytes' \
    "$T_TMP/out"
vrc --max-size 8M
check "--max-size 8M reads it (status 1, valid but untrusted)" [ "$rc" = 1 ]
check "... and its proof verifies" grep -q '(eddsa-jcs-2022) is valid' \
    "$T_TMP/out"
vrc --max-size 8388608
check "--max-size in bytes reads it too (status 1)" [ "$rc" = 1 ]
vrc --max-size 8X
check "a bad --max-size is a usage error (status 64)" [ "$rc" = 64 ]
echo 'max-size = 8M' > "$XDG_CONFIG_HOME/recourse/recourse.conf"
vrc
check "max-size = 8M in recourse.conf reads it (status 1)" [ "$rc" = 1 ]
vrc --max-size 4M
check "--max-size 4M wins over recourse.conf (status 3)" [ "$rc" = 3 ]
echo 'max-size = lots' > "$XDG_CONFIG_HOME/recourse/recourse.conf"
vrc
check "a bad max-size in recourse.conf is a usage error (status 64)" \
    [ "$rc" = 64 ]
check "... naming the key" grep -q 'max-size must be a whole number' \
    "$T_TMP/err"
finish
