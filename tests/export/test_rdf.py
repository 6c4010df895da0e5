import networkx as nx
import pytest
from rdflib import Graph, Literal, RDF, XSD
from rdflib.compare import isomorphic

from kg.export.rdf import to_rdf
from kg.query import run_query
from kg.vocab import KGV, entity_iri, relation_iri


@pytest.fixture()
def graph():
    G = nx.MultiDiGraph(articles={"a1": {"title": "Talks", "date": "2020-03-02", "url": "https://e.org/a1"}})
    G.add_node("anna-berg", label="Anna Berg", type="PERSON", aliases=["Anna Berg", "Berg"])
    G.add_node("carl-olsen", label="Carl Olsen", type="PERSON", aliases=["Carl Olsen"])
    G.add_node("norway", label="Norway", type="GPE", aliases=["Norway"],
               same_as=["urn:iso:std:3166:NO"])
    evidence = {"article": "a1", "sentence": "Anna Berg will meet Carl Olsen on March 5.", "start": 0,
                "end": 41, "date": "2020-03-05", "date_source": "text", "predicate": "will meet",
                "negated": False, "modality": "planned", "confidence": 0.9}
    G.add_edge("anna-berg", "carl-olsen", key="meet", relation="meet", evidence=[evidence])
    G.add_edge("anna-berg", "norway", key="visit", relation="visit",
               evidence=[{**evidence, "predicate": "did not visit", "negated": True, "date": "2020-03"}])
    return G


def test_rdf_has_direct_triple_and_statement_with_evidence(graph):
    g = to_rdf(graph)
    assert (entity_iri("anna-berg"), relation_iri("meet"), entity_iri("carl-olsen")) in g
    rows = run_query(g, """SELECT ?sentence ?date ?article WHERE {
        ?st a kgv:Statement ; rdf:predicate kg:meet ; kgv:evidence ?ev .
        ?ev kgv:sentence ?sentence ; kgv:date ?date ; prov:wasDerivedFrom ?a .
        ?a a schema:NewsArticle ; schema:identifier ?article }""").rows
    assert rows == [("Anna Berg will meet Carl Olsen on March 5.", "2020-03-05", "a1")]


def test_rdf_negated_fact_has_statement_but_no_direct_triple(graph):
    g = to_rdf(graph)
    assert (entity_iri("anna-berg"), relation_iri("visit"), entity_iri("norway")) not in g
    assert run_query(g, "ASK { ?st rdf:predicate kg:visit ; kgv:evidence/kgv:negated true }").rows == [(True,)]


def test_rdf_labels_aliases_types_and_dates(graph):
    g = to_rdf(graph)
    berg = entity_iri("anna-berg")
    assert (berg, RDF.type, __import__("rdflib").SDO.Person) in g
    assert {str(o) for o in g.objects(berg, __import__("rdflib").SKOS.altLabel)} == {"Berg"}
    dates = {o.datatype for o in g.objects(None, KGV.date)}
    assert dates == {XSD.date, XSD.gYearMonth}
    assert (None, None, Literal("2020-03-02", datatype=XSD.date)) in g


def test_rdf_turtle_round_trips(graph):
    g = to_rdf(graph)
    assert isomorphic(g, Graph().parse(data=g.serialize(format="turtle"), format="turtle"))
