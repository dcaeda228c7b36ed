# core/text.mk: sources, unit tests, fuzz targets and benchmarks of this area:
# safe display text, letters in restricted HTML, media provenance (XMP).
core_libcore_a_SOURCES += \
	core/safetext.c core/safetext.h

check_PROGRAMS += tests/unit/check_safetext
tests_unit_check_safetext_SOURCES = tests/unit/check_safetext.c
tests_unit_check_safetext_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_safetext_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_safetext

core_libcore_a_SOURCES += \
	core/html.c core/html.h core/html-int.h core/html-layout.c

check_PROGRAMS += tests/unit/check_html
tests_unit_check_html_SOURCES = tests/unit/check_html.c
tests_unit_check_html_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_html_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_html
EXTRA_DIST += tests/vectors/html

core_libcore_a_SOURCES += \
	core/xmp.c core/xmp.h

# Dates, numbers and amounts as each language writes them.
core_libcore_a_SOURCES += core/fmt.c core/fmt.h

check_PROGRAMS += tests/unit/check_fmt
tests_unit_check_fmt_SOURCES = tests/unit/check_fmt.c
tests_unit_check_fmt_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_fmt_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_fmt

check_PROGRAMS += tests/unit/check_xmp
tests_unit_check_xmp_SOURCES = tests/unit/check_xmp.c
tests_unit_check_xmp_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_xmp_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_xmp tests/inspect-media.sh
dist_check_SCRIPTS += tests/inspect-media.sh
EXTRA_DIST += tests/vectors/media

if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_html tests/fuzz/fuzz_xmp
tests_fuzz_fuzz_html_SOURCES = tests/fuzz/fuzz_html.c
tests_fuzz_fuzz_html_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_html_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_xmp_SOURCES = tests/fuzz/fuzz_xmp.c
tests_fuzz_fuzz_xmp_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_xmp_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
endif
EXTRA_DIST += tests/fuzz/corpus/html tests/fuzz/corpus/xmp

EXTRA_PROGRAMS += bench/bench_text
BENCH_BINS += bench/bench_text
bench_bench_text_SOURCES = bench/bench_text.c
bench_bench_text_LDADD = $(CORE_LIBS)
