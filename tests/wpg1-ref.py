#!/usr/bin/python3
"""wpg1-ref.py: an independent implementation of WPG-1 detection, written
from the scheme's text alone (DESIGN.md, recourse-protocol(7)) with the
Python standard library: unicodedata for normalisation and categories, hmac
for the green test, fractions for the exact binomial tail.

    wpg1-ref.py words FILE             the words, one a line
    wpg1-ref.py detect KEYHEX G FILE   "T green z p log10_p"
    wpg1-ref.py check TOOL SRCDIR      compare with the C implementation
                                       (tests/wpg1-tool) and the vectors
"""
import decimal
import hashlib
import hmac
import math
import os
import random
import subprocess
import sys
import unicodedata
from fractions import Fraction

SINGLE = [(0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF),
          (0xF900, 0xFAFF), (0x20000, 0x3134F), (0x0E00, 0x0EFF),
          (0x1000, 0x109F), (0x1780, 0x17FF)]


def single(c):
    o = ord(c)
    return any(lo <= o <= hi for lo, hi in SINGLE)


def words(data):
    """Steps 1 to 3 of the scheme."""
    s = data.decode("utf-8", errors="replace")
    s = unicodedata.normalize("NFKC", s)
    s = s.casefold()
    s = unicodedata.normalize("NFKC", s)
    out, cur = [], []
    for c in s:
        o = ord(c)
        if unicodedata.category(c) == "Cf" or 0xFE00 <= o <= 0xFE0F or \
                0xE0100 <= o <= 0xE01EF:
            continue
        if single(c):
            if cur:
                out.append("".join(cur))
                cur = []
            out.append(c)
        elif unicodedata.category(c)[0] in "LMN":
            cur.append(c)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def pair_message(a, b):
    a, b = a.encode("utf-8"), b.encode("utf-8")
    return b"WPG1" + len(a).to_bytes(4, "big") + a + len(b).to_bytes(4, "big") + b


def ln_fraction(fr):
    """The natural log of a positive fraction, to double precision."""
    if fr > Fraction(1, 2):
        return math.log1p(-float(1 - fr))
    with decimal.localcontext() as ctx:
        ctx.prec = 60
        return float(decimal.Decimal(fr.numerator).ln() -
                     decimal.Decimal(fr.denominator).ln())


def tail_exact(T, g, G):
    """P[Binomial(T, G/65536) >= g] as an exact fraction: the sum over
    k >= g of C(T, k) G^k (65536 - G)^(T - k), over 65536^T, in integers."""
    H = 65536 - G
    num, c, gk = 0, math.comb(T, g), G ** g
    hk = H ** (T - g)
    for k in range(g, T + 1):
        num += c * gk * hk
        if k < T:
            c = c * (T - k) // (k + 1)
            gk *= G
            hk //= H
    return Fraction(num, 65536 ** T)


def ln_tail_float(T, g, G):
    """ln P[X >= g] for large T: the log of one term from sums of logs
    (math.fsum), then the others through the ratio of neighbours."""
    gam = G / 65536.0
    q = 1 - gam
    if g == 0:
        return 0.0
    if g > T * gam:
        k0, sign = g, 1
    else:
        k0, sign = g - 1, -1
    lc = math.fsum(math.log((T - k0 + i) / i) for i in range(1, k0 + 1))
    lt = lc + k0 * math.log(gam) + (T - k0) * math.log(q)
    s, t, k = 1.0, 1.0, k0
    while True:
        if sign > 0:
            if k >= T:
                break
            t *= (T - k) / (k + 1) * gam / q
            k += 1
        else:
            if k <= 0:
                break
            t *= k / (T - k + 1) * q / gam
            k -= 1
        s += t
        if t < s * 1e-18:
            break
    lv = lt + math.log(s)
    return lv if sign > 0 else math.log1p(-math.exp(lv))


def detect(key, G, data):
    ws = words(data)
    pairs = set(zip(ws, ws[1:]))
    T = len(pairs)
    g = 0
    for a, b in pairs:
        mac = hmac.new(key, pair_message(a, b), hashlib.sha256).digest()
        if int.from_bytes(mac[:2], "big") < G:
            g += 1
    gam = G / 65536.0
    z = 0.0 if T == 0 else (g - gam * T) / math.sqrt(T * gam * (1 - gam))
    if T <= 4000:
        p = tail_exact(T, g, G)
        return T, g, z, float(p), ln_fraction(p) / math.log(10)
    ln = ln_tail_float(T, g, G)
    return T, g, z, math.exp(ln), ln / math.log(10)


# ---- comparison with the C implementation ---------------------------------

FAILS = 0
COUNT = 0


def result(ok, what):
    global FAILS, COUNT
    COUNT += 1
    if not ok:
        FAILS += 1
    print("%s %d - %s" % ("ok" if ok else "not ok", COUNT, what))
    sys.stdout.flush()


def close(a, b, rel):
    if a == b:
        return True
    return abs(a - b) <= rel * max(abs(a), abs(b))


def run(tool, *args, data=None):
    return subprocess.run([tool] + list(args), input=data,
                          capture_output=True, check=True).stdout


def all_code_points_text():
    """Every code point assigned in this Python's Unicode (surrogates and
    private use left out), alone between spaces, then after 'x' and after
    'A' (marks join a word), in runs of 7 (normalisation across neighbours)
    and with combining marks in reverse class order."""
    cps = [c for c in range(0x110000)
           if unicodedata.category(chr(c)) not in ("Cn", "Cs", "Co")]
    parts = [" ".join(chr(c) for c in cps)]
    parts.append(" ".join("x" + chr(c) + "A" for c in cps))
    rng = random.Random(7)
    runs = []
    for _ in range(60000):
        runs.append("".join(chr(rng.choice(cps)) for _ in range(7)))
    parts.append(" ".join(runs))
    marks = [c for c in cps if unicodedata.combining(chr(c))]
    rm = []
    for _ in range(20000):
        k = rng.sample(marks, 3)
        k.sort(key=lambda c: -unicodedata.combining(chr(c)))
        rm.append(chr(rng.choice(cps)) + "".join(chr(c) for c in k))
    parts.append(" ".join(rm))
    return "\n".join(parts).encode("utf-8")


def check_vectors(srcdir):
    """The vectors' expected figures, recomputed here from their texts."""
    vdir = os.path.join(srcdir, "tests", "vectors", "wpg1")
    for name in sorted(os.listdir(vdir)):
        if not name.endswith(".expected"):
            continue
        fields = {}
        with open(os.path.join(vdir, name)) as f:
            for line in f:
                if line.strip() and not line.startswith("#"):
                    k, v = line.split(None, 1)
                    fields[k] = v.strip()
        with open(os.path.join(vdir, fields["text"]), "rb") as f:
            data = f.read()
        T, g, z, p, lp = detect(bytes.fromhex(fields["key"]), int(fields["G"]), data)
        ok = (T == int(fields["T"]) and g == int(fields["green"]) and
              close(z, float(fields["z"]), 1e-9) and
              close(lp, float(fields["log10_p"]), 1e-9))
        result(ok, "vector %s: T %d green %d z %.6f log10 p %.9f" %
               (name, T, g, z, lp))


def check_tool(tool, srcdir):
    rng = random.Random(20261126)
    # Words of every code point, as the C code splits them.
    text = all_code_points_text()
    want = words(text)
    got = run(tool, "words", "-", data=text).decode("utf-8").split("\n")[:-1]
    diff = [(i, w, g) for i, (w, g) in enumerate(zip(want, got)) if w != g]
    ok = len(want) == len(got) and not diff
    if not ok:
        for i, w, g in diff[:10]:
            print("# word %d: python %r, C %r" % (i, w, g))
        print("# %d words from python, %d from C" % (len(want), len(got)))
    result(ok, "words of every assigned code point (%d words)" % len(want))

    # Invalid UTF-8 in many shapes.
    bad = [b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\xed\xa0\x80", b"\xc0\xaf",
           b"\xf5\x80", b"\xff", b"\x80\x80", b"\xe0\x80\xaf", b"\xf4\x90\x80\x80"]
    data = b"".join(rng.choice([b"ab", b"c ", b"\xc3\xa9", b"x"]) + rng.choice(bad)
                    for _ in range(3000))
    want = words(data)
    got = run(tool, "words", "-", data=data).decode("utf-8").split("\n")[:-1]
    result(want == got, "words of text with invalid UTF-8")

    # Whole documents: pairs, green counts, z and p.
    docs = []
    for sub in ("tests/vectors/wpg1",):
        d = os.path.join(srcdir, sub)
        docs += [os.path.join(d, n) for n in sorted(os.listdir(d)) if n.endswith(".txt")]
    for extra in ("/usr/share/common-licenses/GPL-3",
                  "/usr/share/common-licenses/Apache-2.0"):
        if os.path.exists(extra):
            docs.append(extra)
    for path in docs:
        with open(path, "rb") as f:
            data = f.read()
        key = bytes(rng.getrandbits(8) for _ in range(32))
        G = rng.choice([16384, 16384, 8192, 32768, 1000])
        want = detect(key, G, data)
        out = run(tool, "detect", key.hex(), str(G), path).split()
        got = (int(out[0]), int(out[1]), float(out[2]), float(out[3]), float(out[4]))
        ok = (want[0] == got[0] and want[1] == got[1] and close(want[2], got[2], 1e-9) and
              close(want[4], got[4], 1e-9))
        result(ok, "detect %s (G %d): python %s, C %s" %
               (os.path.basename(path), G, want[:2] + (round(want[4], 6),),
                got[:2] + (round(got[4], 6),)))

    # The binomial tail against exact rational arithmetic.
    worst = 0.0
    cases = [(T, g, G) for T in (1, 2, 5, 10, 50, 51, 100, 333, 1000, 2500)
             for G in (16384, 1, 65535, 30000)
             for g in sorted({0, 1, T // 4, T // 4 + 1, T // 3, T // 2, T - 1, T})
             if g <= T]
    for T, g, G in cases:
        exact = tail_exact(T, g, G)
        got = float(run(tool, "tail", str(T), str(g), repr(G / 65536.0)))
        if exact == 0:
            continue
        want = ln_fraction(exact)
        err = abs(got - want) / max(1.0, abs(want))
        worst = max(worst, err)
    result(worst < 1e-12, "ln tail of %d (T, g, gamma) against exact fractions: "
           "worst error %.2e" % (len(cases), worst))

    # Large T: against the sum of logarithms.
    worst = 0.0
    for T in (10 ** 5, 10 ** 6, 3 * 10 ** 6):
        sd = math.sqrt(T * 0.25 * 0.75)
        for dev in (-3, 1, 40):
            g = int(T * 0.25 + dev * sd)
            want = ln_tail_float(T, g, 16384)
            got = float(run(tool, "tail", str(T), str(g), "0.25"))
            worst = max(worst, abs(got - want) / max(1.0, abs(want)))
    result(worst < 1e-9, "ln tail for T up to 3e6 against sums of logarithms: "
           "worst error %.2e" % worst)


def main(argv):
    if len(argv) >= 3 and argv[1] == "words":
        with open(argv[2], "rb") as f:
            for w in words(f.read()):
                print(w)
        return 0
    if len(argv) >= 5 and argv[1] == "detect":
        with open(argv[4], "rb") as f:
            print("%d %d %.17g %.17g %.17g" % detect(bytes.fromhex(argv[2]),
                                                    int(argv[3]), f.read()))
        return 0
    if len(argv) >= 4 and argv[1] == "check":
        check_vectors(argv[3])
        check_tool(argv[2], argv[3])
        print("%d passed, %d failed" % (COUNT - FAILS, FAILS))
        return 1 if FAILS else 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
