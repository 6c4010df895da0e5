"""kg push loads a built graph into a real Oxigraph server over the Graph Store protocol."""

import subprocess
import time
import urllib.request

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.export import save_files
from kg.store import oxigraph_binary, query_endpoint, query_store
from tests.test_store import QUERY, free_port, graph


@pytest.fixture()
def server(tmp_path):
    try:
        binary = oxigraph_binary()
    except Exception as err:
        pytest.skip(str(err))
    port = free_port()
    process = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server"),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1)
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("oxigraph server did not start")
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


def test_push_then_query_over_http_gives_the_local_rows(server, tmp_path):
    out = tmp_path / "out"
    save_files(graph(), [("a", 0, 4, "Anna", "anna")], out, formats=("ttl",))
    result = CliRunner().invoke(cli, ["push", str(out), "--endpoint", f"{server}/store"])
    assert result.exit_code == 0, result.output
    assert "3 graphs" in result.output  # the default graph and articles a, b
    assert query_endpoint(f"{server}/query", QUERY).rows == query_store(out, QUERY).rows == [("Anna", 2), ("Carl", 1)]
    per_article = "SELECT ?g WHERE { GRAPH ?g { ent:carl kg:support ent:dora } }"
    assert query_endpoint(f"{server}/query", per_article).rows == [("https://w3id.org/kg-news/article/b",)]
    # pushing a rebuilt graph replaces the graphs it had sent: no stale or doubled facts
    save_files(graph([("dora", "anna", "b")]), [], out, formats=("ttl",))
    assert CliRunner().invoke(cli, ["push", str(out), "--endpoint", f"{server}/store"]).exit_code == 0
    assert query_endpoint(f"{server}/query", QUERY).rows == query_store(out, QUERY).rows


def test_push_drops_the_graphs_of_articles_removed_since_the_last_push(server, tmp_path):
    out = tmp_path / "out"
    save_files(graph(), [], out, formats=("ttl",))  # articles a and b
    assert CliRunner().invoke(cli, ["push", str(out), "--endpoint", f"{server}/store"]).exit_code == 0
    only_a = graph()
    only_a.graph["articles"].pop("b")
    for u, v, key, data in list(only_a.edges(keys=True, data=True)):
        data["evidence"] = [e for e in data["evidence"] if e["article"] != "b"]
        if not data["evidence"]:
            only_a.remove_edge(u, v, key)
    save_files(only_a, [], out, formats=("ttl",))
    result = CliRunner().invoke(cli, ["push", str(out), "--endpoint", f"{server}/store"])
    assert result.exit_code == 0 and "2 graphs" in result.output, result.output
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER (STRSTARTS(STR(?g), STR(art:))) }"
    assert query_endpoint(f"{server}/query", graphs).rows == [("https://w3id.org/kg-news/article/a",)]
    assert query_endpoint(f"{server}/query", QUERY).rows == query_store(out, QUERY).rows


def test_push_to_nowhere_is_a_one_line_error(tmp_path):
    save_files(graph(), [], tmp_path, formats=("ttl",))
    result = CliRunner().invoke(cli, ["push", str(tmp_path), "--endpoint", f"http://127.0.0.1:{free_port()}/store"])
    assert result.exit_code == 1 and "not reachable" in result.output and result.output.count("\n") == 1
