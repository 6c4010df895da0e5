"""Merge stage: facts + resolution -> one networkx MultiDiGraph.

One node per resolved entity (``label``, ``type``, ``aliases``, ...), one edge per
(subject, relation, object) keyed by the relation, carrying every supporting sentence in
``evidence``. Symmetric events (``meet``) are stored once, from the lower node id to the
higher, whatever the word order. Merging the same article twice adds nothing.

>>> from kg.types import Article, ArticleFacts, Entity, Fact, Mention, Resolution
>>> a = Article("a1", "Erdoğan met Putin.", date="2020-03-05")
>>> e, p = Mention("a1", 0, 7, "Erdoğan", "PERSON"), Mention("a1", 12, 17, "Putin", "PERSON")
>>> f = Fact("a1", p, "meet", e, "met", (0, 18), date="2020-03-05")
>>> r = Resolution({("a1", 0, 7): "erdogan", ("a1", 12, 17): "putin"},
...                {"erdogan": Entity("erdogan", "Erdoğan", "PERSON", ["Erdoğan"]),
...                 "putin": Entity("putin", "Putin", "PERSON", ["Putin"])})
>>> G = merge_facts([ArticleFacts(a, [e, p], [f])], r)
>>> [(u, k, v) for u, v, k in G.edges(keys=True)]
[('erdogan', 'meet', 'putin')]
>>> G.edges["erdogan", "putin", "meet"]["evidence"][0]["sentence"]
'Erdoğan met Putin.'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields

import networkx as nx

from kg.extract.relation_table import fits
from kg.extract.relations import SYMMETRIC_RELATIONS
from kg.types import ArticleFacts, Entity, Fact, MergeReason, Resolution


def merge_facts(articles: Iterable[ArticleFacts], resolution: Resolution,
                graph: nx.MultiDiGraph | None = None) -> nx.MultiDiGraph:
    """Add the articles' entities and facts to ``graph`` (a new one by default) and return it."""
    G = graph if graph is not None else nx.MultiDiGraph()
    known = G.graph.setdefault("articles", {})
    for article_facts in articles:
        article = article_facts.article
        if article.id in known:
            continue  # already merged: adding it again must add nothing
        known[article.id] = {"title": article.title, "date": article.date, "url": article.url,
                             "source": article.source}
        if article.original_id:  # the id as written, when read made it safe
            known[article.id]["original_id"] = article.original_id
        phrases = [m for m in article_facts.mentions if m.label == "CONCEPT"]
        for mention in article_facts.mentions:
            node = resolution.node(mention)
            if node is not None and mention.label != "CONCEPT":
                _add_node(G, resolution.entities[node])
                G.nodes[node]["mentions"] = G.nodes[node].get("mentions", 0) + 1
        for fact in article_facts.facts:
            _add_fact(G, article_facts, fact, resolution)
        for mention in phrases:  # a phrase is a node through its facts, never on its own
            node = resolution.node(mention)
            if node is not None and node in G:
                G.nodes[node]["mentions"] = G.nodes[node].get("mentions", 0) + 1
    return G


_REASON_FIELDS = tuple(f.name for f in fields(MergeReason))


def _add_node(G: nx.MultiDiGraph, entity: Entity) -> None:
    attrs = {"label": entity.label, "type": entity.type, "aliases": list(entity.aliases)}
    if entity.reasons:
        # asdict would deep-copy each field: they are strings and a float
        attrs["merged"] = [{name: getattr(reason, name) for name in _REASON_FIELDS} for reason in entity.reasons]
    if entity.same_as:
        attrs["same_as"] = list(entity.same_as)
    if entity.related:
        attrs["related"] = [list(pair) for pair in entity.related]
    if entity.attributes:
        attrs["attributes"] = {k: list(v) for k, v in entity.attributes.items()}
    G.add_node(entity.id, **attrs)


def _add_fact(G: nx.MultiDiGraph, article_facts: ArticleFacts, fact: Fact,
              resolution: Resolution) -> None:
    source, target = resolution.node(fact.subject), resolution.node(fact.object)
    if source is None or target is None or source == target:
        return  # an unresolved pronoun, or a fact of an entity about itself
    if not fits(fact.relation, *(resolution.entities[node].type if mention.label in ("PRON", "DESC")
                                 else mention.label for node, mention in ((source, fact.subject),
                                                                          (target, fact.object)))):
        return  # "it runs Acme", where "it" turned out to be a company: a pronoun's type, now known
    target = _state_of(fact, target, resolution)
    for node in (source, target):
        if node not in G:
            _add_node(G, resolution.entities[node])
    symmetric = fact.relation in SYMMETRIC_RELATIONS
    if symmetric and target < source:
        source, target = target, source
    text = article_facts.article.text
    evidence = {
        "article": fact.article, "sentence": text[fact.sentence[0]:fact.sentence[1]],
        "start": fact.sentence[0], "end": fact.sentence[1], "date": fact.date,
        "date_source": fact.date_source, "predicate": fact.predicate,
        "subject": fact.subject.text, "object": fact.object.text,
        "negated": fact.negated, "modality": fact.modality, "attribution": fact.attribution,
        "place": fact.place, "confidence": round(fact.confidence, 3), "pattern": fact.pattern,
        "date_precision": fact.date_precision, "role": fact.role,
    }
    for phrase in (source, target):  # "his claims" -> "Michael Ancram's claim" -about-> him
        owner = resolution.possessors.get(phrase)
        if owner is not None and owner not in (source, target):
            _add_about(G, phrase, owner, resolution, evidence)
    if G.has_edge(source, target, key=fact.relation):
        data = G.edges[source, target, fact.relation]
        if any(_same_evidence(old, evidence) for old in data["evidence"]):
            return
        data["evidence"].append(evidence)
    else:
        G.add_edge(source, target, key=fact.relation, relation=fact.relation,
                   symmetric=symmetric, evidence=[evidence])
        data = G.edges[source, target, fact.relation]
    _summarize(data)


def _add_about(G: nx.MultiDiGraph, phrase: str, owner: str, resolution: Resolution,
               evidence: dict) -> None:
    """The ``about`` link from a phrase to the entity its possessive pronoun names."""
    if owner not in G:
        _add_node(G, resolution.entities[owner])
    about = dict(evidence, predicate="about", pattern="about", negated=False, modality=None,
                 attribution=None, role=None, confidence=1.0)
    if G.has_edge(phrase, owner, key="about"):
        data = G.edges[phrase, owner, "about"]
        if not any(_same_evidence(old, about) for old in data["evidence"]):
            data["evidence"].append(about)
    else:
        G.add_edge(phrase, owner, key="about", relation="about", symmetric=False, evidence=[about])
        data = G.edges[phrase, owner, "about"]
    _summarize(data)


def _state_of(fact: Fact, target: str, resolution: Resolution) -> str:
    """``Turkish President Erdoğan``: an office named by a demonym serves the country itself,
    so ``work_for``/``member_of`` point at the demonym's country node when there is one."""
    if fact.relation not in ("work_for", "member_of"):
        return target
    entity = resolution.entities.get(target)
    country = next((other for kind, other in (entity.related if entity else ())
                    if kind == "nationality"), None)
    return country if country in resolution.entities else target


def _same_evidence(a: dict, b: dict) -> bool:
    return (a["article"], a["start"], a["predicate"], a["negated"]) == \
        (b["article"], b["start"], b["predicate"], b["negated"])


def _summarize(data: dict) -> None:
    """Edge-level fields derived from the evidence, for filters and styling."""
    evidence = data["evidence"]
    data["predicates"] = sorted({e["predicate"] for e in evidence})
    data["articles"] = len({e["article"] for e in evidence})
    data["weight"] = len(evidence)
    data["negated"] = all(e["negated"] for e in evidence)
    # Dates the sentences name come first; the articles' own dates are only a fallback, and
    # ``date_source`` says which one first_date/last_date are.
    named = sorted(e["date"] for e in evidence if e["date"] and e.get("date_source") == "text")
    dates = named or sorted(e["date"] for e in evidence if e["date"])
    data["first_date"], data["last_date"] = (dates[0], dates[-1]) if dates else (None, None)
    data["date_source"] = "text" if named else "article" if dates else None
