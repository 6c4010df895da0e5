"""The facts an analyst expects from the seed articles (issue 11's checks), on the real graph."""

from pathlib import Path

import pytest

import kg

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return kg.build([SEEDS], jobs=1)


def _facts(graph, relation, subject):
    return [f for f in graph.facts(relation=relation, subject=subject)]


def test_seeds_turkey_buys_a_node_naming_the_s400(seeds):
    assert any("s-400" in f["object"].lower() for f in _facts(seeds, "buy", "Turkey"))


def test_seeds_titles_make_work_for_with_role(seeds):
    erdogan = _facts(seeds, "work_for", "Recep Tayyip Erdoğan")
    assert any(f["object"] == "Turkey" and any(e.get("role") == "president" for e in f["evidence"])
               for f in erdogan)
    assert any("Peskov" in f["subject"] and f["object"] == "Kremlin"
               for f in seeds.facts(relation="work_for"))


def test_seeds_support_reaches_assad_through_a_phrase(seeds):
    G = seeds.to_networkx()
    assad = seeds.entity("Bashar Al-Assad")["id"]
    phrases = {u for u, v, k in G.edges(keys=True) if k == "about" and v == assad}
    russia = seeds.entity("Russia")["id"]
    assert any(G.has_edge(russia, p, key="support") for p in phrases)


def test_seeds_turkey_supports_rebels(seeds):
    assert any("rebel" in f["object"].lower() for f in _facts(seeds, "support", "Turkey"))


@pytest.mark.parametrize("name", ["Vladimir Putin", "Recep Tayyip Erdoğan"])
def test_seeds_readme_symmetric_query_from_either_side(seeds, name):
    rows = seeds.query("SELECT ?o WHERE { ?s rdfs:label ?n ; kg:meet ?o }", n=name).rows
    assert rows
