"""graph.ttl: the graph as RDF, with a direct triple per fact and a statement node per fact.

For every edge ``s -meet-> o`` the RDF holds ``ent:s kg:meet ent:o`` (one-line queries) and a
``kgv:Statement`` (rdf:subject/predicate/object) whose ``kgv:evidence`` nodes carry the
sentence, offsets, date, negation and modality, each ``prov:wasDerivedFrom`` its
``schema:NewsArticle``. A fact every source negates gets no direct triple.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(articles={"a1": {"title": "T", "date": "2020-03-05"}})
>>> G.add_node("erdogan", label="Erdoğan", type="PERSON", aliases=["Erdoğan", "Erdogan"])
>>> G.add_node("putin", label="Putin", type="PERSON", aliases=["Putin"])
>>> G.add_edge("erdogan", "putin", key="meet", relation="meet", evidence=[{"article": "a1",
...     "sentence": "Erdoğan met Putin.", "start": 0, "end": 18, "date": "2020-03-05",
...     "negated": False, "predicate": "met"}])
'meet'
>>> g = to_rdf(G)
>>> (entity_iri("erdogan"), relation_iri("meet"), entity_iri("putin")) in g
True
"""

from __future__ import annotations

import hashlib
from typing import TextIO

import networkx as nx
from rdflib import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, BNode, Graph, Literal, URIRef

from kg.vocab import (ART, ENTITY_CLASSES, FACT, KGV, PREFIXES, entity_iri, relation_iri,
                      relation_schema)


def to_rdf(G: nx.MultiDiGraph) -> Graph:
    """The RDF graph of ``G``."""
    g = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, replace=True)
    for article_id, meta in G.graph.get("articles", {}).items():
        article = ART[article_id]
        g.add((article, RDF.type, SDO.NewsArticle))
        g.add((article, SDO.identifier, Literal(article_id)))
        if meta.get("title"):
            g.add((article, SDO.headline, Literal(meta["title"])))
        if meta.get("date"):
            g.add((article, SDO.datePublished, date_literal(meta["date"])))
        if meta.get("url"):
            g.add((article, SDO.url, URIRef(meta["url"])))
    for node, data in G.nodes(data=True):
        _add_entity(g, node, data)
    for source, target, key, data in G.edges(keys=True, data=True):
        _add_statement(g, source, target, key, data)
    for relation in sorted({key for _, _, key in G.edges(keys=True)}):  # kg.vocab.relation_schema
        for triple in relation_schema(relation):
            g.add(triple)
    from kg.events.rdf import add_events  # the event layer's triples (SEM + PROV-O)

    add_events(g, G.graph.get("events", []))
    return g


def write_turtle(G: nx.MultiDiGraph, stream: TextIO) -> None:
    """Write ``G`` as Turtle (the same bytes for the same graph: blank nodes get stable labels)."""
    stream.write(stable_blank_nodes(to_rdf(G)).serialize(format="turtle"))


def stable_blank_nodes(g: Graph) -> Graph:
    """A copy of ``g`` whose blank nodes are labelled by what they hold and who holds them,
    so the serializer orders them the same way in every run (random labels sort randomly).

    >>> g = Graph(); n = BNode(); _ = g.add((URIRef("http://a"), RDFS.seeAlso, n)).add((n, RDFS.label, Literal("x")))
    >>> [str(o) for o in stable_blank_nodes(g).objects()][0] == [str(o) for o in stable_blank_nodes(g).objects()][0]
    True
    """
    content: dict[BNode, list[str]] = {}
    for s, p, o in g:
        if isinstance(s, BNode):
            content.setdefault(s, []).append(f"{p.n3()} {o.n3() if not isinstance(o, BNode) else '[]'}")
        if isinstance(o, BNode):
            content.setdefault(o, []).append(f"^{p.n3()} {s.n3() if not isinstance(s, BNode) else '[]'}")
    labels: dict[BNode, BNode] = {}
    used: dict[str, int] = {}
    for node, facts in sorted(content.items(), key=lambda item: sorted(item[1])):
        key = hashlib.sha1("\n".join(sorted(facts)).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        used[key] = used.get(key, 0) + 1
        labels[node] = BNode(f"b{key}{used[key]}")
    if not labels:
        return g
    out = Graph(bind_namespaces="core")
    for prefix, namespace in g.namespaces():
        out.bind(prefix, namespace, replace=True)
    for s, p, o in g:
        out.add((labels.get(s, s), p, labels.get(o, o)))
    return out


def date_literal(date: str) -> Literal:
    """An xsd date literal with the precision of ``date`` (YYYY-MM-DD, YYYY-MM or YYYY).

    >>> date_literal("2019-10").datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(date), XSD.string)
    return Literal(date, datatype=datatype)


def _add_entity(g: Graph, node: str, data: dict) -> None:
    iri = entity_iri(node)
    kind = data.get("type", "")
    g.add((iri, RDF.type, ENTITY_CLASSES.get(kind, SDO.Thing)))
    g.add((iri, KGV.entityType, Literal(kind)))
    g.add((iri, RDFS.label, Literal(data.get("label", node))))
    for alias in data.get("aliases", []):
        if alias != data.get("label"):
            g.add((iri, SKOS.altLabel, Literal(alias)))
    for same in data.get("same_as", []):
        g.add((iri, OWL.sameAs, URIRef(same)))
    for predicate, other in data.get("related", []):
        term = getattr(KGV, predicate, None) if predicate in ("locatedIn", "nationality") else None
        g.add((iri, term or SKOS.related, entity_iri(other)))
    if data.get("mentions"):
        g.add((iri, KGV.mentionCount, Literal(data["mentions"])))


def _add_statement(g: Graph, source: str, target: str, relation: str, data: dict) -> None:
    s, p, o = entity_iri(source), relation_iri(relation), entity_iri(target)
    evidence = data.get("evidence", [])
    if not all(e.get("negated") for e in evidence):
        g.add((s, p, o))
        if data.get("symmetric"):  # owl:SymmetricProperty, stated both ways for plain queries
            g.add((o, p, s))
    statement = FACT[hashlib.sha1(f"{source}|{relation}|{target}".encode()).hexdigest()[:16]]
    g.add((statement, RDF.type, KGV.Statement))
    g.add((statement, RDF.type, RDF.Statement))
    g.add((statement, RDF.subject, s))
    g.add((statement, RDF.predicate, p))
    g.add((statement, RDF.object, o))
    g.add((statement, KGV.relation, Literal(relation)))
    g.add((statement, KGV.articleCount, Literal(len({e["article"] for e in evidence}))))
    for item in evidence:
        node = BNode()
        g.add((statement, KGV.evidence, node))
        g.add((statement, PROV.wasDerivedFrom, ART[item["article"]]))
        g.add((node, RDF.type, KGV.Evidence))
        g.add((node, PROV.wasDerivedFrom, ART[item["article"]]))
        g.add((node, KGV.sentence, Literal(item["sentence"])))
        g.add((node, KGV.start, Literal(item["start"])))
        g.add((node, KGV.end, Literal(item["end"])))
        g.add((node, KGV.negated, Literal(bool(item.get("negated")))))
        for key, term in (("predicate", KGV.predicate), ("modality", KGV.modality),
                          ("attribution", KGV.attributedTo), ("place", KGV.place),
                          ("date_source", KGV.dateSource), ("pattern", KGV.pattern),
                          ("date_precision", KGV.datePrecision), ("role", KGV.role)):
            if item.get(key):
                g.add((node, term, Literal(item[key])))
        if item.get("date"):
            g.add((node, KGV.date, date_literal(item["date"])))
        if item.get("confidence") is not None:
            g.add((node, KGV.confidence, Literal(float(item["confidence"]))))
