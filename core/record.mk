# core/record.mk: the decision-record model (core/record.h) and its tests.
core_libcore_a_SOURCES += core/record.c core/record.h

check_PROGRAMS += tests/unit/check_record
tests_unit_check_record_SOURCES = tests/unit/check_record.c
tests_unit_check_record_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_check_record_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_record
