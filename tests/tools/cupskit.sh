#!/bin/bash
# cupskit.sh - a real cupsd for the print tests and benchmark, in a folder of their own: its own
# cupsd.conf and cups-files.conf, listening on a loopback port chosen at run time, nothing of the
# machine's CUPS touched; its one queue, `lanyard` (also the default destination), is a raw queue
# to a socket printer on another loopback port (tests/tools/sockprinter.py --lang raw) that keeps
# every document in DIR/printer/job-N.bin.
#   cupskit.sh start DIR [LABEL_SECONDS]   starts both; writes DIR/env (CUPS_SERVER=...,
#                                          CUPSD_PID=..., PRINTER_PID=...); exit 1 if not up
#   cupskit.sh stop DIR                    stops both
set -u
cmd=${1:-} D=${2:-}
[ -n "$cmd" ] && [ -n "$D" ] || { echo "usage: cupskit.sh start|stop DIR [LABEL_SECONDS]" >&2; exit 2; }
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$PATH:/usr/sbin

if [ "$cmd" = stop ]; then
    [ -f "$D/env" ] && . "$D/env"
    kill "${CUPSD_PID:-}" "${PRINTER_PID:-}" 2>/dev/null
    # Wait (at most 5 s) until both are gone or zombies, so that the folder can be removed.
    for _ in $(seq 50); do
        alive=0
        for pid in ${CUPSD_PID:-} ${PRINTER_PID:-}; do
            st=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
            [ -n "$st" ] && [ "$st" != Z ] && alive=1
        done
        [ $alive = 0 ] && break
        sleep 0.1
    done
    exit 0
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$D/printer"
python3 "$ROOT/tests/tools/sockprinter.py" --lang raw --dir "$D/printer" --max-seconds 900 \
    --label-seconds "${3:-0}" >"$D/sockprinter.log" 2>&1 </dev/null &
PRINTER_PID=$!
for _ in $(seq 100); do [ -s "$D/printer/port" ] && break; sleep 0.05; done
PPORT=$(cat "$D/printer/port" 2>/dev/null)

C=$D/cups
mkdir -p "$C"/{spool,tmp,state,cache,log}
chmod 755 "$D" "$C"
chmod 1777 "$C/tmp" "$C/spool"
CPORT=$(free_port)
cat >"$C/cupsd.conf" <<EOF
Listen 127.0.0.1:$CPORT
ServerName 127.0.0.1
LogLevel info
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
cupsd -f -c "$C/cupsd.conf" -s "$C/cups-files.conf" >"$D/cupsd.log" 2>&1 </dev/null &
CUPSD_PID=$!
printf 'CUPS_SERVER=127.0.0.1:%s\nCUPSD_PID=%s\nPRINTER_PID=%s\n' "$CPORT" "$CUPSD_PID" "$PRINTER_PID" >"$D/env"
export CUPS_SERVER=127.0.0.1:$CPORT
for _ in $(seq 100); do
    if [ -n "$PPORT" ] && lpstat -r 2>/dev/null | grep -q "is running"; then
        lpadmin -p lanyard -v "socket://127.0.0.1:$PPORT" -m raw -E 2>>"$D/lpadmin.log" &&
            lpadmin -d lanyard 2>>"$D/lpadmin.log" && exit 0
        break
    fi
    sleep 0.1
done
echo "cupskit: cupsd or the socket printer did not come up" >&2
tail -n 20 "$C/log/error_log" "$D/sockprinter.log" "$D/cupsd.log" "$D/lpadmin.log" >&2 2>/dev/null
kill "$CUPSD_PID" "$PRINTER_PID" 2>/dev/null
exit 1
