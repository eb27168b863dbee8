#!/usr/bin/env python3
"""venue_decoders.py - runs command-line decoders on a corpus written by build/tools/venuegen
and prints, per condition, how many frames each read with the expected payload, wrong reads and
codes found in frames without one. Decoders: `lanyard-kiosk --scan` (all files in a few calls)
and `zbarimg` (stock ZBar, every symbology, one call per file), each when it is installed.

    python3 tests/tools/venue_decoders.py DIR [--kiosk bin/lanyard-kiosk]
"""
import argparse
import collections
import csv
import os
import shutil
import subprocess
import sys


def escape(data: bytes) -> str:
    """The manifest's and lanyard-kiosk's escaping: bytes outside printable ASCII, and \\, as \\xNN."""
    return "".join(chr(b) if 0x20 <= b <= 0x7E and b != 0x5C else "\\x%02x" % b for b in data)


def kiosk_reads(kiosk, files):
    """Maps each file to the set of payloads `lanyard-kiosk --scan` printed for it."""
    out = collections.defaultdict(set)
    for i in range(0, len(files), 200):
        chunk = files[i:i + 200]
        res = subprocess.run([kiosk, "--scan"] + chunk, capture_output=True, timeout=600)
        for line in res.stdout.decode("ascii", "replace").splitlines():
            path, _, payload = line.partition("\t")
            if payload != "-":
                out[path].add(payload)
    return out


def zbarimg_reads(files):
    out = collections.defaultdict(set)
    for f in files:
        res = subprocess.run(["zbarimg", "-q", "--raw", "-Sbinary", f], capture_output=True,
                             timeout=120)
        data = res.stdout
        if data:
            # --raw ends each symbol with a newline; payloads hold none
            for sym in data.rstrip(b"\n").split(b"\n"):
                out[f].add(escape(sym))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir")
    ap.add_argument("--kiosk", default="bin/lanyard-kiosk")
    args = ap.parse_args()
    with open(os.path.join(args.dir, "manifest.tsv"), newline="") as m:
        rows = list(csv.DictReader(m, delimiter="\t", quoting=csv.QUOTE_NONE))
    files = [os.path.join(args.dir, r["file"]) for r in rows]
    decoders = {}
    if os.access(args.kiosk, os.X_OK):
        decoders["lanyard --scan"] = kiosk_reads(args.kiosk, files)
    else:
        print(f"# {args.kiosk}: not built (make), left out")
    if shutil.which("zbarimg"):
        decoders["zbarimg"] = zbarimg_reads(files)
    else:
        print("# zbarimg: not installed (board/deps.sh test), left out")
    if not decoders:
        return 1
    table = collections.OrderedDict()
    for r, f in zip(rows, files):
        key = (r["condition"], f"{r['width']}x{r['height']}")
        cell = table.setdefault(key, {d: [0, 0, 0] for d in decoders} | {"n": 0})
        cell["n"] += 1
        for d, reads in decoders.items():
            got = reads.get(f, set())
            if r["payload"] != "-" and r["payload"] in got:
                cell[d][0] += 1
            if got - {r["payload"]}:
                cell[d][1 if r["payload"] != "-" else 2] += 1
    print("%-12s %-9s %5s" % ("condition", "size", "n") +
          "".join(" %22s" % (d + " read/wrong/fp") for d in decoders))
    for (cond, size), cell in table.items():
        print("%-12s %-9s %5d" % (cond, size, cell["n"]) +
              "".join(" %22s" % "/".join(map(str, cell[d])) for d in decoders))
    return 0


if __name__ == "__main__":
    sys.exit(main())
