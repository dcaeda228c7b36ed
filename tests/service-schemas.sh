#!/bin/sh
# service-schemas.sh: what the reference service sends is what the JSON
# Schemas of recourse/1 (data/schema) describe: the discovery document, the
# registry, every demo decision, a contest's receipt and status, and its
# problem answers, each validated with python3-jsonschema.
. "$top_srcdir/tests/service-lib.sh"
if ! "$PY" -c 'import jsonschema' 2>/dev/null; then
	echo "python3-jsonschema is not installed: skipped"
	exit 77
fi
A="$T_TMP/answers"
mkdir -p "$A"
: > "$A/list"

# keep NAME SCHEMA FORM EXPECT: file the last answer as NAME, to be validated
# against SCHEMA; FORM is jws (a flattened JWS whose payload is validated)
# or json; EXPECT is "STATUS TYPE" as the answer must carry.
keep() {
	cp "$T_TMP/body" "$A/$1"
	printf '%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" \
	    "$code $(header Content-Type)" >> "$A/list"
}

svc_start "$T_TMP/st" --rate 0 --max-body 16384 ||
    { not_ok "the service starts"; finish; exit 1; }
ok "the service starts on a free port"

code=$(http GET /.well-known/recourse)
keep discovery discovery json "200 application/json"
code=$(http GET /registry)
keep registry registry jws "200 application/jose+json"

# Every demo case, with the reference and access code of its case.json.
"$PY" -c 'import glob, json, sys
for p in sorted(glob.glob(sys.argv[1] + "/data/cases/*/case.json")):
    c = json.load(open(p, encoding="utf-8"))
    print(c["case"], c["reference"], c["access_code"])' "$top_srcdir" > "$T_TMP/cases"
while read -r name ref ac; do
	code=$(http GET "/decisions/$ref" -H "Authorization: Bearer $ac")
	keep "decision-$name" decision jws "200 application/jose+json"
done < "$T_TMP/cases"

# A contest of the loan decision, its receipt and its status.
AUTH='Authorization: Bearer 7KQ4-M2PX'
JSON='Content-Type: application/json'
"$PY" -c 'import base64, hashlib, json, sys
jws = json.load(open(sys.argv[1]))
p = jws["payload"]
raw = base64.urlsafe_b64decode(p + "=" * (-len(p) % 4))
d = json.loads(raw)
b = {"recourse": "1", "decision_id": d["id"],
     "decision_sha256": hashlib.sha256(raw).hexdigest(),
     "grounds": [d["contest"]["grounds"][0]["code"]], "statement": "My income is wrong.",
     "corrections": [], "remedies": [d["contest"]["remedies"][0]["code"]],
     "contact": {"preference": "email", "address": "c.morgan@example.org"},
     "language": d["contest"]["languages"][0]}
open(sys.argv[2], "w").write(json.dumps(b))
b["statement"] = "Another statement."
open(sys.argv[3], "w").write(json.dumps(b))
b["extra"] = 1
open(sys.argv[4], "w").write(json.dumps(b))
b.pop("extra")
b["statement"] = "x" * 20000
open(sys.argv[5], "w").write(json.dumps(b))' \
    "$A/decision-loan-denied" "$T_TMP/c1.json" "$T_TMP/c2.json" "$T_TMP/c3.json" "$T_TMP/big.json"
KEY1=5b0c9e1a-7d3f-4e2b-8a6c-1f2e3d4c5b6a
KEY2=9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d
post() {
	http POST /contests -H "$AUTH" -H "${3:-$JSON}" \
	    -H "Idempotency-Key: $2" --data-binary "@$1"
}
code=$(post "$T_TMP/c1.json" "$KEY1")
keep receipt receipt jws "201 application/jose+json"
cid=$(json "$A/receipt" '__import__("json").loads(__import__("base64").urlsafe_b64decode(d["payload"] + "=" * (-len(d["payload"]) % 4)))["contest_id"]' 2>/dev/null)
code=$(http GET "/status/$cid" -H "$AUTH")
keep status status jws "200 application/jose+json"

# One problem answer of each kind the service can be led to give.
code=$(http GET /decisions/LN-2026-004217 -H 'Authorization: Bearer 7KQ4-M2PY')
keep problem-401 problem json "401 application/problem+json"
code=$(http GET /documents/0000000000000000000000000000000000000000000000000000000000000000)
keep problem-404 problem json "404 application/problem+json"
code=$(post "$T_TMP/c2.json" "$KEY1")
keep problem-409 problem json "409 application/problem+json"
code=$(post "$T_TMP/big.json" "$KEY2")
keep problem-413 problem json "413 application/problem+json"
code=$(post "$T_TMP/c1.json" "$KEY2" 'Content-Type: text/plain')
keep problem-415 problem json "415 application/problem+json"
code=$(post "$T_TMP/c3.json" "$KEY2")
keep problem-422 problem json "422 application/problem+json"
code=$(http POST /contests -H "$AUTH" -H "$JSON" --data-binary "@$T_TMP/c1.json")
keep problem-400 problem json "400 application/problem+json"
code=$(http DELETE /.well-known/recourse)
keep problem-405 problem json "405 application/problem+json"

"$PY" -W ignore::DeprecationWarning - "$top_srcdir" "$A" <<'PYEOF' > "$T_TMP/tap"
import base64, json, os, sys
src, adir = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(src, "tests"))
import schemalib
store = schemalib.load_schemas(src)
byid = {s["$id"]: s for s in store.values()}
def validator(s):
    return schemalib.validator(s, byid)
def b64(s):
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
for line in open(os.path.join(adir, "list"), encoding="utf-8"):
    name, schema, form, want, got = line.rstrip("\n").split("\t")
    why = []
    if got != want:
        why.append("answered %s, not %s" % (got, want))
    try:
        doc = json.loads(open(os.path.join(adir, name), "rb").read().decode("utf-8"))
        if form == "jws":
            why += [e.message[:200] for e in validator({"$ref": store["defs"]["$id"] + "#/$defs/jws"}).iter_errors(doc)]
            if json.loads(b64(doc["protected"]))["typ"] != "recourse-%s+json" % schema:
                why.append("typ is not recourse-%s+json" % schema)
            doc = json.loads(b64(doc["payload"]).decode("utf-8"))
        why += ["/".join(str(p) for p in e.path) + ": " + e.message[:200]
                for e in validator(store[schema]).iter_errors(doc)]
    except (ValueError, KeyError, TypeError) as e:
        why.append("not a document: %s" % e)
    print("%s\t%s is a valid %s%s (%s)" % ("ok" if not why else "not ok", name, schema,
          " payload" if form == "jws" else "", want))
    for w in why[:8]:
        print("#\t" + w)
PYEOF
while IFS='	' read -r verdict what; do
	case $verdict in
	ok) ok "$what" ;;
	"not ok") not_ok "$what" ;;
	*) echo "# $what" ;;
	esac
done < "$T_TMP/tap"
check "every answer was validated" [ "$(grep -c '^ok\|^not ok' "$T_TMP/tap")" -ge 18 ]
finish
