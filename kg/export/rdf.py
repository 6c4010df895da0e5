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
import re
from functools import cache, partial
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import TextIO

import networkx as nx
from rdflib import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Dataset, Graph, Literal, URIRef

from kg.vocab import (ART, ENTITY_CLASSES, FACT, KGV, PREFIXES, entity_iri, relation_iri,
                      relation_schema)

Quad = tuple  # (subject, predicate, object, graph IRI or None for the default graph)

# The quads are made of plain Python values and only then turned into rdflib terms or N-Quads
# text: building an rdflib term costs microseconds, and a million-triple store needs millions.
# An IRI is a str; a literal is a (lexical form, datatype IRI | "@lang" | None) tuple.
_ART, _ENT, _FACT = str(ART[""]), str(entity_iri("")), str(FACT[""])
_A, _SUBJECT, _PREDICATE, _OBJECT, _STATEMENT = map(str, (RDF.type, RDF.subject, RDF.predicate,
                                                           RDF.object, RDF.Statement))
_LABEL, _ALT, _SAME, _RELATED = map(str, (RDFS.label, SKOS.altLabel, OWL.sameAs, SKOS.related))
_DERIVED, _NEWS, _ID, _HEADLINE, _PUBLISHED, _URL, _MENTIONS = map(str, (
    PROV.wasDerivedFrom, SDO.NewsArticle, SDO.identifier, SDO.headline, SDO.datePublished,
    SDO.url, SDO.mentions))
_V = {name: str(getattr(KGV, name)) for name in (
    "Statement", "Evidence", "entityType", "relation", "evidence", "sentence", "start", "end",
    "predicate", "date", "dateSource", "datePrecision", "role", "negated", "modality",
    "attributedTo", "place", "confidence", "pattern", "articleCount", "locatedIn", "nationality",
    "mentionCount", "factCount")}
_CLASSES = {kind: str(iri) for kind, iri in ENTITY_CLASSES.items()}
_THING = str(SDO.Thing)
_XSD_STRING, _INTEGER, _DOUBLE, _BOOLEAN = map(str, (XSD.string, XSD.integer, XSD.double, XSD.boolean))
_DATES = {10: str(XSD.date), 7: str(XSD.gYearMonth), 4: str(XSD.gYear)}
_TRUE, _FALSE = ("true", _BOOLEAN), ("false", _BOOLEAN)
_EVIDENCE_TEXT = (("predicate", "predicate"), ("modality", "modality"), ("attribution", "attributedTo"),
                  ("place", "place"), ("date_source", "dateSource"), ("pattern", "pattern"),
                  ("date_precision", "datePrecision"), ("role", "role"))


def _literal(value) -> tuple:
    """A literal as rdflib's ``Literal(value)`` types it.

    >>> _literal(3), _literal(True), _literal(0.5), _literal("x")
    (('3', 'http://www.w3.org/2001/XMLSchema#integer'), ('true', 'http://www.w3.org/2001/XMLSchema#boolean'), ('0.5', 'http://www.w3.org/2001/XMLSchema#double'), ('x', None))
    """
    if value is True or value is False:
        return _TRUE if value else _FALSE
    if isinstance(value, int):
        return str(value), _INTEGER
    if isinstance(value, float):
        return repr(value), _DOUBLE
    return str(value), None


def _date(date: str) -> tuple:
    return date, _DATES.get(len(date))


def raw_quads(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None = None) -> Iterator[Quad]:
    """Every quad of ``G`` (see :func:`rdf_quads`) in plain values: IRIs as str, literals as
    (lexical form, datatype) tuples.

    >>> next(raw_quads(nx.MultiDiGraph(articles={"a": {}})))[1:3]
    ('http://www.w3.org/1999/02/22-rdf-syntax-ns#type', 'https://schema.org/NewsArticle')
    """
    for article_id, meta in G.graph.get("articles", {}).items():
        yield from _article_quads(article_id, meta)
    yield from mention_quads(G, mentions)
    facts = _fact_counts(G)
    for node, data in G.nodes(data=True):
        for s, p, o in _entity_triples(node, data):
            yield s, p, o, None
        if facts.get(node) and data.get("type") != "CONCEPT":
            yield _ENT + node, _V["factCount"], _literal(facts[node]), None
    for source, target, key, data in G.edges(keys=True, data=True):
        yield from _statement_quads(source, target, key, data)
    for relation in sorted({key for _, _, key in G.edges(keys=True)}):  # kg.vocab.relation_schema
        for triple in relation_schema(relation):
            yield (*map(_from_rdflib, triple), None)
    if G.graph.get("events"):
        for triple in _event_triples(G.graph["events"]):
            yield (*triple, None)


def quad_pieces(G: nx.MultiDiGraph) -> Iterator[tuple[tuple, object, Callable[[], Iterable[Quad]]]]:
    """:func:`raw_quads` without the mentions, cut into pieces that each depend on one part
    of ``G`` only: ``(key, material, make)``, where ``make()`` gives the piece's quads and
    ``material`` (plain JSON values) is everything they are made from. So a piece whose
    material is unchanged has unchanged quads, and an update renders only the pieces it
    changed (:mod:`kg.export.quadcache`). The pieces' quads together are :func:`raw_quads`'s
    (as a set: tested).

    >>> [key for key, _, _ in quad_pieces(nx.MultiDiGraph(articles={"a": {}}))]
    [('article', 'a'), ('relations',)]
    """
    for article_id, meta in G.graph.get("articles", {}).items():
        yield ("article", article_id), meta, lambda a=article_id, m=meta: _article_quads(a, m)
    facts = _fact_counts(G)
    for node, data in G.nodes(data=True):
        count = facts.get(node) if data.get("type") != "CONCEPT" else None
        yield ("node", node), (data, count), lambda n=node, d=data, c=count: _node_quads(n, d, c)
    for source, target, key, data in G.edges(keys=True, data=True):
        yield ("edge", source, target, key), data, \
            lambda s=source, t=target, k=key, d=data: _statement_quads(s, t, k, d)
    relations = sorted({key for _, _, key in G.edges(keys=True)})
    yield ("relations",), relations, lambda r=relations: _relation_quads(r)
    for event in G.graph.get("events") or ():  # add_events writes each event on its own
        yield ("event", event["id"]), event, \
            lambda e=event: ((*triple, None) for triple in _event_triples([e]))


def _article_quads(article_id: str, meta: dict) -> Iterator[Quad]:
    article = _ART + article_id
    yield article, _A, _NEWS, article
    yield article, _ID, (article_id, None), article
    if meta.get("title"):
        yield article, _HEADLINE, (meta["title"], None), article
    if meta.get("date"):
        yield article, _PUBLISHED, _date(meta["date"]), article
    if meta.get("url"):
        yield article, _URL, meta["url"], article


def _node_quads(node: str, data: dict, fact_count: int | None) -> Iterator[Quad]:
    for s, p, o in _entity_triples(node, data):
        yield s, p, o, None
    if fact_count:
        yield _ENT + node, _V["factCount"], _literal(fact_count), None


def _relation_quads(relations: list[str]) -> Iterator[Quad]:
    for relation in relations:  # kg.vocab.relation_schema
        for triple in relation_schema(relation):
            yield (*map(_from_rdflib, triple), None)


def _fact_counts(G: nx.MultiDiGraph) -> dict[str, int]:
    """How many distinct facts (statements) each entity is the subject or object of: the
    ``connected`` query's figure, stored (on named entities, not concepts) so that it reads
    one triple per entity instead of grouping every statement of the graph (0.45 s at a
    million triples) and needs no type lookup to leave concepts out.

    >>> G = nx.MultiDiGraph(); G.add_edge("a", "b", key="meet", evidence=[{}])
    'meet'
    >>> G.add_edge("a", "a", key="praise", evidence=[{}]); sorted(_fact_counts(G).items())
    'praise'
    [('a', 2), ('b', 1)]
    """
    counts: dict[str, int] = {}
    for source, target, data in G.edges(data=True):
        if data.get("evidence"):  # a statement exists for each fact with evidence
            for node in {source, target}:
                counts[node] = counts.get(node, 0) + 1
    return counts


def mention_quads(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None) -> Iterator[Quad]:
    """``art:a schema:mentions ent:x`` for each entity of ``G`` an article names, in its graph."""
    for article_id, node in sorted({(row[0], row[4]) for row in mentions or ()}):
        if node in G:
            yield _ART + article_id, _MENTIONS, _ENT + node, _ART + article_id


def rendered_quads(quads: Iterable[Quad], cache: dict | None = None) -> list[tuple[str, str | None]]:
    """``(triple, graph)`` in N-Triples syntax for raw quads (graph None: the default graph).
    A save renders ``G``'s quads once for both graph.ttl and the store. ``cache`` holds the
    IRIs rendered so far (:func:`_nq`); a save passes one for all its pieces.

    >>> rendered_quads([("http://a", "http://b", ("c", None), None)])
    [('<http://a> <http://b> "c"', None)]
    """
    if cache is None:
        cache = {}
    return [(f"{_nq(s, cache)} {_nq(p, cache)} {_nq(o, cache)}", None if g is None else _nq(g, cache))
            for s, p, o, g in quads]


def rdf_quads(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None = None) -> Iterator[Quad]:
    """Every triple of ``G`` as rdflib terms, with the graph it belongs to: the article's
    IRI, or None for the default graph.

    ``mentions`` are mentions.tsv rows ``(article, start, end, surface, node)``; each
    article then also says ``art:a schema:mentions ent:x`` for the entities it names.
    """
    term = partial(to_rdflib, iris={})
    for s, p, o, graph in raw_quads(G, mentions):
        yield term(s), term(p), term(o), None if graph is None else term(graph)


def to_rdflib(value, iris: dict | None = None):
    """A raw term as an rdflib term; ``iris`` caches the IRIs made so far (they repeat).

    >>> to_rdflib(("3", _INTEGER)).toPython(), to_rdflib("http://x.org/a")
    (3, rdflib.term.URIRef('http://x.org/a'))
    """
    if type(value) is str:
        if iris is None:
            return URIRef(value)
        found = iris.get(value)
        if found is None:
            found = iris[value] = URIRef(value)
        return found
    lexical, kind = value
    if kind is None:
        return Literal(lexical)
    if kind[0] == "@":
        return Literal(lexical, lang=kind[1:])
    return Literal(lexical, datatype=to_rdflib(kind, iris))


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


def write_turtle(G: nx.MultiDiGraph, stream: TextIO, *,
                 rendered: list[tuple[str, str | None]] | None = None) -> None:
    """Write ``G`` as Turtle: the union of its per-article graphs, each triple once, in
    sorted N-Triples order, so the same graph gives the same bytes however it was built
    (:mod:`kg.export.turtle`).
    """
    from kg.export.turtle import turtle_text

    if rendered is None:  # G's quads as rendered_quads(raw_quads(G)) gives them
        rendered = rendered_quads(raw_quads(G))
    stream.write(turtle_text(sorted({triple for triple, _ in rendered})))


def write_trig(G: nx.MultiDiGraph, stream: TextIO, mentions: Iterable[tuple] | None = None) -> None:
    """Write ``G`` as TriG, one named graph per article."""
    stream.write(to_dataset(G, mentions).serialize(format="trig"))


def write_nquads(G: nx.MultiDiGraph, stream: TextIO, mentions: Iterable[tuple] | None = None) -> None:
    """Write ``G`` as N-Quads (sorted lines), one named graph per article."""
    stream.writelines(sorted(set(nquads_lines(G, mentions))))


def nquads_lines(G: nx.MultiDiGraph, mentions: Iterable[tuple] | None = None, *,
                 union_default: bool = False,
                 rendered: list[tuple[str, str | None]] | None = None) -> Iterator[str]:
    """N-Quads lines of :func:`rdf_quads`; with ``union_default`` every triple of a named
    graph is also written to the default graph (how :mod:`kg.store` lays its store out).

    >>> next(nquads_lines(nx.MultiDiGraph(articles={"a": {}}))).split()[2:]
    ['<https://schema.org/NewsArticle>', '<https://w3id.org/kg-news/article/a>', '.']
    """
    if rendered is None:
        quads = rendered_quads(raw_quads(G, mentions))
    else:  # G's quads rendered already (without mentions): add the mentions' quads
        quads = chain(rendered, rendered_quads(mention_quads(G, mentions)))
    for triple, graph in quads:
        if graph is None:
            yield triple + " .\n"
            continue
        yield f"{triple} {graph} .\n"
        if union_default:
            yield triple + " .\n"


_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI_ESCAPES = str.maketrans({c: f"%{ord(c):02X}" for c in ' <>"{}|^`\\'})
_IRI_ESCAPED = re.compile(r'[ <>"{}|^`\\]')


def _nq(term, cache: dict) -> str:
    """A raw term in N-Triples syntax (IRIs cached: they repeat, literals mostly don't).

    >>> _nq(("say \\"hi\\"", None), {}), _nq(("3", _INTEGER), {}), _nq("http://x.org/a b", {})
    ('"say \\\\"hi\\\\""', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>', '<http://x.org/a%20b>')
    """
    if type(term) is str:
        found = cache.get(term)
        if found is None:  # most IRIs need no escape, and a search finds that fast
            found = cache[term] = f"<{term.translate(_IRI_ESCAPES) if _IRI_ESCAPED.search(term) else term}>"
        return found
    lexical, kind = term
    if "\\" in lexical or '"' in lexical or "\n" in lexical or "\r" in lexical:
        lexical = lexical.translate(_LITERAL_ESCAPES)  # rare: four scans cost less than a translate
    text = f'"{lexical}"'
    if kind is None or kind == _XSD_STRING:
        return text
    if kind[0] == "@":
        return text + kind
    return f"{text}^^{_nq(kind, cache)}"


def _from_rdflib(term):
    """An rdflib term as a raw one (blank nodes must have been skolemized first)."""
    if isinstance(term, Literal):
        kind = f"@{term.language}" if term.language else (str(term.datatype) if term.datatype else None)
        return str(term), kind
    return str(term)


def date_literal(date: str) -> Literal:
    """An xsd date literal with the precision of ``date`` (YYYY-MM-DD, YYYY-MM or YYYY).

    >>> date_literal("2019-10").datatype
    rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#gYearMonth')
    """
    datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}.get(len(date), XSD.string)
    return Literal(date, datatype=datatype)


def statement_iri(source: str, relation: str, target: str) -> URIRef:
    """The IRI of the statement node of the fact ``source -relation-> target``."""
    return URIRef(_statement(source, relation, target))


@cache
def _relation(lemma: str) -> str:
    return str(relation_iri(lemma))


def _statement(source: str, relation: str, target: str) -> str:
    return _FACT + hashlib.sha1(f"{source}|{relation}|{target}".encode()).hexdigest()[:16]


def _entity_triples(node: str, data: dict) -> Iterator[tuple]:
    iri = _ENT + node
    kind = data.get("type", "")
    label = data.get("label", node)
    yield iri, _A, _CLASSES.get(kind, _THING)
    yield iri, _V["entityType"], (kind, None)
    yield iri, _LABEL, (label, None)
    for alias in data.get("aliases", []):
        if alias != label:
            yield iri, _ALT, (alias, None)
    for same in data.get("same_as", []):
        yield iri, _SAME, same
    for predicate, other in data.get("related", []):
        term = _V[predicate] if predicate in ("locatedIn", "nationality") else _RELATED
        yield iri, term, _ENT + other
    if data.get("mentions"):
        yield iri, _V["mentionCount"], _literal(data["mentions"])


def _statement_quads(source: str, target: str, relation: str, data: dict) -> Iterator[Quad]:
    """The fact's quads: everything an article supports goes in that article's graph."""
    s, p, o = _ENT + source, _relation(relation), _ENT + target
    evidence = data.get("evidence", [])
    statement = _statement(source, relation, target)
    articles = sorted({e["article"] for e in evidence})
    yield statement, _V["articleCount"], _literal(len(articles)), None
    for article_id in articles:
        graph = _ART + article_id
        if not all(e.get("negated") for e in evidence if e["article"] == article_id):
            yield s, p, o, graph
            if data.get("symmetric"):  # owl:SymmetricProperty, stated both ways for plain queries
                yield o, p, s, graph
        for triple in ((statement, _A, _V["Statement"]), (statement, _A, _STATEMENT),
                       (statement, _SUBJECT, s), (statement, _PREDICATE, p),
                       (statement, _OBJECT, o), (statement, _V["relation"], (relation, None)),
                       (statement, _DERIVED, graph)):
            yield (*triple, graph)
    for item in evidence:
        graph = _ART + item["article"]
        node = _evidence_iri(statement, item)
        yield statement, _V["evidence"], node, graph
        for s2, p2, o2 in _evidence_triples(node, item, graph):
            yield s2, p2, o2, graph


def _event_triples(events: list[dict]) -> set[tuple]:
    """The event layer's triples (:mod:`kg.events.rdf`, SEM + PROV-O) as raw terms."""
    from kg.events.rdf import event_triples

    return set(event_triples(events))


def _evidence_iri(statement: str, item: dict) -> str:
    key = f"{item['article']}|{item['start']}|{item.get('predicate')}|{bool(item.get('negated'))}"
    return f"{statement}-{hashlib.sha1(key.encode()).hexdigest()[:12]}"


def _evidence_triples(node: str, item: dict, article: str) -> Iterator[tuple]:
    yield node, _A, _V["Evidence"]
    yield node, _DERIVED, article
    yield node, _V["sentence"], (item["sentence"], None)
    yield node, _V["start"], _literal(item["start"])
    yield node, _V["end"], _literal(item["end"])
    yield node, _V["negated"], _TRUE if item.get("negated") else _FALSE
    for key, name in _EVIDENCE_TEXT:
        if item.get(key):
            yield node, _V[name], (str(item[key]), None)
    if item.get("date"):
        yield node, _V["date"], _date(item["date"])
    if item.get("confidence") is not None:
        yield node, _V["confidence"], _literal(float(item["confidence"]))


def write_jsonld(G: nx.MultiDiGraph, stream: TextIO, mentions: Iterable[tuple] | None = None) -> None:
    """Write ``G`` as JSON-LD with kg's prefixes as its ``@context``, one named graph per article."""
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    stream.write(to_dataset(G, mentions).serialize(format="json-ld", context=context, indent=1))
