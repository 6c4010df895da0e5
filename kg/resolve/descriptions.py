"""Definite descriptions ("the Turkish president", "the company") -> an entity of the article.

A person description joins the person whose title, written next to a name ("Turkish President
Recep Tayyip Erdoğan"), has the description's head noun and shares most of its other words;
"the company"/"the party" join the latest organisation, "the country" the latest country.
"""

from __future__ import annotations

from kg.resolve.names import fold
from kg.types import Mention

__all__ = ["describe"]

_ORG_NOUNS = frozenset({"company", "firm", "group", "bank", "club", "team", "party"})


def describe(ref: Mention, before: list) -> object | None:
    """The cluster a description names, from the ``(mention, cluster)`` pairs before it.

    Clusters need ``key`` (``("person", tokens)``, ``("country", code)``, ``("name", ...)``),
    ``mentions`` and ``roles`` (the folded words written around the names).

    >>> from types import SimpleNamespace as C
    >>> erdogan = C(key=("person", ("erdogan",)), mentions=[], roles={"turkish", "president"})
    >>> peskov = C(key=("person", ("peskov",)), mentions=[], roles={"kremlin", "spokesman"})
    >>> m = lambda text: Mention("a", 0, len(text), text, "DESC")
    >>> describe(m("the Turkish president"), [(m("x"), erdogan), (m("y"), peskov)]) is erdogan
    True
    """
    words = fold(ref.text).split()[1:]  # drop "the"
    if not words:
        return None
    head, modifiers = words[-1], set(words[:-1])
    if head in _ORG_NOUNS or head == "country":
        kind = "country" if head == "country" else "name"
        cands = [c for _, c in before if c.key[0] == kind and (kind == "country" or any(
            m.label == "ORG" for m in c.mentions))]
        return cands[-1] if cands else None
    best, best_score = None, -1
    for _, cluster in before:  # later mentions win ties: recency
        if cluster.key[0] == "person" and head in cluster.roles:
            score = len(modifiers & cluster.roles)
            if score >= best_score:
                best, best_score = cluster, score
    return best
