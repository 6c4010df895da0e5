"""graph.ttl: the graph as RDF, with a direct triple per fact and a statement node per fact.

For every edge ``s -meet-> o`` the RDF holds ``ent:s kg:meet ent:o`` (one-line queries) and a
``kgv:Statement`` (rdf:subject/predicate/object) whose ``kgv:evidence`` nodes carry the
sentence, offsets, date, negation and modality, each ``prov:wasDerivedFrom`` its
``schema:NewsArticle``. A fact every source negates gets no direct triple.

Provenance is per article: what an article says (its metadata, the entities it mentions,
the direct triples and statements it supports, its evidence) sits in the named graph named
by the article's IRI; entities and per-fact counts sit in the default graph. So the union of
all graphs is graph.ttl, ``GRAPH ?g { ent:a kg:meet ent:b }`` lists the articles saying a
fact, and ``DROP GRAPH art:x`` withdraws a source (see :func:`rdf_quads`, TriG, N-Quads).
Evidence nodes have IRIs derived from their content, so two builds of the same input give
the same triples and graph.ttl the same bytes.

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
>>> {str(q[3]) for q in rdf_quads(G) if q[1] == relation_iri("meet")}
{'https://w3id.org/kg-news/article/a1'}
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TextIO

import networkx as nx
from rdflib import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, BNode, Dataset, Graph, Literal, URIRef

from kg.vocab import (ART, ENTITY_CLASSES, FACT, KGV, PREFIXES, entity_iri, relation_iri,
                      relation_schema)

Quad = tuple  # (subject, predicate, object, graph IRI or None for the default graph)
NODE = "https://w3id.org/kg-news/node/"  # named blank nodes (see _skolemized)


def rdf_quads(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None = None) -> Iterator[Quad]:
    """Every triple of ``G`` with the graph it belongs to: the article's IRI, or None.

    ``mentions`` are mentions.tsv rows ``(article, start, end, surface, node)``; each
    article then also says ``art:a schema:mentions ent:x`` for the entities it names.
    """
    for article_id, meta in G.graph.get("articles", {}).items():
        article = ART[article_id]
        yield article, RDF.type, SDO.NewsArticle, article
        yield article, SDO.identifier, Literal(article_id), article
        if meta.get("title"):
            yield article, SDO.headline, Literal(meta["title"]), article
        if meta.get("date"):
            yield article, SDO.datePublished, date_literal(meta["date"]), article
        if meta.get("url"):
            yield article, SDO.url, URIRef(meta["url"]), article
    for article_id, node in sorted({(row[0], row[4]) for row in mentions or ()}):
        if node in G:
            yield ART[article_id], SDO.mentions, entity_iri(node), ART[article_id]
    for node, data in G.nodes(data=True):
        for s, p, o in _entity_triples(node, data):
            yield s, p, o, None
    for source, target, key, data in G.edges(keys=True, data=True):
        yield from _statement_quads(source, target, key, data)
    for relation in sorted({key for _, _, key in G.edges(keys=True)}):  # kg.vocab.relation_schema
        for triple in relation_schema(relation):
            yield (*triple, None)
    if G.graph.get("events"):
        from kg.events.rdf import add_events  # the event layer's triples (SEM + PROV-O)

        events = Graph()
        add_events(events, G.graph["events"])
        for triple in sorted(_skolemized(events)):
            yield (*triple, None)


def to_rdf(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None = None) -> Graph:
    """The RDF graph of ``G`` (the union of its per-article graphs)."""
    g = Graph(bind_namespaces="core")
    _bind(g)
    for s, p, o, _ in rdf_quads(G, mentions):
        g.add((s, p, o))
    return g


def to_dataset(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None = None) -> Dataset:
    """The RDF dataset of ``G``: one named graph per article plus the default graph."""
    ds = Dataset()
    _bind(ds)
    for s, p, o, graph in rdf_quads(G, mentions):
        ds.graph(graph).add((s, p, o)) if graph is not None else ds.add((s, p, o))
    return ds


def _bind(g: Graph) -> None:
    for prefix, namespace in PREFIXES.items():
        g.bind(prefix, namespace, replace=True)


def write_turtle(G: nx.MultiDiGraph, stream: TextIO) -> None:
    """Write ``G`` as Turtle: the union of its per-article graphs, each triple once, in
    sorted N-Triples order, so the same graph gives the same bytes however it was built.

    Oxigraph parses and serializes in compiled code; rdflib's Turtle serializer was the
    slowest stage of a build (16 s of 58 s on 200 articles).
    """
    import pyoxigraph as ox

    cache: dict = {}
    lines = sorted({f"{_nq(s, cache)} {_nq(p, cache)} {_nq(o, cache)} .\n" for s, p, o, _ in rdf_quads(G)})
    triples = ox.parse("".join(lines), format=ox.RdfFormat.N_TRIPLES)
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    stream.write(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes).decode("utf-8"))


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


def write_trig(G: nx.MultiDiGraph, stream: TextIO, mentions: Iterable[tuple] | None = None) -> None:
    """Write ``G`` as TriG, one named graph per article."""
    stream.write(to_dataset(G, mentions).serialize(format="trig"))


def write_nquads(G: nx.MultiDiGraph, stream: TextIO, mentions: Iterable[tuple] | None = None) -> None:
    """Write ``G`` as N-Quads (sorted lines), one named graph per article."""
    stream.writelines(sorted(set(nquads_lines(G, mentions))))


def nquads_lines(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None = None, *,
                 union_default: bool = False) -> Iterator[str]:
    """N-Quads lines of :func:`rdf_quads`; with ``union_default`` every triple of a named
    graph is also written to the default graph (how :mod:`kg.store` lays its store out).

    >>> next(nquads_lines(nx.MultiDiGraph(articles={"a": {}}))).split()[2:]
    ['<https://schema.org/NewsArticle>', '<https://w3id.org/kg-news/article/a>', '.']
    """
    cache: dict = {}
    for s, p, o, graph in rdf_quads(G, mentions):
        triple = f"{_nq(s, cache)} {_nq(p, cache)} {_nq(o, cache)}"
        if graph is None:
            yield triple + " .\n"
            continue
        yield f"{triple} {_nq(graph, cache)} .\n"
        if union_default:
            yield triple + " .\n"


_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in ' <>"{}|^`\\'})
_XSD_STRING = str(XSD.string)


def _nq(term, cache: dict) -> str:
    """A term in N-Triples syntax (IRIs cached: they repeat, literals mostly don't)."""
    if isinstance(term, Literal):
        text = f'"{str(term).translate(_LITERAL_ESCAPES)}"'
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^<{term.datatype}>"
        return text
    found = cache.get(term)
    if found is None:
        found = cache[term] = f"<{str(term).translate(_IRI_ESCAPES)}>"
    return found


def date_literal(date: str) -> Literal:
    """An xsd date literal with the precision of ``date`` (YYYY-MM-DD, YYYY-MM or YYYY).

    >>> date_literal("2019-10").datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(date), XSD.string)
    return Literal(date, datatype=datatype)


def statement_iri(source: str, relation: str, target: str) -> URIRef:
    """The IRI of the statement node of the fact ``source -relation-> target``."""
    return FACT[hashlib.sha1(f"{source}|{relation}|{target}".encode()).hexdigest()[:16]]


def _entity_triples(node: str, data: dict) -> Iterator[tuple]:
    iri = entity_iri(node)
    kind = data.get("type", "")
    yield iri, RDF.type, ENTITY_CLASSES.get(kind, SDO.Thing)
    yield iri, KGV.entityType, Literal(kind)
    yield iri, RDFS.label, Literal(data.get("label", node))
    for alias in data.get("aliases", []):
        if alias != data.get("label"):
            yield iri, SKOS.altLabel, Literal(alias)
    for same in data.get("same_as", []):
        yield iri, OWL.sameAs, URIRef(same)
    for predicate, other in data.get("related", []):
        term = getattr(KGV, predicate, None) if predicate in ("locatedIn", "nationality") else None
        yield iri, term or SKOS.related, entity_iri(other)
    if data.get("mentions"):
        yield iri, KGV.mentionCount, Literal(data["mentions"])


def _statement_quads(source: str, target: str, relation: str, data: dict) -> Iterator[Quad]:
    """The fact's quads: everything an article supports goes in that article's graph."""
    s, p, o = entity_iri(source), relation_iri(relation), entity_iri(target)
    evidence = data.get("evidence", [])
    statement = statement_iri(source, relation, target)
    yield statement, KGV.articleCount, Literal(len({e["article"] for e in evidence})), None
    for article_id in sorted({e["article"] for e in evidence}):
        graph = ART[article_id]
        if not all(e.get("negated") for e in evidence if e["article"] == article_id):
            yield s, p, o, graph
            if data.get("symmetric"):  # owl:SymmetricProperty, stated both ways for plain queries
                yield o, p, s, graph
        for triple in ((statement, RDF.type, KGV.Statement), (statement, RDF.type, RDF.Statement),
                       (statement, RDF.subject, s), (statement, RDF.predicate, p),
                       (statement, RDF.object, o), (statement, KGV.relation, Literal(relation)),
                       (statement, PROV.wasDerivedFrom, graph)):
            yield (*triple, graph)
    for item in evidence:
        graph = ART[item["article"]]
        node = _evidence_iri(statement, item)
        yield statement, KGV.evidence, node, graph
        for s2, p2, o2 in _evidence_triples(node, item):
            yield s2, p2, o2, graph


def _skolemized(g: Graph) -> set[tuple]:
    """``g``'s triples with each blank node replaced by an IRI made from what it holds and
    who points to it, so the same content always gets the same name (stable bytes, and
    N-Quads with no blank node labels to keep apart).

    >>> from rdflib import BNode; g = Graph(); b = BNode()
    >>> _ = g.add((ART.a, KGV.evidence, b)).add((b, KGV.start, Literal(3)))
    >>> sorted(str(t[0]) for t in _skolemized(g))[1].startswith("https://w3id.org/kg-news/node/")
    True
    """
    names: dict = {}
    for node in {t for triple in g for t in triple if isinstance(t, BNode)}:
        key = sorted(f"{s.n3()}|{p.n3()}" for s, p in g.subject_predicates(node)) + \
            sorted(f"{p.n3()}|{o.n3()}" for p, o in g.predicate_objects(node) if not isinstance(o, BNode))
        names[node] = URIRef(NODE + hashlib.sha1("\n".join(key).encode()).hexdigest()[:20])
    return {tuple(names.get(t, t) for t in triple) for triple in g}


def _evidence_iri(statement: URIRef, item: dict) -> URIRef:
    key = f"{item['article']}|{item['start']}|{item.get('predicate')}|{bool(item.get('negated'))}"
    return URIRef(f"{statement}-{hashlib.sha1(key.encode()).hexdigest()[:12]}")


def _evidence_triples(node: URIRef, item: dict) -> Iterator[tuple]:
    yield node, RDF.type, KGV.Evidence
    yield node, PROV.wasDerivedFrom, ART[item["article"]]
    yield node, KGV.sentence, Literal(item["sentence"])
    yield node, KGV.start, Literal(item["start"])
    yield node, KGV.end, Literal(item["end"])
    yield node, KGV.negated, Literal(bool(item.get("negated")))
    for key, term in (("predicate", KGV.predicate), ("modality", KGV.modality),
                      ("attribution", KGV.attributedTo), ("place", KGV.place),
                      ("date_source", KGV.dateSource), ("pattern", KGV.pattern),
                      ("date_precision", KGV.datePrecision), ("role", KGV.role)):
        if item.get(key):
            yield node, term, Literal(item[key])
    if item.get("date"):
        yield node, KGV.date, date_literal(item["date"])
    if item.get("confidence") is not None:
        yield node, KGV.confidence, Literal(float(item["confidence"]))


def write_jsonld(G: nx.MultiDiGraph, stream: TextIO, mentions: Iterable[tuple] | None = None) -> None:
    """Write ``G`` as JSON-LD with kg's prefixes as its ``@context``, one named graph per article."""
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    stream.write(to_dataset(G, mentions).serialize(format="json-ld", context=context, indent=1))
