#!/usr/bin/env python3
# focus.py: the rows of a captured tmux pane (capture-pane -p -e) that show
# a focused item: text drawn in reverse video (a selected list item or
# line), text drawn bold that is not frame or title (a focused form label or
# button), or an entry line ("> ...", or in screen-reader mode the label
# again, then what is typed) right under a bold label.  Prints the
# row numbers, from 0, one per line; the title row and the two last rows
# (status line and key bar) are left out.
import re
import sys

BOX = set("─│┌┐└┘├┤┬┴┼━┃═║╔╗╚╝")
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def cells(line, state):
    """(char, bold, reverse) for each printed character of the line; the
    attributes carry over from the line before, as tmux writes them."""
    bold, rev = state
    out = []
    pos = 0
    for m in SGR.finditer(line):
        for ch in line[pos:m.start()]:
            out.append((ch, bold, rev))
        codes = [int(c) if c else 0 for c in m.group(1).split(";")]
        for c in codes:
            if c == 0:
                bold = rev = False
            elif c == 1:
                bold = True
            elif c == 22:
                bold = False
            elif c == 7:
                rev = True
            elif c == 27:
                rev = False
        pos = m.end()
    for ch in line[pos:]:
        out.append((ch, bold, rev))
    state[:] = [bold, rev]
    return out


def main():
    rows = sys.stdin.read().split("\n")
    while rows and rows[-1] == "":
        rows.pop()
    last = len(rows) - 2
    bold_label = {}
    found = []
    state = [False, False]
    for y, line in enumerate(rows):
        c = cells(line, state)
        if y == 0 or y >= last:
            continue
        text = "".join(ch for ch, _, _ in c)
        rev = "".join(ch for ch, _, r in c if r and ch not in BOX).strip()
        bld = "".join(ch for ch, b, r in c if b and not r and ch not in BOX).strip()
        plain = text.strip(" " + "".join(BOX))
        if len(rev) >= 2:
            found.append(y)
        elif len(bld) >= 2 and not bld.startswith("["):
            bold_label[y] = bld
            found.append(y)
        elif (y - 1) in bold_label and (plain.startswith(">") or
                                        plain.startswith(bold_label[y - 1] + ":")):
            found.append(y)
    print("\n".join(str(y) for y in found))


main()
