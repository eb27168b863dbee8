#!/usr/bin/env python3
"""wedgefeed.py - a badge queue for a headless kiosk's wedge FIFO: writes the codes of CODES
(one per line, over and over) into FIFO at RATE a second, waiting for a reader and starting
again when a reader dies (a kiosk killed and restarted), until STOPFILE exists. With --shuffle
the codes come in a random order.
usage: wedgefeed.py FIFO CODES RATE STOPFILE [--shuffle]"""
import os
import random
import sys
import time


def main():
    fifo, codes, rate, stop = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
    lines = open(codes).read().split()
    if "--shuffle" in sys.argv[5:]:
        random.shuffle(lines)
    i = 0
    while not os.path.exists(stop):
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            time.sleep(0.02)
            continue
        os.set_blocking(fd, True)
        try:
            while not os.path.exists(stop):
                os.write(fd, (lines[i % len(lines)] + "\n").encode())
                i += 1
                time.sleep(1.0 / rate)
        except BrokenPipeError:
            pass
        os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
