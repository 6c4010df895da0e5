"""SHACL shapes for kg's RDF vocabulary (``kg.ttl`` in this folder) and a pySHACL check.

The shapes say what every statement, evidence node, article and entity kg writes must hold
(one subject, an integer start before the end, a date typed as xsd:date/gYearMonth/gYear…);
they are open, so other vocabularies may add to the same nodes.

>>> import networkx as nx; from kg.export.rdf import to_rdf
>>> G = nx.MultiDiGraph(); G.add_node("x", label="X", type="PERSON", aliases=["X"])
>>> validate(to_rdf(G))
(True, '')
"""

from __future__ import annotations

from pathlib import Path

SHAPES = Path(__file__).with_name("kg.ttl")


def shapes_graph():
    """The shapes as an rdflib Graph."""
    from rdflib import Graph

    return Graph().parse(SHAPES, format="turtle")


def validate(data) -> tuple[bool, str]:
    """Check an rdflib Graph (or the path of an RDF file) against the shapes with pySHACL;
    return ``(conforms, report text)``. Needs ``pyshacl``."""
    import pyshacl
    from rdflib import Graph

    if not isinstance(data, Graph):
        data = Graph().parse(str(data))
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none")
    return bool(conforms), "" if conforms else text
