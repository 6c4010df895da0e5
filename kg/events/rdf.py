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
>>> g = Graph(); add_events(g, [{"id": "event-meet-1", "type": "meet", "label": "meet: A, B",
...     "participants": [{"id": "a", "role": "partner"}], "place": None, "date": "2020-03-05",
...     "date_range": ["2020-03-05", "2020-03-05"], "status": "planned", "conflict": False,
...     "sources": ["x.example"], "reports": [{"article": "a1"}], "mentions": []}])
>>> (EV["event-meet-1"], SEM.hasActor, entity_iri("a")) in g
True
"""

from __future__ import annotations

from rdflib import PROV, RDF, RDFS, Graph, Literal

from kg.export.rdf import date_literal
from kg.vocab import ART, EV, KGE, KGV, SEM, entity_iri, relation_iri


def add_events(g: Graph, events: list[dict]) -> None:
    """Add the triples of ``events`` (graph.json's ``events`` list) to ``g``."""
    for event in events:
        iri = EV[event["id"]]
        g.add((iri, RDF.type, SEM.Event))
        g.add((iri, RDFS.label, Literal(event["label"])))
        g.add((iri, SEM.eventType, relation_iri(event["type"])))
        g.add((iri, KGV.relation, Literal(event["type"])))
        for participant in event["participants"]:
            actor = entity_iri(participant["id"])
            g.add((iri, SEM.hasActor, actor))
            role = EV[f"{event['id']}/participant/{participant['id']}"]
            g.add((iri, KGE.participant, role))
            g.add((role, RDF.value, actor))
            g.add((role, KGE.role, Literal(participant["role"])))
        if event.get("place"):
            g.add((iri, SEM.hasPlace, entity_iri(event["place"]["id"])))
        date, (lo, hi) = event.get("date"), event.get("date_range") or (None, None)
        if date and len(date) in (4, 7, 10) and not date.startswith("--"):
            g.add((iri, SEM.hasTimeStamp, date_literal(date)))
        if lo:
            g.add((iri, SEM.hasBeginTimeStamp, date_literal(lo)))
        if hi:
            g.add((iri, SEM.hasEndTimeStamp, date_literal(hi)))
        g.add((iri, KGE.status, Literal(event["status"])))
        g.add((iri, KGE.conflict, Literal(bool(event["conflict"]))))
        g.add((iri, KGE.sourceCount, Literal(len(event["sources"]))))
        for source in event["sources"]:
            g.add((iri, KGE.source, Literal(source)))
        for report in event["reports"]:
            g.add((iri, PROV.wasDerivedFrom, ART[report["article"]]))
        for m in event["mentions"]:
            node = EV[f"{event['id']}/mention/{m['article']}/{m['start']}-{m['end']}"]
            g.add((iri, KGE.mention, node))
            g.add((node, PROV.wasDerivedFrom, ART[m["article"]]))
            g.add((node, KGE.trigger, Literal(m["trigger"])))
            g.add((node, KGV.start, Literal(m["start"])))
            g.add((node, KGV.end, Literal(m["end"])))
            if m.get("status"):
                g.add((node, KGE.status, Literal(m["status"])))
            if m.get("sentence"):
                g.add((node, KGV.sentence, Literal(m["sentence"])))
