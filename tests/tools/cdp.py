"""cdp.py - headless Chromium driven through the Chrome DevTools Protocol, with the Python
standard library only (no npm, no network): starts /usr/bin/chromium with a fresh profile,
speaks the protocol over a minimal WebSocket client, and offers what the dashboard tests need:
open a page at a given screen size, evaluate JavaScript, wait for a condition, take a
screenshot, collect console errors and exceptions.

    with cdp.Browser() as b:
        page = b.page(1920, 1080)
        page.goto("http://127.0.0.1:8080/dashboard/")
        page.wait("document.readyState === 'complete'")
        page.screenshot("shot.png")
"""
import base64
import ctypes
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time

CHROMIUM = os.environ.get("LY_CHROMIUM", "/usr/bin/chromium")
# No sandbox as root (a container); nothing that reaches the internet, which the venue and the
# test machines do not have.
FLAGS = [
    "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-quic", "--disable-extensions", "--disable-default-apps", "--mute-audio",
    "--disable-dev-shm-usage", "--hide-scrollbars", "--disable-features=Translate,MediaRouter",
    "--remote-debugging-port=0", "--remote-allow-origins=*",
]


class CDPError(Exception):
    pass


def _die_with_parent():
    """In the child before exec: the kernel ends the browser when this Python process ends,
    however it ends (a test killed by its timeout leaves no browser behind)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class WebSocket:
    """A client WebSocket (RFC 6455): text messages, masked frames out, fragments in."""

    def __init__(self, host, port, path, timeout):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        req = (f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
               "Sec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(req.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise CDPError("the browser closed the WebSocket handshake")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        if not head.startswith(b"HTTP/1.1 101"):
            raise CDPError("WebSocket handshake refused: " + head.decode(errors="replace")[:200])

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise CDPError("the browser closed the connection")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send(self, text):
        data = text.encode()
        head = bytes([0x81])
        n = len(data)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        body = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(head + mask + body)

    def recv(self, timeout):
        """The next text message, or None when none came within timeout seconds."""
        self.sock.settimeout(timeout)
        parts = []
        try:
            while True:
                b0, b1 = self._read(2)
                n = b1 & 0x7F
                if n == 126:
                    n = struct.unpack(">H", self._read(2))[0]
                elif n == 127:
                    n = struct.unpack(">Q", self._read(8))[0]
                if b1 & 0x80:
                    mask = self._read(4)
                    payload = bytes(b ^ mask[i % 4] for i, b in enumerate(self._read(n)))
                else:
                    payload = self._read(n)
                op = b0 & 0x0F
                if op == 0x8:
                    raise CDPError("the browser closed the connection")
                if op == 0x9:  # ping
                    self.sock.sendall(bytes([0x8A, 0x80]) + os.urandom(4))
                    continue
                if op in (0x1, 0x2, 0x0):
                    parts.append(payload)
                    if b0 & 0x80:
                        return b"".join(parts).decode()
        except socket.timeout:
            if parts:
                raise CDPError("a message was cut off")
            return None

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


class Browser:
    """One headless Chromium with its own temporary profile; a context manager."""

    def __init__(self, start_timeout=20):
        self.profile = tempfile.mkdtemp(prefix="lanyard-chromium.")
        args = [CHROMIUM] + FLAGS + [f"--user-data-dir={self.profile}", "about:blank"]
        if os.geteuid() == 0:
            args.insert(1, "--no-sandbox")
        self.log = open(os.path.join(self.profile, "chromium.log"), "w")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + start_timeout
        while True:
            if self.proc.poll() is not None:
                self._cleanup()
                raise CDPError("chromium exited at start")
            try:
                with open(port_file) as f:
                    lines = f.read().split("\n")
                if len(lines) >= 2 and lines[1]:
                    break
            except FileNotFoundError:
                pass
            if time.time() > deadline:
                self.close()
                raise CDPError("chromium did not open its DevTools port")
            time.sleep(0.05)
        self.ws = WebSocket("127.0.0.1", int(lines[0]), lines[1], timeout=10)
        self.next_id = 0
        self.events = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def call(self, method, params=None, session=None, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        self.ws.send(json.dumps(msg))
        deadline = time.time() + timeout
        while True:
            left = deadline - time.time()
            raw = self.ws.recv(max(0.01, left)) if left > 0 else None
            if raw is None:
                raise CDPError(f"{method}: no answer within {timeout} s")
            m = json.loads(raw)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise CDPError(f"{method}: {m['error'].get('message')}")
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def pump(self, seconds):
        """Reads the events that come within seconds."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            raw = self.ws.recv(max(0.01, deadline - time.time()))
            if raw is None:
                return
            m = json.loads(raw)
            if "method" in m:
                self.events.append(m)

    def page(self, width, height, scale=1, mobile=False):
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        return Page(self, target, session, width, height, scale, mobile)

    def _cleanup(self):
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def close(self):
        if getattr(self, "ws", None):
            try:
                self.call("Browser.close", timeout=5)
            except (CDPError, OSError):
                pass
            self.ws.close()
            self.ws = None
        if self.proc.poll() is None:
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._cleanup()


class Page:
    """One tab, attached in flat mode (its own session id)."""

    def __init__(self, browser, target, session, width, height, scale, mobile):
        self.b, self.target, self.session = browser, target, session
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")
        self.resize(width, height, scale, mobile)

    def call(self, method, params=None, timeout=30):
        return self.b.call(method, params, self.session, timeout)

    def resize(self, width, height, scale=1, mobile=False):
        self.width, self.height = width, height
        self.call("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": scale, "mobile": mobile})
        if mobile:
            self.call("Emulation.setTouchEmulationEnabled", {"enabled": True})

    def before_load(self, source):
        """Runs source in every document this page loads, before its own scripts."""
        self.call("Page.addScriptToEvaluateOnNewDocument", {"source": source})

    def goto(self, url, timeout=20):
        res = self.call("Page.navigate", {"url": url}, timeout)
        if res.get("errorText"):
            raise CDPError(f"navigate {url}: {res['errorText']}")
        self.wait("document.readyState === 'complete'", timeout)

    def reload(self, timeout=20):
        self.call("Page.reload", {"ignoreCache": False}, timeout)
        time.sleep(0.2)
        self.wait("document.readyState === 'complete'", timeout)

    def eval(self, expr, timeout=30):
        res = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                             "awaitPromise": True}, timeout)
        if "exceptionDetails" in res:
            d = res["exceptionDetails"]
            raise CDPError(f"{expr[:80]}: {d.get('exception', {}).get('description') or d.get('text')}")
        return res.get("result", {}).get("value")

    def wait(self, expr, timeout=10, interval=0.05):
        """Waits until expr is truthy; returns its value, or None after timeout seconds."""
        deadline = time.time() + timeout
        while True:
            v = self.eval(expr)
            if v:
                return v
            if time.time() > deadline:
                return None
            self.b.pump(interval)

    def screenshot(self, path, full_page=False, clip=None):
        """A PNG of the viewport, of the whole page, or of clip (x, y, width, height)."""
        params = {"format": "png"}
        if clip:
            params["captureBeyondViewport"] = True
            params["clip"] = dict(zip(("x", "y", "width", "height"), clip), scale=1)
        elif full_page:
            h = self.eval("Math.ceil(document.documentElement.scrollHeight)")
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": self.width, "height": h, "scale": 1}
        data = self.call("Page.captureScreenshot", params, timeout=60)["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def errors(self):
        """Exceptions thrown and console errors logged in this page so far."""
        out = []
        for e in self.b.events:
            if e.get("sessionId") != self.session:
                continue
            m, p = e["method"], e.get("params", {})
            if m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("exception: " + (d.get("exception", {}).get("description") or d.get("text", "")))
            elif m == "Runtime.consoleAPICalled" and p.get("type") == "error":
                out.append("console.error: " + " ".join(str(a.get("value", a.get("description")))
                                                        for a in p.get("args", [])))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append("log: " + p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
        return out
