"""``kg serve``: the Oxigraph SPARQL endpoint, behind a small guard that kg controls.

Oxigraph serves the store read-only on a private loopback port; kg listens on HOST:PORT and
passes on ``/query`` requests only, after checking them:

- a query that uses ``SERVICE`` (a federated query: the server would fetch any URL it names,
  a request forgery) is refused with 403 unless ``--allow-federation``;
- every other route (``/update``, ``/store``, ...) is refused with 403: the endpoint is read-only;
- a query runs at most ``--timeout`` seconds (default 30; Oxigraph stops it), and stops at once
  when its client goes away (see :mod:`kg.upstreams`);
- a HOST other than loopback prints a warning: anyone who can reach it can query;
- SIGTERM, SIGHUP and Ctrl-C stop kg and Oxigraph; Oxigraph also dies if kg is killed -9.

>>> uses_service('SELECT * { SERVICE <http://evil/> { ?s ?p ?o } }'), uses_service('SELECT * { ?s ?p "SERVICE" }')
(True, False)
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import re
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from kg.errors import KgError
from kg.export.commit import readable_folder
from kg.store import load_store, oxigraph_binary
from kg.upstreams import Ticket, Upstreams, oxigraph_reason

DEFAULT_TIMEOUT = 30.0
MAX_QUERY_BYTES = 10_000_000  # a POSTed query; far above any real one
SERVICE_REFUSED = ("SERVICE (federated queries) is refused by this endpoint; "
                   "start it with 'kg serve --allow-federation' to allow it")
READ_ONLY = "this endpoint is read-only and answers /query only"

# strings, IRIs and comments, where the word SERVICE is only text
_NOT_KEYWORDS = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
                           r'|"(?:[^"\\\n]|\\.)*"' r"|'(?:[^'\\\n]|\\.)*'"
                           r'|<[^<>"{}|^`\\\s]*>|#[^\n]*', re.DOTALL)
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def uses_service(sparql: str) -> bool:
    """Does the query use the SERVICE keyword (outside strings, IRIs and comments)?

    SPARQL decodes ``\\u0053``-style escapes before parsing, so they are decoded here too.
    """
    text = _ESCAPE.sub(lambda m: _char(m.group(1) or m.group(2)), sparql)
    return bool(_SERVICE.search(_NOT_KEYWORDS.sub(" ", text)))


def _char(hex_digits: str) -> str:
    try:
        return chr(int(hex_digits, 16))
    except (ValueError, OverflowError):
        return " "


def is_loopback(host: str) -> bool:
    """``127.0.0.1``, ``::1`` and ``localhost`` are; ``0.0.0.0`` and a LAN address are not."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve_command(out: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
                  timeout: float = DEFAULT_TIMEOUT) -> list[str]:
    """The Oxigraph command line serving OUT's store read-only (loading it first); a failed
    load is a :class:`KgError` carrying Oxigraph's own reason."""
    try:
        store = load_store(readable_folder(out))
    except subprocess.CalledProcessError as err:
        detail = (err.stderr or b"").decode(errors="replace") if isinstance(err.stderr, bytes) else (err.stderr or "")
        reason = oxigraph_reason(detail) or f"exit status {err.returncode}"
        raise KgError(f"{out}: Oxigraph could not load graph.ttl ({reason[:300]})") from None
    return [oxigraph_binary(), "serve-read-only", "--location", str(store), "--bind", f"{host}:{port}",
            "--timeout-s", str(max(1, round(timeout)))]


def serve(out: str | Path, *, host: str = "127.0.0.1", port: int = 7878,
          timeout: float = DEFAULT_TIMEOUT, allow_federation: bool = False,
          say: Callable[[str], None] = lambda line: print(line, file=sys.stderr)) -> int:
    """Serve OUT until SIGTERM/SIGHUP/Ctrl-C; returns the exit status.

    >>> serve("out", port=7878)  # doctest: +SKIP
    """
    if not is_loopback(host):
        say(f"warning: serving on {host}, not loopback: anyone who can reach this machine can query the graph")
    command = serve_command(out, host="127.0.0.1", port=0, timeout=timeout)
    bind = command.index("--bind") + 1
    stopping = threading.Event()
    server = None

    def stop(*_):
        if not stopping.is_set():
            stopping.set()
            if server is not None:
                threading.Thread(target=server.shutdown, daemon=True).start()

    upstreams = Upstreams(lambda private: [*command[:bind], f"127.0.0.1:{private}", *command[bind + 1:]],
                          on_crash=stop)
    try:
        server = _GuardServer((host, port), _Guard, upstreams=upstreams, timeout=timeout,
                              allow_federation=allow_federation)
    except BaseException:
        upstreams.close()
        raise
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
        signal.signal(sig, stop)
    if stopping.is_set():  # Oxigraph died while the guard was starting
        threading.Thread(target=server.shutdown, daemon=True).start()
    say(f"SPARQL endpoint: http://{host}:{port}/query (query timeout {timeout:g} s; "
        "SIGTERM or Ctrl-C stops)")
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        current = upstreams.current
        crashed = current.crashed()
        upstreams.close()
    if crashed:
        raise KgError(f"{out}: the Oxigraph server stopped ({current.reason() or current.child.returncode})")
    return 0


class _GuardServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, *, upstreams: Upstreams, timeout: float, allow_federation: bool):
        self.upstreams, self.query_timeout, self.allow_federation = upstreams, timeout, allow_federation
        try:
            super().__init__(address, handler)
        except OSError as err:
            raise KgError(f"cannot listen on {address[0]}:{address[1]} ({err.strerror})") from None


class _Guard(BaseHTTPRequestHandler):
    """Passes /query GET and POST requests on to Oxigraph after checking them."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args):  # quiet: a shared endpoint's log is not kg's to print
        pass

    def do_GET(self):
        self._relay(b"")

    def do_POST(self):
        length = (self.headers.get("Content-Length") or "0").strip()
        if not length.isdigit():  # "abc", "-5" (read(-5) would wait for the client to hang up)
            self.close_connection = True
            return self._refuse(400, "Content-Length must be a number of bytes")
        if int(length) > MAX_QUERY_BYTES:
            self.close_connection = True
            return self._refuse(413, f"a query may be at most {MAX_QUERY_BYTES:,} bytes")
        self._relay(self.rfile.read(int(length)) if int(length) else b"")

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _relay(self, body: bytes) -> None:
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/query":
            return self._refuse(403, READ_ONLY)
        sparql = " ".join(urllib.parse.parse_qs(url.query).get("query", []))
        kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if kind == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(body.decode(errors="replace"))
            if "update" in form:
                return self._refuse(403, READ_ONLY)
            sparql += " " + " ".join(form.get("query", []))
        elif body:
            sparql += " " + body.decode(errors="replace")
        if not self.server.allow_federation and uses_service(sparql):
            return self._refuse(403, SERVICE_REFUSED)
        with self.server.upstreams.query() as ticket:
            self._pass_on(body, ticket)

    def _pass_on(self, body: bytes, ticket: Ticket) -> None:
        upstream = http.client.HTTPConnection("127.0.0.1", ticket.server.port,
                                              timeout=self.server.query_timeout + 2)
        started = False
        headers = {k: v for k, v in self.headers.items()
                   if k.lower() in ("accept", "content-type", "content-length")}
        try:
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            if self._client_left(upstream.sock, self.server.query_timeout + 2):
                self.close_connection = True
                self.server.upstreams.abandon(ticket)  # stops the query Oxigraph is computing
                return
            response = upstream.getresponse()
            started = True
            self.send_response(response.status)
            for key, value in response.getheaders():
                if key.lower() in ("content-type", "content-length"):
                    self.send_header(key, value)
            if response.getheader("Content-Length") is None:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            while chunk := response.read(65536):
                self.wfile.write(chunk)  # a client that went away ends this (and the query)
        except (OSError, http.client.HTTPException):
            self.close_connection = True
            if not started:  # Oxigraph stopped the query at its timeout, or went away
                with contextlib.suppress(OSError):
                    self._refuse(503, f"the query did not finish within the {self.server.query_timeout:g} s "
                                      "timeout (kg serve --timeout)")
        finally:
            upstream.close()

    def _client_left(self, upstream: socket.socket, seconds: float) -> bool:
        """Wait for Oxigraph's answer; True if the client closed its connection first.

        A client that sends more bytes (a pipelined request) is not watched further.
        """
        watch = [upstream, self.connection]
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select(watch, [], [], min(left, 1.0))
            if upstream in ready:
                return False
            if self.connection in ready:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return True
                except OSError:
                    return True
                watch = [upstream]
        return False
