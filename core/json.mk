# core/json.mk: strict JSON and RFC 8785 canonical JSON: sources, unit tests,
# test vectors, fuzz targets and benchmarks of this area.
core_libcore_a_SOURCES += \
	core/json.c core/json.h core/json-int.h \
	core/jcs.c core/jcs.h

check_PROGRAMS += tests/unit/check_json tests/unit/check_jcs
tests_unit_check_json_SOURCES = tests/unit/check_json.c
tests_unit_check_json_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_json_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
tests_unit_check_jcs_SOURCES = tests/unit/check_jcs.c
tests_unit_check_jcs_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_jcs_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_json tests/unit/check_jcs

# RFC 8785 test data (see tests/vectors/rfc8785/SOURCE) and strict JSON
# samples for the canon-*.case tests.
EXTRA_DIST += tests/vectors/rfc8785 tests/vectors/json

# Allocation-failure injection exists only in debug and sanitizer builds.
if ALLOCFAIL
check_PROGRAMS += tests/unit/check_allocfail_json
tests_unit_check_allocfail_json_SOURCES = tests/unit/check_allocfail_json.c
tests_unit_check_allocfail_json_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_allocfail_json_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_allocfail_json
endif

# libFuzzer targets (configure CC=clang --enable-fuzzing); their seeds are
# the test vectors and the strict JSON samples.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_json tests/fuzz/fuzz_jcs
tests_fuzz_fuzz_json_SOURCES = tests/fuzz/fuzz_json.c
tests_fuzz_fuzz_json_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_json_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_jcs_SOURCES = tests/fuzz/fuzz_jcs.c
tests_fuzz_fuzz_jcs_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_jcs_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
endif
EXTRA_DIST += tests/fuzz/corpus/json tests/fuzz/corpus/jcs tests/fuzz/README

# `make bench`: parse and canonicalise a generated 10 MiB document.
EXTRA_PROGRAMS += bench/bench_canon
BENCH_BINS += bench/bench_canon
bench_bench_canon_SOURCES = bench/bench_canon.c
bench_bench_canon_LDADD = $(CORE_LIBS)
