#!/bin/bash
# t_print_cups.sh - the IPP/CUPS print path against a real cupsd started in a temporary folder
# (its own cupsd.conf and cups-files.conf, a loopback port chosen at run time, nothing of the
# machine's CUPS touched; tests/tools/cupskit.sh) whose queue is a raw queue to a socket printer on
# another loopback port (tests/tools/sockprinter.py --lang raw), which keeps every document. (Debian's
# cups-pdf writes under /var/spool/cups-pdf, machine-wide, and ippeveprinter needs a running
# Avahi; a raw socket queue needs neither.) The badge goes through libcups as a PDF from the
# renderer; the document the printer received is rendered back with pdftoppm and its QR read
# with zbarimg and verified. Then the faults: the queue stopped, the queue rejecting jobs, the
# printer gone (the job is cancelled, never printed later by itself), and printing once more
# after each with no restart.
. "$(dirname "$0")/lib.sh"
PRINTJOB=$LY_ROOT/build/tools/printjob

for tool in cupsd lpadmin cupsdisable pdftoppm zbarimg; do
    if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
        echo "skip - t_print_cups: $tool is not installed (board/deps.sh test)"
        exit 0
    fi
done
PATH=$PATH:/usr/sbin

if bash "$LY_ROOT/tests/tools/cupskit.sh" start "$T" 2>"$T/cupskit.err"; then
    ok "cupsd and the socket printer are up on loopback ports, a raw queue between them"
else
    not_ok "cupsd or the socket printer did not start"; cat "$T/cupskit.err" >&2; finish
fi
. "$T/env"
export CUPS_SERVER
stop_all() {
    bash "$LY_ROOT/tests/tools/cupskit.sh" stop "$T"
    wait 2>/dev/null
    rm -rf "$T"
}
trap stop_all EXIT

docs() { find "$T/printer" -type f -name 'job-*.bin' | wc -l; }

# --- a badge through libcups ----------------------------------------------------------------------
expect "a badge prints through the default destination" 0 \
    "$PRINTJOB" --printer ipp --label a6 --attendee 4242 --timeout-s 30
cp "$T/out" "$T/first.out"
sleep 0.3
code=$(awk '$1 == "code" {print $2}' "$T/first.out")
has "the job was done" <(grep '^event 1 ' "$T/first.out" | cut -d' ' -f1-4) "event 1 done none"
n=$(docs)
[ "$n" = 1 ] && ok "the printer received one document" || not_ok "the printer received $n PDFs"
pdf=$(find "$T/printer" -type f -name 'job-*.bin' | head -1)
if [ -n "$pdf" ] && pdftoppm -r 200 -gray -singlefile "$pdf" "$T/page" 2>"$T/pdftoppm.err"; then
    read_code=$(zbarimg --raw -q -Sdisable -Sqrcode.enable "$T/page.pgm" 2>/dev/null | head -1)
    [ -n "$code" ] && [ "$read_code" = "$code" ] && ok "the printed PDF's QR is the badge code" ||
        not_ok "the printed PDF's QR reads '$read_code', not '$code'"
    check "the code read back verifies as a badge" "$PRINTJOB" --verify "$read_code"
else
    not_ok "the printed document is not a PDF pdftoppm renders"
fi
expect "a slip prints through the named queue" 0 \
    "$PRINTJOB" --printer ipp:lanyard --label 4x6 --slip --name "王小明" --timeout-s 30
[ "$(docs)" = 2 ] && ok "two documents in all" || not_ok "$(docs) documents after two jobs"
expect "a 4x3 badge prints as a landscape page" 0 \
    "$PRINTJOB" --printer ipp:lanyard --label 4x3 --attendee 4343 --timeout-s 30
code43=$(awk '$1 == "code" {print $2}' "$T/out")
doc=$(ls -t "$T"/printer/job-*.bin | head -1)
pdfinfo "$doc" >"$T/pdfinfo" 2>&1
grep -q '^Page size: *288 x 216 pts' "$T/pdfinfo" && ok "its page is 4 x 3 in" ||
    { not_ok "the 4x3 page: $(grep 'Page size' "$T/pdfinfo")"; }
pdftoppm -r 300 -gray -singlefile "$doc" "$T/page43" 2>/dev/null
[ "$(zbarimg --raw -q -Sdisable -Sqrcode.enable "$T/page43.pgm" 2>/dev/null | head -1)" = "$code43" ] &&
    ok "its QR is the badge code" || not_ok "the 4x3 page's QR does not read as its code"

# --- the queue stopped: a clear error, nothing sent, and printing again once it is enabled --------
cupsdisable -r "maintenance" lanyard
expect "a job to a stopped queue fails" 1 "$PRINTJOB" --printer ipp:lanyard --label a6 --timeout-s 10
grep -q '^event 1 failed paused maybe_printed=0 CUPS queue stopped' "$T/out" &&
    ok "it says the queue is stopped (paused), nothing printed" ||
    { not_ok "the stopped queue's error"; cat "$T/out" >&2; }
lpstat -o lanyard >"$T/queued" 2>&1
[ ! -s "$T/queued" ] && ok "no job left waiting in the stopped queue" || not_ok "a job waits: $(cat "$T/queued")"
cupsenable lanyard
cupsreject lanyard
expect "a job to a queue that rejects jobs fails" 1 "$PRINTJOB" --printer ipp:lanyard --label a6 --timeout-s 10
grep -q '^event 1 failed paused maybe_printed=0' "$T/out" && ok "it says the queue does not accept jobs" ||
    { not_ok "the rejecting queue's error"; cat "$T/out" >&2; }
cupsaccept lanyard
expect "the queue prints again with no restart" 0 "$PRINTJOB" --printer ipp:lanyard --label a6 --timeout-s 30
[ "$(docs)" = 4 ] && ok "four documents: none twice, none from the failed jobs" || not_ok "$(docs) documents"

# --- an unknown queue, and CUPS itself away ----------------------------------------------------------
expect "an unknown queue fails" 1 "$PRINTJOB" --printer ipp:nosuchqueue --label a6 --timeout-s 5
grep -q '^event 1 failed offline maybe_printed=0 CUPS has no queue nosuchqueue' "$T/out" &&
    ok "it names the missing queue" || { not_ok "the unknown queue's error"; cat "$T/out" >&2; }

# --- the printer gone: the job does not complete in time, is cancelled, and never prints later ---
kill "$PRINTER_PID"
sleep 0.2
expect "a job to a printer that is gone fails in time" 1 \
    "$PRINTJOB" --printer ipp:lanyard --label a6 --timeout-s 6
grep -q '^event 1 failed' "$T/out" && ok "it fails: $(grep '^event' "$T/out" | cut -d' ' -f4-)" ||
    { not_ok "the gone printer's error"; cat "$T/out" >&2; }
lpstat -o lanyard >"$T/queued" 2>&1
[ ! -s "$T/queued" ] && ok "the job was cancelled: it cannot print later behind a retry" ||
    not_ok "a job is still queued: $(cat "$T/queued")"
finish
