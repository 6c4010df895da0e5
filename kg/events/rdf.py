"""Events in RDF: the Simple Event Model (SEM) with PROV-O links to the reporting articles.

Each event is a ``sem:Event`` (``ev:<id>``) with ``rdfs:label``, ``sem:eventType`` (the
relation IRI, ``kg:meet``), ``sem:hasActor`` each participant (and a ``kge:participant`` node
giving its role), ``sem:hasPlace``, ``sem:hasTimeStamp`` when the date is a day, month or year
(``xsd:date``/``gYearMonth``/``gYear``) plus ``sem:hasBeginTimeStamp``/``sem:hasEndTimeStamp``
for its range, ``kge:status``, ``kge:conflict``, ``kge:sourceCount``; ``prov:wasDerivedFrom``
every reporting article, and one ``kge:mention`` node per mention (trigger, offsets, status).
Participant and mention nodes are IRIs under the event's (``ev:<id>/mention/<article>/<start>-<end>``),
not blank nodes, so graph.ttl is the same bytes for the same input.

>>> from rdflib import Graph
>>> from kg.vocab import entity_iri
>>> g = Graph(); add_events(g, [{"id": "event-meet-1", "type": "meet", "label": "meet: A, B",
...     "participants": [{"id": "a", "role": "partner"}], "place": None, "date": "2020-03-05",
...     "date_range": ["2020-03-05", "2020-03-05"], "status": "planned", "conflict": False,
...     "sources": ["x.example"], "reports": [{"article": "a1"}], "mentions": []}])
>>> (EV["event-meet-1"], SEM.hasActor, entity_iri("a")) in g
True
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import RDF, Graph

from kg.export.rdf import _A, _ART, _DATES, _DERIVED, _ENT, _LABEL, _V, _XSD_STRING, _literal, to_rdflib
from kg.vocab import EV, KGE, SEM, relation_iri

# Raw terms (kg.export.rdf): an IRI is a str, a literal a (lexical form, datatype) tuple.
# Made as plain strings because an rdflib term costs microseconds and a big graph's events
# have hundreds of thousands; rdflib Graphs get them through :func:`add_events`.
_VALUE = str(RDF.value)
_EVENT, _ACTOR, _TYPE, _PLACE = str(SEM.Event), str(SEM.hasActor), str(SEM.eventType), str(SEM.hasPlace)
_STAMP, _BEGIN, _END = str(SEM.hasTimeStamp), str(SEM.hasBeginTimeStamp), str(SEM.hasEndTimeStamp)
_E = {name: str(KGE[name]) for name in ("participant", "role", "status", "conflict", "sourceCount",
                                         "source", "mention", "trigger")}
_EV = str(EV[""])


def _date(date: str) -> tuple:
    """As :func:`kg.export.rdf.date_literal`: the datatype of the date's precision."""
    return date, _DATES.get(len(date), _XSD_STRING)


def event_triples(events: list[dict]) -> Iterator[tuple]:
    """The triples of ``events`` (graph.json's ``events`` list) in raw terms.

    >>> ev = {"id": "e1", "type": "meet", "label": "meet", "participants": [], "status": "planned",
    ...       "conflict": False, "sources": [], "reports": [{"article": "a1"}], "mentions": []}
    >>> [t[1].rsplit("/", 1)[-1] for t in event_triples([ev])][-1]
    'prov#wasDerivedFrom'
    """
    for event in events:
        iri = _EV + event["id"]
        yield iri, _A, _EVENT
        yield iri, _LABEL, _literal(event["label"])
        yield iri, _TYPE, str(relation_iri(event["type"]))
        yield iri, _V["relation"], _literal(event["type"])
        for participant in event["participants"]:
            actor = _ENT + participant["id"]
            yield iri, _ACTOR, actor
            role = f"{iri}/participant/{participant['id']}"
            yield iri, _E["participant"], role
            yield role, _VALUE, actor
            yield role, _E["role"], _literal(participant["role"])
        if event.get("place"):
            yield iri, _PLACE, _ENT + event["place"]["id"]
        date, (lo, hi) = event.get("date"), event.get("date_range") or (None, None)
        if date and len(date) in (4, 7, 10) and not date.startswith("--"):
            yield iri, _STAMP, _date(date)
        if lo:
            yield iri, _BEGIN, _date(lo)
        if hi:
            yield iri, _END, _date(hi)
        yield iri, _E["status"], _literal(event["status"])
        yield iri, _E["conflict"], _literal(bool(event["conflict"]))
        yield iri, _E["sourceCount"], _literal(len(event["sources"]))
        for source in event["sources"]:
            yield iri, _E["source"], _literal(source)
        for report in event["reports"]:
            yield iri, _DERIVED, _ART + report["article"]
        for m in event["mentions"]:
            node = f"{iri}/mention/{m['article']}/{m['start']}-{m['end']}"
            yield iri, _E["mention"], node
            yield node, _DERIVED, _ART + m["article"]
            yield node, _E["trigger"], _literal(m["trigger"])
            yield node, _V["start"], _literal(m["start"])
            yield node, _V["end"], _literal(m["end"])
            if m.get("status"):
                yield node, _E["status"], _literal(m["status"])
            if m.get("sentence"):
                yield node, _V["sentence"], _literal(m["sentence"])


def add_events(g: Graph, events: list[dict]) -> None:
    """Add the triples of ``events`` (graph.json's ``events`` list) to ``g``."""
    for triple in event_triples(events):
        g.add(tuple(map(to_rdflib, triple)))
