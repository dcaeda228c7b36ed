# data/: demo cases and the demo registry in source form, signed at start;
# the JSON Schemas of recourse/1 and the examples of recourse-protocol(7).
# The folders are distributed whole (data/README describes them).
EXTRA_DIST += data/README data/schema data/cases

# The schemas hold their examples and the demo cases; the manual shows the
# examples byte for byte.
TESTS += tests/check-schemas.sh
dist_check_SCRIPTS += tests/check-schemas.sh
EXTRA_DIST += tests/check-schemas.py tests/schemalib.py
