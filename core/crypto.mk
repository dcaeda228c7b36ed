# core/crypto.mk: encodings, keys, signatures, JWS and Data Integrity:
# sources, unit tests, fuzz targets and benchmarks of this area.  The test
# vectors name their origin in a SOURCE file beside them.
core_libcore_a_SOURCES += \
	core/ossl.c core/ossl.h \
	core/hash.c core/hash.h \
	core/b64.c core/b64.h \
	core/key.c core/key.h \
	core/sig.c core/sig.h \
	core/jws.c core/jws.h \
	core/di.c core/di.h

check_PROGRAMS += tests/unit/check_b64 tests/unit/check_key
TESTS += tests/unit/check_b64 tests/unit/check_key
tests_unit_check_b64_SOURCES = tests/unit/check_b64.c
tests_unit_check_b64_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_b64_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
tests_unit_check_key_SOURCES = tests/unit/check_key.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_key_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_key_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/unit/check_sig
TESTS += tests/unit/check_sig
tests_unit_check_sig_SOURCES = tests/unit/check_sig.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_sig_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_sig_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
check_PROGRAMS += tests/unit/check_jws
TESTS += tests/unit/check_jws
tests_unit_check_jws_SOURCES = tests/unit/check_jws.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_jws_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_jws_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

EXTRA_DIST += \
	tests/vectors/rfc8032 \
	tests/vectors/rfc7515 \
	tests/vectors/rfc8037 \
	tests/vectors/rfc7638 \
	tests/vectors/vc-di-eddsa \
	tests/vectors/vc-di-ecdsa
check_PROGRAMS += tests/unit/check_di
TESTS += tests/unit/check_di
tests_unit_check_di_SOURCES = tests/unit/check_di.c \
	tests/unit/crypto_vec.c tests/unit/crypto_vec.h
tests_unit_check_di_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_di_LDADD = $(CORE_LIBS) $(CHECK_LIBS)

# `make bench`: core_jws_verify() against bare OpenSSL EVP on 10,000 signed
# records of 2 KiB, Ed25519 and ES256.
EXTRA_PROGRAMS += bench/bench_verify
BENCH_BINS += bench/bench_verify
bench_bench_verify_SOURCES = bench/bench_verify.c
bench_bench_verify_LDADD = $(CORE_LIBS)

# Fuzz targets (configure with CC=clang --enable-fuzzing).
if FUZZING
noinst_PROGRAMS += tests/fuzz/fuzz_jws tests/fuzz/fuzz_di
tests_fuzz_fuzz_jws_SOURCES = tests/fuzz/fuzz_jws.c
tests_fuzz_fuzz_jws_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_jws_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_di_SOURCES = tests/fuzz/fuzz_di.c
tests_fuzz_fuzz_di_LDADD = $(CORE_LIBS)
tests_fuzz_fuzz_di_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
endif
EXTRA_DIST += tests/fuzz/corpus/jws tests/fuzz/corpus/di

# Allocation-failure injection exists only in debug and sanitizer builds.
if ALLOCFAIL
check_PROGRAMS += tests/unit/check_allocfail_crypto
TESTS += tests/unit/check_allocfail_crypto
tests_unit_check_allocfail_crypto_SOURCES = tests/unit/check_allocfail_crypto.c
tests_unit_check_allocfail_crypto_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_unit_check_allocfail_crypto_LDADD = $(CORE_LIBS) $(CHECK_LIBS)
endif
