#!/bin/bash
# run.sh - the test runner behind `make test`. Runs, in order: the formatting check, the
# dependency check (tests/tools/deps.py: no circles between modules, firmware/ below sync/ and
# ui/), every unit test program (built with AddressSanitizer + UndefinedBehaviorSanitizer),
# every integration test script against the sanitizer build of the programs, and a short run of
# every fuzz harness.
# Counts the TAP-style lines they print and ends with "N passed, N failed, N skipped".
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)
ASAN_BIN=$ROOT/build/asan/bin
UNIT_DIR=$ROOT/build/asan/tests
FUZZ_DIR=$ROOT/build/fuzz
FUZZ_SECONDS=${LY_FUZZ_SECONDS:-10}
export LY_BIN=$ASAN_BIN
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

passed=0 failed=0 skipped=0
failures=()
LOG=$ROOT/build/test-logs
mkdir -p "$LOG"

# count NAME OUTFILE RC: tallies the ok / not ok / skip lines of one program's output.
count() {
    local name=$1 out=$2 rc=$3 p f s
    p=$(grep -c '^ok - ' "$out")
    f=$(grep -c '^not ok - ' "$out")
    s=$(grep -c '^skip - ' "$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "not ok - $name exited with status $rc"
        f=1
    fi
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
        echo "not ok - $name printed no result"
        f=1
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
    [ "$f" -gt 0 ] && failures+=("$name (log: ${out#$ROOT/})")
    return 0
}

# exec_one NAME TIMEOUT CMD...: runs CMD with its output, exit status and time in the log folder.
exec_one() {
    local name=$1 limit=$2; shift 2
    local out=$LOG/$(echo "$name" | tr '/ ' '__').log
    local start=$SECONDS
    timeout -k 10 "$limit" "$@" >"$out" 2>"$out.err"
    local rc=$?
    [ $rc -eq 124 ] && echo "not ok - $name timed out after ${limit}s" >>"$out"
    echo "$rc $((SECONDS - start))" >"$out.rc"
}

# report_one NAME: prints and tallies what exec_one left of NAME.
report_one() {
    local name=$1
    local out=$LOG/$(echo "$name" | tr '/ ' '__').log rc secs
    read -r rc secs <"$out.rc"
    grep -E '^(ok|not ok|skip) - ' "$out"
    grep -q '^not ok' "$out" && sed 's/^/    /' "$out.err" | tail -n 30
    cat "$out.err" >>"$out"
    echo "# $name: ${secs}s"
    count "$name" "$out" "$rc"
}

run_one() { exec_one "$@" && report_one "$1"; }

# Programs that share nothing (the unit tests, the fuzz harnesses) run JOBS at a time, each
# reported in order when all are done; the integration tests, some of which time a response,
# run one at a time.
JOBS=${LY_TEST_JOBS:-$(nproc)}
slot() { while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done; }

echo "# formatting"
files=$(git ls-files '*.c' '*.h' 2>/dev/null; git ls-files --others --exclude-standard '*.c' '*.h' 2>/dev/null)
# Without a file list (git missing, or not a clone) clang-format would read its stdin and pass.
if [ -z "$files" ]; then
    echo "not ok - clang-format: git ls-files lists no .c or .h file (git missing? board/deps.sh test)"
    failed=$((failed + 1)); failures+=("clang-format")
elif clang-format --dry-run --Werror $files >"$LOG/format.log" 2>&1 </dev/null; then
    echo "ok - clang-format"; passed=$((passed + 1))
else
    echo "not ok - clang-format (run: make format)"; head -20 "$LOG/format.log"
    failed=$((failed + 1)); failures+=("clang-format")
fi

echo "# dependencies"
python3 tests/tools/deps.py --self-test >"$LOG/deps.log" 2>&1
self_rc=$?
grep -E '^(ok|not ok) - ' "$LOG/deps.log"
p=$(grep -c '^ok - ' "$LOG/deps.log") f=$(grep -c '^not ok - ' "$LOG/deps.log")
passed=$((passed + p)) failed=$((failed + f))
[ "$self_rc" -ne 0 ] && [ "$f" -eq 0 ] && { echo "not ok - deps self-test exited with status $self_rc"; failed=$((failed + 1)); }
[ "$self_rc" -ne 0 ] && failures+=("deps self-test (log: build/test-logs/deps.log)")
if python3 tests/tools/deps.py >"$LOG/deps-tree.log" 2>&1; then
    echo "ok - dependencies run one way ($(tail -n 1 "$LOG/deps-tree.log" | sed 's/^deps: //'))"
    passed=$((passed + 1))
else
    echo "not ok - dependencies (tests/tools/deps.py)"; head -20 "$LOG/deps-tree.log"
    failed=$((failed + 1)); failures+=("dependencies (log: build/test-logs/deps-tree.log)")
fi

echo "# unit tests (ASan + UBSan, $JOBS at a time)"
units=()
for t in "$UNIT_DIR"/test_*; do
    [ -x "$t" ] || continue
    # The allocation-failure tests run an operation once per allocation it makes (some 5,000 to
    # 7,600 runs of a database operation, about a minute of CPU at most): on a loaded machine
    # they take up to ten times that (docs/reliability.md).
    limit=600
    case $(basename "$t") in test_alloc_*) limit=1200 ;; esac
    slot
    exec_one "unit/$(basename "$t")" "$limit" "$t" &
    units+=("unit/$(basename "$t")")
done
wait
for u in "${units[@]}"; do report_one "$u"; done

echo "# integration tests (ASan + UBSan programs)"
for s in tests/integration/t_*.sh; do
    [ -f "$s" ] || continue
    run_one "integration/$(basename "$s" .sh)" 900 bash "$s"
done

echo "# fuzz harnesses (${FUZZ_SECONDS}s each; \`make fuzz\` runs them to their targets)"
if tests/fuzz/run.sh --check >"$LOG/fuzz_harnesses.log" 2>&1; then
    echo "ok - fuzz/harnesses (each harness has its class and sources in tests/fuzz/harnesses)"
    passed=$((passed + 1))
else
    echo "not ok - fuzz/harnesses"; cat "$LOG/fuzz_harnesses.log"
    failed=$((failed + 1)); failures+=("fuzz/harnesses (log: build/test-logs/fuzz_harnesses.log)")
fi
# fuzz_one NAME: a short run of harness NAME (its seeds and the corpus it grew in earlier runs).
fuzz_one() {
    local name=$1 corpus=$ROOT/build/fuzz-corpus/$1 seeds=$ROOT/tests/fuzz/corpus/${1#fuzz_}
    mkdir -p "$corpus"
    [ -d "$seeds" ] || seeds=
    ASAN_OPTIONS=detect_leaks=1 "$FUZZ_DIR/$name" -max_total_time="$FUZZ_SECONDS" -timeout=5 \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$ROOT/build/test-logs/$name-" \
        "$corpus" $seeds >"$LOG/fuzz_$name.log" 2>&1
    echo $? >"$LOG/fuzz_$name.rc"
}
harnesses=()
for z in "$FUZZ_DIR"/fuzz_*; do
    [ -x "$z" ] || continue
    slot
    fuzz_one "$(basename "$z")" &
    harnesses+=("$(basename "$z")")
done
wait
for name in "${harnesses[@]}"; do
    out=$LOG/fuzz_$name.log
    if [ "$(cat "$LOG/fuzz_$name.rc")" = 0 ]; then
        echo "ok - fuzz/$name ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$out" | grep -o '[0-9]*$') runs)"
        passed=$((passed + 1))
    else
        echo "not ok - fuzz/$name"; tail -30 "$out"
        failed=$((failed + 1)); failures+=("fuzz/$name (log: ${out#$ROOT/})")
    fi
done

if [ ${#failures[@]} -gt 0 ]; then
    echo "# failed:"
    printf '#   %s\n' "${failures[@]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
