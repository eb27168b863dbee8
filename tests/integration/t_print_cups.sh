#!/bin/bash
# t_print_cups.sh - the IPP/CUPS print path against a real cupsd started in a temporary folder
# (its own cupsd.conf and cups-files.conf, a loopback port chosen at run time, nothing of the
# machine's CUPS touched) whose queue is a raw queue to a socket printer on another loopback port
# (tests/tools/sockprinter.py --lang raw), which keeps every document it is sent. (Debian's
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

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- the printer: a socket printer keeping what it gets ------------------------------------------
mkdir -p "$T/printer"
python3 "$LY_ROOT/tests/tools/sockprinter.py" --lang raw --dir "$T/printer" --max-seconds 600 \
    >"$T/sockprinter.log" 2>&1 &
PPID_=$!
for _ in $(seq 100); do [ -s "$T/printer/port" ] && break; sleep 0.05; done
PPORT=$(cat "$T/printer/port" 2>/dev/null)

# --- the scheduler: cupsd with its own files --------------------------------------------------------
C=$T/cups
mkdir -p "$C"/{spool,tmp,state,cache,log,ppd,ssl}
chmod 755 "$T" "$C"
chmod 1777 "$C/tmp" "$C/spool"
CPORT=$(free_port)
cat >"$C/cupsd.conf" <<EOF
Listen 127.0.0.1:$CPORT
ServerName 127.0.0.1
LogLevel debug
Browsing No
WebInterface No
DefaultAuthType None
JobRetryInterval 1
ErrorPolicy retry-job
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order allow,deny
    Allow all
  </Limit>
</Policy>
EOF
cat >"$C/cups-files.conf" <<EOF
ServerRoot $C
RequestRoot $C/spool
TempDir $C/tmp
StateDir $C/state
CacheDir $C/cache
AccessLog $C/log/access_log
ErrorLog $C/log/error_log
PageLog $C/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
Sandboxing Relaxed
EOF
cupsd -f -c "$C/cupsd.conf" -s "$C/cups-files.conf" >"$T/cupsd.log" 2>&1 &
CUPSD=$!
stop_all() {
    kill "$CUPSD" "$PPID_" 2>/dev/null
    wait "$CUPSD" "$PPID_" 2>/dev/null
    rm -rf "$T"
}
trap stop_all EXIT
export CUPS_SERVER=127.0.0.1:$CPORT

up=no
for _ in $(seq 100); do
    if lpstat -r 2>/dev/null | grep -q "is running" &&
        python3 -c "import socket; socket.create_connection(('127.0.0.1',$PPORT),1)" 2>/dev/null; then
        up=yes
        break
    fi
    sleep 0.1
done
[ $up = yes ] && ok "cupsd and the socket printer are up on loopback ports" ||
    { not_ok "cupsd or the socket printer did not start"; tail -n 20 "$C/log/error_log" "$T/sockprinter.log" "$T/cupsd.log" >&2; finish; }

check "a raw queue to the socket printer" \
    lpadmin -p lanyard -v "socket://127.0.0.1:$PPORT" -m raw -E
check "it is the default destination" lpadmin -d lanyard

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
[ "$(docs)" = 3 ] && ok "three documents: none twice, none from the failed jobs" || not_ok "$(docs) documents"

# --- an unknown queue, and CUPS itself away ----------------------------------------------------------
expect "an unknown queue fails" 1 "$PRINTJOB" --printer ipp:nosuchqueue --label a6 --timeout-s 5
grep -q '^event 1 failed offline maybe_printed=0 CUPS has no queue nosuchqueue' "$T/out" &&
    ok "it names the missing queue" || { not_ok "the unknown queue's error"; cat "$T/out" >&2; }

# --- the printer gone: the job does not complete in time, is cancelled, and never prints later ---
kill "$PPID_"
wait "$PPID_" 2>/dev/null
expect "a job to a printer that is gone fails in time" 1 \
    "$PRINTJOB" --printer ipp:lanyard --label a6 --timeout-s 6
grep -q '^event 1 failed' "$T/out" && ok "it fails: $(grep '^event' "$T/out" | cut -d' ' -f4-)" ||
    { not_ok "the gone printer's error"; cat "$T/out" >&2; }
lpstat -o lanyard >"$T/queued" 2>&1
[ ! -s "$T/queued" ] && ok "the job was cancelled: it cannot print later behind a retry" ||
    not_ok "a job is still queued: $(cat "$T/queued")"
finish
