#!/usr/bin/env python3
"""mitm.py - a man in the middle between a kiosk and its hub, for tests/integration/t_pin.sh.

    mitm.py --upstream URL [--tls-cert PEM --tls-key PEM] [--add-key] [--revoke] PORTFILE

Listens on 127.0.0.1 at a port the system picks (written to PORTFILE), plain HTTP or TLS with
the given certificate (another key than the hub's: what an attacker on the venue network
presents), and forwards each request to the hub at URL (its certificate not checked: the
attacker does not care). --add-key rewrites every page of changes to add a signing key of its
own (a key change with a fresh Ed25519 public key, no certificate), as one able to read and
change plain HTTP would to get its forged badges admitted. --revoke answers every kiosk request
with 403 kiosk_revoked instead, as one that wants kiosks to wipe themselves. One request per
connection; bounded (at most 64 MiB of answer, 1 MiB of request body, 300 s in all).
Standard library only; the key is random bytes (the kiosk refuses it before any signature
would be checked: it carries no certificate)."""
import http.client
import http.server
import json
import os
import ssl
import sys
import threading
import urllib.parse

MAX_ANSWER = 64 * 1024 * 1024
MAX_BODY = 1024 * 1024
HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding",
       "proxy-connection", "te", "trailer", "upgrade"}


def main():
    args = sys.argv[1:]
    opts = {"--upstream": None, "--tls-cert": None, "--tls-key": None}
    flags = set()
    rest = []
    while args:
        a = args.pop(0)
        if a in opts:
            opts[a] = args.pop(0)
        elif a in ("--add-key", "--revoke"):
            flags.add(a)
        else:
            rest.append(a)
    if not opts["--upstream"] or len(rest) != 1:
        sys.exit(__doc__)
    up = urllib.parse.urlsplit(opts["--upstream"])
    insecure = ssl.create_default_context()
    insecure.check_hostname = False
    insecure.verify_mode = ssl.CERT_NONE

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            sys.stderr.write("mitm: " + (fmt % a) + "\n")

        def forward(self):
            n = int(self.headers.get("Content-Length") or 0)
            if n > MAX_BODY:
                self.send_error(413)
                return
            body = self.rfile.read(n) if n else None
            if "--revoke" in flags:
                return self.answer(403, {"Content-Type": "application/json"},
                                   b'{"error":"kiosk_revoked","message":"Revoked."}')
            conn = (http.client.HTTPSConnection(up.hostname, up.port, context=insecure, timeout=60)
                    if up.scheme == "https" else
                    http.client.HTTPConnection(up.hostname, up.port, timeout=60))
            headers = {k: v for k, v in self.headers.items()
                       if k.lower() not in HOP and k.lower() != "accept-encoding"}
            conn.request(self.command, self.path, body=body, headers=headers)
            r = conn.getresponse()
            data = r.read(MAX_ANSWER + 1)
            if len(data) > MAX_ANSWER:
                self.send_error(502)
                return
            if "--add-key" in flags and self.path.startswith("/api/v1/changes") and r.status == 200:
                data = add_key(data)
            self.answer(r.status, {k: v for k, v in r.getheaders() if k.lower() not in HOP}, data)
            conn.close()

        def answer(self, status, headers, data):
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(data)
            self.close_connection = True

        do_GET = forward
        do_POST = forward

    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if opts["--tls-cert"]:
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(opts["--tls-cert"], opts["--tls-key"])
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)
    with open(rest[0] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(rest[0] + ".tmp", rest[0])
    threading.Timer(300, srv.shutdown).start()
    srv.serve_forever()


def add_key(data):
    """Adds a key change of the attacker's to a page (at the page's first seq, or after it)."""
    page = json.loads(data)
    pk = os.urandom(32)
    kid = int.from_bytes(pk[:4], "big")
    seq = page["changes"][0]["seq"] if page["changes"] else page["next"] + 1
    page["changes"].insert(0, {"seq": seq, "kind": "key", "op": "put", "id": kid,
                               "data": {"key_id": kid, "public_key": pk.hex()}})
    page["next"] = max(page["next"], seq)
    return json.dumps(page).encode()


if __name__ == "__main__":
    main()
