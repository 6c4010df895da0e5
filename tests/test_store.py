"""OUT/store: written by every save, queried in process, served over HTTP with the same rows."""

import shutil
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
from kg.store import has_store, load_store, open_store, oxigraph_binary, query_endpoint, query_store

QUERY = """SELECT ?name (COUNT(?ev) AS ?n) WHERE {
  ?st rdf:subject ?e ; kgv:evidence ?ev . ?e rdfs:label ?name } GROUP BY ?name ORDER BY ?name"""


def graph(extra=()):
    G = nx.MultiDiGraph(articles={"a": {"title": "t", "date": "2021-01-02"}, "b": {"title": "u"}})
    for node in ("anna", "carl", "dora"):
        G.add_node(node, label=node.title(), type="PERSON", aliases=[node.title()])
    for i, (u, v, art) in enumerate([("anna", "carl", "a"), ("anna", "dora", "a"),
                                     ("carl", "dora", "b"), *extra]):
        G.add_edge(u, v, key="support", relation="support", evidence=[
            {"article": art, "sentence": f"{u} backs {v}.", "start": i, "end": i + 5,
             "date": "2021-01-02", "confidence": 0.5}])
    return G


@pytest.fixture()
def out(tmp_path):
    save_files(graph(), [("a", 0, 4, "Anna", "anna")], tmp_path, formats=("ttl",))
    return tmp_path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_save_writes_a_store_that_answers_like_rdflib(out):
    assert has_store(out)
    expected = run_query(to_rdf(graph()), QUERY).rows
    assert expected == [("Anna", 2), ("Carl", 1)]
    assert query_store(out, QUERY).rows == expected
    confidence = "SELECT DISTINCT ?c WHERE { ?ev kgv:confidence ?c }"
    assert query_store(out, confidence).rows == run_query(to_rdf(graph()), confidence).rows == [(0.5,)]


def test_store_keeps_each_article_in_its_own_named_graph(out):
    rows = query_store(out, "SELECT ?g WHERE { GRAPH ?g { ent:carl kg:support ent:dora } }").rows
    assert rows == [("https://w3id.org/kg-news/article/b",)]
    mentions = query_store(out, "SELECT ?e WHERE { GRAPH art:a { art:a schema:mentions ?e } }").rows
    assert mentions == [("https://w3id.org/kg-news/entity/anna",)]


def test_a_new_save_replaces_the_store_with_the_other_files(out):
    open_store(out)  # a reader holding the old store doesn't block the swap
    save_files(graph([("dora", "anna", "b")]), [], out, formats=("ttl",))
    assert query_store(out, "ASK { ent:dora kg:support ent:anna }").rows == [(True,)]
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == [".kg"]
    assert (out / "store").resolve().parent == (out / "graph.ttl").resolve().parent  # one build


def test_bindings_are_values_not_query_text(out):
    sparql = "SELECT ?e WHERE { ?e rdfs:label ?name }"
    assert query_store(out, sparql, name="Anna").rows == [("https://w3id.org/kg-news/entity/anna",)]
    assert query_store(out, sparql, name='Anna" } UNION { ?e ?p ?o ').rows == []
    # a variable the query does not select is bound too, as rdflib binds it
    both = "SELECT ?e WHERE { ?e rdfs:label ?name } ORDER BY ?e"
    assert query_store(out, both, name="Carl").rows == run_query(to_rdf(graph()), both, name="Carl").rows


def test_service_is_refused_in_process_unless_allowed(out):
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="SERVICE"):
        query_store(out, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert query_store(out, 'SELECT ?s WHERE { ?s rdfs:label "SERVICE" }').rows == []


def test_old_output_without_a_store_is_loaded_from_graph_ttl(out):
    try:
        oxigraph_binary()
    except Exception as err:
        pytest.skip(str(err))
    old = out / "old"  # a folder written before builds wrote a store: graph.ttl only
    old.mkdir()
    shutil.copy(out / "graph.ttl", old / "graph.ttl")
    out = old
    store = load_store(out)
    stamp = (store / "kg-loaded-from").read_text()
    assert load_store(out) == store and (store / "kg-loaded-from").read_text() == stamp


def test_endpoint_serves_the_built_store_with_the_same_rows(out):
    try:
        oxigraph_binary()
    except Exception as err:
        pytest.skip(str(err))
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
        assert query_endpoint(url, QUERY).rows == query_store(out, QUERY).rows
        assert query_endpoint(url, "ASK { ?s kg:support ?o }").rows == [(True,)]
    finally:
        server.terminate()
        server.wait(timeout=10)
