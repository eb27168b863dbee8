#!/usr/bin/env python3
"""fullness_trace.py - reads a kiosk's standard output (LY_UI_TRACE_TEXT=1 and --screenshot) and
prints one line per idle screen that showed a fullness panel, as JSON: the number shown ("5 / 10"),
the screenshot, and the texts drawn, with the link's pieces joined (the panel cuts a long link
into lines). For tests/integration/t_ui_fullness.sh.

usage: fullness_trace.py OUT"""
import json
import re
import sys

NUM = re.compile(r"^\d+ / \d+$")


def main():
    shot = None
    for line in open(sys.argv[1], encoding="utf-8"):
        d = json.loads(line)
        if "screen" in d:
            shot = d.get("shot") if d["screen"] == "idle" else None
            continue
        if "texts" not in d or shot is None:
            continue
        texts = d["texts"]
        nums = [t for t in texts if NUM.match(t)]
        if not nums:
            continue
        print(json.dumps({"num": nums[0], "shot": shot, "texts": texts,
                          "joined": "".join(texts)}, ensure_ascii=False))


if __name__ == "__main__":
    main()
