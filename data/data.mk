# data/: demo cases and the demo registry in source form, signed at start;
# the JSON Schemas of recourse/1 and the examples of recourse-protocol(7).
# The folders are distributed whole (data/README describes them).
EXTRA_DIST += data/README data/schema data/cases
