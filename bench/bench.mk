# bench/: benchmark programs; `make bench` builds and runs them through
# bench/run.sh, which prints one figure per line.
EXTRA_DIST += bench/run.sh
bench: $(BENCH_BINS) all
	@$(SHELL) $(srcdir)/bench/run.sh $(abs_top_builddir) $(abs_top_srcdir)
.PHONY: bench
# Benchmarks are EXTRA_PROGRAMS: built by `make bench`, not by `make`.
