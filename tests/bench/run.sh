#!/bin/bash
# run.sh - the benchmarks behind `make bench`: runs every build/bench/bench_* program and every
# tests/bench/bench_*.sh script in turn from the repository root, prints its output under its
# name, and fails when any of them fails.
set -u
cd "$(dirname "$0")/../.."
status=0
found=0
for b in build/bench/bench_*; do
    [ -x "$b" ] || continue
    found=1
    echo "# $(basename "$b")"
    if ! "$b"; then
        echo "# $(basename "$b") failed" >&2
        status=1
    fi
done
[ "$found" -eq 1 ] || { echo "# no benchmarks built (run: make bench)" >&2; exit 1; }
for b in tests/bench/bench_*.sh; do
    [ -f "$b" ] || continue
    echo "# $(basename "$b" .sh)"
    if ! bash "$b"; then
        echo "# $(basename "$b" .sh) failed" >&2
        status=1
    fi
done
exit $status
