#!/bin/sh
# tui-demo.sh: the full-screen interface under tmux against the reference
# service: every demo case opened and what the screen says about it, the
# panes at 80x24, 60x20 and 200x60, the cursor on the focused item, a
# contest filled in, reviewed, sent and its receipt shown, and a draft that
# survives quitting.
. "$top_srcdir/tests/lib.sh"
if ! command -v tmux >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
	echo "tmux or python3 is not installed: skipped"
	exit 77
fi
. "$top_srcdir/tests/a11y/svc.sh"
SOCK="recourse-tui-$$"
. "$top_srcdir/tests/tmux-lib.sh"

# open REF CODE: through the Open dialog (the service comes from recourse.conf).
open_case() {
	keys o
	wait_for "Decision reference"
	keys "$1" Tab "$2" Tab Tab Enter
}

start 80 24
check "the interface starts with its key bar" wait_for "o Open"
check "and says there are no cases yet" wait_for "No cases yet"
check "the cursor is on the focused item" cursor_on "No cases yet"

open_case LN-2026-004217 7KQ4-M2PX
check "case 1 (loan) is fetched and valid and trusted" wait_for "[ok] valid and trusted"
check "its outcome shows in the Decision pane" wait_for "has been declined"
check "its principal reasons show" wait_for "Principal reasons"
check "the case list begins with the meaning" wait_for "Refused, Dyffryn Bank plc,"
check "the cursor is on the decision's first item" cursor_on "refused"
keys Down
check "Down moves the cursor with the selection" cursor_on "Decision LN-2026-004217"
keys v
check "the Verification pane shows each check" wait_for "[ok] signature: passed"
keys p
check "the Provenance label pane shows the automation level" wait_for "Automation:"
keys d / "computed again" Enter
check "the scorecard is computed again on this computer" wait_for "The scorecard computed again"
keys Down
check "and the outcome follows from the score" wait_for "[ok] Score"
keys p / "liability chain" Enter
check "the label's rules are checked" wait_for "The liability chain and what backs it"

open_case HB-2026-118305 3WJD-8RTC
check "case 2 (housing benefit) is valid and trusted" wait_for "HB-2026-118305 fetched and checked: [ok] valid and trusted"
keys p
check "and its label shows the human review" wait_for "Human review by"

open_case TS-2026-00731 H6PQ-9ZKE
check "case 3 (tenancy) fetches" wait_for "TS-2026-00731 fetched and checked"
keys p / contradicts Enter
check "case 3: the false label is called false" wait_for "The label contradicts the letter"
check "case 3: the watermark verdict is in words" wait_for "Watermark: consistent"

open_case INS-2026-55190 R2VN-4XFA
check "case 4 (unlisted signer) is valid but untrusted" wait_for "[!] valid but untrusted"
keys v
check "case 4: the trust check says why" wait_for "trust: failed"

open_case JOB-2026-3342 M8TB-6QWY
check "case 5 (altered record) is invalid" wait_for "[FAIL] invalid"
keys d
check "case 5: nothing in it is shown as verified" wait_for "[FAIL] This record is invalid"

open_case CC-2026-020931 5FHN-2KJR
check "case 6 fetches the second record" wait_for "CC-2026-020931 fetched and checked: [ok]"
keys d
check "case 6: the record says which one it replaces" wait_for "[!] Version 2: this record"

$TM resize-window -t tui -x 60 -y 20
check "at 60x20 the panes stack and the key bar stays" wait_for "o Open"
check "at 60x20 the pane names are listed" wait_for "[Decision]"
keys Tab
check "at 60x20 Tab moves to the next pane" wait_for "[Provenance label]"
$TM resize-window -t tui -x 200 -y 60
check "at 200x60 every pane shows at once" sh -c "$TM capture-pane -p -t tui | grep -q 'Cases' && $TM capture-pane -p -t tui | grep -q 'Verification' && $TM capture-pane -p -t tui | grep -q 'Provenance label'"
$TM resize-window -t tui -x 80 -y 24

# A contest: the first ground, the first remedy, a statement, an address.
ng=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["contest"]["grounds"]))' \
    "$top_srcdir/data/cases/loan-denied/record.json")
keys l / "LN-2026-004217" Enter Enter
check "the loan case is chosen by searching the case list" wait_for "recourse: LN-2026-004217"
keys c
check "the contest form lists the record's grounds" wait_for "[ ] Information used about me is wrong"
keys Space
i=0; while [ $i -lt "$ng" ]; do keys Tab; i=$((i + 1)); done
keys Space
keys End BTab BTab BTab BTab
keys "My gross income is 41000, not 31000."
check "the statement is counted against the service's limit" wait_for "36 of "
check "the draft is saved as it is typed" wait_for "Draft saved."
keys Escape q
sleep 0.5
$TM kill-session -t tui 2>/dev/null || true
start 80 24
keys l / "LN-2026-004217" Enter Enter
check "the loan case is chosen by searching the case list" wait_for "recourse: LN-2026-004217"
keys c
check "after quitting and starting again the draft is there" wait_for "Your draft is back"
keys End BTab BTab BTab BTab
check "with the statement as it was typed" wait_for "My gross income is 41000"
keys Tab Tab "a.person@example.org" Tab Tab Enter
check "the review shows exactly what will be sent" wait_for "exactly what will be sent"
check "the body is the canonical JSON with the decision's digest" wait_for '"decision_sha256":'
keys y
check "the access code, not kept on disk, is asked for before sending" wait_for "Access code (hidden"
keys 7KQ4-M2PX Tab Tab Enter
check "the contest is sent and the receipt shown" wait_for "The service received your contest."
check "the receipt is checked against the bytes sent" wait_for "[ok] valid and trusted"
check "the receipt gives the answer date" wait_for "Answer due by: "
check "as English writes dates, with the days left" sh -c \
    "$TM capture-pane -p -t tui | grep -Eq 'Answer due by: [0-9]{1,2} [A-Z][a-z]+ 20[0-9][0-9], (in [0-9]+ days?|today)'"
check "the draft is gone once the receipt is kept" sh -c "! ls '$T_TMP/store/drafts' | grep -q ."
keys Enter q
finish
