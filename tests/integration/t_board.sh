#!/bin/bash
# t_board.sh - board/ without a board: each board's kiosk configuration example is accepted by
# the kiosk; the man pages that board/manpage.py makes from the programs' --help have every
# option of the option tables (--help-markdown) and every command of lanyard, and man(1) reads
# them without a warning; deps.sh knows the new purposes. The packages, the cross-build and the
# provisioning run in debootstrap roots: `make check-board` (too slow for make test).
. "$(dirname "$0")/lib.sh"
B=$LY_ROOT/board

for b in rpi4 rpi5 x86-64; do
    expect "board/$b/kiosk.conf is accepted by lanyard-kiosk" 0 \
        "$LY_BIN/lanyard-kiosk" --config "$B/$b/kiosk.conf" --help
done
printf 'db = /x.db\nsource = v4l2:/dev/lanyard/camera@1280x720\nlanguge = en\n' >"$T/bad.conf"
expect "a misspelt key in such a file is refused" 2 "$LY_BIN/lanyard-kiosk" --config "$T/bad.conf" --help

for p in lanyard lanyard-kiosk lanyard-hub; do
    if ! python3 "$B/manpage.py" "$LY_BIN/$p" 0.1.0 2026-01-01 >"$T/$p.1" 2>"$T/$p.err"; then
        not_ok "manpage.py $p: $(cat "$T/$p.err")"
        continue
    fi
    # man's own warnings (groff -ww): bad requests, lines it cannot fill
    LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$T/$p.1" >"$T/$p.txt" 2>"$T/$p.warn"
    [ ! -s "$T/$p.warn" ] && [ -s "$T/$p.txt" ] && ok "man -l $p.1: no warning" ||
        not_ok "man -l $p.1: $(head -5 "$T/$p.warn")"
    grep -q "^SYNOPSIS" "$T/$p.txt" && grep -q "^ENVIRONMENT" "$T/$p.txt" &&
        ok "$p.1 has a synopsis and the environment" || not_ok "$p.1 lacks sections"
done
# Every option of the tables, in the page (roff writes each - as \-).
roff() { printf '%s' "$1" | sed 's/-/\\-/g'; }
for p in lanyard-kiosk lanyard-hub; do
    missing=$("$LY_BIN/$p" --help-markdown | sed -n 's/^| `--\([a-z0-9-]*\)`.*/\1/p' |
        while read -r o; do grep -qF -- "\\fB$(roff "--$o")" "$T/$p.1" || echo "$o"; done)
    n=$("$LY_BIN/$p" --help-markdown | grep -c '^| `--')
    [ -z "$missing" ] && [ "$n" -gt 5 ] && ok "$p.1 has all $n options of the table" ||
        not_ok "$p.1 lacks: $missing"
done
missing=$(for c in init import demo-data badges badge stats kiosk-snapshot enroll kiosks read-token \
    counts report load; do grep -qF -- "\\fB$(roff "$c") " "$T/lanyard.1" || echo "$c"; done)
[ -z "$missing" ] && ok "lanyard.1 has every command" || not_ok "lanyard.1 lacks: $missing"

for purpose in deb cross board; do
    grep -q "^$purpose) want=" "$B/deps.sh" && ok "deps.sh has the purpose $purpose" ||
        not_ok "deps.sh lacks $purpose"
done
"$B/deps.sh" sysroot | grep -qx libsdl2-dev && ok "deps.sh sysroot lists the arm64 -dev packages" ||
    not_ok "deps.sh sysroot"
finish
