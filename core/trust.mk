# core/trust.mk: trust store and registries, verdicts and receipts; their
# unit tests, the generator of the signed documents that the verify cases
# read, the registry fuzz target and the verify benchmark.
core_libcore_a_SOURCES += \
	core/trust.c core/trust.h core/trust-int.h \
	core/trust-registry.c core/trust-doc.c \
	core/verdict.c core/verdict.h \
	core/receipt.c core/receipt.h

check_PROGRAMS += tests/unit/check_verdict tests/unit/check_trust \
	tests/unit/check_receipt
TESTS += tests/unit/check_verdict tests/unit/check_trust \
	tests/unit/check_receipt
tests_unit_check_verdict_SOURCES = tests/unit/check_verdict.c
tests_unit_check_verdict_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_verdict_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
tests_unit_check_trust_SOURCES = tests/unit/check_trust.c
tests_unit_check_trust_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_trust_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
tests_unit_check_receipt_SOURCES = tests/unit/check_receipt.c
tests_unit_check_receipt_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_receipt_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

# Allocation-failure injection exists only in debug and sanitizer builds
# (RECOURSE_ALLOCFAIL); there recourse verify is run with each allocation
# failing in turn too (RECOURSE_FAIL_ALLOC).
EXTRA_DIST += tests/allocfail-verify.sh
if ALLOCFAIL
check_PROGRAMS += tests/unit/check_allocfail_trust
TESTS += tests/unit/check_allocfail_trust tests/allocfail-verify.sh
tests_unit_check_allocfail_trust_SOURCES = tests/unit/check_allocfail_trust.c
tests_unit_check_allocfail_trust_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_allocfail_trust_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
endif

# Signed fixtures for tests/cases/verify-*.case, made with fresh keys before
# the cases run (no private key is ever written).  `make bench` builds the
# generator too: bench/verify-cli.bench.sh runs it.
check_PROGRAMS += tests/unit/mkfixtures
BENCH_BINS += tests/unit/mkfixtures
tests_unit_mkfixtures_SOURCES = tests/unit/mkfixtures.c
tests_unit_mkfixtures_CFLAGS = $(AM_CFLAGS) $(JANSSON_CFLAGS)
tests_unit_mkfixtures_LDADD = $(CORE_LIBS)
tests/vectors/trust/.stamp: tests/unit/mkfixtures$(EXEEXT)
	@$(MKDIR_P) tests/vectors/trust
	$(AM_V_GEN)tests/unit/mkfixtures$(EXEEXT) tests/vectors/trust && touch $@
tests/run-cases.log: tests/vectors/trust/.stamp
CLEANFILES += tests/vectors/trust/.stamp tests/vectors/trust/*.jws \
	tests/vectors/trust/*.jwk tests/vectors/trust/*.json \
	tests/vectors/trust/*.pem tests/vectors/trust/*.txt \
	tests/vectors/trust/config/recourse/registries/*
EXTRA_DIST += tests/vectors/trust/README

if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_registry
tests_fuzz_fuzz_registry_SOURCES = tests/fuzz/fuzz_registry.c
tests_fuzz_fuzz_registry_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_registry_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
noinst_PROGRAMS += tests/fuzz/fuzz_trust_registry
tests_fuzz_fuzz_trust_registry_SOURCES = tests/fuzz/fuzz_trust_registry.c
tests_fuzz_fuzz_trust_registry_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_trust_registry_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
endif
EXTRA_DIST += tests/fuzz/corpus/registry tests/fuzz/corpus/trust_registry

EXTRA_DIST += bench/verify-cli.bench.sh
