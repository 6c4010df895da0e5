"""Definite descriptions ("the Turkish president", "the company") -> an entity of the article.

A person description joins the person whose title, written next to a name ("Turkish President
Recep Tayyip Erdoğan"), has the description's head noun and shares more of its other words than
anyone else's (a nationality it names must be in the title);
"the company"/"the party" and "the country" join the only organisation or country named in their
sentence and the one before.
"""

from __future__ import annotations

from kg.resolve.names import fold
from kg.resolve.places import find_demonym
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
    >>> putin = C(key=("person", ("putin",)), mentions=[], roles={"russian", "president"})
    >>> describe(m("the Turkish president"), [(m("y"), putin)]), describe(m("the president"), [(m("x"), erdogan), (m("y"), putin)])
    (None, None)
    >>> putin.roles = {"president"}  # no nationality written: it can't tell them apart
    >>> describe(m("the Turkish president"), [(m("x"), erdogan), (m("y"), putin)]) is erdogan
    True
    """
    words = fold(ref.text).split()[1:]  # drop "the"
    if not words:
        return None
    head, modifiers = words[-1], set(words[:-1])
    if head in _ORG_NOUNS or head == "country":
        # the one country (organisation) of this sentence and the one before, else unclear
        kind = "country" if head == "country" else "name"
        near = sorted({m.sentence for m, _ in before if m.sentence <= ref.sentence})[-2:]
        cands = {id(c): c for m, c in before if c.key[0] == kind and m.sentence in near and (
            kind == "country" or any(n.label == "ORG" for n in c.mentions))}
        return next(iter(cands.values())) if len(cands) == 1 else None
    nationality = {w for w in modifiers if find_demonym(w)}
    scores: dict[int, tuple[int, object]] = {}
    # each cluster once, not once per mention: a long article names its people many times
    for cluster in {id(c): c for _, c in before}.values():
        if cluster.key[0] == "person" and head in cluster.roles:
            theirs = {w for w in cluster.roles if find_demonym(w)}
            if nationality and theirs and not nationality & theirs:
                continue  # "the Turkish president" is not "Russian President Putin"
            scores[id(cluster)] = (len(modifiers & cluster.roles), cluster)
    if not scores:
        return None
    ranked = sorted(scores.values(), key=lambda sc: -sc[0])
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None  # two presidents fit as well: unclear
    return ranked[0][1]
