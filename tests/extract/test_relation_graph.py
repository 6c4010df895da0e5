"""The relation vocabulary in the built graph: symmetric both ways in RDF, typed relations,
Wikidata super-properties, one direction per fact."""

import pytest
from rdflib import OWL, RDF, RDFS

import kg
from kg.vocab import KG, WDT

TEXT = ("Turkish President Recep Tayyip Erdoğan met Vladimir Putin in Moscow on Thursday. "
        "Kremlin spokesman Dmitry Peskov said the talks went well.")


@pytest.fixture(scope="module")
def graph():
    return kg.build([kg.Article("a1", TEXT, date="2020-03-02")], jobs=1)


def test_readme_symmetric_query_answers_from_either_side(graph):
    sparql = "SELECT ?o WHERE { ?s rdfs:label ?n ; kg:meet ?o }"
    assert graph.query(sparql, n="Vladimir Putin").rows
    assert graph.query(sparql, n="Recep Tayyip Erdoğan").rows
    # graph.json keeps one edge
    G = graph.to_networkx()
    assert sum(1 for _, _, k in G.edges(keys=True) if k == "meet") == 1


def test_symmetric_and_typed_relations_are_declared(graph):
    g = graph.rdf
    assert (KG.meet, RDF.type, OWL.SymmetricProperty) in g
    assert (KG.work_for, RDFS.subPropertyOf, WDT.P108) in g


def test_titles_give_work_for_with_role(graph):
    facts = graph.facts(relation="work_for")
    pairs = {(f["subject"], f["object"]) for f in facts}
    assert ("Dmitry Peskov", "Kremlin") in pairs
    roles = {e.get("role") for f in facts for e in f["evidence"]}
    assert "spokesman" in roles and "president" in roles


def test_actor_graph_leaves_out_phrase_nodes():
    text = ("Russia has aided Bashar al-Assad's survival. Turkey bought Russian S-400 air "
            "defense systems. Recep Tayyip Erdoğan met Vladimir Putin in Sochi.")
    g = kg.build([kg.Article("a2", text, date="2020-03-02")], jobs=1)
    full, actors = g.to_networkx(), g.to_networkx(concepts=False)
    assert any(d.get("type") == "CONCEPT" for _, d in full.nodes(data=True))
    assert not any(d.get("type") == "CONCEPT" for _, d in actors.nodes(data=True))
    assert set(actors) < set(full)
    assert any(k == "meet" for _, _, k in actors.edges(keys=True))
    actors.remove_node(next(iter(actors)))  # a copy: the library's graph is untouched
    assert len(g.to_networkx(concepts=False)) == len(actors) + 1
