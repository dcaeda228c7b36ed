# core/analysis.mk: understanding a decision and checking its label
# (core/analysis.h, core/reasons.h): scorecard re-computation, what would
# change the outcome, standard reasons, label rules; and their tests.
core_libcore_a_SOURCES += core/analysis.h core/scorecard.c core/labelrules.c \
	core/counterfactual.c core/reasons.c core/reasons.h

check_PROGRAMS += tests/unit/check_scorecard
tests_unit_check_scorecard_SOURCES = tests/unit/check_scorecard.c tests/unit/analysis-test.h
tests_unit_check_scorecard_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_check_scorecard_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_scorecard
EXTRA_DIST += tests/vectors/scorecard

check_PROGRAMS += tests/unit/check_labelrules
tests_unit_check_labelrules_SOURCES = tests/unit/check_labelrules.c tests/unit/analysis-test.h
tests_unit_check_labelrules_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_check_labelrules_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_labelrules

check_PROGRAMS += tests/unit/check_counterfactual
tests_unit_check_counterfactual_SOURCES = tests/unit/check_counterfactual.c tests/unit/analysis-test.h
tests_unit_check_counterfactual_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_check_counterfactual_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_counterfactual

check_PROGRAMS += tests/unit/check_reasons
tests_unit_check_reasons_SOURCES = tests/unit/check_reasons.c tests/unit/analysis-test.h
tests_unit_check_reasons_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_check_reasons_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
TESTS += tests/unit/check_reasons

# Allocation-failure injection exists only in debug and sanitizer builds.
if ALLOCFAIL
check_PROGRAMS += tests/unit/check_allocfail_analysis
TESTS += tests/unit/check_allocfail_analysis
tests_unit_check_allocfail_analysis_SOURCES = tests/unit/check_allocfail_analysis.c tests/unit/analysis-test.h
tests_unit_check_allocfail_analysis_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_check_allocfail_analysis_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
endif
