"""The Oxigraph endpoint answers like rdflib does (a server on loopback, stopped by the test)."""

import socket
import subprocess
import time
import urllib.request

import networkx as nx
import pytest

from kg.export import save_files
from kg.export.rdf import to_rdf
from kg.query import run_query
from kg.serve import serve_command
from kg.store import load_store, oxigraph_binary, query_endpoint

QUERY = """SELECT ?name (COUNT(?ev) AS ?n) WHERE {
  ?st rdf:subject ?e ; kgv:evidence ?ev . ?e rdfs:label ?name } GROUP BY ?name ORDER BY ?name"""


def graph():
    G = nx.MultiDiGraph(articles={"a": {"title": "t", "date": "2021-01-02"}})
    for node in ("anna", "carl", "dora"):
        G.add_node(node, label=node.title(), type="PERSON", aliases=[node.title()])
    for i, (u, v) in enumerate([("anna", "carl"), ("anna", "dora"), ("carl", "dora")]):
        G.add_edge(u, v, key="support", relation="support", evidence=[
            {"article": "a", "sentence": f"{u} backs {v}.", "start": i, "end": i + 5, "date": "2021-01-02"}])
    return G


@pytest.fixture()
def out(tmp_path):
    try:
        oxigraph_binary()
    except Exception as err:
        pytest.skip(str(err))
    save_files(graph(), [], tmp_path, formats=("ttl",))
    return tmp_path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_store_loads_once_and_reloads_when_the_graph_changes(out):
    store = load_store(out)
    stamp = (store / "kg-loaded-from").read_text()
    assert load_store(out) == store and (store / "kg-loaded-from").read_text() == stamp
    save_files(graph(), [], out, formats=("ttl",))
    (out / "graph.ttl").write_text((out / "graph.ttl").read_text() + "\n")
    assert (load_store(out) / "kg-loaded-from").read_text() != stamp


def test_endpoint_gives_the_same_rows_as_rdflib(out):
    port = free_port()
    server = subprocess.Popen(serve_command(out, port=port), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("oxigraph server did not start")
                time.sleep(0.2)
        expected = run_query(to_rdf(graph()), QUERY).rows
        assert expected == [("Anna", 2), ("Carl", 1)]
        assert query_endpoint(url, QUERY).rows == expected
        assert query_endpoint(url, "ASK { ?s kg:support ?o }").rows == [(True,)]
    finally:
        server.terminate()
        server.wait(timeout=10)
