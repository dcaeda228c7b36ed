#!/bin/sh
# run.sh BUILDDIR SRCDIR: run every benchmark; each prints figures one per line
# as "name: value unit".  Benchmarks are programs bench/bench_* in the build
# tree and scripts bench/*.bench.sh in the source tree.
set -u
builddir=$1
srcdir=$2
export top_builddir="$builddir" top_srcdir="$srcdir"
status=0
for b in "$builddir"/bench/bench_*; do
	[ -x "$b" ] || continue
	echo "# $(basename "$b")"
	"$b" || status=1
done
for s in "$srcdir"/bench/*.bench.sh; do
	[ -f "$s" ] || continue
	echo "# $(basename "$s" .bench.sh)"
	sh "$s" || status=1
done
exit $status
