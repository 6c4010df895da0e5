"""Acceptance on the five seed articles (issue 2's 'done when')."""

import json
import re
from pathlib import Path

import networkx as nx

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def nodes_with(G, *aliases):
    return [n for n, d in G.nodes(data=True) if set(aliases) <= set(d["aliases"])]


def test_seeds_one_node_for_erdogan_putin_and_turkey(seeds_graph):
    G = seeds_graph.to_networkx()
    assert len(nodes_with(G, "Erdoğan", "Erdogan")) == 1
    assert len([n for n, d in G.nodes(data=True) if "Erdogan" in d["aliases"] or "Erdoğan" in d["aliases"]]) == 1
    assert len([n for n, d in G.nodes(data=True) if "Putin" in d["aliases"]]) == 1
    assert len(nodes_with(G, "Turkey", "Türkiye")) == 1


def test_seeds_erdogan_meets_putin_in_three_articles(seeds_graph):
    G = seeds_graph.to_networkx()
    [erdogan] = nodes_with(G, "Erdoğan", "Erdogan")
    [putin] = [n for n, d in G.nodes(data=True) if "Putin" in d["aliases"]]
    edges = [d for u, v, k, d in G.edges(keys=True, data=True) if k == "meet" and {u, v} == {erdogan, putin}]
    assert len(edges) == 1
    assert len({e["article"] for e in edges[0]["evidence"]}) >= 3


def test_seeds_visit_date_comes_from_the_clause(seeds_graph):
    G = seeds_graph.to_networkx()
    [erdogan] = nodes_with(G, "Erdoğan", "Erdogan")
    dated = [e for _, _, k, d in G.out_edges(erdogan, keys=True, data=True) if k == "visit"
             for e in d["evidence"] if e["article"].startswith("003_")]
    assert dated and {e["date"] for e in dated} == {"2020-03-05"}
    assert {e["date_source"] for e in dated} == {"text"}


def test_seeds_graph_json_contract(seeds_out):
    data = json.loads((seeds_out / "graph.json").read_text())
    G = nx.node_link_graph(data, edges="edges")
    assert G.is_directed() and G.is_multigraph()
    for _, attrs in G.nodes(data=True):
        assert {"label", "type", "aliases"} <= set(attrs)
    for _, _, key, attrs in G.edges(keys=True, data=True):
        assert attrs["relation"] == key and re.fullmatch(r"[a-z_][a-z0-9_]*", key)
        for evidence in attrs["evidence"]:
            assert {"article", "sentence", "start", "end", "date"} <= set(evidence)
            text = (SEEDS / f"{evidence['article']}.txt").read_text()
            assert text[evidence["start"]:evidence["end"]] == evidence["sentence"]


def test_seeds_mentions_tsv_contract(seeds_out):
    lines = (seeds_out / "mentions.tsv").read_text().splitlines()
    assert lines[0] == "article\tstart\tend\tsurface\tnode"
    nodes = {n["id"] for n in json.loads((seeds_out / "graph.json").read_text())["nodes"]}
    texts = {p.stem: p.read_text() for p in SEEDS.glob("*.txt")}
    assert len(lines) > 100
    for line in lines[1:]:
        article, start, end, surface, node = line.split("\t")
        assert " ".join(texts[article][int(start):int(end)].split()) == surface
        assert node in nodes


def test_seeds_page_has_no_network_references(seeds_out):
    page = (seeds_out / "graph.html").read_text()
    assert not re.search(r"<script[^>]+src=[\"']?https?://", page, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?https?://", page, re.I)
    assert not re.search(r"@import\s+(url\()?[\"']?https?://", page, re.I)
