"""kg serve: signals stop it and Oxigraph, SERVICE is refused, queries time out, and a failed
load says why."""

import json
import os
import signal
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import networkx as nx
import pytest

from kg.export import save_files
from kg.serve import SERVICE_REFUSED, is_loopback, uses_service
from kg.store import oxigraph_binary


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def graph(n=40):
    G = nx.MultiDiGraph(articles={"a": {"title": "t", "date": "2021-01-02"}})
    for i in range(n):
        G.add_node(f"p{i}", label=f"P{i}", type="PERSON", aliases=[f"P{i}"])
    for i in range(n - 1):
        G.add_edge(f"p{i}", f"p{i + 1}", key="meet", relation="meet",
                   evidence=[{"article": "a", "sentence": "x", "start": 0, "end": 1}])
    return G


@pytest.fixture()
def out(tmp_path):
    try:
        oxigraph_binary()
    except Exception as err:
        pytest.skip(str(err))
    save_files(graph(), [], tmp_path / "out", formats=("ttl",))
    return tmp_path / "out"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(out, port, *options):
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", str(port), *options],
                               stderr=subprocess.PIPE, text=True)
    line = process.stderr.readline()
    while line.startswith("warning:"):
        process.warning = line
        line = process.stderr.readline()
    assert line.startswith("SPARQL endpoint:"), line + process.stderr.read()
    return process


def ask(port, sparql, method="GET"):
    url = f"http://127.0.0.1:{port}/query"
    data = None
    if method == "GET":
        url += "?" + urllib.parse.urlencode({"query": sparql})
    else:
        data = urllib.parse.urlencode({"query": sparql}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            body = response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()
    try:
        return response.status, json.loads(body)
    except ValueError:  # an error after the results began
        return response.status, body


def port_open(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def stops_cleanly(server, port, sig):
    """Send ``sig``; kg serve exits, its Oxigraph child with it, and the port closes."""
    [oxigraph] = children(server.pid)
    server.send_signal(sig)
    server.wait(20)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(oxigraph):
        time.sleep(0.1)
    return not alive(oxigraph) and not port_open(port)


def test_a_public_host_warns_and_sighup_stops_the_server_and_oxigraph(out):
    port = free_port()
    server = start(out, port, "--host", "0.0.0.0")
    try:
        assert server.warning.startswith("warning: serving on 0.0.0.0, not loopback")
        assert ask(port, "ASK { ?s ?p ?o }") == (200, {"head": {}, "boolean": True})
        for length in ("abc", "-5", "99999999999"):  # a 400/413 at once, not a wait or a traceback
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                raw.sendall(f"POST /query HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\n\r\nASK {{}}".encode())
                assert raw.recv(100).split(b"\r\n")[0] in (b"HTTP/1.1 400 Bad Request", b"HTTP/1.1 413 Request Entity Too Large")
        assert stops_cleanly(server, port, signal.SIGHUP)
    finally:
        server.kill()


def test_service_and_updates_are_refused_queries_time_out_and_sigterm_stops_it(out):
    port = free_port()
    server = start(out, port, "--timeout", "2")
    try:
        federated = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
        for method in ("GET", "POST"):
            assert ask(port, federated, method) == (403, SERVICE_REFUSED + "\n")
        assert ask(port, 'SELECT * WHERE { ?s ?p "SERVICE" } LIMIT 1')[0] == 200
        request = urllib.request.Request(f"http://127.0.0.1:{port}/update", data=b"update=CLEAR ALL")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert err.value.code == 403
        cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        started = time.monotonic()
        status, body = ask(port, cartesian)
        assert status == 503 and "timeout" in body and time.monotonic() - started < 20
        assert ask(port, "ASK { ?s ?p ?o }")[0] == 200  # still serving
        assert stops_cleanly(server, port, signal.SIGTERM)
    finally:
        server.kill()


def test_federation_only_when_asked_and_kill_9_takes_oxigraph_with_it(out):
    port = free_port()
    server = start(out, port, "--allow-federation")
    [oxigraph] = children(server.pid)
    try:
        status, body = ask(port, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
        assert SERVICE_REFUSED not in str(body)
    finally:
        server.kill()
        server.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and alive(oxigraph):
        time.sleep(0.1)
    assert not alive(oxigraph)


def test_a_graph_oxigraph_cannot_load_is_a_one_line_error_with_its_reason(out):
    (out / "graph.ttl").resolve().write_text("<http://a> <http://b> .\n")
    if (out / "store").exists():  # a build's own store: remove it, so graph.ttl is what loads
        shutil.rmtree((out / "store").resolve())
        (out / "store").unlink(missing_ok=True)
    result = subprocess.run([sys.executable, "-m", "kg", "serve", str(out), "--port", str(free_port())],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Error: {out}: Oxigraph could not load graph.ttl (Error while loading file")
    assert "Parser error at line 1" in line


@pytest.mark.parametrize("sparql, service", [
    ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
    ("select * { service silent <http://x/> { ?s ?p ?o } }", True),
    ("SELECT * { SERVICE ?endpoint { ?s ?p ?o } }", True),
    ("SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }", True),  # escapes are decoded first
    ("SELECT * { SERVICE#c\n<http://x/> { ?s ?p ?o } }", True),
    ('SELECT * { ?s ?p "a SERVICE b" }', False),
    ("SELECT * { ?s <http://x/SERVICE> ?o } # SERVICE", False),
    ("SELECT * { ?s ex:SERVICE ?o }", False),
    ('SELECT * { ?s ?p """x\n SERVICE <http://x/> {""" }', False),
])
def test_service_is_found_as_a_keyword_only(sparql, service):
    assert uses_service(sparql) is service


def test_loopback_hosts():
    assert [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "0.0.0.0", "192.168.1.5", "::")] == \
        [True, True, True, False, False, False]


def cpu_seconds(pid):
    fields = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_a_query_whose_client_goes_away_stops_long_before_the_timeout(out):
    port = free_port()
    server = start(out, port, "--timeout", "120")
    [oxigraph] = children(server.pid)
    try:
        counting = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(f"GET /query?{urllib.parse.urlencode({'query': counting})} HTTP/1.1\r\n"
                       "Host: x\r\nAccept: application/sparql-results+json\r\n\r\n".encode())
        time.sleep(1)
        assert cpu_seconds(oxigraph) > 0  # it is counting
        client.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and alive(oxigraph):
            time.sleep(0.1)
        assert not alive(oxigraph)  # the query's server was stopped, 100 s before the timeout
        assert ask(port, "ASK { ?s ?p ?o }") == (200, {"head": {}, "boolean": True})
        [fresh] = children(server.pid)
        before = cpu_seconds(fresh)
        time.sleep(1)
        assert cpu_seconds(fresh) - before < 0.5  # idle: nothing is still counting
        assert stops_cleanly(server, port, signal.SIGTERM)
    finally:
        server.kill()


def test_a_retired_server_finishes_the_queries_whose_clients_still_wait(tmp_path):
    from kg.upstreams import Upstreams

    def fake_oxigraph(port):
        return [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(tmp_path)]

    pool = Upstreams(fake_oxigraph)
    try:
        with pool.query() as other, pool.query() as gone:
            first = other.server
            pool.abandon(gone)
            assert pool.current is not first  # new queries go to a fresh server at once
            assert first.child.poll() is None  # still answering the other client
        assert first.child.wait(10) is not None  # and stopped once that query ended
        with pool.query() as alone:
            pool.abandon(alone)
            assert alone.server.child.wait(10) is not None  # no one else waited: stopped at once
        assert pool.current.child.poll() is None
    finally:
        pool.close()
    assert all(server.child.poll() is not None for server in (first, pool.current))
