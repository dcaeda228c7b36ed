#!/usr/bin/env python3
"""tui-hostile.py: the hostile record and the checks of the screen for
tests/tui-hostile.sh.

  tui-hostile.py make SRC_DATA DEST_DATA
      copy the demo's loan case into DEST_DATA/cases/ with its texts
      replaced by terminal attacks (the service signs it as any other)
  tui-hostile.py screen COLS FILE
      check a `tmux capture-pane -e -p` capture: no control sequence but
      SGR, no bidirectional control or invisible character, no line wider
      than COLS, every box closed; prints what is wrong, exit 1
"""
import json
import os
import re
import shutil
import sys
import unicodedata

ESC = "\x1b"
CLEAR = ESC + "[2J"
TITLE = ESC + "]0;PWNED-TITLE\x07"
MOVES = ESC + "[10;10H" + ESC + "[5A" + ESC + "[20C" + ESC + "[K"
BIDI = "\u202eevil\u202c \u2066iso\u2069"
ZW = "zero\u200bwidth\ufeffbom"
C1 = "\u009b31m\u0085\u009d2;C1-TITLE\u009c"
LONG = "W" * 10000


def make(src, dest):
    shutil.copytree(src, dest)
    cases = os.path.join(dest, "cases")
    for name in os.listdir(cases):
        p = os.path.join(cases, name)
        if os.path.isdir(p) and name != "loan-denied":
            shutil.rmtree(p)
    path = os.path.join(cases, "loan-denied", "record.json")
    with open(path, encoding="utf-8") as f:
        r = json.load(f)
    r["outcome"]["summary"]["en"] = ("HOSTILE-OUTCOME " + CLEAR + TITLE +
                                     " declined " + BIDI + " " + ZW + " " + C1)
    pr = r["explanation"]["principal_reasons"]
    pr[0]["text"]["en"] = "HOSTILE-REASON " + MOVES + " end"
    pr[1]["text"]["en"] = "LONGWORD " + LONG + " after"
    fac = r["explanation"]["factors"]
    fac[0]["name"]["en"] = "Factor " + TITLE + MOVES + BIDI
    fac[1]["name"]["en"] = "Factor " + ZW + C1
    cf = r["explanation"].get("counterfactuals") or []
    if cf:
        cf[0]["text"]["en"] = "If " + CLEAR + LONG[:3000] + " " + BIDI
    for ds in r["provenance"].get("data_sources", []):
        ds["name"]["en"] = "Source " + TITLE + BIDI + ZW
    for g in r["contest"]["grounds"][:2]:
        g["text"]["en"] = "Ground " + MOVES + BIDI + C1
    r["rights"][0]["text"]["en"] = "Right " + LONG[:500] + CLEAR
    with open(path, "w", encoding="utf-8") as f:
        json.dump(r, f, ensure_ascii=True, indent=2)


def width(ch):
    if unicodedata.combining(ch):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


SGR = re.compile(r"\x1b\[[0-9;:]*m")
BAD = re.compile("[\x00-\x09\x0b-\x1f\x7f\u0080-\u009f\u061c\u200b-\u200f"
                 "\u202a-\u202e\u2060-\u2069\ufeff]")
BOX = set("\u2500\u2502\u250c\u2510\u2514\u2518")


def boxes(lines):
    """Every top-left corner has its top-right corner on the row, vertical
    lines below both, and the bottom corners on one row."""
    bad = []
    for y, row in enumerate(lines):
        for x, ch in enumerate(row):
            if ch != "\u250c":
                continue
            x2 = row.find("\u2510", x + 1)
            if x2 < 0 or any(c != "\u2500" and c not in "[] " and
                             not c.isprintable() for c in row[x + 1:x2]):
                bad.append("row %d: box at %d has no right corner" % (y, x))
                continue
            y2 = y + 1
            while y2 < len(lines) and len(lines[y2]) > x and lines[y2][x] == "\u2502":
                y2 += 1
            if y2 >= len(lines) or len(lines[y2]) <= x2 or \
                    lines[y2][x] != "\u2514" or lines[y2][x2] != "\u2518":
                bad.append("row %d: box at %d..%d not closed at row %d" %
                           (y, x, x2, y2))
                continue
            for yy in range(y + 1, y2):
                if len(lines[yy]) <= x2 or lines[yy][x2] != "\u2502":
                    bad.append("row %d: right border of box at %d..%d broken" %
                               (yy, x, x2))
            if lines[y2][x + 1:x2].strip("\u2500") != "":
                bad.append("row %d: bottom border broken" % y2)
    return bad


def screen(cols, path):
    with open(path, encoding="utf-8", errors="replace") as f:
        raw = f.read()
    bad = []
    plain = SGR.sub("", raw)
    for m in BAD.finditer(plain):
        bad.append("raw character U+%04X at %d" % (ord(m.group()), m.start()))
    if "\x1b" in plain:
        i = plain.index("\x1b")
        bad.append("escape sequence: %r" % plain[i:i + 12])
    lines = plain.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for y, row in enumerate(lines):
        w = sum(width(c) for c in row)
        if w > cols:
            bad.append("row %d is %d columns wide" % (y, w))
    bad += boxes(lines)
    if "\u250c" not in plain:
        bad.append("no box on the screen")
    for b in bad[:20]:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
        sys.exit(0)
    if len(sys.argv) == 4 and sys.argv[1] == "screen":
        sys.exit(screen(int(sys.argv[2]), sys.argv[3]))
    sys.exit(__doc__)
