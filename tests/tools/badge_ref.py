#!/usr/bin/env python3
"""badge_ref.py - an independent reference implementation of the Lanyard badge code, written
from docs/badge-format.md alone (Python's base64 and the `cryptography` package's Ed25519, no
Lanyard code). Two uses:

  badge_ref.py vectors          print the test-vector block for docs/badge-format.md
  badge_ref.py check DOC.md     verify every vector in DOC.md with this implementation

The C tests check the same vectors against firmware/badge/badge.c, so the two must agree.
"""
import base64
import hashlib
import struct
import sys
from datetime import datetime, timezone

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives import serialization
from cryptography.exceptions import InvalidSignature

RAW = serialization.Encoding.Raw


def public_key(seed):
    sk = Ed25519PrivateKey.from_private_bytes(seed)
    return sk.public_key().public_bytes(RAW, serialization.PublicFormat.Raw)


def key_id(pk):
    return struct.unpack(">I", hashlib.blake2b(pk, digest_size=32).digest()[:4])[0]


def b32(data):
    return base64.b32encode(data).decode("ascii").rstrip("=")


def unb32(text):
    """Strict: alphabet only, no padding, zero trailing bits (checked by re-encoding)."""
    if any(c not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for c in text):
        return None
    try:
        data = base64.b32decode(text + "=" * (-len(text) % 8))
    except Exception:
        return None
    return data if b32(data) == text else None


def encode(seed, event, attendee, version, window=None, kid=None, flags=None, prefix="LY1:"):
    """Builds a code. kid and flags override the honest values to make hostile vectors."""
    pk = public_key(seed)
    kid = key_id(pk) if kid is None else kid
    fl = (1 if window else 0) if flags is None else flags
    body = struct.pack(">IIIHB", kid, event, attendee, version, fl)
    if window:
        body += struct.pack(">II", *window)
    sig = Ed25519PrivateKey.from_private_bytes(seed).sign(prefix.encode() + body)
    return prefix + b32(body + sig)


def verify(code, keys, event, now):
    """Returns the verdict name, following docs/badge-format.md step by step."""
    if len(code) > 178 or not code.startswith("LY"):
        return "malformed"
    i = 2
    while i < len(code) and i < 5 and code[i].isdigit() and code[i].isascii():
        i += 1
    digits = code[2:i]
    if not digits or i >= len(code) or code[i] != ":" or (len(digits) > 1 and digits[0] == "0"):
        return "malformed"
    if int(digits) != 1:
        return "unsupported_version"
    rest = code[i + 1:]
    if len(rest) not in (127, 140):
        return "malformed"
    data = unb32(rest)
    if data is None:
        return "malformed"
    flags = data[14]
    nfields = 15 + (8 if flags & 1 else 0)
    if flags & ~1 or len(data) != nfields + 64:
        return "malformed"
    kid, ev, att, ver, _ = struct.unpack(">IIIHB", data[:15])
    pk = next((k for k in keys if key_id(k) == kid), None)
    if pk is None:
        return "unknown_key"
    try:
        Ed25519PublicKey.from_public_bytes(pk).verify(data[nfields:], code[:i + 1].encode() + data[:nfields])
    except InvalidSignature:
        return "bad_signature"
    if ev != event:
        return "wrong_event"
    if flags & 1:
        start, until = struct.unpack(">II", data[15:23])
        if now < start:
            return "not_yet_valid"
        if now >= until:
            return "expired"
    return "ok"


def ts(s):
    return int(datetime.strptime(s, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc).timestamp())


SEED_A = bytes(range(32))
SEED_B = bytes(range(0xFF, 0xDF, -1))
WINDOW = (ts("2026-12-01T00:00:00Z"), ts("2026-12-14T00:00:00Z"))


def vectors():
    """The vectors: (name, signing seed, fields, code, trusted seeds, event, now, expected)."""
    v = []
    plain = encode(SEED_A, 1, 1, 1)
    v.append(("minimal", SEED_A, dict(event=1, attendee=1, version=1), plain, [SEED_A], 1, 0, "ok"))
    win = encode(SEED_A, 0x12345678, 2500, 3, WINDOW)
    f = dict(event=0x12345678, attendee=2500, version=3, valid_from=WINDOW[0], valid_until=WINDOW[1])
    v.append(("window", SEED_A, f, win, [SEED_A], 0x12345678, ts("2026-12-07T09:30:00Z"), "ok"))
    v.append(("window-first-second", SEED_A, f, win, [SEED_A], 0x12345678, WINDOW[0], "ok"))
    v.append(("window-before", SEED_A, f, win, [SEED_A], 0x12345678, WINDOW[0] - 1, "not_yet_valid"))
    v.append(("window-after", SEED_A, f, win, [SEED_A], 0x12345678, WINDOW[1], "expired"))
    v.append(("other-event", SEED_A, f, win, [SEED_A], 0x12345679, ts("2026-12-07T09:30:00Z"), "wrong_event"))
    v.append(("two-keys", SEED_A, f, win, [SEED_B, SEED_A], 0x12345678, ts("2026-12-07T09:30:00Z"), "ok"))
    big = encode(SEED_B, 0xFFFFFFFF, 0xFFFFFFFF, 65535, (0, 0xFFFFFFFF))
    fb = dict(event=0xFFFFFFFF, attendee=0xFFFFFFFF, version=65535, valid_from=0, valid_until=0xFFFFFFFF)
    v.append(("largest-values", SEED_B, fb, big, [SEED_B], 0xFFFFFFFF, ts("2030-01-01T00:00:00Z"), "ok"))
    v.append(("unknown-key", SEED_B, fb, big, [SEED_A], 0xFFFFFFFF, 0, "unknown_key"))
    # Key id of A, signed by B: the verifier must not trust the id, only the signature.
    forged = encode(SEED_B, 1, 1, 1, kid=key_id(public_key(SEED_A)))
    v.append(("forged-key-id", SEED_B, dict(event=1, attendee=1, version=1, key_id_of="A"), forged, [SEED_A], 1, 0, "bad_signature"))
    # One signature character changed.
    c = win[:-10] + ("A" if win[-10] != "A" else "B") + win[-9:]
    v.append(("altered-signature", SEED_A, f, c, [SEED_A], 0x12345678, ts("2026-12-07T09:30:00Z"), "bad_signature"))
    # The attendee id changed after signing.
    body = unb32(win[4:])
    altered = "LY1:" + b32(body[:8] + struct.pack(">I", 2501) + body[12:])
    v.append(("altered-attendee", SEED_A, f, altered, [SEED_A], 0x12345678, ts("2026-12-07T09:30:00Z"), "bad_signature"))
    v.append(("version-2", SEED_A, dict(event=1, attendee=1, version=1, prefix="LY2:"), encode(SEED_A, 1, 1, 1, prefix="LY2:"), [SEED_A], 1, 0, "unsupported_version"))
    v.append(("leading-zero", SEED_A, dict(event=1, attendee=1, version=1), "LY01:" + plain[4:], [SEED_A], 1, 0, "malformed"))
    v.append(("lowercase", SEED_A, dict(event=1, attendee=1, version=1), plain.lower(), [SEED_A], 1, 0, "malformed"))
    v.append(("truncated", SEED_A, dict(event=1, attendee=1, version=1), plain[:-1], [SEED_A], 1, 0, "malformed"))
    # Last character with a non-zero unused bit: a second spelling of the same bytes.
    last = plain[-1]
    alias = plain[:-1] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"["ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".index(last) | 1]
    v.append(("nonzero-trailing-bits", SEED_A, dict(event=1, attendee=1, version=1), alias, [SEED_A], 1, 0, "malformed"))
    v.append(("unknown-flag", SEED_A, dict(event=1, attendee=1, version=1, flags=2), encode(SEED_A, 1, 1, 1, flags=2), [SEED_A], 1, 0, "malformed"))
    v.append(("window-flag-without-window", SEED_A, dict(event=1, attendee=1, version=1, flags=1), encode(SEED_A, 1, 1, 1, flags=1), [SEED_A], 1, 0, "malformed"))
    v.append(("not-a-badge", SEED_A, {}, "https://example.org/ticket/1234", [SEED_A], 1, 0, "malformed"))
    return v


def print_vectors():
    for name, seed, fields, code, trusted, event, now, expect in vectors():
        print(f"name: {name}")
        print(f"signing_seed: {seed.hex()}")
        print(f"signing_key_id: {key_id(public_key(seed)):08x}")
        for k, val in fields.items():
            print(f"{k}: {val}")
        print(f"code: {code}")
        print(f"trusted_public_keys: {' '.join(public_key(s).hex() for s in trusted)}")
        print(f"verify_event: {event}")
        print(f"verify_now: {now}")
        print(f"expect: {expect}")
        print()


def read_doc_vectors(path):
    text = open(path, encoding="utf-8").read()
    block = text.split("```vectors\n", 1)[1].split("```", 1)[0]
    for rec in block.strip().split("\n\n"):
        yield dict(line.split(": ", 1) for line in rec.strip().splitlines())


def check(path):
    failed = 0
    n = 0
    for rec in read_doc_vectors(path):
        n += 1
        keys = [bytes.fromhex(h) for h in rec["trusted_public_keys"].split()]
        got = verify(rec["code"], keys, int(rec["verify_event"]), int(rec["verify_now"]))
        ok = got == rec["expect"]
        # Honest vectors must also re-encode to the documented code.
        if ok and rec["expect"] in ("ok", "wrong_event", "not_yet_valid", "expired", "unknown_key"):
            seed = bytes.fromhex(rec["signing_seed"])
            window = (int(rec["valid_from"]), int(rec["valid_until"])) if "valid_from" in rec else None
            ok = encode(seed, int(rec["event"]), int(rec["attendee"]), int(rec["version"]), window) == rec["code"]
        print(f"{'ok' if ok else 'not ok'} - reference implementation: vector {rec['name']} ({got})")
        failed += not ok
    if n == 0:
        print("not ok - reference implementation: no vectors found")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["vectors"]:
        print_vectors()
    elif len(sys.argv) == 3 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)
