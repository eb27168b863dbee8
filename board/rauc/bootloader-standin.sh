#!/bin/sh
# bootloader-standin.sh - a stand-in for the bootloader, FOR TESTS ONLY (board/rauc/install-test.sh):
# RAUC's custom bootloader backend (system.conf [handlers] bootloader-custom-backend) over state
# kept in files, with the rules of RAUC's U-Boot boot script: an order of slots and, per slot,
# the boots left. It is not U-Boot, GRUB or the Pi's tryboot: no kernel is started, and it
# proves only that RAUC drives such a backend as it should and what these rules do.
#
#   LY_BOOT_STATE=DIR bootloader-standin.sh COMMAND [BOOTNAME [good|bad]]
# RAUC's commands:
#   get-primary         the slot the next boot starts: the first of the order with boots left
#   set-primary B       puts B first in the order, with LY_BOOT_TRIES boots left (RAUC, after
#                       writing B)
#   get-state B         good if B has boots left, else bad
#   set-state B good    B gets its boots back (rauc status mark-good on the booted slot)
#   set-state B bad     B has no boot left (RAUC, before writing B; mark-bad)
# The bootloader's own, run by the test where a board powers on:
#   init A B ...        a new state: this order, every slot good (a freshly flashed board)
#   boot                takes one boot from the first slot of the order with boots left and
#                       prints its bootname (the kernel's rauc.slot=); fails when none has one
# DIR holds one file per slot (left.B: the boots left) and `order`; each is replaced whole
# (written aside and renamed), as a bootloader's redundant environment would be.
set -eu
S=${LY_BOOT_STATE:?LY_BOOT_STATE: the folder of the state}
TRIES=${LY_BOOT_TRIES:-3}
[ -d "$S" ] || { echo "bootloader-standin: no folder $S" >&2; exit 1; }

# A bootname is a short word: it names a file here.
name() {
    case $1 in
    "" | *[!A-Za-z0-9_-]*) echo "bootloader-standin: bad bootname '$1'" >&2; exit 1 ;;
    esac
    [ ${#1} -le 32 ] || { echo "bootloader-standin: bootname too long" >&2; exit 1; }
}
put() { printf '%s\n' "$2" >"$S/$1.new" && mv "$S/$1.new" "$S/$1"; }
# The state is checked whole before any command reads it: an order, and a count per slot in it.
check_state() {
    [ -s "$S/order" ] || { echo "bootloader-standin: no state in $S (init first)" >&2; exit 1; }
    for b in $(cat "$S/order"); do
        name "$b"
        case $(cat "$S/left.$b" 2>/dev/null) in
        "" | *[!0-9]*) echo "bootloader-standin: $S/left.$b is not a count" >&2; exit 1 ;;
        esac
    done
}
left() { cat "$S/left.$1"; }
known() {
    case " $(cat "$S/order") " in *" $1 "*) ;; *) echo "bootloader-standin: unknown slot $1" >&2; exit 1 ;; esac
}
first_with_boots() {
    for b in $(cat "$S/order"); do
        if [ "$(left "$b")" -gt 0 ]; then echo "$b"; return 0; fi
    done
    return 1
}
log() { echo "$(date +%H:%M:%S) $*" >>"$S/log"; }

cmd=${1:-}
log "$*"
[ "$cmd" = init ] || check_state
case $cmd in
init)
    shift
    [ $# -ge 1 ] || { echo "bootloader-standin: init A B ..." >&2; exit 2; }
    for b in "$@"; do name "$b"; put "left.$b" "$TRIES"; done
    put order "$*"
    ;;
get-primary)
    first_with_boots || { echo "bootloader-standin: no slot has a boot left" >&2; exit 1; }
    ;;
set-primary)
    name "${2:-}"
    known "$2"
    new=$2
    for b in $(cat "$S/order"); do [ "$b" = "$2" ] || new="$new $b"; done
    put "left.$2" "$TRIES"
    put order "$new"
    ;;
get-state)
    name "${2:-}"
    known "$2"
    if [ "$(left "$2")" -gt 0 ]; then echo good; else echo bad; fi
    ;;
set-state)
    name "${2:-}"
    known "$2"
    case ${3:-} in
    good) put "left.$2" "$TRIES" ;;
    bad) put "left.$2" 0 ;;
    *) echo "bootloader-standin: set-state B good|bad" >&2; exit 2 ;;
    esac
    ;;
boot)
    b=$(first_with_boots) || { echo "bootloader-standin: no slot has a boot left: nothing boots" >&2; exit 1; }
    put "left.$b" $(($(left "$b") - 1))
    echo "$b"
    ;;
*)
    sed -n '/^#   LY_BOOT_STATE/,/^# DIR/p' "$0" >&2
    exit 2
    ;;
esac
# LY_BOOT_CUT_AFTER="COMMAND ARGS" (tests only): the power goes right after this command is
# done. The caller, `rauc service`, is killed with SIGKILL: nothing more is written.
if [ -n "${LY_BOOT_CUT_AFTER:-}" ] && [ "$LY_BOOT_CUT_AFTER" = "$*" ]; then
    log "power cut"
    kill -KILL "$PPID"
fi
