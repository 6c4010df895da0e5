"""Entity and fact rows: the graph as plain dicts, filtered by name, relation and date.

Flat functions over the networkx graph that :meth:`kg.KnowledgeGraph.to_networkx` returns, so
they also work on a graph read back from graph.json; ``KnowledgeGraph.entities``, ``.entity``
and ``.facts`` call them. A name that matches no entity, or a relation no fact has, raises
:class:`~kg.errors.KgError` with the nearest names instead of returning an empty list that
looks like "no such fact".

>>> G = _example_graph()
>>> [(f["subject"], f["object"], f["dates"]) for f in fact_rows(G, subject="Putin")]
[('Vladimir Putin', 'Recep Tayyip Erdoğan', ['2020-03-05'])]
>>> fact_rows(G, subject="Zorro")
Traceback (most recent call last):
...
kg.errors.KgError: no entity named 'Zorro'
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable

import networkx as nx

from kg.errors import BAD_DATE, NO_ENTITY, NO_RELATION, KgError
from kg.resolve.names import fold

__all__ = ["entity_rows", "find_entity", "fact_rows", "as_date"]

_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_PRECISION = {"year": 4, "month": 7, "day": 10}  # ISO prefix length kept for each period
_SUGGESTIONS = 3


def entity_rows(G: nx.MultiDiGraph, *, type: str | None = None, concepts: bool = True) -> list[dict]:
    """Entities (``id``, ``label``, ``type``, ``aliases``, ``facts``, ``mentions``), most
    connected first; ``type`` is a spaCy label such as ``PERSON`` or ``GPE``, in any case;
    ``concepts=False`` leaves out concept nodes (nouns such as "talks" standing for no entity).

    >>> G = _example_graph()
    >>> [(e["id"], e["facts"]) for e in entity_rows(G, type="person")]
    [('erdogan', 1), ('putin', 1)]
    >>> [e["id"] for e in entity_rows(G, concepts=False)]
    ['erdogan', 'putin', 'turkey']
    """
    rows = [{"id": n, "label": d.get("label", n), "type": d.get("type"),
             "aliases": d.get("aliases", []), "facts": G.degree(n), "mentions": d.get("mentions", 0)}
            for n, d in G.nodes(data=True)
            if (type is None or d.get("type") == type.upper())
            and (concepts or d.get("type") != "CONCEPT")]
    return sorted(rows, key=lambda r: (-r["facts"], -r["mentions"], r["id"]))


def find_entity(G: nx.MultiDiGraph, name: str, *, type: str | None = None) -> dict:
    """The most connected entity whose id, label or alias is ``name`` (case and accents
    ignored; a country by any of its names, so ``Türkiye`` finds ``Turkey``), as a row of
    :func:`entity_rows`; its ``id`` is the networkx node.

    Raises:
        KgError: no entity has that name; the message suggests the nearest names.

    >>> G = _example_graph()
    >>> find_entity(G, "erdogan")["label"], find_entity(G, "Türkiye")["id"]
    ('Recep Tayyip Erdoğan', 'turkey')
    >>> find_entity(G, "Erdogn")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: no entity named 'Erdogn'; did you mean 'Erdogan', 'Erdoğan'?
    """
    match = _Matcher(G, name)
    for row in entity_rows(G, type=type):
        if match(row["id"]):
            return row
    raise _no_entity(G, name, type)


def fact_rows(G: nx.MultiDiGraph, *, subject: str | None = None, relation: str | None = None,
              object: str | None = None, entity: str | None = None,
              since: str | int | dt.date | None = None,
              until: str | int | dt.date | None = None) -> list[dict]:
    """Facts as dicts, oldest first (undated last), filtered by entity, relation and date.

    ``subject``/``object`` are node ids or any alias (case and accents ignored); ``entity``
    is either side. ``relation`` is an event type (``meet``), a verb lemma, or a predicate as
    written in a sentence (``met``, ``held talks with``). ``since`` and ``until`` are years
    (``2019``), dates, or strings such as ``2020-03``, ``2020-03-05`` or ``March 2019``,
    compared with each sentence's date at the coarser precision; a fact is kept when one of
    its dates is in range. Symmetric facts (``meet``) match either way round, with the
    asked-for entity as subject. Each row has ``subject``, ``relation``, ``object``,
    ``dates``, ``articles`` (ids), ``sentences`` (count), ``predicates``, ``negated``,
    ``subject_id``, ``object_id`` and ``evidence`` (a list).

    Raises:
        KgError: a name no entity has, a relation no fact has, or a date it can't read.

    >>> G = _example_graph()
    >>> [f["subject"] for f in fact_rows(G, object="erdogan", since="March 2020")]
    ['Vladimir Putin']
    >>> [f["object"] for f in fact_rows(G, entity="Putin", relation="met", until=2021)]
    ['Recep Tayyip Erdoğan']
    >>> fact_rows(G, subject="Erdogan", until=dt.date(2019, 12, 31))
    []
    >>> fact_rows(G, relation="visited")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: no fact has the relation 'visited'; relations here: meet
    """
    since, until = as_date(since, "since"), as_date(until, "until")
    matchers = {}
    for role, name in (("subject", subject), ("object", object), ("entity", entity)):
        if name is not None:
            matchers[role] = _Matcher(G, name)
            if not any(map(matchers[role], G)):
                raise _no_entity(G, name, None)
    is_subject = matchers.get("subject", _anything)
    is_object = matchers.get("object", _anything)
    either = matchers.get("entity")
    wanted = _relation_filter(G, relation) if relation else None
    rows = []
    for u, v, key, data in G.edges(keys=True, data=True):
        if wanted and not wanted(key, data):
            continue
        pairs = [(u, v), (v, u)] if data.get("symmetric") else [(u, v)]
        pair = next(((a, b) for a, b in pairs if is_subject(a) and is_object(b)
                     and (either is None or either(a) or either(b))), None)
        if either and pair and not either(pair[0]) and data.get("symmetric"):
            pair = (pair[1], pair[0])  # the asked-for entity as subject
        evidence = data.get("evidence", [])
        dates = sorted({e["date"] for e in evidence if e.get("date")})
        if pair is None or (since or until) and not any(_in_range(d, since, until) for d in dates):
            continue
        a, b = pair
        rows.append({"subject": G.nodes[a].get("label", a), "relation": key,
                     "object": G.nodes[b].get("label", b), "dates": dates,
                     "articles": sorted({e["article"] for e in evidence}), "sentences": len(evidence),
                     "predicates": sorted({e["predicate"] for e in evidence if e.get("predicate")}),
                     "negated": bool(data.get("negated")), "subject_id": a, "object_id": b,
                     "evidence": evidence})
    # dated facts first, oldest first; undated ones (no date in the sentence or article) last
    return sorted(rows, key=lambda r: (not r["dates"], r["dates"][:1], r["subject"], r["relation"],
                                       r["object"]))


def as_date(value: str | int | dt.date | None, name: str = "date") -> str | None:
    """An ISO date prefix (``2019``, ``2019-03`` or ``2019-03-05``) for a date filter.

    >>> as_date(2019), as_date(dt.date(2019, 3, 5)), as_date("March 2019"), as_date("5 Mar 2019")
    ('2019', '2019-03-05', '2019-03', '2019-03-05')
    >>> as_date("soon", "since")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: since: can't read 'soon' as a date (try 2019, '2019-03', '2019-03-05' or 'March 2019')
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise KgError(BAD_DATE.format(name=name, value=value))
    if isinstance(value, int):
        return f"{value:04d}"
    if isinstance(value, dt.date):  # datetime is a date too
        return value.isoformat()[:10]
    text = str(value).strip()
    if _ISO.fullmatch(text):
        return text
    from dateparser.date import DateDataParser  # slow to import; only for written-out dates

    data = DateDataParser(languages=["en"]).get_date_data(text)
    if data.date_obj is None:
        raise KgError(BAD_DATE.format(name=name, value=text))
    return data.date_obj.date().isoformat()[:_PRECISION.get(data.period, 10)]


class _Matcher:
    """Is a node called ``name``? Its id, label or an alias, folded; for a country name,
    any node with that country's ISO code (``Türkiye``, ``Turkey``, ``the Republic of Turkey``)."""

    def __init__(self, G: nx.MultiDiGraph, name: str):
        from kg.resolve.places import find_country

        self.G, self.name, self.folded = G, name, fold(name)
        self.country = find_country(name)
        self._find_country = find_country

    def __call__(self, node) -> bool:
        if node == self.name:
            return True
        data = self.G.nodes[node]
        names = [data.get("label", "")] + list(data.get("aliases", []))
        if self.folded in {fold(a) for a in names}:
            return True
        return bool(self.country) and data.get("type") == "GPE" \
            and any(self._find_country(a) == self.country for a in names)


def _anything(node) -> bool:
    return True


def _relation_filter(G: nx.MultiDiGraph, relation: str):
    """A test for edges of ``relation``, named by its key (``meet``), by the event type its
    words normalize to (``hold talks with``), or by a predicate some fact was written with
    (``met``: every ``meet`` fact, whatever its wording). Raises with the relations there are
    when none fits (an event type with no fact is an answer, "no visits", and never raises)."""
    from kg.extract.relations import EVENT_TYPES, normalize_relation

    asked = " ".join(relation.lower().split())
    words = asked.split()
    event = normalize_relation(words[0], prep=words[-1] if len(words) > 1 else None)
    keys = {k for _, _, k in G.edges(keys=True)}
    wanted = {asked, event} & (keys | EVENT_TYPES)
    wanted |= {k for _, _, k, d in G.edges(keys=True, data=True)
               if asked in {" ".join(p.lower().split()) for p in d.get("predicates") or ()}}
    if not wanted:
        close = difflib.get_close_matches(asked, sorted(keys), n=_SUGGESTIONS)
        listed = sorted(keys)[:12]
        hint = (f"; did you mean {_quoted(close)}?" if close
                else f"; relations here: {', '.join(listed)}" + (", …" if len(keys) > 12 else ""))
        raise KgError(NO_RELATION.format(relation=relation) + hint)
    return lambda key, data: key in wanted


def _no_entity(G: nx.MultiDiGraph, name: str, type: str | None) -> KgError:
    names = {a for _, d in G.nodes(data=True) if type is None or d.get("type") == type.upper()
             for a in [d.get("label", "")] + list(d.get("aliases", []))}
    by_fold: dict[str, list[str]] = {}
    for a in sorted(names):
        by_fold.setdefault(fold(a), []).append(a)
    close = difflib.get_close_matches(fold(name), list(by_fold), n=_SUGGESTIONS, cutoff=0.75)
    message = NO_ENTITY.format(name=name, kind=f" of type {type.upper()}" if type else "")
    suggestions = [a for key in close for a in by_fold[key]][:_SUGGESTIONS]
    return KgError(message + (f"; did you mean {_quoted(suggestions)}?" if suggestions else ""))


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"'{n}'" for n in names)


def _in_range(date: str, since: str | None, until: str | None) -> bool:
    # Compare at the coarser precision, so "2020-03" is in range since "2020-03-05".
    return (not since or date >= since[:len(date)]) and (not until or date[:len(until)] <= until)


def _example_graph() -> nx.MultiDiGraph:
    """The small graph the examples here run on."""
    G = nx.MultiDiGraph()
    G.add_node("erdogan", label="Recep Tayyip Erdoğan", type="PERSON", aliases=["Erdoğan", "Erdogan"])
    G.add_node("putin", label="Vladimir Putin", type="PERSON", aliases=["Putin"])
    G.add_node("turkey", label="Turkey", type="GPE", aliases=["Turkey"])
    G.add_node("concept-talk", label="talks", type="CONCEPT", aliases=["talks"])
    G.add_edge("erdogan", "putin", key="meet", symmetric=True, negated=False, predicates=["met"],
               evidence=[{"article": "a1", "date": "2020-03-05", "sentence": "Erdoğan met Putin.",
                          "predicate": "met"}])
    return G
