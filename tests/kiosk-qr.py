#!/usr/bin/env python3
# kiosk-qr.py PANE.txt OUT.pbm: the QR code that recourse --kiosk draws at the
# top left of the screen (half blocks: a block is a light module, a space a
# dark one) as a PBM image, each module SCALE pixels, for zbarimg.
import sys

SCALE = 6
UPPER, LOWER, FULL = "\u2580", "\u2584", "\u2588"
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
width = 0
for ch in lines[0]:
    if ch != FULL:
        break
    width += 1
if width < 21:
    sys.exit("no QR code at the top left of the screen")
rows = []
for line in lines[:(width + 1) // 2]:
    line = line[:width].ljust(width)
    top, bot = [], []
    for ch in line:
        top.append(ch in (FULL, UPPER))
        bot.append(ch in (FULL, LOWER))
    rows.append(top)
    rows.append(bot)
rows = rows[:width]
with open(sys.argv[2], "w") as out:
    out.write("P1\n%d %d\n" % (width * SCALE, len(rows) * SCALE))
    for r in rows:
        px = " ".join("0" if light else "1" for light in r for _ in range(SCALE))
        for _ in range(SCALE):
            out.write(px + "\n")
