"""kg's RDF vocabulary: namespaces, schema terms and relation IRIs.

Relations are an open set of lemmas, minted by :func:`relation_iri` in the ``kg:`` namespace
(``kg:meet``); schema terms live in ``kgv:`` and reject typos. Everything else reuses standard
vocabularies: schema.org types, ``rdfs:label``/``skos:altLabel``, PROV-O, ``xsd`` dates.

>>> relation_iri("meet")
rdflib.term.URIRef('https://w3id.org/kg-news/relation/meet')
>>> KGV.Statement
rdflib.term.URIRef('https://w3id.org/kg-news/vocab#Statement')
"""

from __future__ import annotations

import re

from rdflib import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/kg-news/"
WDT = Namespace("http://www.wikidata.org/prop/direct/")
KG = Namespace(BASE + "relation/")
ENT = Namespace(BASE + "entity/")
ART = Namespace(BASE + "article/")
FACT = Namespace(BASE + "fact/")
EV = Namespace(BASE + "event/")  # events (kg.events.rdf)
KGE = Namespace(BASE + "event-vocab#")  # event terms: status, conflict, sourceCount, mention, trigger, role ...
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")  # the Simple Event Model


class KGV(DefinedNamespace):
    """kg's own schema terms."""

    _fail = True
    _NS = Namespace(BASE + "vocab#")

    Statement: URIRef  # a fact as a node: rdf:subject/predicate/object plus its evidence
    Evidence: URIRef  # one sentence of one article supporting a statement
    Concept: URIRef  # a node named by a noun, not by a named entity
    Group: URIRef  # a nationality, religious or political group (spaCy's NORP)
    entityType: URIRef  # spaCy entity label, e.g. "PERSON"
    relation: URIRef  # the relation lemma as a string, e.g. "meet"
    evidence: URIRef  # statement -> evidence
    sentence: URIRef
    start: URIRef  # character offset of the sentence in the article text
    end: URIRef
    predicate: URIRef  # surface predicate, e.g. "is set to meet with"
    date: URIRef  # date of the event (xsd:date, gYearMonth or gYear)
    dateSource: URIRef  # "text" when the sentence names the date, "article" otherwise
    datePrecision: URIRef  # "day", "month" or "year"
    role: URIRef  # the title stating a typed relation, e.g. "president"
    negated: URIRef
    modality: URIRef
    attributedTo: URIRef  # speaker of reported speech, as written
    place: URIRef
    confidence: URIRef
    pattern: URIRef
    articleCount: URIRef  # number of distinct articles supporting a statement
    locatedIn: URIRef
    nationality: URIRef
    mentionCount: URIRef
    factCount: URIRef  # distinct facts a named entity (not a concept) is the subject or object of


PREFIXES = {"kg": KG, "kgv": KGV._NS, "ent": ENT, "art": ART, "fact": FACT, "ev": EV, "kge": KGE, "sem": SEM, "schema": SDO,
            "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "prov": PROV, "xsd": XSD, "owl": OWL,
            "wdt": WDT}
"""Prefixes bound in graph.ttl and pre-declared for every query."""

ENTITY_CLASSES = {
    "PERSON": SDO.Person, "ORG": SDO.Organization, "GPE": SDO.Place, "LOC": SDO.Place,
    "FAC": SDO.Place, "EVENT": SDO.Event, "PRODUCT": SDO.Product,
    "WORK_OF_ART": SDO.CreativeWork, "LAW": SDO.Legislation, "NORP": KGV.Group,
    "CONCEPT": KGV.Concept,
}

_LOCAL_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")


def relation_iri(lemma: str) -> URIRef:
    """``kg:<lemma>``; raises ValueError for a lemma that isn't a plain lower-case name."""
    if not _LOCAL_NAME.match(lemma):
        raise ValueError(f"relation lemma {lemma!r} is not a valid local name")
    return KG[lemma]


def entity_iri(node_id: str) -> URIRef:
    """IRI of a graph node."""
    return ENT[node_id]


def relation_schema(lemma: str) -> list[tuple[URIRef, URIRef, object]]:
    """RDF schema triples of a relation from :mod:`kg.extract.relation_table`: an
    ``owl:ObjectProperty`` with its label, ``owl:SymmetricProperty`` when it has no direction,
    ``rdfs:subPropertyOf`` its Wikidata property. An open lemma gets only the first.

    >>> (KG.meet, RDF.type, OWL.SymmetricProperty) in relation_schema("meet")
    True
    >>> (KG.work_for, RDFS.subPropertyOf, WDT.P108) in relation_schema("work_for")
    True
    """
    from rdflib import Literal

    from kg.extract.relation_table import RELATION_TYPES

    iri = relation_iri(lemma)
    out: list[tuple[URIRef, URIRef, object]] = [(iri, RDF.type, OWL.ObjectProperty)]
    kind = RELATION_TYPES.get(lemma)
    if kind is None:
        return out
    if kind.label:
        out.append((iri, RDFS.label, Literal(kind.label, lang="en")))
    if kind.symmetric:
        out.append((iri, RDF.type, OWL.SymmetricProperty))
    if kind.wikidata:
        out.append((iri, RDFS.subPropertyOf, WDT[kind.wikidata]))
    if kind.wikidata_inverse:
        out.append((iri, OWL.inverseOf, WDT[kind.wikidata_inverse]))
    return out
