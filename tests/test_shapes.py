"""kg's RDF passes its shipped SHACL shapes, and the shapes catch real mistakes."""

import pytest
from rdflib import RDF, Graph, Literal

from kg.shapes import SHAPES, validate
from kg.vocab import KGV

pyshacl = pytest.importorskip("pyshacl")


def test_the_shapes_ship_with_the_package():
    assert SHAPES.is_file() and len(Graph().parse(SHAPES)) > 50


def test_the_seeds_build_conforms(seeds_out):
    conforms, report = validate(seeds_out / "graph.ttl")
    assert conforms, report[:2000]


def test_a_broken_graph_does_not_conform(seeds_out):
    g = Graph().parse(seeds_out / "graph.ttl")
    evidence = next(g.subjects(RDF.type, KGV.Evidence))  # event mentions carry sentences too
    g.set((evidence, KGV.start, Literal("twelve")))  # offsets are integers
    statement = next(g.subjects(KGV.articleCount, None))
    g.add((statement, KGV.relation, Literal("Meets Often")))  # one relation, a lemma
    conforms, report = validate(g)
    assert not conforms
    assert "start" in report and "relation" in report
