#!/usr/bin/env python3
# tui-lang.py: drive the full-screen interface under tmux in one language
# and check what each main screen shows (see tests/tui-lang.sh).
#
#   tui-lang.py LANG PO TMUX-SOCKET COMMAND FIRST
#
# The screens: cases, the Open dialog, the decision, the label, the
# verification, the help, the contest form and the list of languages.  On
# each, no English message of the interface may show where the catalogue
# translates it differently: a message of one word is looked for, as a
# word, in the title, the tab strip and pane titles, the status line and
# the key bar (a record's own text, in English when it has none in LANG,
# fills the rest); the parts of longer messages (between their %
# directives, of three words and 14 characters at least) anywhere.  In
# Japanese every row must fit 80 columns, every box be closed and no wide
# character be cut.  Prints TAP lines from number 1; exits 1 on a failure.
import re
import subprocess
import sys
import time
import unicodedata

lang, po_path, sock, command, first = sys.argv[1:6]
first = first == "1"
TM = ["tmux", "-L", sock]
COLS, ROWS = 80, 24
n_test = 0
failed = 0


def tap(ok, what, detail=None):
    global n_test, failed
    n_test += 1
    print("%s %d - %s: %s" % ("ok" if ok else "not ok", n_test, lang, what))
    if not ok:
        failed += 1
        for line in (detail or "").splitlines():
            print("#   " + line)


def po_unquote(s):
    s = s.strip()
    if not (s.startswith('"') and s.endswith('"')):
        return ""
    s = s[1:-1]
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def read_po(path):
    """(msgid, msgstr) of every translated, not fuzzy message."""
    out = []
    entry, key, fuzzy = {}, None, False

    def flush():
        if entry.get("msgid") and not fuzzy:
            strs = [v for k, v in entry.items() if k.startswith("msgstr")]
            if strs and all(strs):
                out.append((entry["msgid"], entry.get("msgstr", entry.get("msgstr[0]", ""))))
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                entry, key, fuzzy = {}, None, False
                continue
            if line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                key = m.group(1)
                entry[key] = po_unquote(m.group(2))
            elif line.startswith('"') and key:
                entry[key] += po_unquote(line)
    flush()
    return out


msgs = read_po(po_path)
tr = dict(msgs)
DIRECTIVE = re.compile(r'%(?:\d+\$)?[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcsp%]')
words, parts = set(), set()
for mid, mstr in msgs:
    if mstr == mid:
        continue
    if re.fullmatch(r"[A-Z][a-z]+", mid):
        words.add(mid)
    for frag in DIRECTIVE.split(mid):
        for piece in frag.split("\n"):
            piece = piece.strip(" .,:;()[]\"'")
            if len(piece) >= 14 and piece.count(" ") >= 2 and re.search(r"[a-z]", piece):
                parts.add(piece)


def width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return w


def tmux(*args, check=True):
    return subprocess.run(TM + list(args), capture_output=True, text=True,
                          check=check).stdout


def screen():
    return tmux("capture-pane", "-p", "-t", "tui", check=False)


def keys(*k):
    tmux("send-keys", "-t", "tui", *k)


T0 = time.time()


def settle(before=None, need=None, limit=10.0):
    """The screen once it has changed from before (or shows need) and
    stayed the same for 0.2 s."""
    end = time.time() + limit
    last, same_since = None, time.time()
    while time.time() < end:
        s = screen()
        if s != last:
            last, same_since = s, time.time()
        elif time.time() - same_since >= 0.2 and (before is None or s != before) \
                and (need is None or need in s):
            return s
        time.sleep(0.05)
    print("# %.1f s: waited %.0f s for the screen to change" % (time.time() - T0, limit))
    return last or ""


def english(s):
    rows = s.split("\n")
    while rows and rows[-1] == "":
        rows.pop()
    found = []
    chrome = rows[:2] + rows[-2:]
    for w in sorted(words):
        pat = re.compile(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])")
        for r in chrome:
            if pat.search(r):
                found.append("%r in %r" % (w, r.strip()))
                break
    flat = "\n".join(rows)
    for p in sorted(parts):
        if p in flat:
            found.append("%r" % p)
    return found


def check_screen(what, s):
    found = english(s)
    tap(not found, "%s shows no English message" % what, "\n".join(found) + "\n" + s)
    if lang != "ja":
        return
    rows = s.split("\n")[:ROWS]
    bad = [r for r in rows if width(r) > COLS]
    tap(not bad, "%s: every row fits %d columns" % (what, COLS), "\n".join(bad))
    cut = [r for r in rows if "\ufffd" in r]
    tap(not cut, "%s: no character cut" % what, "\n".join(cut))
    # Boxes closed: a row that opens a box at a column closes it.
    open_ = [r for r in rows if r.count("┌") + r.count("└") != r.count("┐") + r.count("┘")]
    tap(not open_, "%s: every box is closed" % what, "\n".join(open_))


def want(msgid):
    return tr.get(msgid, msgid)


KEYS = ["Open", "Contest", "Verify", "Decision", "Label", "Help", "Quit",
        "Cases", "Refresh", "Status", "Search", "Language"]


def keybar_whole(what, s):
    """The key bar of the main screen ends with a whole key."""
    rows = s.rstrip("\n").split("\n")
    bar = rows[-1].rstrip() if rows else ""
    ok = any(bar.endswith(" " + want(k)) for k in KEYS)
    tap(ok, "%s: the key bar ends with a whole key" % what, bar)


tmux("kill-session", "-t", "tui", check=False)
tmux("new-session", "-d", "-s", "tui", "-x", str(COLS), "-y", str(ROWS), command)
s = settle(need=want("Open"))
tap(("o " + want("Open")) in s, "the key bar is in %s" % lang, s)
tap(want("Cases") in s.split("\n")[1], "the Cases pane has its %s title" % lang, s)
check_screen("the cases", s)

keys("o")
s = settle(s, need=want("Decision reference"))
check_screen("the Open dialog", s)
if first:
    keys("LN-2026-004217", "Tab", "7KQ4-M2PX", "Tab", "Tab", "Enter")
else:
    keys("Escape")
    s = settle(s)
    keys("Enter")
s = settle(s, need=want("Principal reasons"))
tap(want("Principal reasons") in s, "the decision opens with its %s headings" % lang, s)
check_screen("the decision", s)
keybar_whole("the decision", s)
for k, what in (("p", "the provenance label"), ("v", "the verification"),
                ("l", "the list of cases")):
    keys(k)
    s = settle(s)
    check_screen(what, s)
keys("?")
s = settle(s, need=want("Keys"))
tap(want("Keys") in s, "the help has its %s heading" % lang, s)
check_screen("the help", s)
keys("Escape")
s = settle(s)
keys("c")
s = settle(s)
check_screen("the contest form", s)
keys("Escape")
s = settle(s)
keys("g")
s = settle(s, need="日本語")
tap("Cymraeg" in s and "Polski" in s and "日本語" in s,
    "g lists the languages, each named in itself", s)
check_screen("the list of languages", s)
keys("Escape")
s = settle(s)
keys("q")
sys.stdout.flush()
sys.exit(1 if failed else 0)
