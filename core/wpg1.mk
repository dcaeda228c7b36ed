# core/wpg1.mk: the WPG-1 text watermark: sources, unit tests, the
# cross-check and false-positive tests, and the benchmark.
core_libcore_a_SOURCES += \
	core/wpg1.c core/wpg1.h \
	core/wpg1-int.h \
	core/wpg1-text.c \
	core/wpg1-stat.c \
	core/wpg1-embed.c

check_PROGRAMS += tests/unit/check_wpg1
TESTS += tests/unit/check_wpg1
tests_unit_check_wpg1_SOURCES = tests/unit/check_wpg1.c
tests_unit_check_wpg1_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_wpg1_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

# The shell tests' driver of the core, and the independent implementation
# in Python that the cross-check runs against it.
check_PROGRAMS += tests/wpg1-tool
tests_wpg1_tool_SOURCES = tests/wpg1-tool.c
tests_wpg1_tool_LDADD = $(CORE_LIBS)

EXTRA_DIST += tests/vectors/wpg1 tests/wpg1-ref.py
TESTS += tests/wpg1-crosscheck.sh
dist_check_SCRIPTS += tests/wpg1-crosscheck.sh
TESTS += tests/wpg1-fpr.sh
dist_check_SCRIPTS += tests/wpg1-fpr.sh

EXTRA_PROGRAMS += bench/bench_wpg1
BENCH_BINS += bench/bench_wpg1
bench_bench_wpg1_SOURCES = bench/bench_wpg1.c
bench_bench_wpg1_LDADD = $(CORE_LIBS)

# libFuzzer target (configure CC=clang --enable-fuzzing); its seeds are the
# vectors and templates.
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_wpg1
tests_fuzz_fuzz_wpg1_SOURCES = tests/fuzz/fuzz_wpg1.c
tests_fuzz_fuzz_wpg1_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_wpg1_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
endif
EXTRA_DIST += tests/fuzz/corpus/wpg1
