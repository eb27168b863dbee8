#!/usr/bin/env python3
"""manpage.py - a program's man page (section 1, roff) from its own --help, which each program
prints from its option table (kconfig.c, hub_config.c, the command entries of sync/cli): the
usage lines become the SYNOPSIS, "  --option VALUE" / "      text" pairs and "  command" / "text"
blocks become tagged paragraphs under their section's heading, and what this file adds per
program (environment, files, exit status, see also) follows. A man page cannot drift from the
options: it is made from the program at build time (`make man`), and tests/integration/t_man.sh
checks that every option of --help-markdown is in it.

    board/manpage.py PROGRAM_PATH VERSION DATE > NAME.1
"""
import os
import re
import subprocess
import sys

EXTRA = {
    "lanyard": {
        "summary": "the organizer's tool for Lanyard check-in kiosks",
        "ENVIRONMENT": [("LANYARD_DB", "the organizer database when --db is not given")],
        "EXIT STATUS": [("0", "success"), ("1", "the command failed (the reason on standard error)"),
                        ("2", "a usage error")],
        "FILES": [("/usr/share/doc/lanyard/", "the organizer's guide and the formats")],
        "SEE ALSO": "lanyard-hub(1), lanyard-kiosk(1)",
    },
    "lanyard-kiosk": {
        "summary": "the Lanyard check-in kiosk",
        "ENVIRONMENT": [
            ("NOTIFY_SOCKET, WATCHDOG_USEC", "set by systemd for a Type=notify unit with "
             "WatchdogSec=: the kiosk sends READY=1 once its loop runs, WATCHDOG=1 at half the "
             "interval while its decision thread goes round, and STATUS= lines"),
            ("SDL_VIDEODRIVER", "the screen's driver: kmsdrm on a console (the unit's choice), "
             "wayland under cage, x11 in a desktop"),
            ("LY_KIOSK_HANG_FILE", "for tests only: the decision thread blocks while this file "
             "exists, as a hung loop would"),
        ],
        "EXIT STATUS": [("0", "a clean stop (SIGTERM, SIGINT, the end of the source)"),
                        ("1", "the kiosk could not start or failed"), ("2", "a usage error")],
        "FILES": [("/etc/lanyard/kiosk.conf", "the settings the unit starts the kiosk with"),
                  ("/var/lib/lanyard-kiosk/kiosk.db", "the kiosk database and journal"),
                  ("/lib/systemd/system/lanyard-kiosk.service", "the systemd unit")],
        "SEE ALSO": "lanyard(1), lanyard-hub(1), systemd.service(5), sd_notify(3)",
    },
    "lanyard-hub": {
        "summary": "the Lanyard venue hub",
        "ENVIRONMENT": [
            ("NOTIFY_SOCKET, WATCHDOG_USEC", "set by systemd: the hub sends READY=1 once it "
             "serves, and WATCHDOG=1 from its main loop, which also polls the database"),
            ("TMPDIR", "where the hub keeps the snapshots it sends to kiosks"),
        ],
        "EXIT STATUS": [("0", "a clean stop (SIGTERM, SIGINT)"),
                        ("1", "the hub could not start"), ("2", "a usage error")],
        "FILES": [("/etc/lanyard/hub.conf", "the settings the unit starts the hub with"),
                  ("/var/lib/lanyard-hub/", "an SQLite hub database"),
                  ("/lib/systemd/system/lanyard-hub.service", "the systemd unit")],
        "SEE ALSO": "lanyard(1), lanyard-kiosk(1)",
    },
}


def esc(text):
    """roff text: backslashes doubled, `code` in bold, a leading dot or quote kept literal."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def parse(help_text):
    """Splits --help into (usage lines, [(heading, intro, [(tag, text)])], closing paragraphs)."""
    lines = help_text.rstrip("\n").split("\n")
    usage = []
    i = 0
    while i < len(lines) and lines[i].strip():
        usage.append(re.sub(r"^(usage:)?\s*", "", lines[i]))
        i += 1
    sections, closing = [], []
    cur = None
    for line in lines[i:]:
        if not line.strip():
            continue
        if line.startswith("      "):
            # The usage of a command that goes on over lines: "[--option]..." before its text.
            if cur and cur[2] and not cur[2][-1][1] and line.strip().startswith(("[", "--")):
                tag, _ = cur[2][-1]
                cur[2][-1] = (tag + " " + line.strip(), "")
            elif cur and cur[2]:
                tag, text = cur[2][-1]
                cur[2][-1] = (tag, (text + " " + line.strip()).strip())
            continue
        if line.startswith("  "):
            if cur is None:
                cur = ["OPTIONS", "", []]
                sections.append(cur)
            cur[2].append((line.strip(), ""))
            continue
        if line.endswith(":"):
            heading = line[:-1]
            intro = ""
            m = re.match(r"^(.*?) \((.*)\)$", heading)
            if m:
                heading, intro = m.group(1), m.group(2)
            cur = [heading, intro, []]
            sections.append(cur)
            continue
        # A line at the margin: another form of the last command (lanyard's "import sessions"),
        # or prose (a description, a closing paragraph).
        if cur and cur[2] and not cur[2][-1][1]:
            tag, _ = cur[2][-1]
            cur[2][-1] = (tag + "\n" + line.strip(), "")
        elif cur and cur[2]:
            closing.append(line.strip())
        else:
            closing.append(line.strip())
    return usage, sections, closing


def render(name, version, date, help_text):
    extra = EXTRA[name]
    usage, sections, prose = parse(help_text)
    # Prose before the first section describes the program; after the last, it closes.
    out = [f'.TH {name.upper()} 1 "{date}" "{name} {version}" "Lanyard"',
           ".SH NAME", f"{esc(name)} \\- {esc(extra['summary'])}", ".SH SYNOPSIS"]
    for u in usage:
        out += [".nf" if u is usage[0] else "", f"{esc(u)}"]
    out = [x for x in out if x != ""] + [".fi", ".SH DESCRIPTION"]
    desc, closing = [], []
    first_section_line = help_text.find(sections[0][0]) if sections else len(help_text)
    for p in prose:
        (desc if help_text.find(p) < first_section_line else closing).append(p)
    out.append(esc(" ".join(desc)) if desc else esc(extra["summary"][0].upper() + extra["summary"][1:] + "."))
    for p in closing:
        out += [".PP", esc(p)]
    for heading, intro, items in sections:
        out.append(f'.SH "{esc(heading.upper())}"')
        if intro:
            out.append(esc(intro[0].upper() + intro[1:] + "."))
        for tag, text in items:
            forms = tag.split("\n")
            out += [".TP", "\\fB" + esc(forms[0]) + "\\fR"]
            for f in forms[1:]:
                out += [".PD 0", ".TP", "\\fB" + esc(f) + "\\fR", ".PD"]
            out.append(esc(text) if text else "")
    for sec in ("ENVIRONMENT", "EXIT STATUS", "FILES"):
        out.append(f".SH {sec}")
        for tag, text in extra[sec]:
            out += [".TP", "\\fB" + esc(tag) + "\\fR", esc(text)]
    out += [".SH SEE ALSO", esc(extra["SEE ALSO"])]
    return "\n".join(x for x in out if x != "") + "\n"


def main():
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    prog, version, date = sys.argv[1:]
    name = os.path.basename(prog)
    if name not in EXTRA:
        sys.stderr.write(f"manpage.py: no page for {name}\n")
        return 2
    env = dict(os.environ, LANG="C", LC_ALL="C")
    cmd = [prog, "--help"]
    if os.environ.get("LY_MAN_RUNNER"):  # qemu-aarch64 for a cross-built program
        cmd = os.environ["LY_MAN_RUNNER"].split() + cmd
    help_text = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    sys.stdout.write(render(name, version, date, help_text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
