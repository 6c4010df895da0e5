"""The Oxigraph servers behind ``kg serve``, and how a query whose client went away is stopped.

Oxigraph stops a query at its timeout, or when writing results to a connection that was
closed; but a query that computes before it answers (``COUNT``, ``ORDER BY``, ``GROUP BY``)
never notices its client left, and would burn a core until the timeout. Its server is then
*retired*: a fresh Oxigraph server on the same read-only store takes every new query at once,
and the retired one is killed as soon as no query whose client still waits is running on it
(at once, with one client). Queries of other clients finish undisturbed.

>>> from kg.store import load_store, oxigraph_binary
>>> store = load_store("out")
>>> pool = Upstreams(lambda port: [oxigraph_binary(), "serve-read-only", "--location", str(store),
...                                "--bind", f"127.0.0.1:{port}"])
>>> with pool.query() as ticket:  # send the query to ticket.server.port; abandon(ticket) if its client leaves
...     ticket.server.child.poll() is None
True
>>> pool.close()
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.errors import KgError
from kg.processes import set_death_signal


class Server:
    """One Oxigraph child process listening on a private loopback port."""

    def __init__(self, command: list[str], port: int):
        self.port = port
        self.log = tempfile.TemporaryFile()  # not a pipe: a busy server's log would fill it and block
        self.child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=self.log,
                                      preexec_fn=set_death_signal)
        self.waiting = 0  # queries running here whose client still waits for the answer
        self.retired = False

    def reason(self) -> str:
        """Oxigraph's own error line, if it wrote one."""
        self.log.seek(0)
        return oxigraph_reason(self.log.read().decode(errors="replace"))

    def wait_until_listening(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.child.poll() is not None:
                raise KgError(f"the Oxigraph server did not start ({self.reason() or self.child.returncode})")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise KgError("the Oxigraph server did not start in time")

    def stop(self) -> None:
        self.retired = True
        if self.child.poll() is None:
            self.child.terminate()
            try:
                self.child.wait(5)
            except subprocess.TimeoutExpired:
                self.child.kill()
                self.child.wait()

    def crashed(self) -> bool:
        """Did it stop by itself, with an error (not stopped by kg)?"""
        return not self.retired and self.child.poll() not in (None, 0)


@dataclass
class Ticket:
    """One query's claim on a server while its client waits."""

    server: Server
    waiting: bool = True


class Upstreams:
    """The current Oxigraph server, plus retired ones still finishing other clients' queries.

    Args:
        command_for: the Oxigraph command line listening on a given port.
        on_crash: called (from a watcher thread) when the current server dies by itself.
    """

    def __init__(self, command_for: Callable[[int], list[str]], on_crash: Callable[[], None] = lambda: None):
        self._command_for, self._on_crash = command_for, on_crash
        self._lock = threading.Lock()
        # Linux's parent-death signal fires when the *thread* that started a child ends, so
        # every server is started from this one long-lived thread, never a request's own.
        self._starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="oxigraph-starter")
        self.current = self._start()
        self.servers = [self.current]

    def _start(self) -> Server:
        return self._starter.submit(self._start_here).result()

    def _start_here(self) -> Server:
        port = free_port()
        server = Server(self._command_for(port), port)
        try:
            server.wait_until_listening()
        except BaseException:
            server.stop()
            raise
        threading.Thread(target=self._watch, args=(server,), daemon=True).start()
        return server

    def _watch(self, server: Server) -> None:
        server.child.wait()
        if not server.retired:
            self._on_crash()

    @contextlib.contextmanager
    def query(self) -> Iterator[Ticket]:
        """The server to send one query to (``ticket.server``); ``abandon(ticket)`` inside
        when the client goes away."""
        with self._lock:
            ticket = Ticket(self.current)
            ticket.server.waiting += 1
        try:
            yield ticket
        finally:
            with self._lock:
                if ticket.waiting:
                    ticket.waiting = False
                    ticket.server.waiting -= 1
                self._reap()

    def abandon(self, ticket: Ticket) -> None:
        """The client of this query went away: stop the query by retiring its server."""
        with self._lock:
            if not ticket.waiting:
                return
            ticket.waiting = False
            server = ticket.server
            server.waiting -= 1
            if server is self.current:
                try:
                    self.current = self._start()
                except KgError:  # no replacement: keep serving; the timeout stops the query
                    return
                self.servers.append(self.current)
                server.retired = True
            self._reap()

    def _reap(self) -> None:
        """Kill retired servers no waiting client needs any more (called holding the lock)."""
        for server in [s for s in self.servers if s.retired and s.waiting <= 0]:
            self.servers.remove(server)
            server.stop()

    def close(self) -> None:
        """Stop every server (kg serve is stopping)."""
        with self._lock:
            for server in self.servers:
                server.stop()
            self.servers = []
        self._starter.shutdown(wait=False)


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_reason(text: str) -> str:
    """The line of Oxigraph's output that says what went wrong (not its stack backtrace).

    >>> oxigraph_reason("Some hint\\nError while loading file g.ttl: Parser error at line 1\\nError: failed\\n\\nStack backtrace:\\n 0: x")
    'Error while loading file g.ttl: Parser error at line 1'
    """
    lines = [line.strip() for line in text.split("Stack backtrace:")[0].splitlines() if line.strip()]
    errors = [line for line in lines if line.lower().startswith("error")]
    return (errors or lines or [""])[0][:300]
