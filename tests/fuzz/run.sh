#!/bin/bash
# run.sh - `make fuzz`: runs every libFuzzer harness of build/fuzz to its number of executions
# (tests/fuzz/harnesses: 10,000,000 for a cheap harness, 1,000,000 for the decision path and the
# heavy ones), LY_FUZZ_JOBS (default: the number of cores) harnesses at a time, each stopped at
# LY_FUZZ_CAP seconds (default 7200) if it has not reached its target by then, which the table
# says. Then replays each corpus once through the coverage build (build/fuzz-cov) and prints, per
# harness, executions, exec/s, corpus, new crashes and llvm-cov line and region coverage of the
# sources the harness exercises.
#
# The corpus grows in build/fuzz-corpus/fuzz_NAME, seeded from tests/fuzz/corpus/NAME, which a
# run never writes; crashes go to build/fuzz-crashes/fuzz_NAME/. `run.sh --merge` (make
# fuzz-merge) minimizes both corpora of each harness (libFuzzer -merge=1 into a fresh folder, on
# the code reached, not on how often) and puts the result in tests/fuzz/corpus/NAME. `run.sh
# --report` prints the table of the last run again (measuring coverage where the run did not).
# Ctrl-C during a run stops it and prints the table of what ran. `run.sh --check` checks that the
# table of harnesses names every fuzz_*.c once.
#
# LY_FUZZ_ONLY="gate badge" runs only those harnesses; LY_FUZZ_RUNS=N sets every target to N;
# LY_FUZZ_FORK=N runs each in N processes sharing its corpus (libFuzzer -fork; with
# LY_FUZZ_JOBS=1, a slow harness on every core).
set -u -o pipefail
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
MANIFEST=tests/fuzz/harnesses
LOGS=build/fuzz-logs
CAP=${LY_FUZZ_CAP:-7200}
JOBS=${LY_FUZZ_JOBS:-$(nproc)}
# LY_FUZZ_FORK=N: each harness in N processes (libFuzzer -fork=N), its executions counted together
FORK_ARGS=
[ "${LY_FUZZ_FORK:-1}" -gt 1 ] && FORK_ARGS="-fork=$LY_FUZZ_FORK"
STOPPED=
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# rows: "name class sources..." of the manifest, the decision path and heavy ones first (the
# longest runs start first, so that two jobs end close together), restricted to LY_FUZZ_ONLY.
rows() {
    local c
    for c in path heavy cheap; do
        grep -v -e '^#' -e '^[[:space:]]*$' "$MANIFEST" | awk -v c="$c" '$2 == c' |
            while read -r name class sources; do
                if [ -n "${LY_FUZZ_ONLY:-}" ] && [[ " $LY_FUZZ_ONLY " != *" $name "* ]]; then
                    continue
                fi
                echo "$name $class $sources"
            done
    done
}

target() {
    case $1 in
    cheap) echo "${LY_FUZZ_RUNS:-10000000}" ;;
    path | heavy) echo "${LY_FUZZ_RUNS:-1000000}" ;;
    *) echo "unknown class '$1' in $MANIFEST" >&2; return 1 ;;
    esac
}

check() {
    local bad=0 listed f n
    listed=$(grep -v -e '^#' -e '^[[:space:]]*$' "$MANIFEST" | awk '{print $1}' | sort)
    for f in tests/fuzz/fuzz_*.c; do
        n=$(basename "$f" .c)
        n=${n#fuzz_}
        if [ "$(grep -cx "$n" <<<"$listed")" -ne 1 ]; then
            echo "$MANIFEST: fuzz_$n.c needs exactly one row" >&2; bad=1
        fi
    done
    for n in $listed; do
        [ -f "tests/fuzz/fuzz_$n.c" ] || { echo "$MANIFEST: no tests/fuzz/fuzz_$n.c" >&2; bad=1; }
    done
    grep -v -e '^#' -e '^[[:space:]]*$' "$MANIFEST" | while read -r n class sources; do
        target "$class" >/dev/null || exit 1
        [ -n "$sources" ] || { echo "$MANIFEST: $n lists no sources" >&2; exit 1; }
        for s in $sources; do [ -e "$s" ] || { echo "$MANIFEST: $n: no $s" >&2; exit 1; }; done
    done || bad=1
    return $bad
}

artifacts() { find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) | wc -l; }

# fuzz_one NAME CLASS: one harness to its target or the cap; writes $LOGS/NAME.log and .result.
fuzz_one() {
    local name=$1 class=$2 runs corpus seeds crashes before start rc execs rate corp seconds
    runs=$(target "$class")
    corpus=build/fuzz-corpus/fuzz_$name
    seeds=tests/fuzz/corpus/$name
    crashes=build/fuzz-crashes/fuzz_$name
    mkdir -p "$corpus" "$crashes" "$seeds"
    before=$(artifacts "$crashes")
    start=$SECONDS
    # the CPU time too: on a shared machine exec/s says little of the time a free core would take
    local TIMEFORMAT='%U %S'
    {
        # shellcheck disable=SC2086
        time build/fuzz/fuzz_"$name" $FORK_ARGS -runs="$runs" -max_total_time="$CAP" -timeout=10 \
            -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" "$seeds" \
            >"$LOGS/$name.log" 2>&1
    } 2>"$LOGS/$name.time"
    rc=$?
    seconds=$((SECONDS - start))
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$LOGS/$name.log" | tail -n 1)
    # libFuzzer's own average, or for a run of under a second the executions
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$LOGS/$name.log" | tail -n 1)
    corp=$(grep -o 'corp: [0-9]*/[0-9]*[a-zA-Z]*' "$LOGS/$name.log" | tail -n 1)
    if [ -n "$FORK_ARGS" ]; then # the parent's lines: "#EXECS: cov: .. corp: N exec/s R .."
        execs=$(sed -n 's/^#\([0-9]*\): cov: .*/\1/p' "$LOGS/$name.log" | tail -n 1)
        rate=$(( ${execs:-0} / (SECONDS - start > 0 ? SECONDS - start : 1) ))
        corp="corp: $(find "$corpus" -type f | wc -l)/$(du -sb "$corpus" | cut -f1)b"
    fi
    execs=${execs:-0}
    [ "${rate:-0}" -gt 0 ] || rate=$execs
    cat >"$LOGS/$name.result" <<EOF
class=$class
target=$runs
rc=$rc
execs=$execs
rate=$rate
seconds=$seconds
corpus='${corp#corp: }'
crashes=$(($(artifacts "$crashes") - before))
cap=$CAP
cpu=$(awk '{ printf "%d", $1 + $2 }' "$LOGS/$name.time")
EOF
    printf '%-14s %s: %s executions in %d s (rc %d)\n' "$name" "$class" "$execs" "$seconds" "$rc"
}

# cover_one NAME SOURCES...: replays both corpora once through the coverage build; writes
# $LOGS/NAME.cov holding "lines regions" (percent, or "-" if it could not be measured).
cover_one() {
    local name=$1 prof=build/fuzz-cov/prof/$1 bin=build/fuzz-cov/fuzz_$1
    shift
    mkdir -p build/fuzz-cov/prof "build/fuzz-corpus/fuzz_$name"
    rm -f "$prof".profraw "$prof".profdata
    echo "- -" >"$LOGS/$name.cov"
    [ -x "$bin" ] || return 0
    LLVM_PROFILE_FILE=$prof.profraw "$bin" -runs=0 -timeout=60 -rss_limit_mb=4096 \
        "build/fuzz-corpus/fuzz_$name" "tests/fuzz/corpus/$name" >"$LOGS/$name.replay.log" 2>&1
    llvm-profdata merge -sparse "$prof".profraw -o "$prof".profdata 2>>"$LOGS/$name.replay.log" ||
        return 0
    # TOTAL row: regions, missed, cover; functions, missed, executed; lines, missed, cover; ...
    llvm-cov report "$bin" -instr-profile="$prof".profdata "$@" 2>>"$LOGS/$name.replay.log" |
        awk '$1 == "TOTAL" { printf "%s(%d/%d) %s(%d/%d)\n", $10, $8 - $9, $8, $4, $2 - $3, $2 }' \
            >"$LOGS/$name.cov"
    [ -s "$LOGS/$name.cov" ] || echo "- -" >"$LOGS/$name.cov"
}

# pool FUNCTION: runs FUNCTION on every row, JOBS at a time; starts no more once interrupted.
pool() {
    local fn=$1 name class sources
    while read -r name class sources; do
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n; done
        [ -z "$STOPPED" ] || break
        # shellcheck disable=SC2086
        case $fn in
        fuzz_one) fuzz_one "$name" "$class" & ;;
        cover_one) cover_one "$name" $sources & ;;
        cover_missing) [ "$LOGS/$name.cov" -nt "$LOGS/$name.result" ] || cover_one "$name" $sources & ;;
        esac
    done < <(rows)
    wait
}

human() { awk -v s="$1" 'BEGIN { if (s >= 3600) printf "%.1f h", s / 3600;
    else if (s >= 60) printf "%.0f min", s / 60; else printf "%d s", s }'; }

table() {
    local name class sources failed=0 short=0 lines regions note
    printf '\n%-14s %-5s %10s %11s %7s %7s %7s %-14s %7s %-22s %-22s %s\n' harness class target \
        executions exec/s time cpu corpus crashes lines regions note
    while read -r name class sources; do
        [ -f "$LOGS/$name.result" ] || continue
        local target execs rate seconds corpus crashes rc interrupted cap='' cpu=''
        # shellcheck disable=SC1090
        . "$LOGS/$name.result"
        read -r lines regions <"$LOGS/$name.cov" 2>/dev/null || { lines=- regions=-; }
        note=""
        # libFuzzer ends an interrupted run with status 72 (-interrupted_exitcode) and its figures
        interrupted=$(grep -c 'libFuzzer: run interrupted' "$LOGS/$name.log")
        if [ "$crashes" -gt 0 ] || { [ "$rc" -ne 0 ] && [ "$interrupted" -eq 0 ]; }; then
            note="CRASH (build/fuzz-crashes/fuzz_$name/, log $LOGS/$name.log)"
            failed=$((failed + 1))
        elif [ "$execs" -lt "$target" ]; then
            if [ "$interrupted" -gt 0 ]; then
                note="TARGET NOT REACHED: interrupted"
            else
                note="TARGET NOT REACHED: cap of ${cap:-$CAP} s hit"
            fi
            [ "$rate" -gt 0 ] && note="$note; the target takes about $(human $((target / rate)))"
            [ "${cpu:-0}" -gt 0 ] && [ "$execs" -gt 0 ] &&
                note="$note, $(human $((target * cpu / execs))) of CPU"
            short=$((short + 1))
        fi
        printf '%-14s %-5s %10d %11d %7d %7s %7s %-14s %7d %-22s %-22s %s\n' "$name" "$class" \
            "$target" "$execs" "$rate" "$(human "$seconds")" "${cpu:+$(human "$cpu")}" "$corpus" \
            "$crashes" "$lines" "$regions" "$note"
    done < <(rows)
    echo "lines and regions: llvm-cov coverage of the harness's sources (tests/fuzz/harnesses) by its corpus"
    echo "$failed crashed, $short short of their target"
    [ "$failed" -eq 0 ]
}

# files DIR: "N files, N bytes" of the files in DIR.
files() { find "$1" -type f -printf '%s\n' | awk '{ n++; b += $1 } END { printf "%d files, %d bytes", n, b }'; }

merge() {
    local name class sources fresh seeds before after
    while read -r name class sources; do
        seeds=tests/fuzz/corpus/$name
        fresh=build/fuzz-merge/$name
        rm -rf "$fresh"
        mkdir -p "$fresh" "$seeds" "build/fuzz-corpus/fuzz_$name"
        before=$(files "$seeds")
        # The tree keeps the inputs that reach new code (-use_counters=0: no features for how many
        # times a branch ran), which covers the same lines at a fraction of the bytes (measured:
        # fuzz_hub_batch's 10,000,000 executions merged to 607 inputs and 373 kB with the
        # counters, to 175 and 48 kB without, both 250 of 343 lines). A run's own corpus in
        # build/fuzz-corpus keeps them all.
        if ! build/fuzz/fuzz_"$name" -merge=1 -use_counters=0 -timeout=10 -rss_limit_mb=2048 \
            "$fresh" "$seeds" "build/fuzz-corpus/fuzz_$name" >"$LOGS/$name.merge.log" 2>&1; then
            echo "$name: the merge failed, $seeds left as it was (log: $LOGS/$name.merge.log)"
            continue
        fi
        # Seeds written by hand keep their names (tests read some by name: test_alloc_*); the
        # merge's copy of one (libFuzzer names a file by the SHA-1 of its bytes) goes. (find's
        # default regex syntax has no {40}: with it every file counted as written by hand, and
        # a merge only ever added to the tree.)
        find "$seeds" -maxdepth 1 -type f -regextype posix-extended ! -regex '.*/[0-9a-f]{40}' |
            while read -r f; do
                rm -f "$fresh/$(sha1sum <"$f" | cut -c1-40)"
                cp "$f" "$fresh/"
            done
        rm -rf "$seeds" && mv "$fresh" "$seeds"
        after=$(files "$seeds")
        printf '%-14s %s -> %s\n' "$name" "$before" "$after"
    done < <(rows)
    echo "tests/fuzz/corpus: $(files tests/fuzz/corpus)"
}

# The whole run is one function, read before it starts, so that editing this file during a run
# of hours does not change what the running shell reads next.
main() {
    mkdir -p "$LOGS"
    case "${1:-}" in
    --check) check; return ;;
    --merge) check && merge; return ;;
    --report) check && pool cover_missing && table; return ;;
    "") ;;
    *) echo "usage: tests/fuzz/run.sh [--check|--merge|--report]" >&2; return 2 ;;
    esac
    check || return 1
    for r in $(rows | awk '{print $1}'); do
        rm -f "$LOGS/$r.result" "$LOGS/$r.cov"
    done
    echo "fuzzing $(rows | wc -l) harnesses, $JOBS at a time, at most $CAP s each"
    # Ctrl-C stops the harnesses running (libFuzzer ends a run on SIGINT with its figures), starts
    # no more, and goes on to the coverage and the table of what ran.
    trap 'STOPPED=1; echo "interrupted: no more harnesses start"' INT
    pool fuzz_one
    trap - INT
    STOPPED=
    echo "coverage: replaying each corpus through build/fuzz-cov"
    pool cover_one
    table
}
main "$@"; exit $?
