"""Definite descriptions ("the Turkish president", "the company") -> an entity of the article.

A person description joins the person whose title, written next to a name ("Turkish President
Recep Tayyip Erdoğan"), has the description's head noun and shares more of its other words than
anyone else's (a nationality it names must be in the title);
"the company"/"the party" and "the country" join the only organisation or country named in their
sentence and the one before.
"""

from __future__ import annotations

from kg.resolve.names import fold
from kg.resolve.places import find_city, find_country, find_demonym
from kg.types import Mention

__all__ = ["describe", "government_of", "noun_kind", "compatible_kind"]

_ORG_NOUNS = frozenset({"company", "firm", "group", "bank", "club", "team", "party"})
# Nouns that stand for a town or city the article named ("the capital", "the coastal resort").
PLACE_NOUNS = frozenset({"city", "capital", "town", "resort", "village"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_GOVERNMENT_NOUNS = frozenset({"government", "administration", "cabinet", "regime"})
_RECENT_SENTENCES = 3  # a person description looks back this many sentences (its own included)
# "The company" / "the city" fall back on what the article named in this many sentences: a
# bound, so a long article's cost stays linear (and page ten's "city" is not page one's).
_ARTICLE_WINDOW = 12


def noun_kind(head: str) -> str:
    """What kind of entity a description's head noun names: person, org, country, government
    or place (a town or city).

    >>> noun_kind("president"), noun_kind("firm"), noun_kind("government"), noun_kind("capital")
    ('person', 'org', 'government', 'place')
    """
    if head in _GOVERNMENT_NOUNS:
        return "government"
    if head in PLACE_NOUNS:
        return "place"
    if head == "country":
        return "country"
    return "org" if head in _ORG_NOUNS else "person"


def compatible_kind(ref: Mention, cluster) -> bool:
    """Can the description ``ref`` name ``cluster`` at all (its kind, and the proper names it
    is written with: "the Labour party" is no organisation whose name lacks "Labour")?

    >>> from types import SimpleNamespace as C
    >>> care = C(key=("name", "care international"), mentions=[Mention("a", 0, 4, "Care International", "ORG")], roles=set())
    >>> d = lambda text: Mention("a", 50, 50 + len(text), text, "DESC")
    >>> compatible_kind(d("the charity group"), care), compatible_kind(d("the Labour party"), care)
    (True, False)
    """
    words = ref.text.split()[1:]
    if not words:
        return False
    kind = noun_kind(fold(words[-1]))
    key = cluster.key[0]
    if kind == "person" and key != "person":
        return False
    if kind == "country" and key != "country":
        return False
    if kind == "org" and not (key == "name" and any(n.label == "ORG" for n in cluster.mentions)):
        return False
    if kind == "government":
        return key == "government"
    if kind == "place" and not _is_town(cluster):
        return False
    names = {w for n in cluster.mentions for w in fold(n.text).split()} | set(getattr(cluster, "roles", ()))
    # a place written before the noun says where it is, not what it is called ("the Amsterdam
    # club"); any other proper word must be in its names ("the Labour party")
    proper = [fold(w) for w in words[:-1] if w[:1].isupper() and not find_demonym(w) and not find_country(w)
              and not (kind == "org" and find_city(w))]
    return all(p in names for p in proper)


def _is_town(cluster) -> bool:
    """A named place that is no country: a GPE/LOC name ("Nairobi", "Blackpool")."""
    return cluster.key[0] == "name" and any(m.label in _PLACE_LABELS for m in cluster.mentions)


def government_of(ref: Mention, countries: list[tuple[Mention, str]]) -> str | None:
    """The ISO code of the country whose government "the [British] government" is: the one its
    words name, else the only country the article named before it; None when unsure.

    >>> m = lambda text, start=50: Mention("a", start, start + len(text), text, "DESC")
    >>> government_of(m("the British government"), []), government_of(m("the company"), [])
    ('GB', None)
    >>> government_of(m("the government"), [(m("Kenya", 0), "KE")]), government_of(m("the government"), [(m("Kenya", 0), "KE"), (m("Sudan", 9), "SD")])
    ('KE', None)
    """
    words = fold(ref.text).split()
    if len(words) < 2 or words[-1] != "government":
        return None
    for word in words[1:-1]:
        if (code := find_demonym(word) or find_country(word)) is not None:
            return code
    named = {code for _, code in countries}
    return named.pop() if len(named) == 1 else None


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
        kind = "country" if head == "country" else "name"
        # "the party" after "the Labour Party": the one entity the article named with that noun
        named = {id(c): c for m, c in before if c.key[0] == kind and head in fold(m.text).split()
                 and compatible_kind(ref, c)}
        if len(named) == 1:
            return next(iter(named.values()))
        # else the one country (organisation) of this sentence and the one before, else unclear;
        # an "organisation" named like a city is the town's club or council, not "the party"
        near = sorted({m.sentence for m, _ in before if m.sentence <= ref.sentence})[-2:]
        cands = {id(c): c for m, c in before if c.key[0] == kind and m.sentence in near and (
            kind == "country" or (any(n.label == "ORG" for n in c.mentions)
                                  and not any(find_city(n.text) for n in c.mentions)))
            and compatible_kind(ref, c)}
        if len(cands) > 1 and kind == "name":
            return _protagonist(list(cands.values()), _recent(before, _ARTICLE_WINDOW))
        return next(iter(cands.values())) if len(cands) == 1 else None
    if head in PLACE_NOUNS:
        return _town(ref, before)
    if head in _GOVERNMENT_NOUNS:
        return None  # a government is never a person (see government_of)
    nationality = {w for w in modifiers if find_demonym(w)}
    recent = set(sorted({m.sentence for m, _ in before if m.sentence <= ref.sentence})[-_RECENT_SENTENCES:])
    scores: dict[int, tuple[int, object]] = {}
    # each cluster once, not once per mention: a long article names its people many times;
    # it must be named in the last few sentences
    near_clusters = {id(c): c for m, c in before if m.sentence in recent}
    for cluster in near_clusters.values():
        if cluster.key[0] == "person" and head in cluster.roles and compatible_kind(ref, cluster):
            theirs = {w for w in cluster.roles if find_demonym(w)}
            if nationality and theirs and not nationality & theirs:
                continue  # "the Turkish president" is not "Russian President Putin"
            qualifiers = modifiers - nationality  # a nationality was checked just above
            if qualifiers and not qualifiers & cluster.roles:
                continue  # "the prime minister" is not "welfare minister Frank Field"
            scores[id(cluster)] = (len(modifiers & cluster.roles), cluster)
    if not scores:
        return None
    ranked = sorted(scores.values(), key=lambda sc: -sc[0])
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None  # two presidents fit as well: unclear
    return ranked[0][1]


def _protagonist(cands: list, before: list) -> object | None:
    """Of several organisations near "the company", the one the article is about: named at
    least three times in ``before`` (its recent sentences) and more than twice as often as any other near one ("WPP ...
    WPP's profits ... the Olympics ... The company said": WPP); else unclear.

    >>> from types import SimpleNamespace as C
    >>> wpp, games = C(key=("name", "wpp")), C(key=("name", "olympics"))
    >>> m = lambda: Mention("a", 0, 1, "x", "ORG")
    >>> _protagonist([wpp, games], [(m(), wpp)] * 3 + [(m(), games)]) is wpp
    True
    >>> _protagonist([wpp, games], [(m(), wpp)] * 3 + [(m(), games)] * 2)
    """
    uses = {id(c): sum(1 for _, other in before if other is c) for c in cands}
    ranked = sorted(cands, key=lambda c: -uses[id(c)])
    best, runner_up = uses[id(ranked[0])], uses[id(ranked[1])]
    return ranked[0] if best >= 3 and best > 2 * runner_up else None


def _town(ref: Mention, before: list) -> object | None:
    """"The city" / "the capital": the one town or city (a GPE/LOC that is no country) named
    before it in its sentence; else in its sentence and the one before; else the only one the
    article named in the ``_ARTICLE_WINDOW`` sentences before it. Two at the first level that names any is unclear ("He flew from
    Miami to Paris. The city ...": no link).

    >>> from types import SimpleNamespace as C
    >>> town = lambda name: C(key=("name", name.lower()), mentions=[Mention("a", 0, 1, name, "GPE")])
    >>> paris, miami = town("Paris"), town("Miami")
    >>> at = lambda c, s: (Mention("a", s, s + 1, c.mentions[0].text, "GPE", (s, s + 1)), c)
    >>> ref = Mention("a", 90, 98, "the city", "DESC", (90, 99))
    >>> _town(ref, [at(paris, 10)]) is paris, _town(ref, [at(miami, 40), at(paris, 50)])
    (True, None)
    """
    window = _recent(before, _ARTICLE_WINDOW)
    towns = [(m, c) for m, c in window if m.label not in ("PRON", "DESC") and _is_town(c)]
    near = sorted({m.sentence for m, _ in window if m.sentence <= ref.sentence})[-2:]
    for pool in ([(m, c) for m, c in towns if m.sentence == ref.sentence],
                 [(m, c) for m, c in towns if m.sentence in near], towns):
        distinct = {id(c): c for _, c in pool}
        if len(distinct) == 1:
            return next(iter(distinct.values()))
        if distinct:
            return None
    return None


def _recent(before: list, sentences: int) -> list:
    """The pairs of ``before`` (text order) in its last ``sentences`` sentences, found walking
    back from the end, so the cost is the window's, not the article's.

    >>> at = lambda s: (Mention("a", s, s + 1, "x", "ORG", (s, s + 1)), None)
    >>> [m.start for m, _ in _recent([at(0), at(5), at(5), at(9)], 2)]
    [5, 5, 9]
    """
    seen: set = set()
    out = []
    for m, c in reversed(before):
        if m.sentence not in seen:
            if len(seen) == sentences:
                break
            seen.add(m.sentence)
        out.append((m, c))
    return out[::-1]
