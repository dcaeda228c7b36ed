#!/usr/bin/python3
"""check-schemas.py: the recourse/1 JSON Schemas, their examples and the demo cases.

Checks, printing one TAP line each:
  - every schema in data/schema is a valid draft 2020-12 schema;
  - every example data/schema/examples/NAME[-what].json validates against
    NAME.schema.json;
  - the schemas of emitted documents take x_ members in every object and
    refuse other unknown members; a contest takes x_ only at its top level;
  - every demo case (data/cases/*/case.json) validates against
    data/cases/case.schema.json, and each of its records against
    decision.schema.json;
  - the documents a case serves are byte for byte what its records' digests say;
  - principal reasons of scheme "regb" use codes and texts of regb-reasons.json;
  - letter templates are well formed (every slot has 3 or more alternatives)
    and a slot-by-slot choice reaches the record's WPG-1 alpha with its key;
  - every example shown in recourse-protocol(7) is byte-identical to its file,
    and every excerpt to the members of its file that it names;
  - inline JSON in the page is valid JSON and no example leaves parts out
    as "..." or "{...}".

Usage: check-schemas.py SRCDIR MANPAGE
"""
import glob
import hashlib
import hmac
import json
import math
import os
import re
import struct
import sys
import unicodedata

import jsonschema

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import schemalib  # noqa: E402
from schemalib import load, load_schemas  # noqa: E402

SRC = sys.argv[1]
MAN = sys.argv[2]
count = 0
fails = 0


def tap(good, name, why=""):
    global count, fails
    count += 1
    if not good:
        fails += 1
        for line in str(why).splitlines()[:12]:
            print("# " + line)
    print("%s %d - %s" % ("ok" if good else "not ok", count, name))


schemas = load_schemas(SRC)
case_schema = load(os.path.join(SRC, "data/cases/case.schema.json"))
store = {s["$id"]: s for s in list(schemas.values()) + [case_schema]}


def validator(schema):
    return schemalib.validator(schema, store)


def check_instance(schema, inst, name):
    errs = sorted(validator(schema).iter_errors(inst), key=lambda e: list(e.path))
    why = "\n".join("%s: %s" % ("/".join(str(p) for p in e.path), e.message[:200]) for e in errs)
    tap(not errs, name, why)


for name, s in schemas.items():
    try:
        jsonschema.Draft202012Validator.check_schema(s)
        tap(True, "schema %s is valid" % name)
    except jsonschema.exceptions.SchemaError as e:
        tap(False, "schema %s is valid" % name, e)

# Examples.
for path in sorted(glob.glob(os.path.join(SRC, "data/schema/examples/*.json"))):
    base = os.path.basename(path)[:-len(".json")]
    kind = re.split(r"[-.]", base)[0]
    if kind not in schemas:
        tap(False, "example %s names a schema" % base, "no %s.schema.json" % kind)
        continue
    check_instance(schemas[kind], load(path), "example %s is a valid %s" % (base, kind))

# Unknown members (recourse-protocol(7), DESCRIPTION): a producer may add
# x_ members to any object of a document it emits, and nothing else; a
# contest takes x_ members at its top level only.
# Texts (language tag to string) are maps, not objects with members, and a
# JWK may carry the other parameters of RFC 7517.
LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$")


def objects(doc, path=""):
    if isinstance(doc, dict):
        text = doc and all(LANG.match(k) and isinstance(v, str) for k, v in doc.items())
        if not text and not re.search(r"/jwks/keys/[0-9]+$", path):
            yield path, doc
        for k, v in doc.items():
            yield from objects(v, path + "/" + k)
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            yield from objects(v, path + "/" + str(i))


def errors(schema, inst):
    return list(validator(schema).iter_errors(inst))


for kind in ("decision", "discovery", "registry", "receipt", "status", "attestation"):
    base = load(os.path.join(SRC, "data/schema/examples/%s.json" % kind))
    n = len(list(objects(base)))
    ext = json.loads(json.dumps(base))
    for _, o in objects(ext):
        o["x_note"] = "an extension"
    refused = []
    for i in range(n):
        other = json.loads(json.dumps(base))
        path, o = list(objects(other))[i]
        o["unknown_member"] = 1
        if not errors(schemas[kind], other):
            refused.append(path or "/")
    tap(not errors(schemas[kind], ext) and not refused,
        "%s: x_ members are allowed in all %d objects, other unknown members in none" % (kind, n),
        "accepted unknown_member in: " + " ".join(refused))
base = load(os.path.join(SRC, "data/schema/examples/contest.json"))
top = dict(base, x_client="recourse")
nested = json.loads(json.dumps(base))
nested["contact"]["x_note"] = 1
tap(not errors(schemas["contest"], top) and errors(schemas["contest"], nested)
    and errors(schemas["contest"], dict(base, unknown_member=1)),
    "contest: x_ members only at the top level, no other unknown member")

# Rules between members that the decision schema holds.
dec = load(os.path.join(SRC, "data/schema/examples/decision.json"))
bad = json.loads(json.dumps(dec))
bad["explanation"]["principal_reasons"] = []
tap(bool(errors(schemas["decision"], bad)), "decision: an adverse decision without a reason is refused")
bad["outcome"]["adverse"] = False
tap(not errors(schemas["decision"], bad), "decision: a decision that is not adverse may give no reason")
bad = json.loads(json.dumps(dec))
del bad["provenance"]["human_review"]
tap(bool(errors(schemas["decision"], bad)), "decision: automated_with_human_review without its review is refused")
bad = json.loads(json.dumps(dec))
bad["provenance"]["automation_level"] = "solely_automated"
tap(bool(errors(schemas["decision"], bad)), "decision: solely_automated with a review is refused")
bad = json.loads(json.dumps(dec))
del bad["explanation"]["method"]["scorecard"]
tap(bool(errors(schemas["decision"], bad)), "decision: a scorecard method without its table is refused")
disc = load(os.path.join(SRC, "data/schema/examples/discovery.json"))
disc["operator"]["jurisdiction"] = "United Kingdom"
tap(bool(errors(schemas["discovery"], disc)), "discovery: a jurisdiction that is not an ISO 3166-1 alpha-2 code is refused")

# WPG-1 (recourse-protocol(7), section WATERMARK), for the templates.
CJK = [(0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
       (0x20000, 0x3134F), (0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF)]


def wpg_words(text):
    s = unicodedata.normalize("NFKC", text).casefold()
    s = unicodedata.normalize("NFKC", s)
    out, cur = [], ""
    for c in s:
        o = ord(c)
        if unicodedata.category(c) == "Cf" or 0xFE00 <= o <= 0xFE0F or 0xE0100 <= o <= 0xE01EF:
            continue
        if any(a <= o <= b for a, b in CJK):
            if cur:
                out.append(cur)
                cur = ""
            out.append(c)
        elif unicodedata.category(c)[0] in "LMN":
            cur += c
        elif cur:
            out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


def wpg_count(text, key, G):
    w = wpg_words(text)
    pairs = set(zip(w, w[1:]))
    g = 0
    for a, b in pairs:
        a, b = a.encode(), b.encode()
        msg = b"WPG1" + struct.pack(">I", len(a)) + a + struct.pack(">I", len(b)) + b
        d = hmac.new(key, msg, "sha256").digest()
        g += ((d[0] << 8) | d[1]) < G
    return len(pairs), g


def binom_tail(T, g, gamma):
    return sum(math.comb(T, i) * gamma ** i * (1 - gamma) ** (T - i) for i in range(g, T + 1))


SLOT = re.compile(r"\{([^{}]*)\}")


def template_parts(t):
    parts, pos = [], 0
    for m in SLOT.finditer(t):
        parts.append(t[pos:m.start()])
        parts.append(m.group(1).split("|"))
        pos = m.end()
    parts.append(t[pos:])
    return parts


def embed(parts, key, G):
    """The simplest embedder: slot by slot, the alternative with most green pairs so far."""
    out = ""
    for i, p in enumerate(parts):
        if isinstance(p, str):
            out += p
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) and isinstance(parts[i + 1], str) else ""
        best = max(range(len(p)), key=lambda k: (wpg_count(out + p[k] + nxt, key, G)[1], -k))
        out += p[best]
    return out


# Demo cases.
regb = {r["code"]: r["text"] for r in load(os.path.join(SRC, "data/cases/regb-reasons.json"))["reasons"]}
tap(len(regb) == 24 and all(set(t) >= {"en", "cy"} for t in regb.values()),
    "regb-reasons.json holds the 24 sample reasons in English and Welsh")
cases = sorted(glob.glob(os.path.join(SRC, "data/cases/*/case.json")))
tap(len(cases) >= 6, "%d demo cases" % len(cases))
seen_refs, seen_codes = set(), set()
for cpath in cases:
    cdir = os.path.dirname(cpath)
    cname = os.path.basename(cdir)
    case = load(cpath)
    check_instance(case_schema, case, "case %s: case.json is valid" % cname)
    tap(case.get("case") == cname, "case %s: names its folder" % cname)
    tap(case["reference"] not in seen_refs and case["access_code"] not in seen_codes,
        "case %s: reference and access code are its own" % cname)
    seen_refs.add(case["reference"])
    seen_codes.add(case["access_code"])
    records = [load(os.path.join(cdir, r)) for r in case["records"]]
    for rname, rec in zip(case["records"], records):
        check_instance(schemas["decision"], rec, "case %s: %s is a valid decision record" % (cname, rname))
        tap(rec["subject"]["reference"] == case["reference"],
            "case %s: %s is for reference %s" % (cname, rname, case["reference"]))
        bad = [r["code"] for r in rec["explanation"]["principal_reasons"]
               if r["scheme"] == "regb" and (r["code"] not in regb or r["text"] != {k: regb[r["code"]][k] for k in r["text"]})]
        tap(not bad, "case %s: %s uses Regulation B reasons as published" % (cname, rname), bad)
        langs = set(rec["languages"])
        tap(langs >= {"en", "cy"}, "case %s: %s is in English and Welsh" % (cname, rname))
    for i, rec in enumerate(records):
        want = records[i - 1]["id"] if i else None
        tap(rec["version"] == i + 1 and rec.get("supersedes") == want,
            "case %s: record %d has version %d and supersedes %s" % (cname, i + 1, i + 1, want))
    for doc in case.get("documents", []):
        with open(os.path.join(cdir, doc["file"]), "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
        prov = [rec["provenance"] for rec in records]
        ias = [p["impact_assessment"] for p in prov if p.get("impact_assessment", {}).get("url") == doc["url"]]
        trs = [p["transparency_record"] for p in prov if p.get("transparency_record", {}).get("url") == doc["url"]]
        tap(bool(ias or trs), "case %s: a record links to %s" % (cname, doc["file"]))
        if ias:
            tap(all(ia["sha256"] == digest for ia in ias),
                "case %s: %s matches the digest its record carries" % (cname, doc["file"]))
    if case.get("letter_template"):
        last = records[-1]
        wm = case["watermark"]
        declared = last["provenance"]["ai_text"].get("watermark")
        tap(declared is None or declared == wm,
            "case %s: the watermark its label declares is the one the service embeds" % cname)
        key = bytes.fromhex(wm["key"])
        G, alpha = wm["G"], wm["alpha"]
        for lang, t in sorted(last["explanation"]["letter"]["content"].items()):
            parts = template_parts(t)
            slots = [p for p in parts if isinstance(p, list)]
            stray = any("{" in p or "}" in p for p in parts if isinstance(p, str))
            tap(len(slots) >= 60 and min(len(s) for s in slots) >= 3 and not stray,
                "case %s: %s letter template has %d slots of 3 or more alternatives" % (cname, lang, len(slots)))
            text = embed(parts, key, G)
            T, g = wpg_count(text, key, G)
            p = binom_tail(T, g, G / 65536)
            tap(len(wpg_words(text)) >= 250 and T >= wm["T_min"] and p <= alpha,
                "case %s: %s letter carries WPG-1 at p = %.2g (T = %d, g = %d)" % (cname, lang, p, T, g))

# Examples in the manual page.
with open(MAN, encoding="utf-8") as f:
    man = f.read().split("\n")


# The lines of the literal display that starts on the line after i, as text:
# roff escapes undone.
def display(i):
    body = []
    j = i + 2
    while j < len(man) and man[j] != ".Ed":
        line = man[j]
        if line.startswith("\\&"):
            line = line[2:]
        body.append(line.replace("\\e", "\\"))
        j += 1
    return "\n".join(body) + "\n"


shown = 0
i = 0
while i < len(man):
    m = re.match(r'^\.\\" example: (\S+)$', man[i])
    if not m:
        i += 1
        continue
    path = m.group(1)
    j = i + 1
    if j >= len(man) or not man[j].startswith(".Bd -literal"):
        tap(False, "manual example %s is a literal display" % path)
        i = j
        continue
    with open(os.path.join(SRC, path), encoding="utf-8") as f:
        want = f.read()
    tap(display(i) == want, "manual example %s is the file, byte for byte" % path)
    shown += 1
    i = j
tap(shown >= 9, "the manual shows %d examples from files" % shown)


# Excerpts: '.\" excerpt: FILE /pointer ...' above a literal display shows
# the members the JSON pointers name, keyed by their last segment, as
# json.dumps(indent=2) writes them, and the text just above says "excerpt".
def pointer(doc, ptr):
    for part in ptr.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        doc = doc[int(part)] if isinstance(doc, list) else doc[part]
    return doc



excerpts = 0
for i, line in enumerate(man):
    m = re.match(r'^\.\\" excerpt: (\S+)((?: /\S+)+)$', line)
    if not m:
        continue
    excerpts += 1
    path, ptrs = m.group(1), m.group(2).split()
    good = i + 1 < len(man) and man[i + 1].startswith(".Bd -literal")
    if good:
        doc = load(os.path.join(SRC, path))
        want = json.dumps({p.rsplit("/", 1)[1]: pointer(doc, p) for p in ptrs},
                          indent=2, ensure_ascii=False) + "\n"
        good = display(i) == want
    tap(good, "manual excerpt of %s %s is the file's members, byte for byte" % (path, " ".join(ptrs)))
    said = " ".join(man[max(0, i - 4):i])
    tap("excerpt" in said, "manual excerpt of %s %s is called an excerpt" % (path, " ".join(ptrs)))
tap(excerpts >= 3, "the manual shows %d excerpts of example files" % excerpts)

# Inline JSON in the text (.Li, .Ql, .Dl) is whole, valid JSON, and no
# example, inline or displayed, stands for left-out parts with "..." or
# "{...}": a reader implements from what the page shows.
inline = 0
for n, line in enumerate(man, 1):
    m = re.match(r'^\.(?:Li|Ql|Dl) (.*)$', line)
    if not m or not re.match(r'[{\[]\s*"', m.group(1)):
        continue
    arg = re.sub(r'(?: [.,;:()])+$', "", m.group(1))
    arg = arg.replace("\\&", "").replace("\\e", "\\")
    inline += 1
    try:
        json.loads(arg)
        tap(True, "inline JSON on line %d is valid JSON" % n)
    except ValueError as e:
        tap(False, "inline JSON on line %d is valid JSON" % n, "%s: %s" % (arg, e))
tap(inline >= 3, "the manual holds %d inline JSON examples" % inline)
held, in_display = [], False
for n, line in enumerate(man, 1):
    if line.startswith(".Bd -literal"):
        in_display = True
    elif line == ".Ed":
        in_display = False
    if re.search(r'\{\s*\.\.\.|\[\s*\.\.\.|:\s*\.\.\.|\.\.\.\s*[}\]]', line) and (in_display or '"' in line):
        held.append("%d: %s" % (n, line))
tap(not held, "no example in the manual leaves parts out as ...", "\n".join(held))

print("%d passed, %d failed" % (count - fails, fails))
sys.exit(1 if fails else 0)
