#!/bin/sh
# kiosk-lang.sh: the kiosk's start screen changes language as the person
# moves along its list of languages, at once and said on the status line;
# the language chosen carries into the session, and the g key changes it
# there too, through the same code as at home, among the languages the
# administrator configured only.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/kiosk-lib.sh"
not_on_screen() { ! screen | grep -qF -- "$1"; }
kiosk_setup
kiosk_begin
check "the start screen is in the first language, English" wait_for "Enter: open a decision"
keys Down
check "Down to Cymraeg: the start screen is in Welsh at once" wait_for "Enter: agor penderfyniad"
check "its heading too" wait_for "terfynell gyhoeddus"
check "the status line names the language" wait_for "Cymraeg."
keys Up
check "Up to English: English again" wait_for "Enter: open a decision"
keys 2
check "the number of a language chooses it too" wait_for "Iaith (saethau neu rif):"
keys Enter
check "the session opens in the language chosen" wait_for "Cyfeiriad y gwasanaeth"
keys Escape
check "the key bar is in Welsh" wait_for "o Agor"
keys g
check "g lists the languages in the session" wait_for "( ) 1 English"
check "g lists the kiosk's languages, Welsh chosen" wait_for "(*) 2 Cymraeg"
check "g offers only the languages kiosk.conf names, not Japanese" \
    not_on_screen "日本語"
check "nor German" not_on_screen "Deutsch"
keys 1 Enter
check "English chosen with g: the key bar is in English" wait_for "o Open"
keys q
check "q finishes: the next person's start screen is in the first language" \
    wait_for "Enter: open a decision"
finish
