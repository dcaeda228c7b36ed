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
	core/html.c core/html.h

check_PROGRAMS += tests/unit/check_html
tests_unit_check_html_SOURCES = tests/unit/check_html.c
tests_unit_check_html_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_html_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_html
EXTRA_DIST += tests/vectors/html
