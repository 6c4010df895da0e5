"""graph.html without a browser: self-contained, safely escaped, trimmed with a note."""

import importlib.util
import json
import re
from pathlib import Path

import networkx as nx
import pytest

from kg.errors import KgError
from kg.export.html import render_html, select_subgraph

# The graph builders live beside the browser fixtures; load that file under its own name so
# it can't be confused with tests/conftest.py.
_spec = importlib.util.spec_from_file_location(
    "kg_browser_conftest", Path(__file__).resolve().parents[1] / "browser" / "conftest.py")
_graphs = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_graphs)
XSS, malicious_graph, news_graph = _graphs.XSS, _graphs.make_malicious_graph, _graphs.make_news_graph


def page_data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S)
    return json.loads(block.group(1))


def test_html_has_no_network_references():
    page = render_html(news_graph())
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=\s*[\"']?(https?:)?//", page, re.I)
    assert "sourceMappingURL" not in page
    assert "vis.Network" in page  # vis-network is inlined, not fetched


def test_html_data_block_cannot_be_closed_by_article_text():
    G = news_graph()
    G.edges["erdogan", "putin", "meet"]["evidence"][0]["sentence"] = "a </script><script>alert(1)</script> b"
    page = render_html(G)
    data_block = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    sentences = [e["sentence"] for e in page_data(page)["edges"][0]["evidence"]]
    assert "a </script><script>alert(1)</script> b" in sentences


def test_html_ampersand_is_not_double_escaped():
    page = render_html(malicious_graph(), title="R&D")
    assert "<title>R&amp;D</title>" in page and "&amp;amp;" not in page
    evidence = [e for edge in page_data(page)["edges"] for e in edge["evidence"]]
    assert XSS in [e["sentence"] for e in evidence]  # raw text in JSON; graph.js shows it as text
    assert "six hours & agreed" in [e["sentence"] for e in evidence][1]


def test_html_max_nodes_keeps_most_connected_and_says_what_was_left_out():
    G = news_graph()
    data = page_data(render_html(G, max_nodes=3))
    assert {n["id"] for n in data["nodes"]} == {"turkey", "russia", "erdogan"}
    meta = data["meta"]
    assert (meta["nodes"], meta["total_nodes"], meta["total_edges"]) == (3, 10, 10)
    turkey = next(n for n in data["nodes"] if n["id"] == "turkey")
    assert turkey["hidden_facts"] == 4  # the panel says how many of its facts are not drawn


def test_html_min_weight_drops_single_sentence_facts():
    data = page_data(render_html(news_graph(), min_weight=2))
    assert [(e["from"], e["relation"], e["to"]) for e in data["edges"]] == [("erdogan", "meet", "putin")]
    assert data["meta"]["min_weight"] == 2


def test_html_select_subgraph_leaves_the_graph_alone():
    G = news_graph()
    shown = select_subgraph(G, max_nodes=2)
    assert len(shown) == 2 and len(G) == 10


@pytest.mark.parametrize("G", [nx.MultiDiGraph(), nx.MultiDiGraph([("a", "b")])], ids=["empty", "bare"])
def test_html_renders_empty_and_bare_graphs(G):
    data = page_data(render_html(G))
    assert len(data["nodes"]) == len(G)


def test_html_rejects_max_nodes_below_one():
    with pytest.raises(KgError, match="max_nodes must be at least 1, got 0"):
        render_html(news_graph(), max_nodes=0)


def test_html_leaves_out_entities_without_facts_and_counts_them():
    G = news_graph()
    G.add_node("talks", label="talks", type="CONCEPT", aliases=["talks"], mentions=3)
    data = page_data(render_html(G))
    assert "talks" not in {n["id"] for n in data["nodes"]}
    assert (data["meta"]["nodes"], data["meta"]["factless"], data["meta"]["total_nodes"]) == (10, 1, 11)


def test_html_repeated_sentence_is_listed_once():
    G = news_graph()
    evidence = G.edges["putin", "russia", "lead"]["evidence"]
    evidence.append({**evidence[0], "start": 500, "end": 540})  # the same sentence, further down
    edge = next(e for e in page_data(render_html(G))["edges"] if e["relation"] == "lead" and e["from"] == "putin")
    assert len(edge["evidence"]) == 1
