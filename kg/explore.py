"""Looking into a graph: entity and fact rows, DataFrames, what kg reads from its inputs and
what the extractors find in one sentence.

Flat functions over the networkx graph that :meth:`kg.KnowledgeGraph.to_networkx` returns, so
they also work on a graph read back from graph.json. ``KnowledgeGraph.entities`` and
``.facts`` call them; :func:`to_dataframe` turns any of their rows into a pandas DataFrame.

>>> G = _example_graph()
>>> [(f["subject"], f["object"], f["dates"]) for f in fact_rows(G, subject="Putin")]
[('Vladimir Putin', 'Recep Tayyip Erdoğan', ['2020-03-05'])]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx

from kg.errors import NO_ENTITY, InputError, KgError
from kg.extract import DEFAULT_EXTRACTORS
from kg.read import SUFFIXES, read_articles, text_article
from kg.resolve.names import fold
from kg.types import Article

Input = str | Path | Article

__all__ = ["read_inputs", "entity_rows", "find_entity", "fact_rows", "to_dataframe", "extract_sentence"]

# Fact columns repeated on each evidence row of to_dataframe(..., evidence=True).
_FACT_KEYS = ("subject", "relation", "object", "subject_id", "object_id")


def read_inputs(inputs: Input | Iterable[Input], *,
                on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """The articles ``kg.build`` reads from ``inputs``: paths (files or folders), article
    text, or :class:`~kg.types.Article` objects, so you can check ids and dates first.

    A string with a line break, or with spaces and no look of a path, is an article's text;
    its id is a digest of the text, so adding it twice adds nothing.

    >>> [(a.id, a.date) for a in read_inputs("date 2020-03-05 Erdoğan met Putin.")]
    [('text-18048c3538', '2020-03-05')]
    """
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, str) and _is_text(item):
            yield text_article(item)
        else:
            yield from read_articles([item], on_error=on_error)


def _is_text(item: str) -> bool:
    # a typo'd folder name must fail as a missing path, not become an article
    looks_like_path = item.endswith(("/", "\\")) or Path(item).suffix.lower() in SUFFIXES
    return "\n" in item or " " in item.strip() and not looks_like_path and not Path(item).exists()


def entity_rows(G: nx.MultiDiGraph, *, type: str | None = None) -> list[dict]:
    """Entities (``id``, ``label``, ``type``, ``aliases``, ``facts``, ``mentions``), most
    connected first; ``type`` is a spaCy label such as ``PERSON`` or ``GPE``, in any case.

    >>> G = _example_graph()
    >>> [(e["id"], e["facts"]) for e in entity_rows(G, type="person")]
    [('erdogan', 1), ('putin', 1)]
    """
    rows = [{"id": n, "label": d.get("label", n), "type": d.get("type"),
             "aliases": d.get("aliases", []), "facts": G.degree(n), "mentions": d.get("mentions", 0)}
            for n, d in G.nodes(data=True) if type is None or d.get("type") == type.upper()]
    return sorted(rows, key=lambda r: (-r["facts"], -r["mentions"], r["id"]))


def find_entity(G: nx.MultiDiGraph, name: str, *, type: str | None = None) -> dict:
    """The most connected entity whose id, label or alias is ``name`` (case and accents
    ignored), as a row of :func:`entity_rows`; its ``id`` is the networkx node.

    Raises:
        KgError: no entity has that name.

    >>> G = _example_graph()
    >>> find_entity(G, "erdogan")["label"]
    'Recep Tayyip Erdoğan'
    >>> find_entity(G, "Xi", type="PERSON")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: no entity named 'Xi' of type PERSON
    """
    for row in entity_rows(G, type=type):
        if _matches(G, row["id"], name):
            return row
    raise KgError(NO_ENTITY.format(name=name, kind=f" of type {type.upper()}" if type else ""))


def fact_rows(G: nx.MultiDiGraph, *, subject: str | None = None, relation: str | None = None,
              object: str | None = None, since: str | None = None,
              until: str | None = None) -> list[dict]:
    """Facts as dicts, oldest first (undated last), filtered by entity, relation and date.

    ``subject``/``object`` are node ids or any alias (case and accents ignored). ``since`` and
    ``until`` are ISO dates (``2020``, ``2020-03``, ``2020-03-05``) compared with each
    sentence's date; a fact is kept when one of them is in range. Symmetric facts (``meet``)
    match either way round, with the asked-for entity as subject. Each row has ``subject``,
    ``relation``, ``object``, ``dates``, ``articles`` (ids), ``sentences`` (count),
    ``predicates``, ``negated``, ``subject_id``, ``object_id`` and ``evidence`` (a list).

    >>> G = _example_graph()
    >>> [f["subject"] for f in fact_rows(G, object="erdogan", since="2020-03")]
    ['Vladimir Putin']
    >>> fact_rows(G, subject="Erdogan", until="2019")
    []
    """
    rows = []
    for u, v, key, data in G.edges(keys=True, data=True):
        if relation and key != relation:
            continue
        pairs = [(u, v), (v, u)] if data.get("symmetric") else [(u, v)]
        pair = next(((a, b) for a, b in pairs if _matches(G, a, subject) and _matches(G, b, object)), None)
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


def to_dataframe(rows, *, evidence: bool = False, columns: Iterable[str] | None = None):
    """A pandas DataFrame of entity, fact or evidence rows, or of a query result.

    Fact rows lose their ``evidence`` lists (the ``sentences`` column counts them); with
    ``evidence=True`` each supporting sentence becomes a row of its own, next to its fact's
    subject, relation and object, which answers "who, when, and which article says so"
    (the arguments as the sentence writes them are ``subject_text`` and ``object_text``).

    Args:
        rows: what :meth:`~kg.KnowledgeGraph.entities`, ``.facts``, ``.evidence`` or
            ``.query`` return.
        evidence: one row per supporting sentence (fact rows only).
        columns: keep these columns, in this order (also when there are no rows, so a
            notebook cell that picks columns works on an empty answer too).

    >>> G = _example_graph()
    >>> to_dataframe(fact_rows(G))[["subject", "relation", "object", "sentences"]].values.tolist()
    [['Recep Tayyip Erdoğan', 'meet', 'Vladimir Putin', 1]]
    >>> to_dataframe(fact_rows(G), evidence=True, columns=["object", "date", "article"]).values.tolist()
    [['Vladimir Putin', '2020-03-05', 'a1']]
    >>> list(to_dataframe([], columns=["object", "date"]).columns)
    ['object', 'date']
    """
    import pandas as pd

    if hasattr(rows, "to_dataframe"):  # a QueryResult
        frame = rows.to_dataframe()
    else:
        rows = list(rows)
        if evidence:
            rows = [{**{k: row[k] for k in _FACT_KEYS}, **_as_written(e)}
                    for row in rows for e in row["evidence"]]
        else:
            rows = [{k: v for k, v in row.items() if k != "evidence"} for row in rows]
        frame = pd.DataFrame(rows)
    return frame if columns is None else frame.reindex(columns=list(columns))


def extract_sentence(text: str, *, extractors: Iterable[str] = DEFAULT_EXTRACTORS) -> list[dict]:
    """What the extractors find in a sentence (or a paragraph), before entity linking.

    One dict per Open IE tuple: ``relation`` as written, its ``lemma``, ``arg1``, ``arg2``,
    ``extras`` (``[role, text]`` pairs), ``negated``, ``modality``, ``attribution``,
    ``confidence`` and the ``pattern`` that matched. Loads the English model on first use.

    >>> [(t["arg1"], t["lemma"], t["arg2"]) for t in extract_sentence("Erdoğan met Putin.")]  # doctest: +SKIP
    [('Erdoğan', 'meet', 'Putin')]
    """
    from kg.extract import extract_tuples
    from kg.parse import load_nlp

    doc = load_nlp()(text)
    rows = []
    for t in extract_tuples(doc, extractors=tuple(extractors)):
        rows.append({"sentence": text[t.sentence[0]:t.sentence[1]].strip(), "relation": t.relation,
                     "lemma": t.lemma, "arg1": t.arg1.text if t.arg1 else None,
                     "arg2": t.arg2.text if t.arg2 else None,
                     "extras": [[role, phrase.text] for role, phrase in t.extras],
                     "negated": t.negated, "modality": t.modality,
                     "attribution": t.attribution.text if t.attribution else None,
                     "confidence": t.confidence, "pattern": t.pattern})
    return rows


def _as_written(evidence: dict) -> dict:
    # An evidence dict's subject/object are the words of its sentence; renamed, so they don't
    # overwrite the fact's entity labels (a symmetric fact may be written the other way round).
    return {f"{k}_text" if k in ("subject", "object") else k: v for k, v in evidence.items()}


def _in_range(date: str, since: str | None, until: str | None) -> bool:
    # Compare at the coarser precision, so "2020-03" is in range since "2020-03-05".
    return (not since or date >= since[:len(date)]) and (not until or date[:len(until)] <= until)


def _matches(G: nx.MultiDiGraph, node: str, name: str | None) -> bool:
    if name is None or node == name:
        return True
    data = G.nodes[node]
    return fold(name) in {fold(a) for a in [data.get("label", "")] + list(data.get("aliases", []))}


def _example_graph() -> nx.MultiDiGraph:
    """The two-entity graph the examples here run on."""
    G = nx.MultiDiGraph()
    G.add_node("erdogan", label="Recep Tayyip Erdoğan", type="PERSON", aliases=["Erdoğan", "Erdogan"])
    G.add_node("putin", label="Vladimir Putin", type="PERSON", aliases=["Putin"])
    G.add_edge("erdogan", "putin", key="meet", symmetric=True, negated=False, evidence=[
        {"article": "a1", "date": "2020-03-05", "sentence": "Erdoğan met Putin.", "predicate": "met"}])
    return G
