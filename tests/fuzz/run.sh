#!/bin/bash
# run.sh - `make fuzz`: runs every libFuzzer harness in build/fuzz for LY_FUZZ_SECONDS (default
# 60) each, keeping the corpus it grows in build/fuzz-corpus/ and crashes in build/fuzz-crashes/.
set -u -o pipefail
cd "$(dirname "$0")/../.."
seconds=${LY_FUZZ_SECONDS:-60}
failed=0 passed=0
mkdir -p build/fuzz-crashes
for z in build/fuzz/fuzz_*; do
    [ -x "$z" ] || continue
    name=$(basename "$z")
    corpus=build/fuzz-corpus/$name
    seeds=tests/fuzz/corpus/${name#fuzz_}
    mkdir -p "$corpus"
    [ -d "$seeds" ] || seeds=
    echo "== $name for ${seconds}s"
    if "$z" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix=build/fuzz-crashes/"$name"- "$corpus" $seeds 2>&1 | tail -n 12; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
